import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
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
  type TablePaginationConfig,
} from 'antd';
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Month, Platform } from '../../../../shared/domain';
import { PLATFORM_ZH } from '../../../../shared/domain';
import { METRICS, type MetricId } from '../../../../shared/metrics';
import type { AgentKpi, MetricSet, MonthReport } from '../../../../shared/report';
import type { Scheme } from '../../../../shared/kpi/scheme';
import type { DailySeries, OverviewReport } from '../../../../shared/overview';
import type { AgentSortKey, AgentsQuery, AgentTableRow, SortOrder } from '../../../../shared/report-pages';
import { addMonths } from '../../../../shared/china-time';
import { useApiQuery } from '../../data/use-api-query';
import { useDebounced } from '../../data/use-debounced';
import { allAgentRows, useAgentsPage } from './use-agents-page';
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
import { agentGroups, loadHiddenColumns, saveHiddenColumns, shapeLocal } from './scorecards-view';

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
  /** the agent's score on the scheme shown (客服 tab) */
  kpi?: AgentKpi | null;
  /** 对比上月: last month's values of the row; null: no such row last month; absent: not compared */
  prev?: MetricSet | null;
  /** 对比上月 on the 客服 tab: the agent's final score last month on the same scheme */
  prevFinal?: number | null;
}

/** What a table needs beside its rows: the month's days for sparklines, and whether 对比上月 is shown. */
interface Extras {
  month: Month | null;
  days: readonly string[];
  compare: boolean;
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

/** The account and shop rows of the month report (the 客服 rows come shaped from report:agents). */
function localRowsOf(
  report: MonthReport,
  overview?: OverviewReport | null,
): Record<'accounts' | 'shops', Row[]> {
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
  return { accounts, shops };
}

/** A 客服 row of report:agents as a table row. */
function agentRow(r: AgentTableRow): Row {
  return {
    key: r.key,
    name: r.agent,
    agentId: r.agent_id,
    agent: r.agent,
    team: r.team,
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    accountCount: r.account_count,
    metrics: r.metrics,
    words: r.words,
    kpi: r.kpi,
    ...(r.prev !== undefined ? { prev: r.prev?.metrics ?? null, prevFinal: r.prev?.kpi?.final ?? null } : {}),
  };
}

/** The KPI scheme shown on the 客服 tab (its scores come on the rows). */
export interface KpiMode {
  name: string;
  scheme: Scheme | null;
  bonus: boolean;
}

type Sort = { key: AgentSortKey; order: SortOrder };

/** The 平台 and 店铺 column filters. */
export interface Filters {
  platform: Platform[] | null;
  shop: string[] | null;
}

/** What the table shows beside its rows: the filter options and the metric columns with data (over the search). */
interface Options {
  platforms: Platform[];
  shops: string[];
  metrics: MetricId[];
}

function MetricTable({
  tab,
  rows,
  onOpen,
  extras,
  kpi,
  hidden,
  month,
  grouped,
  sort,
  filters,
  options,
  onQuery,
  pagination,
  virtualHeight,
  loading,
  exportRows,
}: {
  /** for the export's file name */
  month: Month | null;
  tab: TabKey;
  /** the rows on screen, searched, filtered, sorted and paged */
  rows: Row[];
  /** metric columns the lead switched off (列设置) */
  hidden: readonly string[];
  onOpen: (row: Row, id: MetricId) => void;
  extras: Extras;
  /** the agents tab's scheme (KPI columns and a breakdown per agent) */
  kpi?: KpiMode | null;
  /** an agent's platform rows are adjacent: their KPI cells merge */
  grouped: boolean;
  sort: Sort | null;
  filters: Filters;
  options: Options;
  onQuery: (sort: Sort | null, filters: Filters) => void;
  pagination: TablePaginationConfig | false;
  /** a virtual table's body height (the 客服 tab); absent: a plain table */
  virtualHeight?: number;
  loading?: boolean;
  /** every row matching the search and filters in the table's order (the export), null when reading failed */
  exportRows: () => Promise<Row[] | null>;
}): ReactNode {
  // columns that are empty for every row are hidden: a Douyin-only month shows no JD-only metric
  const groups = useMemo(() => agentGroups(rows, grouped), [rows, grouped]);
  const kpiOf = (r: Row): AgentKpi | undefined => (kpi ? (r.kpi ?? undefined) : undefined);
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
  // the columns are rebuilt only when what they show changes: a new array makes antd redraw every cell (the
  // loading spinner while the next page is read, an opened breakdown)
  const { columns, width, shown } = useMemo(() => {
    const shown = options.metrics.filter((id) => !hidden.includes(id));
    const { platforms, shops } = options;
    const nameTitle = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
    const kpiOf = (r: Row): AgentKpi | undefined => (kpi ? (r.kpi ?? undefined) : undefined);

    // The KPI cells of an agent's platform rows are one cell. In the virtual table (the 客服 tab) a cell's rowSpan is
    // drawn as an overlay as tall as the spanned lines, and a line there includes its expanded row — the merged cells
    // would cover the breakdown opened under the group's last row. So there the first row carries the cells and the
    // group's other rows have empty continuation cells without the border between them: the same look,
    // every line its own height. The plain table (accounts, shops) never groups.
    const merged = (r: Row): React.HTMLAttributes<HTMLElement> & { rowSpan?: number } => {
      if (!grouped) return {};
      const g = groups.get(r.key);
      if (!g || g.size === 1) return {};
      if (virtualHeight === undefined) return { rowSpan: g.first === r.key ? g.size : 0 };
      // no line under the group's cells but the last one's (its breakdown, when open, follows it)
      return g.last === r.key ? {} : { style: { borderBottomColor: 'transparent' } };
    };
    const isCont = (r: Row): boolean => {
      if (!grouped || virtualHeight === undefined) return false;
      const g = groups.get(r.key);
      return !!g && g.first !== r.key;
    };
    const sortState = (key: string): { sorter: true; sortOrder: SortOrder | null } => ({
      sorter: true,
      sortOrder: sort?.key === key ? sort.order : null,
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
          if (isCont(r)) return null;
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
        if (isCont(r)) return null;
        const noPrev = extras.compare && r.prev === null && (
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
                <AgentLink id={r.agentId} name={r.name} month={extras.month ?? undefined} />
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
      const kpiCell = (render: (k: AgentKpi, r: Row) => ReactNode) => (_: unknown, r: Row) => {
        if (isCont(r)) return null;
        const k = kpiOf(r);
        return k ? render(k, r) : <span className="sd-muted">{DASH_TEXT}</span>;
      };
      // the sortable numbers: right-aligned, highest first on the first click, one cell per agent when grouped
      const scoreColumn = (
        key: string,
        title: string,
        width: number,
        render: (k: AgentKpi, r: Row) => ReactNode,
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
        scoreColumn('kpi-final', '最终得分', 96, (k, r) => (
          <>
            <span className="sd-num sd-final" data-testid="kpi-final">
              {formatScore(k.final)}
            </span>
            {extras.compare && r.prevFinal != null && (
              <div className="sd-file-sub" data-testid="kpi-final-prev">
                上月 {formatScore(r.prevFinal)}
              </div>
            )}
          </>
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
                compare={extras.compare}
                prev={r.prev?.[id]}
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

    return { columns, width, shown };
  }, [options, hidden, tab, kpi, rows, grouped, groups, virtualHeight, extras, sort, filters, onOpen]);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async (): Promise<void> => {
    setExporting(true);
    try {
      const all = await exportRows();
      if (!all) return;
      const t = scorecardsTable(tab, all, shown, kpi ? kpiOf : null);
      const title = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
      saveBytes(
        exportFileName(`${title}指标`, month),
        tableXlsx(`${title} ${month ?? ''}`.trim(), t.columns, t.rows),
      );
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="sd-table-export">
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportXlsx()}
          data-testid={`export-${tab}`}
        >
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
        dataSource={rows}
        loading={loading}
        {...(virtualHeight !== undefined
          ? { virtual: true, scroll: { x: width, y: virtualHeight } }
          : { scroll: { x: width }, sticky: true })}
        onChange={(_p, f, s, extra) => {
          if (extra.action === 'paginate') return;
          const one = Array.isArray(s) ? s[0] : s;
          const key = one?.order ? (String(one.columnKey ?? '') as AgentSortKey) : null;
          onQuery(key ? { key, order: one!.order! } : null, {
            platform: (f.platform as Platform[] | null | undefined) ?? null,
            shop: (f.shop as string[] | null | undefined) ?? null,
          });
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
        pagination={pagination}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有数据" /> }}
        data-testid={`table-${tab}`}
      />
    </>
  );
}

/**
 * The 客服 tab's rows per page. The table is read page by page from report:agents (antd pagination, 100 rows) and
 * drawn as a virtual table: a page of 100 rows is one quick answer (≤ 60 ms at 200 agents) and at most ~20 rows are
 * in the DOM at a time, so a 200-agent month (800 rows) never renders whole. Pages rather than windowed loading keep
 * the KPI ranks, the merged cells and the expanded breakdowns on rows that do not move under the lead's pointer.
 */
const AGENTS_PAGE = 100;

/** The virtual table's body: what is left of the window under the header, the cards and the table's own head. */
function virtualBodyHeight(): number {
  return Math.max(320, Math.round(window.innerHeight - 250));
}

const NO_FILTERS: Filters = { platform: null, shop: null };

/**
 * The search box holds what is being typed itself: a keystroke re-renders this box only, and the page with its
 * table (and report:agents) gets the text once it has stopped changing for 200 ms.
 */
function SearchBox({ onSearch }: { onSearch: (q: string) => void }): ReactNode {
  const [value, setValue] = useState('');
  const settled = useDebounced(value, 200);
  useEffect(() => onSearch(settled), [settled, onSearch]);
  return (
    <Input
      allowClear
      prefix={<SearchOutlined className="sd-muted" />}
      placeholder="搜索客服、账号、昵称"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      style={{ width: 220 }}
      data-testid="scorecards-search"
    />
  );
}

export function ScorecardsPage(): ReactNode {
  const { message } = App.useApp();
  const [tab, setTab] = useState<TabKey | null>(null);
  // the search box keeps what is typed; the page (and report:agents) sees it once it settles
  const [search, setSearch] = useState('');
  const [team, setTeam] = useState<string | null>(null);
  const [hidden, setHiddenState] = useState<string[]>(() => loadHiddenColumns(localStore()));
  const setHidden = useCallback((next: string[]) => {
    setHiddenState(next);
    saveHiddenColumns(localStore(), next);
  }, []);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { months, error: monthsError, month, setMonth } = useMonths();
  const [compare, setCompare] = useState(false);
  const prevMonth = month ? addMonths(month, -1) : null;

  // ---- the 客服 tab: every search, filter, sort and page goes to report:agents ----
  const schemeParam = useHashParam('scheme');
  // undefined: the back end's default order (by rank when a scheme is shown); null: the report's order
  const [agentSort, setAgentSort] = useState<Sort | null | undefined>(undefined);
  const [agentFilters, setAgentFilters] = useState<Filters>(NO_FILTERS);
  const agentQuery: Omit<AgentsQuery, 'offset' | 'limit' | 'summary'> | null = month
    ? {
        month,
        scheme: schemeParam,
        search,
        team,
        platform: agentFilters.platform,
        shop: agentFilters.shop,
        ...(agentSort !== undefined ? { sort: agentSort } : {}),
        ...(compare ? { compare: true } : {}),
      }
    : null;
  // a new query starts on its first page
  const queryKey = JSON.stringify(agentQuery);
  const [paging, setPaging] = useState({ key: '', page: 1 });
  const page = paging.key === queryKey ? paging.page : 1;
  const agentsQ = useAgentsPage(
    agentQuery
      ? { ...agentQuery, offset: (page - 1) * AGENTS_PAGE, limit: AGENTS_PAGE, summary: true }
      : null,
  );
  const agents = agentsQ.data && agentsQ.data.month === month ? agentsQ.data : null;
  const summary = agents?.summary ?? null;
  const agentRows = useMemo(() => agents?.rows.map(agentRow) ?? [], [agents]);
  const [bodyHeight] = useState(virtualBodyHeight);

  const defaultTab: TabKey = summary
    ? summary.agents
      ? 'agents'
      : summary.accounts
        ? 'accounts'
        : summary.shops
          ? 'shops'
          : 'accounts'
    : 'accounts';
  const activeTab = tab ?? defaultTab;

  // ---- the 账号 and 店铺 tabs: the month report, read only when one of them is open ----
  const local = activeTab !== 'agents' && !!summary;
  const reportQ = useApiQuery('report:month', local && month ? { month } : null);
  // sparklines: the day series of report:overview (optional: the table works without them)
  const overviewQ = useApiQuery('report:overview', local && month ? { month } : null);
  const prevQ = useApiQuery('report:month', local && compare && prevMonth ? { month: prevMonth } : null);
  const report = reportQ.data && reportQ.data.month === month ? reportQ.data : null;
  const ov = report ? overviewQ.data : null;
  const localRows = useMemo(() => (report ? localRowsOf(report, ov) : null), [report, ov]);
  const prevLocal = compare && prevQ.data?.month === prevMonth ? prevQ.data : null;
  const prevByKey = useMemo(() => {
    if (!prevLocal) return null;
    const r = localRowsOf(prevLocal);
    return new Map([...r.accounts, ...r.shops].map((x) => [x.key, x.metrics]));
  }, [prevLocal]);
  const [localSort, setLocalSort] = useState<Sort | null>(null);
  const [localFilters, setLocalFilters] = useState<Filters>(NO_FILTERS);

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

  // 考核方案: the schemes the month's agents are scored on, the first by default (report:agents chooses)
  const schemeName = agents?.scheme ?? null;
  const schemeQ = useApiQuery('scheme:get', schemeName && month ? { name: schemeName, month } : null);
  const schemeDef = schemeName && schemeQ.data?.name === schemeName ? schemeQ.data : null;
  const kpiMode: KpiMode | null = useMemo(() => {
    if (!schemeName) return null;
    const bonus = schemeDef
      ? schemeDef.bonus.base > 0 || schemeDef.bonus.commission_rate > 0
      : agentRows.some((r) => (r.kpi?.bonus ?? null) !== null);
    return { name: schemeName, scheme: schemeDef, bonus };
  }, [schemeName, schemeDef, agentRows]);

  const prevEmpty =
    activeTab === 'agents'
      ? !!agents?.prev?.empty
      : !!prevLocal && prevLocal.accounts.length === 0 && prevLocal.shops.length === 0;
  const compareReady = activeTab === 'agents' ? !!agents?.prev : !!prevByKey;
  const showCompare = compare && compareReady && !prevEmpty;
  const days = ov?.days;
  const extras: Extras = useMemo(
    () => ({ month, days: days ?? [], compare: showCompare }),
    [month, days, showCompare],
  );
  // the shown order (the back end's default: by rank when a scheme is shown)
  const shownSort: Sort | null = useMemo(
    () => (agentSort === undefined ? (schemeName ? { key: 'kpi-rank', order: 'ascend' } : null) : agentSort),
    [agentSort, schemeName],
  );
  const agentOptions: Options | null = useMemo(
    () => (agents ? { platforms: agents.platforms, shops: agents.shops, metrics: agents.metrics } : null),
    [agents],
  );
  // the 账号/店铺 tab on screen, shaped here with the shared helpers (report:agents does the same for 客服)
  const localTab = activeTab === 'agents' ? null : activeTab;
  const localShaped = useMemo(
    () =>
      localTab && localRows
        ? shapeLocal(localRows[localTab], {
            search,
            platform: localFilters.platform,
            shop: localFilters.shop,
            sort: localSort,
          })
        : null,
    [localTab, localRows, search, localFilters, localSort],
  );
  const localOrdered = useMemo(
    () =>
      localShaped
        ? localShaped.ordered.map((r) =>
            prevByKey && compare ? { ...r, prev: prevByKey.get(r.key) ?? null } : r,
          )
        : [],
    [localShaped, prevByKey, compare],
  );

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

  const prevError = activeTab === 'agents' ? null : prevQ.error;
  const loadError = agentsQ.error?.message ?? (local ? (reportQ.error?.message ?? null) : null);

  const shared = { onOpen: openDrill, extras, hidden, month };
  const tableOf = (key: TabKey): ReactNode => {
    if (key === 'agents') {
      if (!agents) return <Skeleton active paragraph={{ rows: 8 }} />;
      return (
        <MetricTable
          {...shared}
          tab="agents"
          rows={agentRows}
          kpi={kpiMode}
          grouped={agents.grouped}
          sort={shownSort}
          filters={agentFilters}
          options={agentOptions!}
          onQuery={(s, f) => {
            setAgentSort(s);
            setAgentFilters(f);
          }}
          pagination={
            agents.total > AGENTS_PAGE
              ? {
                  current: page,
                  pageSize: AGENTS_PAGE,
                  total: agents.total,
                  showSizeChanger: false,
                  showTotal: (n) => `共 ${n} 行`,
                  onChange: (p) => setPaging({ key: queryKey, page: p }),
                }
              : false
          }
          virtualHeight={bodyHeight}
          loading={agentsQ.loading}
          exportRows={async () => {
            if (!agentQuery) return null;
            const r = await allAgentRows(agentQuery);
            if (!r.ok) {
              void message.error(`导出失败：${r.error.message}`);
              return null;
            }
            return r.rows.map(agentRow);
          }}
        />
      );
    }
    if (!localShaped) return <Skeleton active paragraph={{ rows: 8 }} />;
    return (
      <MetricTable
        {...shared}
        tab={key}
        rows={localOrdered}
        grouped={false}
        sort={localSort}
        filters={localFilters}
        options={localShaped}
        onQuery={(s, f) => {
          setLocalSort(s);
          setLocalFilters(f);
        }}
        pagination={
          localOrdered.length > 50
            ? { pageSize: 50, showSizeChanger: true, showTotal: (n) => `共 ${n} 行` }
            : false
        }
        exportRows={() => Promise.resolve(localOrdered)}
      />
    );
  };

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
                  loading={compare && !compareReady && !prevError && !agentsQ.error}
                  data-testid="compare-toggle"
                />
                对比上月
              </span>
            </Tooltip>
            <Tooltip title="重新读取">
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  agentsQ.reload();
                  if (local) {
                    reportQ.reload();
                    overviewQ.reload();
                  }
                }}
              />
            </Tooltip>
          </>
        }
      />

      {loadError && (
        <Alert
          type="error"
          showIcon
          title="读取本月数据失败"
          description={loadError}
          style={{ marginBottom: 16 }}
        />
      )}

      {summary && (
        <GridRow gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号"
                value={summary.accounts}
                suffix={
                  summary.unbound ? (
                    <span className="sd-muted" style={{ fontSize: 13 }}>
                      其中未绑定 {summary.unbound}
                    </span>
                  ) : undefined
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic title="客服（已绑定）" value={summary.agents} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="店铺"
                value={summary.shops}
                suffix={
                  <span className="sd-muted" style={{ fontSize: 13 }}>
                    {summary.platforms.map((p) => PLATFORM_ZH[p]).join(' · ')}
                  </span>
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号未达标项"
                value={summary.account_fails}
                styles={{ content: summary.account_fails > 0 ? { color: '#d92d20' } : undefined }}
              />
            </Card>
          </Col>
        </GridRow>
      )}

      {compare && prevError && (
        <Alert
          type="error"
          showIcon
          title="读取上月数据失败"
          description={prevError.message}
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

      {summary && summary.notices.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${summary.notices.length} 条数据没有计入本月`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {summary.notices.slice(0, 8).map((n, i) => (
                <li key={i}>
                  {PLATFORM_ZH[n.platform]} · {n.shop} · {n.account}（{n.from} ~ {n.to}）：{n.message}
                </li>
              ))}
              {summary.notices.length > 8 && <li>…等 {summary.notices.length} 条</li>}
            </ul>
          }
        />
      )}

      <Card styles={{ body: { paddingTop: 4 } }}>
        {!summary ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Tabs
            activeKey={activeTab}
            onChange={(k) => setTab(k as TabKey)}
            tabBarExtraContent={
              <div className="sd-table-tools">
                {activeTab === 'agents' && agents && agents.teams.length > 0 && (
                  <Select
                    allowClear
                    placeholder="全部团队"
                    value={team}
                    onChange={(v?: string) => setTeam(v ?? null)}
                    options={agents.teams.map((t) => ({ value: t, label: t }))}
                    style={{ width: 120 }}
                    data-testid="team-filter"
                  />
                )}
                <ColumnChooser
                  available={activeTab === 'agents' ? (agents?.metrics ?? []) : (localShaped?.metrics ?? [])}
                  hidden={hidden}
                  onChange={setHidden}
                />
                <SearchBox onSearch={setSearch} />
              </div>
            }
            items={(
              [
                ['agents', '客服', summary.agents],
                ['accounts', '账号', summary.accounts],
                ['shops', '店铺', summary.shops],
              ] as const
            ).map(([key, label, total]) => ({
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
                  {key === 'agents' && agents && kpiMode && (
                    <SchemeBar
                      schemes={agents.schemes}
                      value={kpiMode.name}
                      onChange={(n) => setHashParam('scheme', n)}
                      scheme={kpiMode.scheme}
                      stats={agents.scheme_stats}
                    />
                  )}
                  {key === activeTab ? tableOf(key) : null}
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
