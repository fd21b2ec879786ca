import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Row as GridRow,
  Skeleton,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Month, Platform } from '../../../shared/domain';
import { PLATFORMS, PLATFORM_ZH } from '../../../shared/domain';
import { METRIC_IDS, METRICS, type MetricId } from '../../../shared/metrics';
import type { MetricSet, MonthReport } from '../../../shared/report';
import type { DailySeries, OverviewReport } from '../../../shared/overview';
import { addMonths } from '../../../shared/china-time';
import { getApi } from '../api/client';
import { MetricCell } from '../components/MetricCell';
import { DrillDrawer, type DrillTarget } from '../components/DrillDrawer';
import { Sparkline } from '../components/Sparkline';
import { PageHead } from '../components/PageHead';
import { PLATFORM_COLOR } from '../format';
import { hrefOf } from '../router';

type TabKey = 'agents' | 'accounts' | 'shops';

/** One table row, whatever the level: an agent on one platform, an account, or a shop. */
interface Row {
  key: string;
  name: string;
  /** Second line under the name: the agent of an account, the team of an agent. */
  agent: string | null;
  team: string | null;
  platform: Platform;
  shop: string;
  /** The account a value drills into; null when the row spans several accounts. */
  account: string | null;
  accountCount: number;
  metrics: MetricSet;
  /** day values for the sparkline (account and shop rows) */
  daily?: DailySeries;
}

/** What a table needs beside its rows: last month's values by row key, and the month's days for sparklines. */
interface Extras {
  days: readonly string[];
  compare: boolean;
  prev: Map<string, MetricSet> | null;
}

const COLUMN_WIDTH: Partial<Record<MetricId, number>> = {
  reply_3min_rate: 168,
  first_reply_30s_rate: 144,
  bad_attitude_ratio: 172,
  sales_amount: 150,
  fcr_3d_rate: 128,
  exam_warnings: 132,
  exam_overdue: 132,
};

function rowsOf(report: MonthReport, overview?: OverviewReport | null): Record<TabKey, Row[]> {
  const accDaily = new Map(overview?.accounts.map((a) => [`${a.platform}|${a.shop}|${a.account}`, a.daily]));
  const shopDaily = new Map(overview?.shops.map((a) => [`${a.platform}|${a.shop}`, a.daily]));
  const accounts: Row[] = report.accounts.map((a) => ({
    key: `acc|${a.platform}|${a.shop}|${a.account}`,
    name: a.account,
    agent: a.agent,
    team: a.nickname && a.nickname !== a.account ? a.nickname : null,
    platform: a.platform,
    shop: a.shop,
    account: a.account,
    accountCount: 1,
    metrics: a.metrics,
    daily: accDaily.get(`${a.platform}|${a.shop}|${a.account}`),
  }));
  const agents: Row[] = report.agents.flatMap((g) =>
    g.platforms.map((p) => {
      const own = report.accounts.filter((a) => a.agent_id === g.agent_id && a.platform === p.platform);
      const shops = [...new Set(own.map((a) => a.shop))];
      return {
        key: `agent|${g.agent_id}|${p.platform}`,
        name: g.agent,
        agent: g.agent,
        team: g.team,
        platform: p.platform,
        shop: shops.join('、'),
        account: own.length === 1 ? own[0]!.account : null,
        accountCount: own.length,
        metrics: p.metrics,
      };
    }),
  );
  const shops: Row[] = report.shops.map((s) => ({
    key: `shop|${s.platform}|${s.shop}`,
    name: s.shop,
    agent: null,
    team: null,
    platform: s.platform,
    shop: s.shop,
    account: null,
    accountCount: report.accounts.filter((a) => a.platform === s.platform && a.shop === s.shop).length,
    metrics: s.metrics,
    daily: shopDaily.get(`${s.platform}|${s.shop}`),
  }));
  return { agents, accounts, shops };
}

/** Nulls sort last in both directions (antd negates the comparison for descending). */
function byMetric(id: MetricId) {
  return (a: Row, b: Row, order?: 'ascend' | 'descend' | null): number => {
    const x = a.metrics[id]?.value ?? null;
    const y = b.metrics[id]?.value ?? null;
    if (x === null && y === null) return 0;
    if (x === null) return order === 'descend' ? -1 : 1;
    if (y === null) return order === 'descend' ? 1 : -1;
    return x - y;
  };
}

function MetricTable({
  tab,
  rows,
  onOpen,
  extras,
}: {
  tab: TabKey;
  rows: Row[];
  onOpen: (row: Row, id: MetricId) => void;
  extras: Extras;
}): ReactNode {
  // columns that are empty for every row are hidden: a Douyin-only month shows no JD-only metric
  const shown = METRIC_IDS.filter((id) => rows.some((r) => (r.metrics[id]?.value ?? null) !== null));
  const platforms = [...new Set(rows.map((r) => r.platform))];
  const shops = [...new Set(rows.map((r) => r.shop))].sort();
  const nameTitle = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';

  const columns: TableColumnsType<Row> = [
    {
      title: nameTitle,
      key: 'name',
      fixed: 'left',
      width: tab === 'accounts' ? 220 : 170,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_: unknown, r) => {
        const noPrev = extras.compare && extras.prev && !extras.prev.has(r.key) && (
          <Tooltip title="上月没有这一行的数据，无法对比">
            <Tag className="sd-no-prev" data-testid="no-prev">
              上月无数据
            </Tag>
          </Tooltip>
        );
        return (
          <div style={{ minWidth: 0 }}>
            <div className="sd-file-name" data-testid="row-name">
              {r.name}
            </div>
            {tab === 'accounts' && (
              <div style={{ marginTop: 2, display: 'flex', gap: 4, alignItems: 'center', flexWrap: 'wrap' }}>
                {r.agent ? (
                  <span className="sd-file-sub">客服：{r.agent}</span>
                ) : (
                  <Tooltip title="这个账号还没有绑定到花名册中的客服，可在“设置 → 账号归属”中绑定">
                    <a href={`${hrefOf('settings')}?tab=accounts`}>
                      <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
                    </a>
                  </Tooltip>
                )}
                {r.team && <span className="sd-file-sub">{r.team}</span>}
                {noPrev}
              </div>
            )}
            {tab !== 'accounts' && noPrev}
            {tab === 'agents' && (r.team || r.accountCount > 1) && (
              <div className="sd-file-sub">
                {[r.team, r.accountCount > 1 ? `${r.accountCount} 个账号` : null].filter(Boolean).join(' · ')}
              </div>
            )}
            {tab === 'shops' && <div className="sd-file-sub">{r.accountCount} 个账号</div>}
          </div>
        );
      },
    },
    {
      title: '平台',
      key: 'platform',
      width: 76,
      filters: platforms.map((p) => ({ text: PLATFORM_ZH[p], value: p })),
      onFilter: (v, r) => r.platform === v,
      render: (_: unknown, r) => <Tag color={PLATFORM_COLOR[r.platform]}>{PLATFORM_ZH[r.platform]}</Tag>,
    },
  ];
  if (tab !== 'shops') {
    columns.push({
      title: '店铺',
      key: 'shop',
      width: 150,
      ellipsis: { showTitle: true },
      filters: shops.map((s) => ({ text: s, value: s })),
      filterSearch: shops.length > 8,
      onFilter: (v, r) => r.shop.split('、').includes(String(v)),
      render: (_: unknown, r) => r.shop,
    });
  }
  const withSpark = tab !== 'agents' && rows.some((r) => r.daily?.reply_3min_rate);
  for (const id of shown) {
    const def = METRICS[id];
    const spark = id === 'reply_3min_rate' && withSpark;
    columns.push({
      title: (
        <Tooltip title={def.better === 'down' ? '越低越好' : def.better === 'up' ? '越高越好' : undefined}>
          <span>{def.zh}</span>
        </Tooltip>
      ),
      key: id,
      width: (COLUMN_WIDTH[id] ?? 128) + (spark ? 92 : 0) + (extras.compare ? 8 : 0),
      align: 'right',
      sorter: byMetric(id),
      sortDirections: ['descend', 'ascend'],
      onCell: () => ({ 'data-col': id }) as React.HTMLAttributes<HTMLElement>,
      render: (_: unknown, r) => {
        const cell = (
          <MetricCell
            id={id}
            value={r.metrics[id]}
            onOpen={r.account !== null && tab !== 'shops' ? () => onOpen(r, id) : undefined}
            compare={extras.compare && extras.prev !== null}
            prev={extras.prev?.get(r.key)?.[id]}
          />
        );
        if (!spark) return cell;
        return (
          <div className="sd-spark-cell">
            <Sparkline
              days={extras.days}
              values={r.daily?.reply_3min_rate}
              unit="percent"
              threshold={r.metrics.reply_3min_rate?.threshold}
              label={def.zh}
            />
            {cell}
          </div>
        );
      },
    });
  }
  const width = columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 120), 0);

  return (
    <>
      {shown.length === 0 && rows.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="这个月还没有可计算的指标数据" />
      )}
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        scroll={{ x: width }}
        sticky
        pagination={
          rows.length > 50 ? { pageSize: 50, showSizeChanger: true, showTotal: (n) => `共 ${n} 行` } : false
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有数据" /> }}
        data-testid={`table-${tab}`}
      />
    </>
  );
}

function matches(r: Row, q: string): boolean {
  if (!q) return true;
  const s = q.toLowerCase();
  return [r.name, r.agent ?? '', r.shop, r.team ?? '', PLATFORM_ZH[r.platform]].some((t) =>
    t.toLowerCase().includes(s),
  );
}

export function ScorecardsPage(): ReactNode {
  const api = getApi();
  const [months, setMonths] = useState<Month[] | null>(null);
  const [monthsError, setMonthsError] = useState<string | null>(null);
  const [month, setMonth] = useState<Month | null>(null);
  const [report, setReport] = useState<{
    month: Month;
    data: MonthReport | null;
    error: string | null;
  } | null>(null);
  const [tab, setTab] = useState<TabKey | null>(null);
  const [query, setQuery] = useState('');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  // sparklines: the day series of report:overview (optional: the table works without them)
  const [overview, setOverview] = useState<{ month: Month; data: OverviewReport | null } | null>(null);
  const [compare, setCompare] = useState(false);
  const [prevReport, setPrevReport] = useState<{
    month: Month;
    data: MonthReport | null;
    error: string | null;
  } | null>(null);

  useEffect(() => {
    let alive = true;
    void api['report:months']({}).then((r) => {
      if (!alive) return;
      if (r.ok) {
        const sorted = [...r.data].sort();
        setMonths(sorted);
        setMonthsError(null);
        setMonth((m) => (m && sorted.includes(m) ? m : (sorted[sorted.length - 1] ?? null)));
      } else {
        setMonths([]);
        setMonthsError(r.error.message);
      }
    });
    return () => {
      alive = false;
    };
  }, [api, reloadKey]);

  useEffect(() => {
    if (!month) return;
    let alive = true;
    void api['report:month']({ month }).then((r) => {
      if (!alive) return;
      setReport(r.ok ? { month, data: r.data, error: null } : { month, data: null, error: r.error.message });
    });
    return () => {
      alive = false;
    };
  }, [api, month, reloadKey]);

  useEffect(() => {
    if (!month) return;
    let alive = true;
    void api['report:overview']({ month }).then((r) => {
      if (alive) setOverview({ month, data: r.ok ? r.data : null });
    });
    return () => {
      alive = false;
    };
  }, [api, month, reloadKey]);

  const prevMonth = month ? addMonths(month, -1) : null;
  useEffect(() => {
    if (!compare || !prevMonth) return;
    let alive = true;
    void api['report:month']({ month: prevMonth }).then((r) => {
      if (!alive) return;
      setPrevReport(
        r.ok
          ? { month: prevMonth, data: r.data, error: null }
          : { month: prevMonth, data: null, error: r.error.message },
      );
    });
    return () => {
      alive = false;
    };
  }, [api, compare, prevMonth, reloadKey]);

  // a new import or undo recalculates months: refresh when ours is among them
  useEffect(
    () =>
      api.subscribe((e) => {
        if (e.type === 'recalc:done') setReloadKey((k) => k + 1);
      }),
    [api],
  );

  const ov = overview && overview.month === report?.month ? overview.data : null;
  const rows = useMemo(() => (report?.data ? rowsOf(report.data, ov) : null), [report, ov]);
  const prevData = compare && prevReport && prevReport.month === prevMonth ? prevReport.data : null;
  const prevByKey = useMemo(() => {
    if (!prevData) return null;
    const r = rowsOf(prevData);
    return new Map([...r.agents, ...r.accounts, ...r.shops].map((x) => [x.key, x.metrics]));
  }, [prevData]);
  const prevEmpty = !!prevData && prevData.accounts.length === 0 && prevData.shops.length === 0;
  const extras: Extras = useMemo(
    () => ({ days: ov?.days ?? [], compare: compare && !!prevByKey && !prevEmpty, prev: prevByKey }),
    [ov, compare, prevByKey, prevEmpty],
  );
  const defaultTab: TabKey = rows
    ? rows.agents.length
      ? 'agents'
      : rows.accounts.length
        ? 'accounts'
        : rows.shops.length
          ? 'shops'
          : 'accounts'
    : 'accounts';
  const activeTab = tab ?? defaultTab;

  const openDrill = useCallback(
    (r: Row, id: MetricId) => {
      if (!month || r.account === null) return;
      setDrill({
        month,
        platform: r.platform,
        shop: r.shop,
        account: r.account,
        metric: id,
        value: r.metrics[id],
        agent: r.agent,
      });
    },
    [month],
  );

  const loadingReport = !!month && (!report || report.month !== month);

  if (months === null) {
    return (
      <div>
        <PageHead title="客服" description="每个客服、每个账号本月的各项指标。" />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }

  if (months.length === 0) {
    return (
      <div>
        <PageHead title="客服" description="每个客服、每个账号本月的各项指标。" />
        <Card>
          {monthsError && (
            <Alert
              type="error"
              showIcon
              title="读取数据失败"
              description={monthsError}
              style={{ marginBottom: 16 }}
            />
          )}
          <Empty
            style={{ padding: '48px 0' }}
            description="还没有任何数据。先导入平台后台下载的客服数据，这里就会显示每个账号的指标。"
            data-testid="scorecards-empty"
          >
            <Button type="primary" href={hrefOf('import')}>
              去导入数据
            </Button>
          </Empty>
        </Card>
      </div>
    );
  }

  const data = report?.data;
  const failCount = (list: Row[]): number =>
    list.reduce((n, r) => n + Object.values(r.metrics).filter((v) => v?.pass === false).length, 0);
  const unbound = data ? data.accounts.filter((a) => a.agent_id === null).length : 0;

  const filtered = rows
    ? {
        agents: rows.agents.filter((r) => matches(r, query)),
        accounts: rows.accounts.filter((r) => matches(r, query)),
        shops: rows.shops.filter((r) => matches(r, query)),
      }
    : null;

  return (
    <div>
      <PageHead
        title="客服"
        description="本月每个客服、每个账号、每个店铺的指标。红色为未达到平台考核线；点击数值可以查看按日明细和来源数据。"
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={month ? dayjs(`${month}-01`) : null}
              onChange={(d) => {
                if (d) setMonth(d.format('YYYY-MM'));
              }}
              disabledDate={(d) => !months.includes(d.format('YYYY-MM'))}
              format="YYYY年M月"
              style={{ width: 140 }}
              data-testid="month-picker"
            />
            <Tooltip
              title={prevMonth ? `与 ${prevMonth.replace('-', '年')}月 对比，显示每项指标的升降` : undefined}
            >
              <span className="sd-switch-label">
                <Switch
                  size="small"
                  checked={compare}
                  onChange={setCompare}
                  loading={compare && !prevData && !prevReport?.error}
                  data-testid="compare-toggle"
                />
                对比上月
              </span>
            </Tooltip>
            <Tooltip title="重新读取">
              <Button icon={<ReloadOutlined />} onClick={() => setReloadKey((k) => k + 1)} />
            </Tooltip>
          </>
        }
      />

      {report?.error && (
        <Alert
          type="error"
          showIcon
          title="读取本月数据失败"
          description={report.error}
          style={{ marginBottom: 16 }}
        />
      )}

      {data && rows && (
        <GridRow gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号"
                value={data.accounts.length}
                suffix={
                  unbound ? (
                    <span className="sd-muted" style={{ fontSize: 13 }}>
                      其中未绑定 {unbound}
                    </span>
                  ) : undefined
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic title="客服（已绑定）" value={data.agents.length} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="店铺"
                value={data.shops.length}
                suffix={
                  <span className="sd-muted" style={{ fontSize: 13 }}>
                    {PLATFORMS.filter((p) => data.shops.some((s) => s.platform === p))
                      .map((p) => PLATFORM_ZH[p])
                      .join(' · ')}
                  </span>
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号未达标项"
                value={failCount(rows.accounts)}
                styles={{ content: failCount(rows.accounts) > 0 ? { color: '#d92d20' } : undefined }}
              />
            </Card>
          </Col>
        </GridRow>
      )}

      {compare && prevReport?.error && prevReport.month === prevMonth && (
        <Alert
          type="error"
          showIcon
          title="读取上月数据失败"
          description={prevReport.error}
          style={{ marginBottom: 16 }}
        />
      )}
      {compare && prevEmpty && (
        <Alert
          type="info"
          showIcon
          title={`上月（${prevMonth ?? ''}）没有数据，无法对比`}
          description="导入上月的数据后，这里会显示每项指标较上月的升降。"
          style={{ marginBottom: 16 }}
          data-testid="compare-empty"
        />
      )}
      {extras.compare && (
        <div className="sd-compare-legend" data-testid="compare-legend">
          对比 {prevMonth}：<span className="sd-delta-good">▲▼ 绿色</span> 变好，
          <span className="sd-delta-bad">红色</span> 变差，比率的变化以百分点（pp）计，时长以秒计。
        </div>
      )}

      {data && data.notices.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${data.notices.length} 条数据没有计入本月`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {data.notices.slice(0, 8).map((n, i) => (
                <li key={i}>
                  {PLATFORM_ZH[n.platform]} · {n.shop} · {n.account}（{n.from} ~ {n.to}）：{n.message}
                </li>
              ))}
              {data.notices.length > 8 && <li>…等 {data.notices.length} 条</li>}
            </ul>
          }
        />
      )}

      <Card styles={{ body: { paddingTop: 4 } }}>
        {loadingReport || !filtered || !rows ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Tabs
            activeKey={activeTab}
            onChange={(k) => setTab(k as TabKey)}
            tabBarExtraContent={
              <Input
                allowClear
                prefix={<SearchOutlined className="sd-muted" />}
                placeholder="搜索客服、账号、店铺"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                style={{ width: 240 }}
              />
            }
            items={(
              [
                ['agents', '客服', filtered.agents, rows.agents.length],
                ['accounts', '账号', filtered.accounts, rows.accounts.length],
                ['shops', '店铺', filtered.shops, rows.shops.length],
              ] as const
            ).map(([key, label, list, total]) => ({
              key,
              label: (
                <span data-testid={`tab-${key}`}>
                  {label} <span className="sd-muted">{total}</span>
                </span>
              ),
              children: (
                <>
                  {key === 'agents' && total === 0 && (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title="还没有客服花名册"
                      description={
                        <>
                          账号还没有绑定到客服，可以先在“账号”页查看每个账号的指标。在
                          <a href={`${hrefOf('settings')}?tab=roster`}>设置 → 花名册</a>
                          中登记客服并绑定账号，或在“导入”页导入“客服花名册.xlsx”。
                        </>
                      }
                    />
                  )}
                  <MetricTable tab={key} rows={list} onOpen={openDrill} extras={extras} />
                </>
              ),
            }))}
          />
        )}
      </Card>

      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
