/**
 * Reads per scope and paged (issue 8 item 6), so a screen reads what it shows instead of the whole month as one
 * document. `report:agents`: one page of the 客服 table's agent rows (one per agent and platform), with the same
 * rows, search, team filter and sort orders as the 客服 screen (features/scorecards: rowsOf, matchesQuery, teamsOf,
 * the MetricTable comparators). `report:scopes`: one page of the 账号 or 店铺 table the same way. `report:scope`: one
 * agent's, account's or shop's entry of the month report.
 */
import { PLATFORMS, PLATFORM_ZH, type Day, type Month, type Platform } from './domain';
import { METRIC_IDS, type MetricId } from './metrics';
import type { DailySeries } from './overview';
import type {
  AccountReport,
  AgentKpi,
  AgentReport,
  MetricSet,
  MonthReport,
  ReportNotice,
  ShopReport,
} from './report';

/** One row of the 客服 table: an agent on one platform, with the chosen scheme's score. */
export interface AgentTableRow {
  /** `agent|<agent_id>|<platform>`, the screen's row key */
  key: string;
  agent_id: number;
  agent: string;
  team: string | null;
  platform: Platform;
  /** the shops of the agent's accounts on the platform, joined with 、 */
  shop: string;
  /** the one account a value drills into; null when the row spans several accounts (or none) */
  account: string | null;
  account_count: number;
  /** what a search also finds: the account names and nicknames behind the row */
  words: string[];
  metrics: MetricSet;
  /** the score on the scheme shown (`scheme` of the page); null when the agent is outside it or no scheme */
  kpi: AgentKpi | null;
  /** with `compare`: the same agent and platform last month (null: no such row last month) */
  prev?: PrevRow | null;
}

/** Last month's values of a 客服 row (对比上月): its metrics and its score on the same scheme. */
export interface PrevRow {
  metrics: MetricSet;
  kpi: Pick<AgentKpi, 'final' | 'grade' | 'rank' | 'ranked'> | null;
}

/** A row as stored by the recalculation: everything but the score (that is per scheme). */
export type StoredAgentRow = Omit<AgentTableRow, 'kpi'>;

export type AgentSortKey =
  'name' | 'kpi-rank' | 'kpi-final' | 'kpi-kpi' | 'kpi-kci' | 'kpi-ded' | 'kpi-bonus' | MetricId;

export const AGENT_SORT_KEYS: readonly AgentSortKey[] = [
  'name',
  'kpi-rank',
  'kpi-final',
  'kpi-kpi',
  'kpi-kci',
  'kpi-ded',
  'kpi-bonus',
  ...METRIC_IDS,
];

export type SortOrder = 'ascend' | 'descend';

export interface AgentsQuery {
  month: Month;
  /** the scheme whose scores are shown and sorted on; absent or unknown: the month's first scheme */
  scheme?: string | null;
  offset?: number;
  limit?: number;
  /** the search box: name, shop, team, platform, account names and nicknames (case-insensitive) */
  search?: string;
  /** the team filter: exactly this team */
  team?: string | null;
  /** the 平台 column filter: any of these */
  platform?: Platform[] | null;
  /** the 店铺 column filter: a row any of whose shops is one of these */
  shop?: string[] | null;
  /** absent: the screen's default (rank when a scheme is shown, else the report's order); null: the report's order */
  sort?: { key: AgentSortKey; order: SortOrder } | null;
  /** 对比上月: each row of the page gets `prev`, the previous month's values of the same agent and platform */
  compare?: boolean;
  /** the month's counts and notices above the table (`summary` of the page) */
  summary?: boolean;
}

/** How the agents did on the scheme shown (the 考核方案 bar): over every agent scored on it, not the page. */
export interface SchemeStats {
  ranked: number;
  unranked: number;
  /** agents per grade, in the order first met */
  grades: [string, number][];
  /** agents with a KCI item not entered */
  kci_missing: number;
}

/** The month's counts above the 客服 table and the facts not counted (the page's cards and notice). */
export interface MonthSummary {
  accounts: number;
  /** accounts bound to no agent */
  unbound: number;
  /** agents in the month (bound, with data) */
  agents: number;
  shops: number;
  /** the platforms with a shop, in PLATFORMS order */
  platforms: Platform[];
  /** failed metric values over every account (账号未达标项) */
  account_fails: number;
  notices: ReportNotice[];
}

export interface AgentsPage {
  month: Month;
  /** the rows matching search, team and column filters, before paging */
  total: number;
  /** distinct agents among them (the tab's count: an agent on two platforms is one 客服) */
  agents: number;
  offset: number;
  rows: AgentTableRow[];
  /** the scheme shown (null: the month has no scored agents) and every scheme the month's agents are scored on */
  scheme: string | null;
  schemes: string[];
  /** an agent's platform rows are adjacent and their KPI cells merge (sorted by an agent-level key) */
  grouped: boolean;
  /** every team of the month's rows, 一组 before 二组 (the team filter's options) */
  teams: string[];
  /** over the rows matching search and team: the 平台 and 店铺 filter options and the metric columns with data */
  platforms: Platform[];
  shops: string[];
  metrics: MetricId[];
  locked: boolean;
  /** an import or a change is being recalculated; these are the last committed results */
  updating?: boolean;
  /** the scheme shown, over all its agents (null without a scheme) */
  scheme_stats: SchemeStats | null;
  /** with `compare`: the month compared with, and whether it has any data at all */
  prev?: { month: Month; empty: boolean };
  /** with `summary` */
  summary?: MonthSummary;
}

/** Roster ranges per agent: shops for an agent whose account changed hands within the month. */
export type RosterRanges = Map<
  number,
  { platform: Platform; shop: string; account: string; from: string | null; to: string | null }[]
>;

/** The agent rows of a month report, in the report's order (the 客服 screen's rowsOf, agents tab). */
export function agentRowsOf(report: MonthReport, roster?: RosterRanges | null): StoredAgentRow[] {
  const byAgentPlatform = new Map<string, MonthReport['accounts']>();
  const known = new Set<string>();
  for (const a of report.accounts) {
    known.add(`${a.platform}|${a.shop}|${a.account}`);
    if (a.agent_id === null) continue;
    const k = `${a.agent_id}|${a.platform}`;
    const list = byAgentPlatform.get(k);
    if (list) list.push(a);
    else byAgentPlatform.set(k, [a]);
  }
  return report.agents.flatMap((g) =>
    g.platforms.map((p) => {
      const own = byAgentPlatform.get(`${g.agent_id}|${p.platform}`) ?? [];
      let shops = [...new Set(own.map((a) => a.shop))];
      if (shops.length === 0 && roster) {
        // an account that changed hands within the month belongs to no single agent in the report: name its shop
        // from the roster ranges that overlap the month
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
                  known.has(`${x.platform}|${x.shop}|${x.account}`),
              )
              .map((x) => x.shop),
          ),
        ];
      }
      return {
        key: `agent|${g.agent_id}|${p.platform}`,
        agent_id: g.agent_id,
        agent: g.agent,
        team: g.team,
        platform: p.platform,
        shop: shops.join('、'),
        account: own.length === 1 ? own[0]!.account : null,
        account_count: own.length,
        words: own.flatMap((a) => (a.nickname ? [a.account, a.nickname] : [a.account])),
        metrics: p.metrics,
      };
    }),
  );
}

/** The schemes the month's agents are scored on, in the order the screen lists them. */
export function schemeNamesOf(report: MonthReport): string[] {
  const names: string[] = [];
  for (const g of report.agents)
    for (const k of g.kpi ?? []) if (!names.includes(k.scheme)) names.push(k.scheme);
  return names;
}

const ZH_DIGIT: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 十一组 → 11组: team names count in Chinese (the screen's teamsOf order). */
function teamSortKey(team: string): string {
  return team
    .replace(/([一二三四五六七八九]?)十([一二三四五六七八九]?)/g, (_m, a: string, b: string) =>
      String((a ? Number(ZH_DIGIT[a]) : 1) * 10 + (b ? Number(ZH_DIGIT[b]) : 0)),
    )
    .replace(/[一二三四五六七八九]/g, (d) => ZH_DIGIT[d]!);
}

export function sortedTeams(teams: Iterable<string | null>): string[] {
  return [...new Set([...teams].filter((t): t is string => !!t))].sort((a, b) =>
    teamSortKey(a).localeCompare(teamSortKey(b), 'zh-CN', { numeric: true }),
  );
}

/** The search box: case-insensitive over name, shop, team, platform and the accounts/nicknames behind the row. */
export function rowMatches(
  r: Pick<StoredAgentRow, 'agent' | 'shop' | 'team' | 'platform' | 'words'>,
  q: string,
): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return [r.agent, r.shop, r.team ?? '', PLATFORM_ZH[r.platform], ...r.words].some((t) =>
    t.toLowerCase().includes(s),
  );
}

/** What sorting needs of a row: its name, each metric's value and the shown scheme's score. */
export interface SortHead {
  agent: string;
  values: Partial<Record<MetricId, number | null>>;
  kpi: Pick<
    AgentKpi,
    'rank' | 'ranked' | 'final' | 'kpi_total' | 'kci_total' | 'deductions' | 'bonus'
  > | null;
}

type Cmp = (a: SortHead, b: SortHead, order: SortOrder) => number;

/** Numbers with nulls last in both directions. */
function byNumber(get: (r: SortHead) => number | null | undefined): Cmp {
  return (a, b, order) => {
    const x = get(a) ?? null;
    const y = get(b) ?? null;
    if (x === null && y === null) return 0;
    if (x === null) return order === 'descend' ? -1 : 1;
    if (y === null) return order === 'descend' ? 1 : -1;
    return x - y;
  };
}

/**
 * Rank order: the ranked by rank, then the unranked by final score, then those without a score, then agents outside
 * the scheme; these groups keep their order in both directions.
 */
const byRank: Cmp = (a, b, order) => {
  const tier = (k: SortHead['kpi']): number =>
    !k ? 3 : k.ranked && k.rank !== null ? 0 : k.final !== null ? 1 : 2;
  const ta = tier(a.kpi);
  const tb = tier(b.kpi);
  if (ta !== tb) return order === 'descend' ? tb - ta : ta - tb;
  if (ta === 0) return a.kpi!.rank! - b.kpi!.rank!;
  if (ta === 1) return b.kpi!.final! - a.kpi!.final!;
  return 0;
};

function comparator(key: AgentSortKey, withKpi: boolean): Cmp | null {
  switch (key) {
    case 'name':
      return (a, b) => a.agent.localeCompare(b.agent, 'zh-CN');
    case 'kpi-rank':
      return withKpi ? byRank : null;
    case 'kpi-final':
      return withKpi ? byNumber((r) => r.kpi?.final) : null;
    case 'kpi-kpi':
      return withKpi ? byNumber((r) => r.kpi?.kpi_total) : null;
    case 'kpi-kci':
      return withKpi ? byNumber((r) => r.kpi?.kci_total) : null;
    case 'kpi-ded':
      return withKpi ? byNumber((r) => r.kpi?.deductions) : null;
    case 'kpi-bonus':
      return withKpi ? byNumber((r) => r.kpi?.bonus) : null;
    default:
      return byNumber((r) => r.values[key]);
  }
}

/** Agent-level sort keys keep an agent's platform rows together (the screen merges their KPI cells). */
const AGENT_KEYS = new Set<AgentSortKey>([
  'name',
  'kpi-rank',
  'kpi-final',
  'kpi-kpi',
  'kpi-kci',
  'kpi-ded',
  'kpi-bonus',
]);

/**
 * Sorts rows as the screen does (a stable sort of the report's order; descending negates the comparison, nulls stay
 * last). Returns the order and whether the platform rows of an agent stay grouped.
 */
export function sortHeads<T extends SortHead>(
  rows: readonly T[],
  sort: AgentsQuery['sort'],
  withKpi: boolean,
): { ordered: T[]; grouped: boolean } {
  const wanted =
    sort === undefined ? (withKpi ? { key: 'kpi-rank' as const, order: 'ascend' as const } : null) : sort;
  const cmp = wanted ? comparator(wanted.key, withKpi) : null;
  const order = wanted?.order ?? 'ascend';
  const ordered = cmp
    ? [...rows].sort((a, b) => (order === 'descend' ? -1 : 1) * cmp(a, b, order))
    : [...rows];
  return { ordered, grouped: withKpi && (!cmp || AGENT_KEYS.has(wanted!.key)) };
}

/** The metrics with a value in any of the rows (the screen hides columns empty for every row), in column order. */
export function metricsWithData(values: readonly SortHead['values'][]): MetricId[] {
  return METRIC_IDS.filter((id) => values.some((v) => (v[id] ?? null) !== null));
}

/** Each metric's value of a row: what sorting and the column list need without the whole metric set. */
export function valuesOf(metrics: MetricSet): SortHead['values'] {
  const out: SortHead['values'] = {};
  for (const [id, m] of Object.entries(metrics) as [MetricId, MetricSet[MetricId]][])
    out[id] = m?.value ?? null;
  return out;
}

/** The 考核方案 bar's figures over the scheme's scores. */
export function schemeStats(scores: Iterable<AgentKpi>): SchemeStats {
  let ranked = 0;
  let unranked = 0;
  let kciMissing = 0;
  const grades = new Map<string, number>();
  for (const k of scores) {
    if (k.ranked && k.rank !== null) ranked++;
    else unranked++;
    if (k.grade) grades.set(k.grade, (grades.get(k.grade) ?? 0) + 1);
    if (k.kci_missing.length > 0) kciMissing++;
  }
  return { ranked, unranked, grades: [...grades], kci_missing: kciMissing };
}

/**
 * 对比上月 for a page of rows: each row's values last month, matched by its key (the same agent on the same
 * platform), with the agent's score on the same scheme; null where the row did not exist last month. `prevMetrics`
 * gives last month's metric set of a row key (undefined: no such row); `prevKpi` an agent's score last month.
 */
export function previousRows(
  page: readonly Pick<AgentTableRow, 'key' | 'agent_id'>[],
  prevMetrics: (key: string) => MetricSet | undefined,
  prevKpi: (agentId: number) => AgentKpi | null,
): (PrevRow | null)[] {
  return page.map((r) => {
    const metrics = prevMetrics(r.key);
    if (!metrics) return null;
    const k = prevKpi(r.agent_id);
    return {
      metrics,
      kpi: k ? { final: k.final, grade: k.grade, rank: k.rank, ranked: k.ranked } : null,
    };
  });
}

/** The counts and notices of a whole month report (`summary` of report:agents). */
export function summaryOf(report: MonthReport): MonthSummary {
  let fails = 0;
  for (const a of report.accounts) for (const v of Object.values(a.metrics)) if (v?.pass === false) fails++;
  return {
    accounts: report.accounts.length,
    unbound: report.accounts.filter((a) => a.agent_id === null).length,
    agents: report.agents.length,
    shops: report.shops.length,
    platforms: PLATFORMS.filter((p) => report.shops.some((s) => s.platform === p)),
    account_fails: fails,
    notices: report.notices,
  };
}

/** `report:scope`: one agent (with its scores on every scheme), account or shop of a month. */
export type ScopeInput =
  | { month: Month; scope: 'agent'; agent_id: number }
  | { month: Month; scope: 'account'; platform: Platform; shop: string; account: string }
  | { month: Month; scope: 'shop'; platform: Platform; shop: string };

/** The entry exactly as `report:month` has it; null when the month has no such scope. */
export type ScopeResult =
  | { scope: 'agent'; entry: AgentReport | null; locked: boolean; updating?: boolean }
  | { scope: 'account'; entry: AccountReport | null; locked: boolean; updating?: boolean }
  | { scope: 'shop'; entry: ShopReport | null; locked: boolean; updating?: boolean };

/** The 账号 and 店铺 tabs (`report:scopes`): one row per account or per shop of the month report. */
export type TableScope = 'account' | 'shop';

/** The metrics the 账号 and 店铺 tables draw a day sparkline of (the page sends only these day series). */
export const SPARK_METRICS: readonly MetricId[] = ['reply_3min_rate'];

/** One row of the 账号 or 店铺 table: the report's entry with what the row shows beside it. */
export interface ScopeTableRow {
  /** `acc|<platform>|<shop>|<account>` or `shop|<platform>|<shop>`, the screen's row key */
  key: string;
  platform: Platform;
  shop: string;
  /** the account (account rows); null on shop rows */
  account: string | null;
  nickname: string | null;
  /** the agent the account is bound to (account rows) */
  agent_id: number | null;
  agent: string | null;
  /** account rows: 1; shop rows: the shop's accounts in the month report */
  account_count: number;
  metrics: MetricSet;
  /** the day series of SPARK_METRICS (absent when the month's day series are not stored yet) */
  daily?: DailySeries;
  /** with `compare`: the same account or shop last month (null: none last month) */
  prev?: MetricSet | null;
}

export interface ScopesQuery {
  month: Month;
  scope: TableScope;
  offset?: number;
  limit?: number;
  /** the search box: account or shop name, nickname, agent, shop, platform (case-insensitive) */
  search?: string;
  platform?: Platform[] | null;
  shop?: string[] | null;
  /** absent or null: the report's order; the KPI keys (no KPI on these tabs) keep the report's order too */
  sort?: { key: AgentSortKey; order: SortOrder } | null;
  /** 对比上月: each row of the page gets `prev` */
  compare?: boolean;
}

export interface ScopesPage {
  month: Month;
  scope: TableScope;
  /** the rows matching search and column filters, before paging */
  total: number;
  offset: number;
  rows: ScopeTableRow[];
  /** over the rows matching the search: the 平台 and 店铺 filter options and the metric columns with data */
  platforms: Platform[];
  shops: string[];
  metrics: MetricId[];
  /** the month's days (the sparklines' x axis) */
  days: Day[];
  locked: boolean;
  updating?: boolean;
  /** with `compare`: the month compared with, and whether it has any account or shop at all */
  prev?: { month: Month; empty: boolean };
}

/** What searching, filtering and sorting an account or shop row needs (stored per row, or taken from a report). */
export interface ScopeHead {
  key: string;
  platform: Platform;
  shop: string;
  account: string | null;
  nickname: string | null;
  agent: string | null;
  values: SortHead['values'];
}

/** The table's row key of an account or shop entry. */
export function scopeRowKey(e: { platform: Platform; shop: string; account?: string }): string {
  return e.account === undefined
    ? `shop|${e.platform}|${e.shop}`
    : `acc|${e.platform}|${e.shop}|${e.account}`;
}

/** The head of a month report's account or shop entry. */
export function scopeHeadOf(e: AccountReport | ShopReport): ScopeHead {
  const acc = 'account' in e ? e : null;
  return {
    key: scopeRowKey(e),
    platform: e.platform,
    shop: e.shop,
    account: acc?.account ?? null,
    nickname: acc?.nickname ?? null,
    agent: acc?.agent ?? null,
    values: valuesOf(e.metrics),
  };
}

/**
 * The 账号 and 店铺 tabs' search, column filters and sort (the same helpers as report:agents): the search over the
 * account or shop name, the nickname, the agent, the shop and the platform; the filter options and the metric
 * columns over the searched rows; a stable sort of the report's order (null or absent: the report's order).
 */
export function shapeScopeHeads<H extends ScopeHead>(
  heads: readonly H[],
  q: Pick<ScopesQuery, 'search' | 'platform' | 'shop' | 'sort'>,
): { ordered: H[]; platforms: Platform[]; shops: string[]; metrics: MetricId[] } {
  const matching = heads.filter((h) =>
    rowMatches(
      {
        agent: h.account ?? h.shop,
        shop: h.shop,
        team: h.nickname,
        platform: h.platform,
        words: h.agent ? [h.agent] : [],
      },
      q.search ?? '',
    ),
  );
  const platforms = q.platform?.length ? q.platform : null;
  const shops = q.shop?.length ? q.shop : null;
  const visible = matching.filter(
    (h) => (!platforms || platforms.includes(h.platform)) && (!shops || shops.includes(h.shop)),
  );
  const { ordered } = sortHeads(
    visible.map((h) => ({ head: h, agent: h.account ?? h.shop, values: h.values, kpi: null })),
    q.sort ?? null,
    false,
  );
  return {
    ordered: ordered.map((x) => x.head),
    platforms: [...new Set(matching.map((h) => h.platform))],
    shops: [...new Set(matching.map((h) => h.shop))].sort(),
    metrics: metricsWithData(matching.map((h) => h.values)),
  };
}
