/**
 * 考试预警 (product.md screen 4; metrics.md §7): Douyin negative-service exam warnings as of a date — who, which week,
 * why, notice date, deadline and countdown, attempts and scores, status, repeat offenders; results and warnings can be
 * entered by hand, and each agent's history opens in a drawer.
 */
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Row,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import {
  CloudUploadOutlined,
  DownloadOutlined,
  EditOutlined,
  InfoCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { isDay } from '../../../../shared/china-time';
import {
  examDeadlineDays,
  examWeekLabel,
  weekdayZh,
  type RuleRowLike,
} from '../../../../shared/charts-events';
import type { ExamRowView } from '../../../../shared/events-view';
import type { RosterView } from '../../../../shared/settings';
import { useApiQuery } from '../../data/use-api-query';
import { useMonths } from '../../data/use-months';
import { saveBytes } from '../../ui/save-bytes';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { EXAM_EXPORT_COLUMNS, examExportRows } from './exams-export';
import { PageHead } from '../../ui/PageHead';
import { AddWarningModal } from './AddWarningModal';
import { AgentHistoryDrawer } from './AgentHistoryDrawer';
import { AttemptModal } from './AttemptModal';
import { Attempts, DayCell, RepeatTag, StatusTag } from './ExamBits';
import { chinaToday, ownerKey } from './exam-utils';
import './exams.css';
import { TemplateButton } from '../../ui/TemplateButton';
import { useModalTarget } from '../../ui/use-modal-target';
import { hrefOf, setHashParam, useHashParam } from '../../app/router';
import { AgentLink } from '../agent/AgentLink';

type StatusFilter = 'all' | ExamRowView['status'];

const STATUS_ORDER: Record<ExamRowView['status'], number> = {
  overdue: 0,
  open: 1,
  passed_late: 2,
  passed: 3,
};

function Stat({
  label,
  value,
  unit,
  sub,
  tone,
  testId,
}: {
  label: string;
  value: number;
  unit: string;
  sub: ReactNode;
  tone?: 'red' | 'blue' | 'orange';
  testId: string;
}): ReactNode {
  return (
    <Card className={`sd-ex-stat${tone && value > 0 ? ` sd-ex-stat-${tone}` : ''}`} data-testid={testId}>
      <div className="sd-ex-stat-label">{label}</div>
      <div className="sd-ex-stat-value" data-testid="ex-stat-value">
        {value}
        <small>{unit}</small>
      </div>
      <div className="sd-ex-stat-sub">{sub}</div>
    </Card>
  );
}

export function ExamsPage(): ReactNode {
  const param = useHashParam('as_of');
  const asOf = param && isDay(param) ? param : chinaToday();
  const listQ = useApiQuery('exams:list', { as_of: asOf });
  const rosterQ = useApiQuery('roster:list', {});
  const rulesQ = useApiQuery('rules:list', {});
  const roster: RosterView | null = rosterQ.data;
  const rules: RuleRowLike[] = useMemo(() => rulesQ.data ?? [], [rulesQ.data]);
  const reload = (): void => {
    listQ.reload();
    rosterQ.reload();
    rulesQ.reload();
  };
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState('');
  const [attempt, attemptSerial, setAttempt] = useModalTarget<ExamRowView>();
  const [adding, addSerial, setAdding] = useModalTarget<true>();
  const [owner, setOwner] = useState<string | null>(null);

  const setAsOf = (d: string): void => setHashParam('as_of', d === chinaToday() ? null : d);

  const rows = listQ.data;
  const all = useMemo(() => rows ?? [], [rows]);
  // the month card counts the app's month (the header's), not the month of the 统计日期
  const appMonth = useMonths().month;
  const month = appMonth ?? asOf.slice(0, 7);
  const stats = useMemo(() => {
    const thisMonth = all.filter((r) => r.notice_date.slice(0, 7) === month);
    const open = all.filter((r) => r.status === 'open');
    const repeatAgents = new Set(all.filter((r) => r.repeat).map(ownerKey));
    return {
      month: thisMonth.length,
      monthOverdue: thisMonth.filter((r) => r.status === 'overdue').length,
      open: open.length,
      urgent: open.filter((r) => (r.days_left ?? 99) <= 2).length,
      overdue: all.filter((r) => r.status === 'overdue').length,
      repeat: repeatAgents.size,
      repeatNames: [...new Set(all.filter((r) => r.repeat).map((r) => r.agent ?? r.account))],
    };
  }, [all, month]);
  const counts = useMemo(() => {
    const c: Record<StatusFilter, number> = {
      all: all.length,
      open: 0,
      overdue: 0,
      passed: 0,
      passed_late: 0,
    };
    for (const r of all) c[r.status]++;
    return c;
  }, [all]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return all
      .filter((r) => status === 'all' || r.status === status)
      .filter(
        (r) => !q || [r.agent ?? '', r.account, r.shop, r.reasons].some((t) => t.toLowerCase().includes(q)),
      )
      .sort(
        (a, b) =>
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          b.week_start.localeCompare(a.week_start) ||
          a.account.localeCompare(b.account, 'zh-CN'),
      );
  }, [all, status, search]);
  const history = owner ? all.filter((r) => ownerKey(r) === owner) : [];
  const deadlineDays = examDeadlineDays(rules, asOf);

  const columns: TableColumnsType<ExamRowView> = [
    {
      title: '客服',
      key: 'who',
      width: 112,
      fixed: 'left',
      render: (_: unknown, r) => (
        <div className="sd-ex-who">
          <Tooltip title="查看这位客服的全部预警记录">
            <button
              type="button"
              className="sd-ex-agent"
              onClick={() => setOwner(ownerKey(r))}
              data-testid="ex-agent"
            >
              {r.agent ?? r.account}
            </button>
          </Tooltip>
          {r.agent_id !== null && r.agent && (
            <AgentLink id={r.agent_id} name={r.agent} label="个人页" className="sd-agent-link-small" />
          )}
          {r.agent === null && (
            <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
              <a href={`${hrefOf('settings')}?tab=accounts`}>
                <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
              </a>
            </Tooltip>
          )}
          {r.repeat && <RepeatTag />}
        </div>
      ),
    },
    {
      // the shop is part of most account names (星河旗舰店:大壮); a separate 店铺 column pushed 登记成绩 off a 1280 screen
      title: '账号',
      dataIndex: 'account',
      width: 140,
      render: (s: string, r) => (
        <div>
          <span className="sd-cells">{s}</span>
          {!s.startsWith(`${r.shop}:`) && <div className="sd-file-sub">{r.shop}</div>}
        </div>
      ),
    },
    {
      title: (
        <Tooltip title="平台复核的自然周（周一至周日）">
          <span>预警周</span>
        </Tooltip>
      ),
      dataIndex: 'week_start',
      width: 96,
      render: (w: string) => (
        <Tooltip title={`${w} 起的一周`}>
          <span className="sd-num" data-testid="ex-week">
            {examWeekLabel(w)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '预警原因',
      dataIndex: 'reasons',
      width: 140,
      render: (t: string) => (t ? <span>{t}</span> : <span className="sd-muted">—</span>),
    },
    {
      title: '通知日期',
      dataIndex: 'notice_date',
      width: 80,
      render: (d: string) => <DayCell day={d} asOf={asOf} title={`${d}（${weekdayZh(d)}）`} />,
    },
    {
      title: (
        <Tooltip title="含当天，23:59:59 前考到 100 分为通过">
          <span>考试截止</span>
        </Tooltip>
      ),
      dataIndex: 'deadline',
      width: 80,
      render: (d: string) => <DayCell day={d} asOf={asOf} title={`${d}（${weekdayZh(d)}）23:59 前`} />,
    },
    { title: '状态', key: 'status', width: 100, render: (_: unknown, r) => <StatusTag r={r} asOf={asOf} /> },
    { title: '考试记录', key: 'attempts', width: 140, render: (_: unknown, r) => <Attempts r={r} /> },
    {
      title: '操作',
      key: 'actions',
      width: 104,
      // always in view: registering a score is what the lead comes here for
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button
          size="small"
          type={r.status === 'open' || r.status === 'overdue' ? 'primary' : 'default'}
          ghost={r.status === 'open' || r.status === 'overdue'}
          icon={<EditOutlined />}
          onClick={() => setAttempt(r)}
          data-testid="ex-register"
        >
          登记成绩
        </Button>
      ),
    },
  ];

  const loading = listQ.data === null && listQ.error === null;

  return (
    <div data-testid="exams-page">
      <PageHead
        title="考试预警"
        description="抖音消极服务考试预警：谁、哪一周、原因、通知日期与截止倒计时、考试成绩与状态，以及重复被预警的客服。"
        extra={
          <>
            <span className="sd-muted" style={{ fontSize: 13 }}>
              统计日期
            </span>
            <DatePicker
              allowClear={false}
              value={dayjs(asOf)}
              onChange={(d) => {
                if (d) setAsOf(d.format('YYYY-MM-DD'));
              }}
              style={{ width: 140 }}
              data-testid="ex-as-of"
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="ex-add"
            >
              新增预警
            </Button>
            <TemplateButton kind="exams" label="下载考试预警模板" testId="ex-template" />
            <Tooltip title="重新读取">
              <Button icon={<ReloadOutlined />} onClick={reload} />
            </Tooltip>
          </>
        }
      />

      <div className="sd-ex-rule" data-testid="ex-rule">
        <InfoCircleOutlined />
        <div>
          抖音每<b>周二</b>复核<b>上一个自然周</b>
          （周一至周日）的消极服务行为，对涉及的客服账号发出考试通知；考试<b>满 100 分才算通过</b>
          ，可不限次数补考；须在通知后 <b>{deadlineDays} 天</b>
          内（含截止日当天）通过，否则为逾期。截止天数可在{' '}
          <a href={`${hrefOf('settings')}?tab=rules`}>设置 → 平台规则</a>（考试截止天数）修改。
        </div>
      </div>

      {listQ.error && (
        <Alert
          type="error"
          showIcon
          title="读取考试预警失败"
          description={listQ.error.message}
          style={{ marginBottom: 16 }}
        />
      )}

      {loading ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Stat
                label={`${Number(month.slice(5))}月预警数`}
                value={stats.month}
                unit="次"
                sub={
                  stats.monthOverdue
                    ? `其中逾期未考 ${stats.monthOverdue} 次`
                    : `通知日期在 ${Number(month.slice(0, 4))}年${Number(month.slice(5))}月的预警`
                }
                testId="ex-stat-month"
              />
            </Col>
            <Col span={6}>
              <Stat
                label="待考试"
                value={stats.open}
                unit="人次"
                tone="blue"
                sub={
                  stats.urgent ? (
                    <span style={{ color: '#b54708' }}>{stats.urgent} 个 2 天内截止</span>
                  ) : (
                    '截止前考到 100 分即可'
                  )
                }
                testId="ex-stat-open"
              />
            </Col>
            <Col span={6}>
              <Stat
                label="逾期未考"
                value={stats.overdue}
                unit="人次"
                tone="red"
                sub={stats.overdue ? '已过截止仍未考到 100 分，尽快安排' : '没有逾期'}
                testId="ex-stat-overdue"
              />
            </Col>
            <Col span={6}>
              <Stat
                label="重复预警客服"
                value={stats.repeat}
                unit="人"
                tone="orange"
                sub={stats.repeat ? stats.repeatNames.join('、') : '21 天内没有被两次预警的客服'}
                testId="ex-stat-repeat"
              />
            </Col>
          </Row>

          <Card
            size="small"
            title={
              <Space size={12} wrap>
                <Segmented<StatusFilter>
                  value={status}
                  onChange={setStatus}
                  options={[
                    { value: 'all', label: `全部 ${counts.all}` },
                    { value: 'open', label: `待考试 ${counts.open}` },
                    { value: 'overdue', label: `逾期未考 ${counts.overdue}` },
                    { value: 'passed_late', label: `逾期后通过 ${counts.passed_late}` },
                    { value: 'passed', label: `已通过 ${counts.passed}` },
                  ]}
                  data-testid="ex-status-filter"
                />
              </Space>
            }
            extra={
              <Space size={8}>
                <Button
                  icon={<DownloadOutlined />}
                  disabled={shown.length === 0}
                  onClick={() =>
                    saveBytes(
                      exportFileName('考试预警', asOf),
                      tableXlsx('考试预警', EXAM_EXPORT_COLUMNS, examExportRows(shown)),
                    )
                  }
                  data-testid="ex-export"
                >
                  导出 Excel
                </Button>
                <Input
                  allowClear
                  prefix={<SearchOutlined className="sd-muted" />}
                  placeholder="搜索客服、账号、店铺、原因"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  style={{ width: 240 }}
                />
              </Space>
            }
          >
            {all.length === 0 ? (
              <Empty
                style={{ padding: '32px 0' }}
                data-testid="ex-empty"
                description={
                  <Space orientation="vertical" size={4}>
                    <span style={{ fontSize: 15, color: '#344054' }}>还没有考试预警</span>
                    <span className="sd-muted">
                      导入抖音考试预警表（按模板整理），或用“新增预警”手动登记平台通知。
                    </span>
                  </Space>
                }
              >
                <Space>
                  <TemplateButton kind="exams" label="下载考试预警模板" />
                  <Button icon={<CloudUploadOutlined />} href={hrefOf('import')}>
                    去导入
                  </Button>
                </Space>
              </Empty>
            ) : (
              <Table<ExamRowView>
                size="small"
                rowKey="key"
                columns={columns}
                dataSource={shown}
                pagination={
                  shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false
                }
                scroll={{ x: 'max-content' }}
                rowClassName={(r) => (r.status === 'overdue' ? 'sd-ex-row-overdue' : '')}
                locale={{ emptyText: '没有符合条件的预警' }}
                data-testid="ex-table"
                onRow={(r) =>
                  ({
                    'data-status': r.status,
                    'data-account': r.account,
                  }) as HTMLAttributes<HTMLTableRowElement>
                }
              />
            )}
          </Card>
        </>
      )}

      <AttemptModal
        key={`attempt-${attemptSerial}`}
        target={attempt}
        asOf={asOf}
        onClose={() => setAttempt(null)}
        onSaved={(day) => {
          setAttempt(null);
          if (day > asOf) setAsOf(day);
        }}
      />
      <AddWarningModal
        key={`add-${addSerial}`}
        open={!!adding}
        roster={roster}
        rules={rules}
        onClose={() => setAdding(null)}
        onSaved={() => {
          setAdding(null);
        }}
      />
      <AgentHistoryDrawer rows={history} asOf={asOf} onClose={() => setOwner(null)} />
    </div>
  );
}
