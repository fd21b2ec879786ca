import { useCallback, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Row as GridRow,
  Select,
  Skeleton,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Month, Platform } from '../../../../shared/domain';
import { PLATFORMS, PLATFORM_ZH } from '../../../../shared/domain';
import { METRIC_IDS, METRICS, type MetricId } from '../../../../shared/metrics';
import type { AgentKpi, MetricSet, MonthReport } from '../../../../shared/report';
import type { Scheme } from '../../../../shared/kpi/scheme';
import type { DailySeries, OverviewReport } from '../../../../shared/overview';
import type { RosterView } from '../../../../shared/settings';
import { addMonths } from '../../../../shared/china-time';
import { useApiQuery } from '../../data/use-api-query';
import { saveBytes } from '../../ui/save-bytes';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { scorecardsTable } from './scorecards-export';
import { MetricCell } from '../../ui/MetricCell';
import { SourceTag } from '../../ui/SourceTag';
import { MonthPicker } from '../../ui/MonthPicker';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { Sparkline } from '../../ui/Sparkline';
import { PageHead } from '../../ui/PageHead';
import { DASH as DASH_TEXT, PLATFORM_COLOR, formatScore } from '../../ui/format';
import { useMonths } from '../../data/use-months';
import { AgentLink } from '../agent/AgentLink';
import { hrefOf, setHashParam, useHashParam } from '../../app/router';
import { BonusCell, DeductionCell, GradeTag, KciCell, KpiBreakdown, RankCell } from './KpiCells';
import { SchemeBar } from './SchemeBar';
import { ColumnChooser } from './ColumnChooser';
import {
  agentCount,
  agentGroups,
  loadHiddenColumns,
  matchesQuery,
  saveHiddenColumns,
  teamsOf,
} from './scorecards-view';

/** The browser's localStorage, or null where it is unavailable (a locked-down profile). */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

type TabKey = 'agents' | 'accounts' | 'shops';

/** One table row, whatever the level: an agent on one platform, an account, or a shop. */
interface Row {
  key: string;
  name: string;
  /** The roster agent of an agent row (null on account and shop rows). */
  agentId: number | null;
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
  /** what a search also finds: the account names and nicknames behind the row */
  words: string[];
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

/** Shops an agent's roster accounts on a platform cover in the month (from 设置 → 花名册), by agent id. */
type RosterShops = Map<
  number,
  { platform: Platform; shop: string; account: string; from: string | null; to: string | null }[]
>;

function rosterShops(view: RosterView): RosterShops {
  return new Map(
    view.agents.map((a) => [
      a.id,
      a.accounts.map((x) => ({
        platform: x.platform,
        shop: x.shop,
        account: x.account,
        from: x.valid_from,
        to: x.valid_to,
      })),
    ]),
  );
}

function rowsOf(
  report: MonthReport,
  overview?: OverviewReport | null,
  roster?: RosterShops | null,
): Record<TabKey, Row[]> {
  const accDaily = new Map(overview?.accounts.map((a) => [`${a.platform}|${a.shop}|${a.account}`, a.daily]));
  const shopDaily = new Map(overview?.shops.map((a) => [`${a.platform}|${a.shop}`, a.daily]));
  const accounts: Row[] = report.accounts.map((a) => ({
    key: `acc|${a.platform}|${a.shop}|${a.account}`,
    name: a.account,
    agentId: null,
    agent: a.agent,
    team: a.nickname && a.nickname !== a.account ? a.nickname : null,
    platform: a.platform,
    shop: a.shop,
    account: a.account,
    accountCount: 1,
    metrics: a.metrics,
    daily: accDaily.get(`${a.platform}|${a.shop}|${a.account}`),
    words: a.nickname ? [a.nickname] : [],
  }));
  const agents: Row[] = report.agents.flatMap((g) =>
    g.platforms.map((p) => {
      const own = report.accounts.filter((a) => a.agent_id === g.agent_id && a.platform === p.platform);
      let shops = [...new Set(own.map((a) => a.shop))];
      if (shops.length === 0 && roster) {
        // an account that changed hands within the month belongs to no single agent in the report: name its shop
        // from the roster ranges that overlap the month (no drill-down: the account's value mixes both owners)
        const from = `${report.month}-01`;
        const to = `${report.month}-31`;
        shops = [
          ...new Set(
            (roster.get(g.agent_id) ?? [])
              .filter(
                (x) =>
                  x.platform === p.platform &&
                  (x.from === null || x.from <= to) &&
                  (x.to === null || x.to >= from) &&
                  report.accounts.some(
                    (a) => a.platform === x.platform && a.shop === x.shop && a.account === x.account,
                  ),
              )
              .map((x) => x.shop),
          ),
        ];
      }
      return {
        key: `agent|${g.agent_id}|${p.platform}`,
        name: g.agent,
        agentId: g.agent_id,
        agent: g.agent,
        team: g.team,
        platform: p.platform,
        shop: shops.join('、'),
        account: own.length === 1 ? own[0]!.account : null,
        accountCount: own.length,
        metrics: p.metrics,
        words: own.flatMap((a) => (a.nickname ? [a.account, a.nickname] : [a.account])),
      };
    }),
  );
  const shops: Row[] = report.shops.map((s) => ({
    key: `shop|${s.platform}|${s.shop}`,
    name: s.shop,
    agentId: null,
    agent: null,
    team: null,
    platform: s.platform,
    shop: s.shop,
    account: null,
    accountCount: report.accounts.filter((a) => a.platform === s.platform && a.shop === s.shop).length,
    metrics: s.metrics,
    daily: shopDaily.get(`${s.platform}|${s.shop}`),
    words: [],
  }));
  return { agents, accounts, shops };
}

type Order = 'ascend' | 'descend';
/** antd negates a comparison for descending; the order is passed so that nulls can stay last either way. */
type Cmp = (a: Row, b: Row, order: Order) => number;

/** Numbers with nulls last in both directions. */
function byNumber(get: (r: Row) => number | null | undefined): Cmp {
  return (a, b, order) => {
    const x = get(a) ?? null;
    const y = get(b) ?? null;
    if (x === null && y === null) return 0;
    if (x === null) return order === 'descend' ? -1 : 1;
    if (y === null) return order === 'descend' ? 1 : -1;
    return x - y;
  };
}

function byMetric(id: MetricId): Cmp {
  return byNumber((r) => r.metrics[id]?.value);
}

/** The KPI scheme shown on the 客服 tab: each agent's score on it, and the scheme itself once loaded. */
export interface KpiMode {
  name: string;
  scheme: Scheme | null;
  byAgent: Map<number, AgentKpi>;
  bonus: boolean;
}

/**
 * Rank order: the ranked by rank, then the unranked by final score, then those without a score, then agents outside
 * the scheme; these groups keep their order in both directions.
 */
function byRank(kpiOf: (r: Row) => AgentKpi | undefined): Cmp {
  const tier = (k: AgentKpi | undefined): number =>
    !k ? 3 : k.ranked && k.rank !== null ? 0 : k.final !== null ? 1 : 2;
  return (a, b, order) => {
    const ka = kpiOf(a);
    const kb = kpiOf(b);
    const ta = tier(ka);
    const tb = tier(kb);
    if (ta !== tb) return order === 'descend' ? tb - ta : ta - tb;
    if (ta === 0) return ka!.rank! - kb!.rank!;
    if (ta === 1) return kb!.final! - ka!.final!;
    return 0;
  };
}

const AGENT_KEYS = new Set(['name', 'kpi-rank', 'kpi-final', 'kpi-kpi', 'kpi-kci', 'kpi-ded', 'kpi-bonus']);

type Filters = Record<string, (string | number | boolean)[] | null>;

function MetricTable({
  tab,
  rows,
  onOpen,
  extras,
  kpi,
  hidden,
  month,
}: {
  /** for the export's file name */
  month: Month | null;
  tab: TabKey;
  rows: Row[];
  /** metric columns the lead switched off (列设置) */
  hidden: readonly string[];
  onOpen: (row: Row, id: MetricId) => void;
  extras: Extras;
  /** the agents tab's scheme (KPI columns and a breakdown per agent) */
  kpi?: KpiMode | null;
}): ReactNode {
  const [sort, setSort] = useState<{ key: string | null; order: Order | null }>(() =>
    kpi ? { key: 'kpi-rank', order: 'ascend' } : { key: null, order: null },
  );
  const [filters, setFilters] = useState<Filters>({});

  // columns that are empty for every row are hidden: a Douyin-only month shows no JD-only metric
  const withData = METRIC_IDS.filter((id) => rows.some((r) => (r.metrics[id]?.value ?? null) !== null));
  const shown = withData.filter((id) => !hidden.includes(id));
  const platforms = [...new Set(rows.map((r) => r.platform))];
  const shops = [...new Set(rows.map((r) => r.shop.split('、')).flat())].sort();
  const nameTitle = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
  const kpiOf = (r: Row): AgentKpi | undefined =>
    kpi && r.agentId !== null ? kpi.byAgent.get(r.agentId) : undefined;

  // sorting and filtering are done here (antd only shows the state): the KPI cells of an agent's platform rows are
  // merged, which needs the rows in their displayed order
  const comparators: Record<string, Cmp> = {
    name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    ...Object.fromEntries(shown.map((id) => [id, byMetric(id)])),
  };
  if (kpi) {
    comparators['kpi-rank'] = byRank(kpiOf);
    comparators['kpi-final'] = byNumber((r) => kpiOf(r)?.final);
    comparators['kpi-kpi'] = byNumber((r) => kpiOf(r)?.kpi_total);
    comparators['kpi-kci'] = byNumber((r) => kpiOf(r)?.kci_total);
    comparators['kpi-ded'] = byNumber((r) => kpiOf(r)?.deductions);
    comparators['kpi-bonus'] = byNumber((r) => kpiOf(r)?.bonus);
  }
  const platformFilter = filters.platform ?? null;
  const shopFilter = filters.shop ?? null;
  const visible = rows.filter(
    (r) =>
      (!platformFilter?.length || platformFilter.includes(r.platform)) &&
      (!shopFilter?.length || r.shop.split('、').some((s) => shopFilter.includes(s))),
  );
  const cmp = sort.key && sort.order ? comparators[sort.key] : undefined;
  const order = sort.order ?? 'ascend';
  const ordered = cmp
    ? [...visible].sort((a, b) => (order === 'descend' ? -1 : 1) * cmp(a, b, order))
    : visible;

  // an agent's rows (one per platform) stay together unless sorted by a per-platform value
  const grouped = !!kpi && (sort.key === null || AGENT_KEYS.has(sort.key));
  const groups = agentGroups(ordered, grouped);
  const merged = (r: Row): React.HTMLAttributes<HTMLElement> & { rowSpan?: number } => {
    if (!grouped) return {};
    const g = groups.get(r.key);
    return { rowSpan: !g ? 1 : g.first === r.key ? g.size : 0 };
  };
  // opened breakdowns by the group's first row; antd opens them below the group's last row
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (first: string): void =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(first)) next.add(first);
      return next;
    });
  const expandedKeys = [...open].flatMap((first) => {
    const g = groups.get(first);
    return g && g.first === first ? [g.last] : [];
  });
  const sortState = (key: string): { sorter: true; sortOrder: Order | null } => ({
    sorter: true,
    sortOrder: sort.key === key ? sort.order : null,
  });

  const columns: TableColumnsType<Row> = [];
  if (kpi) {
    columns.push({
      title: '排名',
      key: 'kpi-rank',
      fixed: 'left',
      width: 104,
      align: 'center',
      ...sortState('kpi-rank'),
      sortDirections: ['ascend', 'descend'],
      onCell: merged,
      render: (_: unknown, r) => {
        const k = kpiOf(r);
        return k ? (
          <RankCell kpi={k} scheme={kpi.scheme} />
        ) : (
          <Tooltip title={`不在方案“${kpi.name}”的店铺范围内`}>
            <span className="sd-muted">{DASH_TEXT}</span>
          </Tooltip>
        );
      },
    });
  }
  columns.push({
    title: nameTitle,
    key: 'name',
    fixed: 'left',
    width: tab === 'accounts' ? 220 : 170,
    ...sortState('name'),
    onCell: kpi ? merged : undefined,
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
            {tab === 'agents' && r.agentId !== null ? (
              <AgentLink id={r.agentId} name={r.name} month={extras.days[0]?.slice(0, 7)} />
            ) : (
              r.name
            )}
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
  });
  if (kpi) {
    const kpiCell = (render: (k: AgentKpi) => ReactNode) => (_: unknown, r: Row) => {
      const k = kpiOf(r);
      return k ? render(k) : <span className="sd-muted">{DASH_TEXT}</span>;
    };
    // the sortable numbers: right-aligned, highest first on the first click, one cell per agent when grouped
    const scoreColumn = (
      key: string,
      title: string,
      width: number,
      render: (k: AgentKpi) => ReactNode,
    ): TableColumnsType<Row>[number] => ({
      title,
      key,
      width,
      align: 'right',
      ...sortState(key),
      sortDirections: ['descend', 'ascend'],
      onCell: merged,
      render: kpiCell(render),
    });
    columns.push(
      scoreColumn('kpi-final', '最终得分', 96, (k) => (
        <span className="sd-num sd-final" data-testid="kpi-final">
          {formatScore(k.final)}
        </span>
      )),
      {
        title: '等级',
        key: 'kpi-grade',
        width: 64,
        align: 'center',
        onCell: merged,
        render: kpiCell((k) => <GradeTag grade={k.grade} />),
      },
      scoreColumn('kpi-kpi', 'KPI得分', 96, (k) => (
        <span className="sd-num" data-testid="kpi-kpi">
          {formatScore(k.kpi_total)}
        </span>
      )),
      scoreColumn('kpi-kci', 'KCI得分', 132, (k) => (
        <KciCell kpi={k} share={kpi.scheme?.kci_share ?? null} />
      )),
      scoreColumn('kpi-ded', '扣分', 72, (k) => <DeductionCell kpi={k} />),
    );
    if (kpi.bonus) columns.push(scoreColumn('kpi-bonus', '奖金', 108, (k) => <BonusCell kpi={k} />));
  }
  columns.push({
    title: '平台',
    key: 'platform',
    width: 76,
    filters: platforms.map((p) => ({ text: PLATFORM_ZH[p], value: p })),
    filteredValue: filters.platform ?? null,
    render: (_: unknown, r) => <Tag color={PLATFORM_COLOR[r.platform]}>{PLATFORM_ZH[r.platform]}</Tag>,
  });
  if (tab !== 'shops') {
    columns.push({
      title: '店铺',
      key: 'shop',
      width: 150,
      ellipsis: { showTitle: true },
      filters: shops.map((s) => ({ text: s, value: s })),
      filterSearch: shops.length > 8,
      filteredValue: filters.shop ?? null,
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
      ...sortState(id),
      sortDirections: ['descend', 'ascend'],
      onCell: () => ({ 'data-col': id }) as React.HTMLAttributes<HTMLElement>,
      render: (_: unknown, r) => {
        const cell = (
          <span style={{ display: 'inline-flex', alignItems: 'baseline' }}>
            <MetricCell
              id={id}
              value={r.metrics[id]}
              onOpen={r.account !== null && tab !== 'shops' ? () => onOpen(r, id) : undefined}
              compare={extras.compare && extras.prev !== null}
              prev={extras.prev?.get(r.key)?.[id]}
            />
            <SourceTag value={r.metrics[id]} />
          </span>
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
  const width =
    columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 120), 0) + (kpi ? 48 : 0);

  const exportXlsx = (): void => {
    const t = scorecardsTable(tab, ordered, shown, kpi ? kpiOf : null);
    const title = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
    saveBytes(
      exportFileName(`${title}指标`, month),
      tableXlsx(`${title} ${month ?? ''}`.trim(), t.columns, t.rows),
    );
  };

  return (
    <>
      <div className="sd-table-export">
        <Button size="small" icon={<DownloadOutlined />} onClick={exportXlsx} data-testid={`export-${tab}`}>
          导出 Excel
        </Button>
      </div>
      {shown.length === 0 && rows.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="这个月还没有可计算的指标数据" />
      )}
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={ordered}
        scroll={{ x: width }}
        sticky
        onChange={(_p, f, s) => {
          setFilters(f as Filters);
          const one = Array.isArray(s) ? s[0] : s;
          const key = one?.order ? String(one.columnKey ?? '') : null;
          setSort(key ? { key, order: one!.order ?? null } : { key: null, order: null });
        }}
        expandable={
          kpi
            ? {
                rowExpandable: (r) => !!kpiOf(r) && groups.get(r.key)?.last === r.key,
                expandedRowKeys: expandedKeys,
                // the button sits on the agent's first row, next to the name, whatever row the breakdown opens under
                expandIcon: ({ record }) => {
                  const g = groups.get(record.key);
                  if (!g || g.first !== record.key || !kpiOf(record)) return null;
                  const isOpen = open.has(g.first);
                  return (
                    <button
                      type="button"
                      className={`ant-table-row-expand-icon ant-table-row-expand-icon-${isOpen ? 'expanded' : 'collapsed'}`}
                      aria-label={isOpen ? '收起得分明细' : '展开得分明细'}
                      aria-expanded={isOpen}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(g.first);
                      }}
                    />
                  );
                },
                expandedRowRender: (r) => {
                  const k = kpiOf(r);
                  return k ? <KpiBreakdown kpi={k} scheme={kpi.scheme} /> : null;
                },
                columnWidth: 40,
              }
            : undefined
        }
        pagination={
          !grouped && ordered.length > 50
            ? { pageSize: 50, showSizeChanger: true, showTotal: (n) => `共 ${n} 行` }
            : false
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有数据" /> }}
        data-testid={`table-${tab}`}
      />
    </>
  );
}

function matches(r: Row, q: string): boolean {
  return matchesQuery(r, PLATFORM_ZH[r.platform], q);
}

export function ScorecardsPage(): ReactNode {
  const [tab, setTab] = useState<TabKey | null>(null);
  const [query, setQuery] = useState('');
  const [team, setTeam] = useState<string | null>(null);
  const [hidden, setHiddenState] = useState<string[]>(() => loadHiddenColumns(localStore()));
  const setHidden = useCallback((next: string[]) => {
    setHiddenState(next);
    saveHiddenColumns(localStore(), next);
  }, []);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { months, error: monthsError, month, setMonth } = useMonths();
  const [compare, setCompare] = useState(false);
  const reportQ = useApiQuery('report:month', month ? { month } : null);
  const report = useMemo(
    () =>
      month && (reportQ.data || reportQ.error)
        ? { month, data: reportQ.data, error: reportQ.error?.message ?? null }
        : null,
    [month, reportQ.data, reportQ.error],
  );
  // sparklines: the day series of report:overview (optional: the table works without them)
  const overviewQ = useApiQuery('report:overview', month ? { month } : null);
  // the roster names the shop of an agent whose account changed hands within the month (optional)
  const rosterQ = useApiQuery('roster:list', {});
  const roster: RosterShops | null = useMemo(
    () => (rosterQ.data ? rosterShops(rosterQ.data) : null),
    [rosterQ.data],
  );
  const prevMonth = month ? addMonths(month, -1) : null;
  const prevQ = useApiQuery('report:month', compare && prevMonth ? { month: prevMonth } : null);

  const ov = report?.month === month ? overviewQ.data : null;
  const rows = useMemo(() => (report?.data ? rowsOf(report.data, ov, roster) : null), [report, ov, roster]);
  const prevData = compare && prevMonth ? prevQ.data : null;
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

  // 考核方案: the schemes the month's agents are scored on (report:month's kpi[]), the first by default
  const schemeParam = useHashParam('scheme');
  const schemeNames = useMemo(() => {
    const names: string[] = [];
    for (const g of report?.data?.agents ?? [])
      for (const k of g.kpi ?? []) if (!names.includes(k.scheme)) names.push(k.scheme);
    return names;
  }, [report]);
  const schemeName =
    schemeParam && schemeNames.includes(schemeParam) ? schemeParam : (schemeNames[0] ?? null);
  const schemeQ = useApiQuery('scheme:get', schemeName && month ? { name: schemeName, month } : null);
  const schemeDef = schemeQ.data;
  const kpiMode: KpiMode | null = useMemo(() => {
    if (!schemeName || !report?.data) return null;
    const byAgent = new Map<number, AgentKpi>();
    for (const g of report.data.agents) {
      const k = g.kpi?.find((x) => x.scheme === schemeName);
      if (k) byAgent.set(g.agent_id, k);
    }
    const scheme = schemeDef;
    const bonus = scheme
      ? scheme.bonus.base > 0 || scheme.bonus.commission_rate > 0
      : [...byAgent.values()].some((k) => k.bonus !== null);
    return { name: schemeName, scheme, byAgent, bonus };
  }, [schemeName, report, schemeDef]);

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
  const teams = rows ? teamsOf(rows.agents) : [];
  const failCount = (list: Row[]): number =>
    list.reduce((n, r) => n + Object.values(r.metrics).filter((v) => v?.pass === false).length, 0);
  const unbound = data ? data.accounts.filter((a) => a.agent_id === null).length : 0;

  const filtered = rows
    ? {
        agents: rows.agents.filter((r) => matches(r, query) && (!team || r.team === team)),
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
            <MonthPicker
              value={month}
              months={months}
              onChange={setMonth}
              width={140}
              testId="month-picker"
            />
            <Tooltip
              title={prevMonth ? `与 ${prevMonth.replace('-', '年')}月 对比，显示每项指标的升降` : undefined}
            >
              <span className="sd-switch-label">
                <Switch
                  size="small"
                  checked={compare}
                  onChange={setCompare}
                  loading={compare && !prevData && !prevQ.error}
                  data-testid="compare-toggle"
                />
                对比上月
              </span>
            </Tooltip>
            <Tooltip title="重新读取">
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  reportQ.reload();
                  overviewQ.reload();
                }}
              />
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

      {compare && prevQ.error && (
        <Alert
          type="error"
          showIcon
          title="读取上月数据失败"
          description={prevQ.error.message}
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
              <div className="sd-table-tools">
                {activeTab === 'agents' && teams.length > 0 && (
                  <Select
                    allowClear
                    placeholder="全部团队"
                    value={team}
                    onChange={(v?: string) => setTeam(v ?? null)}
                    options={teams.map((t) => ({ value: t, label: t }))}
                    style={{ width: 120 }}
                    data-testid="team-filter"
                  />
                )}
                <ColumnChooser
                  available={METRIC_IDS.filter((id) =>
                    rows[activeTab].some((r) => (r.metrics[id]?.value ?? null) !== null),
                  )}
                  hidden={hidden}
                  onChange={setHidden}
                />
                <Input
                  allowClear
                  prefix={<SearchOutlined className="sd-muted" />}
                  placeholder="搜索客服、账号、昵称"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  style={{ width: 220 }}
                  data-testid="scorecards-search"
                />
              </div>
            }
            items={(
              [
                ['agents', '客服', filtered.agents, agentCount(rows.agents)],
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
                  {key === 'agents' && kpiMode && (
                    <SchemeBar
                      schemes={schemeNames}
                      value={kpiMode.name}
                      onChange={(n) => setHashParam('scheme', n)}
                      scheme={kpiMode.scheme}
                      scores={[...kpiMode.byAgent.values()]}
                    />
                  )}
                  <MetricTable
                    tab={key}
                    rows={list}
                    onOpen={openDrill}
                    extras={extras}
                    kpi={key === 'agents' ? kpiMode : null}
                    hidden={hidden}
                    month={month}
                  />
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
