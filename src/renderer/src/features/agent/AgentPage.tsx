/**
 * The page per agent (issue 11 item 4): the month's scorecard (also as a PNG for WeChat/钉钉 and printable), KPI items,
 * every metric with its threshold per platform, the month-by-month trend, shops, exam history and 中差评.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Select, Spin, Table, Tag, Tooltip, Typography, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import { formatMetric, METRICS, type MetricId } from '../../../../shared/metrics';
import type { AgentKpi, MetricValue } from '../../../../shared/report';
import type { ExamRowView, RatingRowView } from '../../../../shared/events-view';
import { scorecardModel, thresholdText, type AgentPageView } from '../../../../shared/agent-page';
import { agentMetricTrendOption, agentScoreTrendOption } from '../../../../shared/charts-agent';
import { saveBytes } from '../../ui/save-bytes';
import { EChart } from '../../ui/EChart';
import { MonthPicker } from '../../ui/MonthPicker';
import { PageHead } from '../../ui/PageHead';
import { usePrintMedia } from '../../ui/use-print-media';
import { formatCount, formatPoints, formatScore, gradeColor } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { agentHref } from './agent-route';
import { scorecardPng } from './scorecard-canvas';
import { ScorecardCard } from './ScorecardCard';
import { useAgentPage } from './use-agent-page';
import './agent-page.css';

const REASON_ZH: Record<NonNullable<AgentKpi['items'][number]['reason']>, string> = {
  no_data: '无数据，未计入',
  small_sample: '样本不足，未计入',
  veto: '未达考核线，一票否决',
};

const EXAM_STATUS: Record<ExamRowView['status'], { text: string; color: string }> = {
  passed: { text: '已通过', color: 'green' },
  passed_late: { text: '逾期后通过', color: 'gold' },
  overdue: { text: '已逾期', color: 'red' },
  open: { text: '待考试', color: 'blue' },
};

interface MetricRow {
  key: string;
  platform: Platform;
  metric: MetricId;
  m: MetricValue;
}

/** An account's ownership as the roster has it: 2025-02-01 起, 至 2026-10-15, or both. */
function rangeText(from: string | null, to: string | null): string {
  if (from && to) return `${from} 至 ${to}`;
  if (from) return `${from} 起`;
  if (to) return `至 ${to}`;
  return '不限日期';
}

function metricRows(page: AgentPageView): MetricRow[] {
  return page.platforms.flatMap((p) =>
    (Object.entries(p.metrics) as [MetricId, MetricValue][])
      .filter(([, m]) => m.value !== null || m.threshold)
      .map(([metric, m]) => ({ key: `${p.platform}|${metric}`, platform: p.platform, metric, m })),
  );
}

function PassTag({ pass, value }: { pass: boolean | null; value: number | null }): ReactNode {
  if (value === null) return <span className="sd-file-sub">无数据</span>;
  if (pass === null) return <span className="sd-file-sub">不考核</span>;
  return pass ? <Tag color="success">达标</Tag> : <Tag color="error">未达标</Tag>;
}

function MetricsTable({
  page,
  selected,
  onSelect,
}: {
  page: AgentPageView;
  selected: string | null;
  onSelect: (key: string) => void;
}): ReactNode {
  const rows = metricRows(page);
  const columns: TableColumnsType<MetricRow> = [
    ...(page.platforms.length > 1
      ? [
          {
            title: '平台',
            key: 'platform',
            width: 64,
            render: (_: unknown, r: MetricRow) => PLATFORM_ZH[r.platform],
          },
        ]
      : []),
    {
      title: '指标',
      key: 'metric',
      render: (_: unknown, r) => (
        <span>
          {METRICS[r.metric].zh}
          {r.m.small_sample && (
            <Tooltip title="样本太少，数值仅供参考">
              <Tag style={{ marginInlineStart: 6 }}>样本少</Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: '本月值',
      key: 'value',
      align: 'right',
      width: 110,
      render: (_: unknown, r) => (
        <span className={r.m.pass === false ? 'sd-agent-fail' : undefined}>
          {r.m.approximate && r.m.value !== null ? '≈' : ''}
          {formatMetric(r.metric, r.m.value)}
        </span>
      ),
    },
    {
      title: '分子 / 分母',
      key: 'nd',
      align: 'right',
      width: 150,
      render: (_: unknown, r) =>
        r.m.numerator === null ? (
          '—'
        ) : r.m.denominator === null ? (
          formatCount(r.m.numerator)
        ) : (
          <span className="sd-num">
            {formatCount(r.m.numerator)} / {formatCount(r.m.denominator)}
          </span>
        ),
    },
    {
      title: '考核线',
      key: 'threshold',
      align: 'right',
      width: 100,
      render: (_: unknown, r) => thresholdText(r.metric, r.m.threshold) ?? '—',
    },
    {
      title: '结果',
      key: 'pass',
      width: 80,
      render: (_: unknown, r) => <PassTag pass={r.m.pass} value={r.m.value} />,
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="agent-metrics"
      rowClassName={(r) => (r.key === selected ? 'sd-agent-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onSelect(r.key), style: { cursor: 'pointer' } })}
    />
  );
}

function KpiBlock({ k }: { k: AgentPageView['kpi'][number] }): ReactNode {
  const columns: TableColumnsType<AgentKpi['items'][number]> = [
    {
      title: '考核项',
      key: 'metric',
      render: (_: unknown, i) =>
        `${i.platform === 'all' ? '' : `${PLATFORM_ZH[i.platform]} `}${METRICS[i.metric].zh}`,
    },
    {
      title: '本月值',
      key: 'value',
      align: 'right',
      width: 110,
      render: (_: unknown, i) => formatMetric(i.metric, i.value),
    },
    {
      title: '得分',
      key: 'score',
      align: 'right',
      width: 80,
      render: (_: unknown, i) => formatScore(i.score),
    },
    {
      title: '权重',
      key: 'weight',
      align: 'right',
      width: 70,
      render: (_: unknown, i) => formatPoints(i.weight),
    },
    {
      title: (
        <Tooltip title="未计入的考核项权重按比例分给其余各项">
          <span>有效权重</span>
        </Tooltip>
      ),
      key: 'ew',
      align: 'right',
      width: 90,
      render: (_: unknown, i) => formatPoints(i.effective_weight),
    },
    {
      title: '说明',
      key: 'reason',
      width: 150,
      render: (_: unknown, i) =>
        i.reason ? <span className="sd-file-sub">{REASON_ZH[i.reason]}</span> : null,
    },
  ];
  const d = k.deduction_detail;
  const parts = [
    d.exam_warning ? `考试预警 −${formatPoints(d.exam_warning)}` : '',
    d.exam_overdue ? `考试逾期 −${formatPoints(d.exam_overdue)}` : '',
    d.platform_breach ? `平台违规 −${formatPoints(d.platform_breach)}` : '',
  ].filter(Boolean);
  return (
    <div className="sd-agent-kpi">
      <div className="sd-agent-kpi-sum" data-testid="agent-kpi-sum">
        <span>
          KPI 得分 <b>{formatScore(k.kpi_total)}</b>
        </span>
        <span>
          KCI 得分 <b>{formatScore(k.kci_total)}</b>
          {k.kci_missing.length > 0 && (
            <Tag style={{ marginInlineStart: 4 }}>未录入 {k.kci_missing.join('、')}</Tag>
          )}
        </span>
        <span>
          扣分 <b>{k.deductions ? `−${formatPoints(k.deductions)}` : '0'}</b>
          {parts.length > 0 && <span className="sd-file-sub">（{parts.join('，')}）</span>}
        </span>
        <span>
          出勤 <b>{k.worked_days}</b> 天
        </span>
        {k.bonus !== null && (
          <span>
            绩效奖金{' '}
            <b>¥{k.bonus.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</b>
          </span>
        )}
      </div>
      <Table
        size="small"
        rowKey={(i) => `${i.platform}|${i.metric}`}
        columns={columns}
        dataSource={k.items}
        pagination={false}
      />
    </div>
  );
}

function ExamsTable({ rows }: { rows: ExamRowView[] }): ReactNode {
  const columns: TableColumnsType<ExamRowView> = [
    { title: '预警周', key: 'week', width: 110, render: (_: unknown, r) => r.week_start },
    { title: '店铺', key: 'shop', render: (_: unknown, r) => `${PLATFORM_ZH[r.platform]} · ${r.shop}` },
    { title: '原因', dataIndex: 'reasons', ellipsis: { showTitle: true } },
    { title: '截止', dataIndex: 'deadline', width: 110 },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_: unknown, r) => <Tag color={EXAM_STATUS[r.status].color}>{EXAM_STATUS[r.status].text}</Tag>,
    },
    {
      title: '考试成绩',
      key: 'attempts',
      width: 200,
      render: (_: unknown, r) =>
        r.attempts.length ? r.attempts.map((a) => `${a.time.slice(5, 16)} ${a.score}分`).join('；') : '—',
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="agent-exams"
    />
  );
}

function RatingsTable({ rows }: { rows: RatingRowView[] }): ReactNode {
  // on paper every rating, not the first ten
  const printing = usePrintMedia();
  const columns: TableColumnsType<RatingRowView> = [
    { title: '评价时间', dataIndex: 'rated_at', width: 160, render: (t: string) => t.slice(0, 16) },
    {
      title: '店铺',
      key: 'shop',
      width: 170,
      render: (_: unknown, r) => `${PLATFORM_ZH[r.platform]} · ${r.shop}`,
    },
    {
      title: '评价',
      key: 'level',
      width: 90,
      render: (_: unknown, r) => <Tag color={r.class === 'dissatisfied' ? 'red' : 'gold'}>{r.level}</Tag>,
    },
    {
      title: '原因',
      key: 'reasons',
      ellipsis: { showTitle: true },
      render: (_: unknown, r) => (
        <span>
          {r.cites_attitude && <Tag color="red">服务态度差</Tag>}
          {r.reasons || '—'}
        </span>
      ),
    },
    {
      title: '申诉',
      key: 'appeal',
      width: 90,
      render: (_: unknown, r) =>
        r.appeal === 'success'
          ? '申诉成功'
          : r.appeal === 'failed'
            ? '申诉失败'
            : r.appeal === 'pending'
              ? '申诉中'
              : '—',
    },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 && !printing ? { pageSize: 10, showSizeChanger: false } : false}
      data-testid="agent-ratings"
    />
  );
}

export function AgentPage({ agentId, month }: { agentId: number; month: string | null }): ReactNode {
  const { data: page, error, loading } = useAgentPage(agentId, month);
  const [selected, setSelected] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const rows = useMemo(() => (page ? metricRows(page) : []), [page]);
  const current = rows.find((r) => r.key === selected) ?? rows.find((r) => r.m.threshold) ?? rows[0] ?? null;
  const metricOption = useMemo(
    () =>
      page && current
        ? agentMetricTrendOption(page.trend, current.platform, current.metric, current.m.threshold)
        : null,
    [page, current],
  );
  const k = page?.kpi[0] ?? null;
  const scoreOption = useMemo(
    () => (page && k ? agentScoreTrendOption(page.trend, k.scheme, k.ranked_of) : null),
    [page, k],
  );
  const model = useMemo(() => (page ? scorecardModel(page) : null), [page]);

  const downloadPng = async (): Promise<void> => {
    if (!page || !model) return;
    setSaving(true);
    try {
      saveBytes(`成绩卡-${page.agent}-${page.month}.png`, await scorecardPng(model));
    } catch (e) {
      void message.error(`无法生成图片：${String(e)}`);
    } finally {
      setSaving(false);
    }
  };

  if (error)
    return (
      <div>
        <PageHead title="客服个人页" />
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={<a href={hrefOf('scorecards')}>返回客服列表</a>}
        />
      </div>
    );
  if (!page || !model)
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );

  const platforms = page.platforms.map((p) => PLATFORM_ZH[p.platform]).join('、');
  return (
    <div className="sd-agent-page" data-testid="agent-page">
      <PageHead
        title={`${page.agent} 的月度绩效`}
        description={
          <span data-testid="agent-sub">
            {page.team ?? '未分组'}
            {page.employee_no ? ` · 工号 ${page.employee_no}` : ''}
            {platforms ? ` · ${platforms}` : ''}
            {page.locked && (
              <Tag color="gold" style={{ marginInlineStart: 8 }}>
                已锁定
              </Tag>
            )}
          </span>
        }
        extra={
          <div className="sd-no-print" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <MonthPicker
              value={page.month}
              months={page.months}
              width={130}
              onChange={(m) => {
                window.location.hash = agentHref(page.agent_id, m).slice(1);
              }}
              testId="agent-month"
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadPng()}
              loading={saving}
              data-testid="agent-png"
            >
              成绩卡图片
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="agent-print">
              打印 / 导出 PDF
            </Button>
            <Button icon={<ArrowLeftOutlined />} href={hrefOf('scorecards')}>
              客服列表
            </Button>
          </div>
        }
      />
      {loading && <Spin size="small" style={{ marginBottom: 8 }} />}
      {!page.has_data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${page.agent} 在 ${page.month} 没有数据`}
          description="换一个月份看看，或到“导入”导入这个月的数据"
        />
      )}
      <div className="sd-agent-top">
        <ScorecardCard model={model} />
        <Card size="small" title="综合得分与名次（按月）" className="sd-agent-chart">
          {scoreOption ? (
            <EChart option={scoreOption} height={260} testId="agent-score-trend" />
          ) : (
            <Empty description="这个月没有考核方案的得分" />
          )}
        </Card>
      </div>

      {page.kpi.map((x) => (
        <Card
          key={x.scheme}
          size="small"
          className="sd-agent-section"
          title={
            <span>
              考核方案：{x.scheme}
              <span className="sd-agent-final" data-testid="agent-final">
                最终得分 <b>{formatScore(x.final)}</b>
                {x.grade && (
                  <Tag color={gradeColor(x.grade)} style={{ marginInlineStart: 6 }}>
                    {x.grade}
                  </Tag>
                )}
                名次 <b>{x.rank ? `${x.rank} / ${x.ranked_of}` : '不参与排名'}</b>
              </span>
            </span>
          }
        >
          <KpiBlock k={x} />
        </Card>
      ))}

      <div className="sd-agent-two">
        <Card size="small" title="各项指标（点选一行看趋势）" className="sd-agent-section">
          {rows.length ? (
            <MetricsTable page={page} selected={current?.key ?? null} onSelect={setSelected} />
          ) : (
            <Empty description="本月没有指标数据" />
          )}
        </Card>
        <Card
          size="small"
          className="sd-agent-section sd-agent-chart sd-agent-metric-chart"
          title="指标趋势（按月）"
          extra={
            rows.length > 0 && (
              <Select
                size="small"
                className="sd-no-print"
                style={{ width: 210 }}
                value={current?.key}
                onChange={setSelected}
                options={rows.map((r) => ({
                  value: r.key,
                  label: `${page.platforms.length > 1 ? `${PLATFORM_ZH[r.platform]} ` : ''}${METRICS[r.metric].zh}`,
                }))}
                data-testid="agent-trend-metric"
              />
            )
          }
        >
          {metricOption ? (
            <EChart option={metricOption} height={260} testId="agent-metric-trend" />
          ) : (
            <Empty description="没有数据" />
          )}
          {page.trend.length < 2 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              目前只有 {page.trend.length} 个月的数据，导入更多月份后显示走势（最多 12 个月）
            </Typography.Text>
          )}
        </Card>
      </div>

      <Card size="small" title={`负责的店铺与账号（${page.accounts.length}）`} className="sd-agent-section">
        <Table
          size="small"
          rowKey={(a) => `${a.platform}|${a.shop}|${a.account}`}
          pagination={false}
          dataSource={page.accounts}
          data-testid="agent-accounts"
          columns={[
            { title: '平台', key: 'p', width: 80, render: (_: unknown, a) => PLATFORM_ZH[a.platform] },
            { title: '店铺', dataIndex: 'shop' },
            { title: '账号', dataIndex: 'account' },
            { title: '昵称', dataIndex: 'nickname', width: 120, render: (n: string | null) => n ?? '—' },
            {
              title: '本月负责',
              key: 'range',
              width: 220,
              render: (_: unknown, a) => rangeText(a.valid_from, a.valid_to),
            },
          ]}
        />
      </Card>

      <Card size="small" title={`考试预警记录（${page.exams.length}）`} className="sd-agent-section">
        {page.exams.length ? <ExamsTable rows={page.exams} /> : <Empty description="没有考试预警" />}
      </Card>

      <Card size="small" title={`本月中差评（${page.ratings.length}）`} className="sd-agent-section">
        {page.ratings.length ? <RatingsTable rows={page.ratings} /> : <Empty description="本月没有中差评" />}
      </Card>
    </div>
  );
}
