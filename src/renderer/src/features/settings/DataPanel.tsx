/**
 * 设置 → 数据与计算 (metrics.md §5 end, §8): which source wins where a platform summary and computed events overlap,
 * how much chat text is kept, the daily recalculation, the watched folder, and the reconciliation of the two sources.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Radio,
  Row,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  ClockCircleOutlined,
  DownloadOutlined,
  FolderOpenOutlined,
  MessageOutlined,
  ReloadOutlined,
  SwapOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { AppSettings, ScheduleInfo } from '../../../../shared/api';
import type { ReconcileRow } from '../../../../shared/events-view';
import type { FileResult } from '../../../../shared/imports';
import { formatMetric, isMetricId, METRICS } from '../../../../shared/metrics';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';
import { useAppInfo } from '../../data/app-info';
import { DASH, PLATFORM_COLOR, formatFraction, formatMinute, metricDelta, platformZh } from '../../ui/format';
import { useMonths } from '../../data/use-months';
import { MonthPicker } from '../../ui/MonthPicker';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { RECONCILE_EXPORT_COLUMNS, reconcileExportRows } from './reconcile-export';

type Precedence = AppSettings['precedence'];
type MessageContent = AppSettings['message_content'];

function timeValue(hhmm: string): Dayjs {
  const [h, m] = hhmm.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
}

export function DataPanel(): ReactNode {
  const { message } = App.useApp();
  const query = useApiQuery('settings:get', {});
  const saveSettings = useApiMutation('settings:save');
  // a saved choice stays shown from the click until the settings are read again (they reload after the save),
  // instead of jumping back to the old value for a moment; a refused save drops it
  const [saved, setSaved] = useState<{ base: AppSettings | null; patch: Partial<AppSettings> }>({
    base: null,
    patch: {},
  });
  const settings = useMemo(
    () => (query.data && saved.base === query.data ? { ...query.data, ...saved.patch } : query.data),
    [query.data, saved],
  );
  const loadError = query.error?.message ?? null;
  const load = query.reload;
  const [saving, setSaving] = useState<keyof AppSettings | null>(null);

  /** Saves one setting; resolves with the server's error message, or null when saved. */
  const save = async (patch: Partial<AppSettings>, done: string): Promise<string | null> => {
    const field = Object.keys(patch)[0] as keyof AppSettings;
    setSaving(field);
    const base = query.data;
    setSaved((d) => ({ base, patch: d.base === base ? { ...d.patch, ...patch } : patch }));
    const r = await saveSettings(patch);
    setSaving(null);
    if (!r.ok) {
      setSaved({ base: null, patch: {} });
      message.error(r.error.message);
      return r.error.message;
    }
    message.success(done);
    return null;
  };

  if (!settings) {
    return loadError ? (
      <Alert
        type="error"
        showIcon
        title="读取设置失败"
        description={loadError}
        action={
          <Button size="small" onClick={() => void load()}>
            重试
          </Button>
        }
      />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  }

  return (
    <div data-testid="settings-data">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={
                <Space>
                  <SwapOutlined />
                  数据口径
                </Space>
              }
            >
              <div className="sd-muted sd-card-lead">
                同一账号、同一天，既导入了平台后台的汇总数据，又导入了聊天记录、评价明细时，用哪一个算指标：
              </div>
              <Radio.Group
                className="sd-radio-cards"
                value={settings.precedence}
                disabled={saving === 'precedence'}
                onChange={(e) => {
                  const v = e.target.value as Precedence;
                  void save(
                    { precedence: v },
                    v === 'summary'
                      ? '已改为平台汇总数据优先，指标已重新计算'
                      : '已改为明细计算优先，指标已重新计算',
                  );
                }}
                data-testid="precedence"
              >
                <Radio value="summary">
                  <div data-testid="precedence-summary">
                    <div className="sd-radio-title">
                      平台汇总数据优先 <Tag className="sd-mini-tag">默认</Tag>
                    </div>
                    <div className="sd-radio-desc">
                      平台考核以后台汇总为准。明细算出的数值只在下方“对账”中对照显示，用来发现导出遗漏或口径差异。
                    </div>
                  </div>
                </Radio>
                <Radio value="events">
                  <div data-testid="precedence-events">
                    <div className="sd-radio-title">明细计算优先</div>
                    <div className="sd-radio-desc">
                      按平台规则用聊天记录、评价明细逐条计算，汇总数据仅作对照。适合后台汇总有误、或合同口径与平台不同的情况。
                    </div>
                  </div>
                </Radio>
              </Radio.Group>
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  <MessageOutlined />
                  聊天内容保存
                </Space>
              }
            >
              <Radio.Group
                className="sd-radio-cards"
                value={settings.message_content}
                disabled={saving === 'message_content'}
                onChange={(e) => {
                  const v = e.target.value as MessageContent;
                  void save(
                    { message_content: v },
                    v === 'all' ? '今后导入的聊天记录将保存全部内容' : '今后只保存未达标轮次的聊天内容',
                  );
                }}
                data-testid="message-content"
              >
                <Radio value="all">
                  <div className="sd-radio-title">全部保存</div>
                  <div className="sd-radio-desc">
                    每条聊天的文字都保存在本机数据库，查明细时可以看到完整对话。
                  </div>
                </Radio>
                <Radio value="failing_only">
                  <div className="sd-radio-title">只保存未达标轮次的内容</div>
                  <div className="sd-radio-desc">
                    其他会话只保留时间和发送方，不保留文字，数据库更小。指标的计算不受影响。
                  </div>
                </Radio>
              </Radio.Group>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SchedulePanel />
            <WatchPanel
              folder={settings.watch_folder}
              saving={saving === 'watch_folder'}
              onSave={(folder) =>
                save({ watch_folder: folder }, folder ? `已开始监视文件夹 ${folder}` : '已停止监视文件夹')
              }
            />
          </Space>
        </Col>
      </Row>
      <ReconcilePanel precedence={settings.precedence} />
    </div>
  );
}

function SchedulePanel(): ReactNode {
  const { message } = App.useApp();
  const query = useApiQuery('schedule:info', {});
  const saveSchedule = useApiMutation('schedule:save');
  const runSchedule = useApiMutation('schedule:runNow');
  const info: ScheduleInfo | null = query.data;
  const error = query.error?.message ?? null;
  // the lead's edit; until they touch it, the stored time
  const [edited, setTime] = useState<Dayjs | null>(null);
  const time = edited ?? (info ? timeValue(info.time) : null);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState(false);

  const saveTime = async (): Promise<void> => {
    if (!time) return;
    setSaving(true);
    const r = await saveSchedule({ time: time.format('HH:mm') });
    setSaving(false);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    setTime(null);
    message.success(`已改为每天 ${r.data.time} 重新计算`);
  };

  const runNow = async (): Promise<void> => {
    setRunning(true);
    const r = await runSchedule({});
    setRunning(false);
    if (!r.ok) {
      message.error(`重算失败：${r.error.message}`);
      return;
    }
    message.success('已重新计算全部月份的数据');
  };

  const dirty = !!info && !!time && time.format('HH:mm') !== info.time;
  return (
    <Card
      size="small"
      title={
        <Space>
          <ClockCircleOutlined />
          定时重算
        </Space>
      }
      data-testid="schedule"
    >
      <div className="sd-muted sd-card-lead">
        平台数据会滞后修订（评价 D+2 才完整、售后一次解决率
        D+4）。每天定时重新计算一次：过了定稿日还没重新导入的日期会标为“需重新导入”，新的规则版本也会生效。错过的时间（电脑关机）会在下次打开时补算。
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title="读取重算计划失败"
          description={error}
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="sd-inline-form">
        <span>每天</span>
        <TimePicker
          format="HH:mm"
          value={time}
          onChange={(v) => setTime(v)}
          allowClear={false}
          minuteStep={5}
          showNow={false}
          needConfirm={false}
          style={{ width: 110 }}
          data-testid="schedule-time"
        />
        <span>（中国时间）</span>
        <Button
          type="primary"
          disabled={!dirty}
          loading={saving}
          onClick={() => void saveTime()}
          data-testid="schedule-save"
        >
          保存
        </Button>
      </div>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        styles={{ label: { width: 96 } }}
        items={[
          {
            key: 'last',
            label: '上次重算',
            children: (
              <span className="sd-num" data-testid="schedule-last">
                {info ? (info.last_run ? formatMinute(info.last_run) : '还没有运行过') : DASH}
              </span>
            ),
          },
          {
            key: 'next',
            label: '下次重算',
            children: (
              <span className="sd-num" data-testid="schedule-next">
                {info ? formatMinute(info.next_run) : DASH}
              </span>
            ),
          },
        ]}
      />
      <Button
        icon={<SyncOutlined />}
        loading={running}
        onClick={() => void runNow()}
        style={{ marginTop: 12 }}
        data-testid="schedule-run"
      >
        立即重算
      </Button>
    </Card>
  );
}

const STATUS_TAG: Record<FileResult['status'], ReactNode> = {
  imported: <Tag color="success">已导入</Tag>,
  skipped: <Tag>已跳过</Tag>,
  failed: <Tag color="error">失败</Tag>,
  previewed: <Tag color="blue">已预览</Tag>,
};

function WatchPanel({
  folder,
  saving,
  onSave,
}: {
  folder: string | null;
  saving: boolean;
  onSave: (folder: string | null) => Promise<string | null>;
}): ReactNode {
  const scanWatch = useApiMutation('watch:scan');
  const info = useAppInfo();
  const { message } = App.useApp();
  const [text, setText] = useState(folder ?? '');
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [results, setResults] = useState<FileResult[] | null>(null);

  const submit = async (value: string | null): Promise<void> => {
    setError(null);
    const failed = await onSave(value);
    if (failed !== null) {
      // the server says why (文件夹不存在…): keep it next to the input too
      setError(failed);
      return;
    }
    setResults(null);
    if (value === null) setText('');
  };

  const scan = async (): Promise<void> => {
    setScanning(true);
    const r = await scanWatch({});
    setScanning(false);
    if (!r.ok) {
      message.error(`扫描失败：${r.error.message}`);
      return;
    }
    setResults(r.data.files);
    const imported = r.data.files.filter((f) => f.status === 'imported').length;
    if (r.data.files.length === 0) message.info('没有发现新的文件');
    else message.success(`扫描了 ${r.data.files.length} 个新文件，导入 ${imported} 个`);
  };

  const trimmed = text.trim();
  return (
    <Card
      size="small"
      title={
        <Space>
          <FolderOpenOutlined />
          监视文件夹
        </Space>
      }
      extra={
        folder ? (
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            监视中
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>未设置</Tag>
        )
      }
      data-testid="watch"
    >
      <div className="sd-muted sd-card-lead">
        把平台后台的下载目录设为监视文件夹，新的 xlsx / xls / csv 文件会每 30
        秒自动导入一次（已导入过的文件不会重复导入）。
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onPressEnter={() => trimmed && void submit(trimmed)}
          placeholder={
            info?.host === 'electron' ? '例如 D:\\平台导出' : '粘贴文件夹的完整路径，例如 D:\\平台导出'
          }
          status={error ? 'error' : undefined}
          allowClear
          data-testid="watch-input"
        />
        <Button
          type="primary"
          loading={saving}
          disabled={!trimmed || trimmed === folder}
          onClick={() => void submit(trimmed)}
          data-testid="watch-save"
        >
          保存
        </Button>
        <Button disabled={!folder || saving} onClick={() => void submit(null)} data-testid="watch-clear">
          清除
        </Button>
      </Space.Compact>
      <div className="sd-muted" style={{ fontSize: 12, marginTop: 6 }}>
        {info?.host === 'web'
          ? '浏览器版无法弹出选择文件夹的窗口：请在资源管理器 / 访达的地址栏复制文件夹路径，粘贴到这里。'
          : '填写文件夹的完整路径（可从资源管理器 / 访达的地址栏复制）。'}
      </div>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="watch-error" />
      )}
      <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          icon={<ReloadOutlined />}
          loading={scanning}
          disabled={!folder}
          onClick={() => void scan()}
          data-testid="watch-scan"
        >
          立即扫描
        </Button>
        {folder && (
          <Typography.Text className="sd-ellipsis sd-muted" style={{ maxWidth: 360 }} title={folder}>
            当前：{folder}
          </Typography.Text>
        )}
      </div>
      {results && (
        <div style={{ marginTop: 12 }} data-testid="watch-results">
          {results.length === 0 ? (
            <div className="sd-muted">没有新的文件。刚写入不到 5 秒的文件会在下次扫描时导入。</div>
          ) : (
            <ul className="sd-scan-list">
              {results.map((f) => (
                <li key={f.file}>
                  {STATUS_TAG[f.status]}
                  <span className="sd-file-name">{f.file}</span>
                  {f.message && <span className="sd-file-sub">{f.message}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

function valueOf(metric: string, v: ReconcileRow['summary']): ReactNode {
  const id = isMetricId(metric) ? metric : null;
  const text = id
    ? formatMetric(id, v.value)
    : v.value === null
      ? DASH
      : v.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const frac =
    v.numerator !== null && v.denominator !== null ? formatFraction(v.numerator, v.denominator) : null;
  return (
    <div className="sd-num sd-rec-value">
      <span>{text}</span>
      {frac && <span className="sd-metric-frac">{frac}</span>}
    </div>
  );
}

function diffOf(r: ReconcileRow): { text: string; title: string; same: boolean } {
  if (!isMetricId(r.metric)) return { text: DASH, title: '', same: true };
  const d = metricDelta(r.metric, r.events.value, r.summary.value);
  if (!d) return { text: DASH, title: '有一方没有数值', same: false };
  const same = d.text === '持平';
  return {
    text: same ? '一致' : d.text.replace('▲ ', '+').replace('▼ ', '−'),
    title: same
      ? '两种来源的数值一致'
      : `明细计算值比汇总值${d.text.startsWith('▲') ? '高' : '低'} ${d.text.slice(2)}`,
    same,
  };
}

function ReconcilePanel({ precedence }: { precedence: Precedence }): ReactNode {
  const [onlyDiff, setOnlyDiff] = useState(false);
  // new data (an import, the watched folder, a precedence change) changes both sides: the query reloads itself
  const { months, month, setMonth } = useMonths();
  const query = useApiQuery('report:reconcile', month ? { month } : null);
  const rows = query.data;
  const loading = !!month && query.loading;
  const error = query.error?.message ?? null;
  const diffCount = rows?.filter((r) => !diffOf(r).same).length ?? 0;
  const shown = rows ? (onlyDiff ? rows.filter((r) => !diffOf(r).same) : rows) : [];

  const columns: TableColumnsType<ReconcileRow> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 64,
      render: (p: ReconcileRow['platform']) => <Tag color={PLATFORM_COLOR[p]}>{platformZh(p)}</Tag>,
    },
    { title: '店铺', dataIndex: 'shop', width: 120, ellipsis: { showTitle: true } },
    {
      title: '账号',
      dataIndex: 'account',
      width: 150,
      render: (a: string) => <span className="sd-file-name">{a}</span>,
    },
    {
      title: '指标',
      dataIndex: 'metric',
      width: 136,
      render: (m: string) => (isMetricId(m) ? METRICS[m].zh : m),
    },
    {
      title: (
        <Tooltip title="平台后台导出的汇总数据（分子/分母），只统计两种来源都有数据的日期">
          <span>汇总值</span>
        </Tooltip>
      ),
      key: 'summary',
      width: 140,
      align: 'right',
      onCell: (r) => ({ className: r.used === 'summary' ? 'sd-rec-used' : undefined }),
      render: (_: unknown, r) => valueOf(r.metric, r.summary),
    },
    {
      title: (
        <Tooltip title="按平台规则用聊天记录、评价明细计算的数值（分子/分母）">
          <span>明细计算值</span>
        </Tooltip>
      ),
      key: 'events',
      width: 140,
      align: 'right',
      onCell: (r) => ({ className: r.used === 'events' ? 'sd-rec-used' : undefined }),
      render: (_: unknown, r) => valueOf(r.metric, r.events),
    },
    {
      title: '差异',
      key: 'diff',
      width: 100,
      align: 'right',
      render: (_: unknown, r) => {
        const d = diffOf(r);
        return (
          <Tooltip title={d.title}>
            <span className={`sd-num ${d.same ? 'sd-muted' : 'sd-rec-diff'}`} data-testid="reconcile-diff">
              {d.text}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: '采用',
      dataIndex: 'used',
      width: 72,
      render: (u: ReconcileRow['used']) =>
        u === 'summary' ? (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            汇总
          </Tag>
        ) : (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            明细
          </Tag>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          对账
          <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
            平台汇总 与 明细计算 的对照
          </span>
        </Space>
      }
      extra={
        <Space size={12}>
          {rows && rows.length > 0 && (
            <span className="sd-switch-label">
              <Switch size="small" checked={onlyDiff} onChange={setOnlyDiff} />
              只看有差异的
            </span>
          )}
          <MonthPicker
            value={month}
            months={months ?? []}
            onChange={setMonth}
            width={130}
            testId="reconcile-month"
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={shown.length === 0}
            onClick={() =>
              saveBytes(
                exportFileName('对账', month),
                tableXlsx(`对账 ${month ?? ''}`.trim(), RECONCILE_EXPORT_COLUMNS, reconcileExportRows(shown)),
              )
            }
            data-testid="reconcile-export"
          >
            导出 Excel
          </Button>
        </Space>
      }
      data-testid="reconcile"
    >
      <div className="sd-muted sd-card-lead">
        同一账号同一天两种来源都有数据时才会出现在这里。当前采用
        <b style={{ color: '#344054' }}>{precedence === 'summary' ? '平台汇总数据' : '明细计算'}</b>
        （见上方“数据口径”）。
        {rows && rows.length > 0 && (
          <>
            {' '}
            本月 {rows.length} 项，其中
            <b style={{ color: diffCount > 0 ? '#b54708' : '#344054' }}> {diffCount} </b>项数值不一致。
          </>
        )}
      </div>
      {error ? (
        <Alert type="error" showIcon title="读取对账数据失败" description={error} />
      ) : months !== null && months.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有导入任何数据" />
      ) : (
        <Table<ReconcileRow>
          size="small"
          rowKey={(r) => `${r.platform}|${r.shop}|${r.account}|${r.metric}`}
          loading={loading}
          columns={columns}
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
          rowClassName={(r) => (diffOf(r).same ? '' : 'sd-row-warn')}
          // the columns' widths: the whole table fits 1280 wide, narrower windows scroll
          scroll={{ x: 922 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  onlyDiff
                    ? '两种来源的数值都一致'
                    : '这个月没有两种来源重叠的数据：只导入了平台汇总，或只导入了聊天记录 / 评价明细'
                }
              />
            ),
          }}
          data-testid="reconcile-table"
        />
      )}
    </Card>
  );
}
