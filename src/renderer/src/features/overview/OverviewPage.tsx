/**
 * 总览 (product.md screen 1): the month at a glance — each platform's team metrics against the platform's lines with
 * a traffic light, daily trends, the shops and agents at risk, and how fresh each shop's data is.
 */
import { SourceTag } from '../../ui/SourceTag';
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import {
  AlertOutlined,
  CheckCircleFilled,
  CloudUploadOutlined,
  ExperimentOutlined,
  ReloadOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  CHART_COLORS,
  compactDayRanges,
  hasData,
  trendOption,
  type TrendSeries,
} from '../../../../shared/charts';
import { PLATFORMS, PLATFORM_ZH, type Month, type Platform } from '../../../../shared/domain';
import { METRICS, formatMetric, type MetricId } from '../../../../shared/metrics';
import type { AtRisk, OverviewReport, ShopFreshness } from '../../../../shared/overview';
import type { MetricValue } from '../../../../shared/report';
import type { ScheduleInfo } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';
import { runDemoJob } from '../../data/jobs';
import { EChart } from '../../ui/EChart';
import { MonthPicker } from '../../ui/MonthPicker';
import { PageHead } from '../../ui/PageHead';
import {
  DASH,
  PLATFORM_COLOR,
  formatFraction,
  formatDateTime,
  formatMinute,
  formatThreshold,
} from '../../ui/format';
import { useMonths } from '../../data/use-months';
import { hrefOf } from '../../app/router';
import { AgentLink } from '../agent/AgentLink';

/** The metrics a lead checks first, in this order; 服务态度差中差评率 exists only on Kuaishou. */
const KEY_METRICS: MetricId[] = [
  'reply_3min_rate',
  'avg_response_s',
  'good_rate',
  'conversion_rate',
  'bad_attitude_ratio',
  'sales_amount',
  'sessions',
];

type Light = 'green' | 'red' | 'amber' | 'grey';

/**
 * green: meets the line · red: misses it · amber: has a line but the value is not solid yet (small sample, provisional,
 * to re-import) · grey: no line or no data.
 */
function lightOf(v: MetricValue | undefined): { light: Light; why: string } {
  if (!v || v.value === null) return { light: 'grey', why: '没有数据' };
  if (!v.threshold || v.pass === null) return { light: 'grey', why: '没有考核线' };
  const unsure: string[] = [];
  if (v.small_sample) unsure.push('样本少');
  if (v.status === 'provisional') unsure.push('暂定数据，平台可能修订');
  if (v.status === 'reimport_needed') unsure.push('需重新导入');
  const verdict = v.pass ? '达标' : '未达标';
  if (unsure.length) return { light: 'amber', why: `${verdict}（${unsure.join('，')}，仅供参考）` };
  return v.pass ? { light: 'green', why: '达标' } : { light: 'red', why: '未达标' };
}

function LightDot({ light }: { light: Light }): ReactNode {
  return <span className={`sd-light sd-light-${light}`} aria-label={light} />;
}

function KpiRow({ id, v }: { id: MetricId; v: MetricValue | undefined }): ReactNode {
  const { light, why } = lightOf(v);
  const def = METRICS[id];
  const frac =
    v && v.value !== null && v.numerator !== null && v.denominator !== null && def.kind !== 'count'
      ? formatFraction(v.numerator, v.denominator)
      : null;
  return (
    <Tooltip
      placement="left"
      title={
        <div>
          <div>
            {def.zh}：{formatMetric(id, v?.value)}
            {frac ? `（${frac}）` : ''}
          </div>
          {v?.threshold && <div>考核线 {formatThreshold(id, v.threshold)}</div>}
          <div>{why}</div>
          {v?.approximate && <div>部分数据按比例推算，为近似值</div>}
        </div>
      }
    >
      <div className="sd-kpi" data-testid={`kpi-${id}`} data-light={light}>
        <LightDot light={light} />
        <div className="sd-kpi-name">{def.zh}</div>
        <div className="sd-kpi-right">
          <div className={`sd-kpi-value${v?.pass === false ? ' sd-fail' : ''}`}>
            {v?.value === null || v === undefined ? (
              <span className="sd-muted" data-testid="kpi-value">
                {DASH}
              </span>
            ) : (
              <span data-testid="kpi-value">{formatMetric(id, v.value)}</span>
            )}
            {v?.approximate && v.value !== null && <span className="sd-kpi-approx">约</span>}
            <SourceTag value={v} />
          </div>
          <div className="sd-kpi-sub">
            {v?.threshold ? formatThreshold(id, v.threshold) : def.better === null ? '' : '无考核线'}
          </div>
        </div>
      </div>
    </Tooltip>
  );
}

function PlatformCard({ p, shops }: { p: OverviewReport['platforms'][number]; shops: number }): ReactNode {
  const ids = KEY_METRICS.filter((id) => METRICS[id].platforms.includes(p.platform));
  const fails = ids.filter((id) => p.metrics[id]?.pass === false).length;
  return (
    <Card
      size="small"
      className="sd-platform-card"
      style={{ height: '100%' }}
      data-testid={`platform-card-${p.platform}`}
      title={
        <Space size={8}>
          <Tag color={PLATFORM_COLOR[p.platform]} style={{ marginInlineEnd: 0 }}>
            {PLATFORM_ZH[p.platform]}
          </Tag>
          {/* "团队合计" lives in the tooltip: four cards at 1280 leave no room for it beside the 未达标 tag */}
          <Tooltip title={`${PLATFORM_ZH[p.platform]}全部 ${shops} 个店铺的团队合计`}>
            <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
              {shops} 个店铺
            </span>
          </Tooltip>
        </Space>
      }
      extra={
        fails > 0 ? (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {fails} 项未达标
          </Tag>
        ) : (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            无未达标
          </Tag>
        )
      }
    >
      {ids.map((id) => (
        <KpiRow key={id} id={id} v={p.metrics[id]} />
      ))}
    </Card>
  );
}

function TrendCard({ days, p }: { days: string[]; p: OverviewReport['platforms'][number] }): ReactNode {
  const option = useMemo(
    () =>
      trendOption({
        days,
        unit: 'percent',
        // a metric without daily values (Taobao's good rate comes monthly) gets no line, so no legend entry either;
        // the colours stay fixed per metric whichever lines are drawn
        series: (
          [
            {
              name: METRICS.reply_3min_rate.zh,
              values: p.daily.reply_3min_rate ?? [],
              threshold: p.metrics.reply_3min_rate?.threshold ?? null,
              color: CHART_COLORS[0],
            },
            {
              name: METRICS.good_rate.zh,
              values: p.daily.good_rate ?? [],
              threshold: p.metrics.good_rate?.threshold ?? null,
              color: CHART_COLORS[1],
            },
          ] satisfies TrendSeries[]
        ).filter((s) => hasData(s.values)),
      }),
    [days, p],
  );
  const any = hasData(p.daily.reply_3min_rate) || hasData(p.daily.good_rate);
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <Tag color={PLATFORM_COLOR[p.platform]} style={{ marginInlineEnd: 0 }}>
            {PLATFORM_ZH[p.platform]}
          </Tag>
          <span>每日 3分钟人工回复率 / 好评率</span>
        </Space>
      }
      data-testid={`trend-${p.platform}`}
    >
      {any ? (
        <EChart option={option} height={230} testId={`trend-chart-${p.platform}`} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ height: 198, margin: 0, paddingTop: 40 }}
          description="没有按日数据（只导入了月度汇总）"
        />
      )}
    </Card>
  );
}

function FailTags({ r }: { r: AtRisk }): ReactNode {
  return (
    <Space size={[4, 4]} wrap>
      {r.failing.map((f) => (
        <Tag key={f.metric} color="error" style={{ marginInlineEnd: 0 }} data-testid="fail-tag">
          {METRICS[f.metric].zh} <b className="sd-num">{formatMetric(f.metric, f.value)}</b>
          <span className="sd-fail-line">
            {' '}
            / {formatThreshold(f.metric, { op: f.op, value: f.threshold })}
          </span>
        </Tag>
      ))}
    </Space>
  );
}

function platformCell(p: Platform): ReactNode {
  return <Tag color={PLATFORM_COLOR[p]}>{PLATFORM_ZH[p]}</Tag>;
}

function ShopRisk({ rows }: { rows: AtRisk[] }): ReactNode {
  const columns: TableColumnsType<AtRisk> = [
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    {
      title: '店铺',
      dataIndex: 'shop',
      width: 160,
      render: (s: string) => <span className="sd-file-name">{s}</span>,
    },
    { title: '未达标指标（本月值 / 考核线）', key: 'failing', render: (_: unknown, r) => <FailTags r={r} /> },
  ];
  return (
    <Table<AtRisk>
      size="small"
      rowKey={(r) => `${r.platform}|${r.shop}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: <AllClear text="本月没有未达标的店铺" /> }}
      data-testid="shops-at-risk"
    />
  );
}

function AgentRisk({ rows, month }: { rows: AtRisk[]; month: Month }): ReactNode {
  const columns: TableColumnsType<AtRisk> = [
    {
      title: '客服 / 账号',
      key: 'who',
      width: 190,
      render: (_: unknown, r) =>
        r.agent ? (
          <div>
            <div className="sd-file-name">
              <AgentLink id={r.agent_id} name={r.agent} month={month} />
            </div>
            <div className="sd-file-sub">{r.shop || `${PLATFORM_ZH[r.platform]}全部账号`}</div>
          </div>
        ) : (
          <div>
            <div className="sd-file-name">{r.account}</div>
            <div style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
              <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
                <a href={`${hrefOf('settings')}?tab=accounts`}>
                  <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
                </a>
              </Tooltip>
              <span className="sd-file-sub">{r.shop}</span>
            </div>
          </div>
        ),
    },
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    { title: '未达标指标（本月值 / 考核线）', key: 'failing', render: (_: unknown, r) => <FailTags r={r} /> },
  ];
  return (
    <Table<AtRisk>
      size="small"
      rowKey={(r) => `${r.platform}|${r.agent_id ?? ''}|${r.shop}|${r.account ?? ''}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: <AllClear text="本月没有未达标的客服" /> }}
      data-testid="agents-at-risk"
    />
  );
}

function AllClear({ text }: { text: string }): ReactNode {
  return (
    <div style={{ padding: '20px 0', color: '#12b76a' }}>
      <CheckCircleFilled /> <span style={{ color: '#475467' }}>{text}</span>
    </div>
  );
}

function Freshness({ rows, month }: { rows: ShopFreshness[]; month: Month }): ReactNode {
  const columns: TableColumnsType<ShopFreshness> = [
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    {
      title: '店铺',
      dataIndex: 'shop',
      width: 170,
      render: (s: string) => (
        <span className="sd-file-name" data-testid="freshness-shop">
          {s}
        </span>
      ),
    },
    {
      title: '最近导入',
      dataIndex: 'last_import',
      width: 170,
      render: (t: string | null) => <span className="sd-num">{formatDateTime(t)}</span>,
    },
    {
      title: '有数据天数',
      dataIndex: 'days_with_data',
      width: 100,
      align: 'right',
      render: (n: number) => <span className="sd-num">{n} 天</span>,
    },
    {
      title: (
        <Tooltip title={`${month} 截至今天（中国时间）还没有按日数据的日期`}>
          <span>缺失日期</span>
        </Tooltip>
      ),
      key: 'missing',
      render: (_: unknown, r) => {
        if (r.days_missing.length === 0) return <span style={{ color: '#12b76a' }}>无</span>;
        const ranges = compactDayRanges(r.days_missing);
        const shown = ranges.slice(0, 6);
        return (
          <Tooltip title={ranges.join('、')}>
            <Space size={[4, 4]} wrap>
              <span className="sd-num" style={{ color: '#b54708' }}>
                {r.days_missing.length} 天
              </span>
              {shown.map((x) => (
                <Tag key={x} className="sd-num" style={{ marginInlineEnd: 0 }}>
                  {x}
                </Tag>
              ))}
              {ranges.length > shown.length && <span className="sd-muted">…</span>}
            </Space>
          </Tooltip>
        );
      },
    },
    {
      title: (
        <Tooltip title="导入得早于平台定稿（如评价 D+2），之后还可能修订">
          <span>暂定天数</span>
        </Tooltip>
      ),
      dataIndex: 'provisional_days',
      width: 96,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {n} 天
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        ),
    },
    {
      title: (
        <Tooltip title="已过定稿日期但没有重新导入：请重新下载这些天的数据并导入">
          <span>需重新导入</span>
        </Tooltip>
      ),
      dataIndex: 'reimport_days',
      width: 104,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {n} 天
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        ),
    },
  ];
  return (
    <Table<ShopFreshness>
      size="small"
      rowKey={(r) => `${r.platform}|${r.shop}`}
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '没有店铺数据' }}
      data-testid="freshness"
    />
  );
}

type OpenExam = OverviewReport['exams_open'][number];

/** `2026-10-19` → `10-19 ~ 10-25`: the natural week (Mon–Sun) the platform reviewed. */
function weekText(monday: string): string {
  const start = dayjs(monday);
  return `${start.format('MM-DD')} ~ ${start.add(6, 'day').format('MM-DD')}`;
}

function ExamStatus({ e }: { e: OpenExam }): ReactNode {
  if (e.status === 'overdue') {
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="exam-status">
        逾期未考
      </Tag>
    );
  }
  const left = e.days_left;
  const text = left === null ? '待考试' : left <= 0 ? '待考试 · 今天截止' : `待考试 · 剩 ${left} 天`;
  return (
    <Tag
      color={left !== null && left <= 2 ? 'warning' : 'processing'}
      style={{ marginInlineEnd: 0 }}
      data-testid="exam-status"
    >
      {text}
    </Tag>
  );
}

/** Douyin exam warnings still to pass (open) or past their deadline (overdue), most urgent first. */
function ExamsCard({ rows }: { rows: OpenExam[] }): ReactNode {
  const sorted = [...rows].sort(
    (a, b) =>
      (a.status === 'overdue' ? 0 : 1) - (b.status === 'overdue' ? 0 : 1) ||
      a.deadline.localeCompare(b.deadline),
  );
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  const columns: TableColumnsType<OpenExam> = [
    {
      title: '账号',
      key: 'account',
      width: 220,
      render: (_: unknown, r) => (
        <div>
          <div className="sd-file-name">{r.account}</div>
          <div className="sd-file-sub">
            {PLATFORM_ZH[r.platform]} · {r.shop}
          </div>
        </div>
      ),
    },
    {
      title: '客服',
      dataIndex: 'agent',
      width: 110,
      render: (a: string | null) =>
        a ?? (
          <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
            <Tag style={{ marginInlineEnd: 0 }}>未绑定</Tag>
          </Tooltip>
        ),
    },
    {
      title: (
        <Tooltip title="平台每周二审核上一自然周（周一至周日）的服务">
          <span>预警周</span>
        </Tooltip>
      ),
      dataIndex: 'week_start',
      width: 130,
      render: (d: string) => <span className="sd-num">{weekText(d)}</span>,
    },
    {
      title: '截止',
      dataIndex: 'deadline',
      width: 110,
      render: (d: string, r) => (
        <span className="sd-num" style={r.status === 'overdue' ? { color: '#d92d20' } : undefined}>
          {d}
        </span>
      ),
    },
    { title: '状态', key: 'status', render: (_: unknown, r) => <ExamStatus e={r} /> },
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space size={8}>
          <AlertOutlined style={{ color: rows.length ? '#d92d20' : '#98a2b3' }} />
          <span>考试预警</span>
          {rows.length > 0 && (
            <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
              待考试 {rows.length - overdue} · 逾期未考{' '}
              <span style={overdue ? { color: '#d92d20', fontWeight: 500 } : undefined}>{overdue}</span>
            </span>
          )}
        </Space>
      }
      extra={<a href={hrefOf('exams')}>查看全部考试预警</a>}
      data-testid="overview-exams"
    >
      {rows.length === 0 ? (
        <AllClear text="没有待考试或逾期的考试预警" />
      ) : (
        <Table<OpenExam>
          size="small"
          rowKey={(r) => `${r.platform}|${r.shop}|${r.account}|${r.week_start}`}
          columns={columns}
          dataSource={sorted}
          pagination={sorted.length > 6 ? { pageSize: 6, size: 'small' } : false}
          rowClassName={(r) => (r.status === 'overdue' ? 'sd-row-failed' : '')}
          data-testid="overview-exams-table"
        />
      )}
    </Card>
  );
}

/** Freshness header: status counts and when the daily recalculation last ran (metrics.md §8). */
function FreshnessExtra({
  sc,
  schedule,
}: {
  sc: OverviewReport['status_counts'] | undefined;
  schedule: ScheduleInfo | null;
}): ReactNode {
  return (
    <Space size={12} wrap className="sd-fresh-extra">
      {sc && (
        <span data-testid="status-counts">
          <Tooltip title="导入得早于平台定稿（如评价 D+2）的指标值，之后还可能修订">
            <Tag color={sc.provisional > 0 ? 'warning' : 'default'} className="sd-mini-tag">
              暂定 {sc.provisional}
            </Tag>
          </Tooltip>
          <Tooltip title="已过定稿日期但没有重新导入：请重新下载这些天的数据并导入">
            <Tag color={sc.reimport_needed > 0 ? 'error' : 'default'} className="sd-mini-tag">
              需重新导入 {sc.reimport_needed}
            </Tag>
          </Tooltip>
          <span className="sd-muted" style={{ fontSize: 12 }}>
            最终 {sc.final}
          </span>
        </span>
      )}
      {schedule && (
        <Tooltip title={`每天 ${schedule.time} 自动重新计算；下次 ${formatMinute(schedule.next_run)}`}>
          <a
            href={`${hrefOf('settings')}?tab=data`}
            className="sd-muted"
            style={{ fontSize: 12 }}
            data-testid="last-recalc"
          >
            <SyncOutlined /> 上次重算 {schedule.last_run ? formatMinute(schedule.last_run) : '还没有运行'}
          </a>
        </Tooltip>
      )}
      <a href={hrefOf('import')}>去导入</a>
    </Space>
  );
}

/** First start: load the generated demo month through the real import pipeline (a job with progress). */
function DemoButton({ onLoaded }: { onLoaded: () => void }): ReactNode {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const load = async (): Promise<void> => {
    setProgress({ done: 0, total: 1 });
    const r = await runDemoJob((p) => setProgress({ done: p.done, total: p.total }));
    setProgress(null);
    if (!r.ok) {
      void message.error(r.error.message);
      return;
    }
    void message.success(
      `已载入演示数据：${r.data.files.filter((f) => f.status === 'imported').length} 个文件`,
    );
    onLoaded();
  };
  return progress ? (
    <Space orientation="vertical" size={4} align="center" data-testid="demo-progress">
      <Progress
        percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)}
        style={{ width: 240 }}
      />
      <span className="sd-muted">
        正在导入演示数据（{progress.done}/{progress.total} 个文件）…
      </span>
    </Space>
  ) : (
    <Button icon={<ExperimentOutlined />} onClick={() => void load()} data-testid="demo-load">
      载入演示数据
    </Button>
  );
}

function EmptyState({ error, onLoaded }: { error: string | null; onLoaded: () => void }): ReactNode {
  return (
    <Card>
      {error && (
        <Alert type="error" showIcon title="读取数据失败" description={error} style={{ marginBottom: 16 }} />
      )}
      <Empty
        style={{ padding: '48px 0' }}
        data-testid="overview-empty"
        description={
          <Space orientation="vertical" size={4}>
            <span style={{ fontSize: 16, color: '#344054' }}>还没有任何数据</span>
            <span className="sd-muted">
              导入抖音、快手、京东、淘宝后台下载的客服数据后，这里会显示本月各平台的指标、趋势和风险。
            </span>
          </Space>
        }
      >
        <Space orientation="vertical" size={12} align="center">
          <Button type="primary" icon={<CloudUploadOutlined />} href={hrefOf('import')}>
            去导入数据
          </Button>
          <DemoButton onLoaded={onLoaded} />
          <span className="sd-muted" data-testid="demo-hint">
            想先看看效果？载入一个月的演示数据（5 家店铺、24 位客服、四个平台的真实导出格式）。
          </span>
        </Space>
      </Empty>
    </Card>
  );
}

export function OverviewPage(): ReactNode {
  const { months, error: monthsError, month, setMonth } = useMonths();
  const scheduleQ = useApiQuery('schedule:info', {});
  const schedule: ScheduleInfo | null = scheduleQ.data;
  // the screen shows no per-account series: the answer without them is a few kB instead of MBs at 200 agents
  const reportQ = useApiQuery('report:overview', month ? { month, accounts: false } : null);
  const report = useMemo(
    () =>
      month && (reportQ.data || reportQ.error)
        ? { month, data: reportQ.data, error: reportQ.error?.message ?? null }
        : null,
    [month, reportQ.data, reportQ.error],
  );
  const reload = (): void => {
    scheduleQ.reload();
    reportQ.reload();
  };

  const head = (extra?: ReactNode): ReactNode => (
    <PageHead
      title="总览"
      description="本月各平台团队指标对照平台考核线，按日趋势，风险店铺与客服，以及每个店铺的数据是否齐全、是否已定稿。"
      extra={extra}
    />
  );

  if (months === null) {
    return (
      <div>
        {head()}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (months.length === 0) {
    return (
      <div data-testid="overview-page">
        {head()}
        <EmptyState error={monthsError} onLoaded={() => reload()} />
      </div>
    );
  }

  const data = report && report.month === month ? report.data : null;
  const loading = !!month && (!report || report.month !== month);
  const platforms = data ? PLATFORMS.flatMap((p) => data.platforms.filter((x) => x.platform === p)) : [];
  const shopCount = (p: Platform): number => data?.shops.filter((s) => s.platform === p).length ?? 0;
  const span = platforms.length >= 4 ? 6 : platforms.length === 3 ? 8 : 12;
  const sc = data?.status_counts;

  return (
    <div data-testid="overview-page">
      {head(
        <>
          <MonthPicker
            value={month}
            months={months}
            onChange={setMonth}
            width={140}
            testId="overview-month"
          />
          <Tooltip title="重新读取">
            <Button icon={<ReloadOutlined />} onClick={() => reload()} />
          </Tooltip>
        </>,
      )}

      {report?.error && report.month === month && (
        <Alert
          type="error"
          showIcon
          title="读取本月数据失败"
          description={report.error}
          style={{ marginBottom: 16 }}
        />
      )}

      {loading && (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}

      {data && (
        <>
          {sc && sc.reimport_needed + sc.provisional > 0 && (
            <Alert
              type={sc.reimport_needed > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                sc.reimport_needed > 0
                  ? `有 ${sc.reimport_needed} 项数据需要重新导入，${sc.provisional} 项为暂定数据`
                  : `有 ${sc.provisional} 项为暂定数据，平台定稿后请重新导入`
              }
              description="见下方“数据新鲜度”：平台的评价等数据要过几天才完整，早导入的数据标为暂定（黄灯）。"
            />
          )}

          {platforms.length === 0 ? (
            <Card style={{ marginBottom: 16 }}>
              <Empty description="这个月没有平台数据" />
            </Card>
          ) : (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {platforms.map((p) => (
                <Col key={p.platform} span={span}>
                  <PlatformCard p={p} shops={shopCount(p.platform)} />
                </Col>
              ))}
            </Row>
          )}

          <div className="sd-legend">
            <span>
              <LightDot light="green" /> 达标
            </span>
            <span>
              <LightDot light="red" /> 未达标
            </span>
            <span>
              <LightDot light="amber" /> 样本少或暂定，仅供参考
            </span>
            <span>
              <LightDot light="grey" /> 无考核线或无数据
            </span>
            <span className="sd-muted">比率均按分子、分母合计计算，不是每日百分比的平均。</span>
          </div>

          {platforms.length > 0 && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {platforms.map((p) => (
                <Col key={p.platform} span={platforms.length === 1 ? 24 : 12}>
                  <TrendCard days={data.days} p={p} />
                </Col>
              ))}
            </Row>
          )}

          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col span={12}>
              <Card
                size="small"
                title={
                  <span>
                    店铺风险 <span className="sd-muted">{data.shops_at_risk.length}</span>
                  </span>
                }
                extra={<a href={hrefOf('scorecards')}>查看全部店铺</a>}
                style={{ height: '100%' }}
              >
                <ShopRisk rows={data.shops_at_risk} />
              </Card>
            </Col>
            <Col span={12}>
              <Card
                size="small"
                title={
                  <span>
                    客服风险 <span className="sd-muted">{data.agents_at_risk.length}</span>
                  </span>
                }
                extra={<a href={hrefOf('scorecards')}>查看全部客服</a>}
                style={{ height: '100%' }}
              >
                <AgentRisk rows={data.agents_at_risk} month={data.month} />
              </Card>
            </Col>
          </Row>

          {(data.exams_open.length > 0 || data.platforms.some((p) => p.platform === 'douyin')) && (
            <ExamsCard rows={data.exams_open} />
          )}

          <Card
            size="small"
            title="数据新鲜度"
            extra={<FreshnessExtra sc={sc} schedule={schedule} />}
            data-testid="freshness-card"
          >
            <Freshness rows={data.freshness} month={data.month} />
          </Card>
        </>
      )}
    </div>
  );
}
