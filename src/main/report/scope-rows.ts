/**
 * Results per scope (issue 8 item 6, migration 015): the recalculation stores every account's, shop's and agent's
 * entry of the month report as a row, the 客服 table's rows and each agent's score per scheme; `report:agents` reads
 * one page of the 客服 table and `report:scope` one entry, instead of the whole month as one document.
 */
import {
  sortedTeams,
  agentRowsOf,
  metricsWithData,
  previousRows,
  rowMatches,
  schemeNamesOf,
  schemeStats,
  scopeHeadOf,
  sortHeads,
  SPARK_METRICS,
  summaryOf,
  valuesOf,
} from '../../shared/report-pages';
import type { DailySeries } from '../../shared/overview';
import type { StoredOverview } from './overview';
import type {
  AgentsPage,
  AgentsQuery,
  AgentTableRow,
  MonthSummary,
  RosterRanges,
  SortHead,
  StoredAgentRow,
} from '../../shared/report-pages';
import { PLATFORMS, type Month, type Platform } from '../../shared/domain';
import { addMonths } from '../../shared/china-time';
import type { AccountReport, AgentKpi, AgentReport, MonthReport, ShopReport } from '../../shared/report';
import type { ScopeInput, ScopeResult } from '../../shared/report-pages';
import type { Db } from '../db/open';
import { toAgentKpi, type StoredScheme } from '../kpi/compute';
import { monthReport } from '../month';
import { monthUpdating } from './report';

/** The roster ranges of every agent (the 客服 rows name an agent's shops from them when an account changed hands). */
export function rosterRanges(db: Db): RosterRanges {
  const rows = db
    .prepare(
      `SELECT aa.agent_id, s.platform, s.name AS shop, a.account, aa.valid_from, aa.valid_to
         FROM agent_accounts aa JOIN accounts a ON a.id = aa.account_id JOIN shops s ON s.id = a.shop_id
        ORDER BY aa.id`,
    )
    .all() as {
    agent_id: number;
    platform: Platform;
    shop: string;
    account: string;
    valid_from: string | null;
    valid_to: string | null;
  }[];
  const out: RosterRanges = new Map();
  for (const r of rows) {
    const list = out.get(r.agent_id) ?? [];
    list.push({ platform: r.platform, shop: r.shop, account: r.account, from: r.valid_from, to: r.valid_to });
    out.set(r.agent_id, list);
  }
  return out;
}

const accountKey = (a: { platform: string; shop: string; account: string }): string =>
  `${a.platform}|${a.shop}|${a.account}`;
const shopKey = (s: { platform: string; shop: string }): string => `${s.platform}|${s.shop}`;

/**
 * Writes a month's rows of a results table keyed by (month, …key columns), changing only what differs: SQLite
 * compares each row with the stored one (an upsert whose update is skipped when every value is the same) and rows the
 * month no longer has are deleted. Only the stored keys are read — reading the month's megabytes of JSON back into JS
 * strings to compare them cost more than the writes.
 */
function monthRows(
  db: Db,
  table: 'report_rows' | 'agent_rows' | 'agent_kpi' | 'scope_heads',
  month: Month,
  keyCols: readonly string[],
  valueCols: readonly string[],
): {
  put: (key: readonly (string | number)[], values: readonly (string | number | null)[]) => void;
  end: () => void;
} {
  // the stored keys as JS writes them (SQLite's JSON text need not escape a name the same way)
  const stored = new Set(
    (
      db
        .prepare(`SELECT json_array(${keyCols.join(', ')}) FROM ${table} WHERE month = ?`)
        .pluck()
        .all(month) as string[]
    ).map((k) => JSON.stringify(JSON.parse(k))),
  );
  const cols = [...keyCols, ...valueCols];
  const put = db.prepare(
    `INSERT INTO ${table} (month, ${cols.join(', ')}) VALUES (?${', ?'.repeat(cols.length)})
     ON CONFLICT (month, ${keyCols.join(', ')}) DO UPDATE SET ${valueCols.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE ${valueCols.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`,
  );
  return {
    put: (key, values) => {
      put.run(month, ...key, ...values);
      if (stored.size) stored.delete(JSON.stringify(key));
    },
    end: () => {
      const del = db.prepare(
        `DELETE FROM ${table} WHERE month = ? AND ${keyCols.map((c) => `${c} = ?`).join(' AND ')}`,
      );
      for (const k of stored) del.run(month, ...(JSON.parse(k) as (string | number)[]));
    },
  };
}

/**
 * Stores a recalculated month per scope (inside the recalculation's transaction): each account's, shop's and agent's
 * entry, the month's notices, the 客服 rows and every agent's score per scheme. Only rows whose content changed are
 * written: a change to one shop rewrites that shop's accounts and agents, not the month's megabytes.
 */
export function writeScopeRows(db: Db, r: MonthReport, schemes: readonly StoredScheme[]): void {
  const { month } = r;
  // report_rows: (scope, key) → seq and the entry
  const rows = monthRows(db, 'report_rows', month, ['scope', 'key'], ['seq', 'json']);
  r.accounts.forEach((a, i) => rows.put(['account', accountKey(a)], [i, JSON.stringify(a)]));
  r.shops.forEach((s, i) => rows.put(['shop', shopKey(s)], [i, JSON.stringify(s)]));
  r.agents.forEach((a, i) => rows.put(['agent', String(a.agent_id)], [i, JSON.stringify(a)]));
  rows.put(['notices', ''], [0, JSON.stringify(r.notices)]);
  rows.end();

  // agent_rows: seq → agent, platform and head
  const heads = monthRows(db, 'agent_rows', month, ['seq'], ['agent_id', 'platform', 'head_json']);
  agentRowsOf(r, rosterRanges(db)).forEach((a, seq) => {
    const { metrics, ...head } = a;
    heads.put([seq], [a.agent_id, a.platform, JSON.stringify({ ...head, values: valuesOf(metrics) })]);
  });
  heads.end();

  // agent_kpi: (scheme, agent) → score
  const kpi = monthRows(db, 'agent_kpi', month, ['scheme', 'agent_id'], ['json']);
  for (const s of schemes)
    for (const a of s.agents)
      kpi.put([s.scheme.name, a.agent_id], [JSON.stringify(toAgentKpi(s.scheme.name, a))]);
  kpi.end();
}

/**
 * Stores the 账号 and 店铺 tables' rows of a recalculated month (inside the recalculation's transaction, after
 * `writeScopeRows`): each entry's head — what `report:scopes` searches, filters and sorts on — and its sparkline
 * series from the month's overview, so a page reads 900 small rows instead of extracting them from each entry's JSON
 * and the overview's megabytes. Only changed rows are written.
 */
export function writeScopeHeads(
  db: Db,
  r: MonthReport,
  overview: Pick<StoredOverview, 'accounts'> & { core: Pick<StoredOverview['core'], 'shops'> },
): void {
  const spark = (daily: DailySeries | undefined): string | null => {
    if (!daily) return null;
    const out: DailySeries = {};
    let any = false;
    for (const id of SPARK_METRICS)
      if (daily[id]) {
        out[id] = daily[id];
        any = true;
      }
    return any ? JSON.stringify(out) : null;
  };
  const heads = monthRows(db, 'scope_heads', r.month, ['scope', 'seq'], ['key', 'head_json', 'daily_json']);
  const accountDaily = new Map(overview.accounts.map((a) => [accountKey(a), a.daily]));
  r.accounts.forEach((a, i) => {
    const key = accountKey(a);
    heads.put(['account', i], [key, JSON.stringify(scopeHeadOf(a)), spark(accountDaily.get(key))]);
  });
  const shopDaily = new Map(overview.core.shops.map((s) => [shopKey(s), s.daily]));
  r.shops.forEach((s, i) => {
    const key = shopKey(s);
    heads.put(['shop', i], [key, JSON.stringify(scopeHeadOf(s)), spark(shopDaily.get(key))]);
  });
  heads.end();
}

/**
 * Stored entries by scope in the report's order. Ordered here, not by SQLite: an ORDER BY seq sorts every row with
 * its JSON (megabytes at 200 agents) through a temporary b-tree.
 */
function inOrder(rows: [string, number, string][]): Record<string, string[]> | null {
  if (rows.length === 0) return null;
  const by: Record<string, [number, string][]> = { account: [], shop: [], agent: [], notices: [] };
  for (const [scope, seq, json] of rows) by[scope]!.push([seq, json]);
  const out: Record<string, string[]> = {};
  for (const [scope, list] of Object.entries(by))
    out[scope] = list.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  return out;
}

/** The stored accounts and shops of a month (null when not stored per scope): what the monthly sheet reads. */
export function storedAccountsAndShops(db: Db, month: Month): Pick<MonthReport, 'accounts' | 'shops'> | null {
  const parts = inOrder(
    db
      .prepare(
        "SELECT scope, seq, json FROM report_rows WHERE month = ? AND scope IN ('account', 'shop', 'notices')",
      )
      .raw()
      .all(month) as [string, number, string][],
  );
  if (!parts) return null;
  return {
    accounts: parts.account!.map((j) => JSON.parse(j) as AccountReport),
    shops: parts.shop!.map((j) => JSON.parse(j) as ShopReport),
  };
}

/**
 * The month report as stored per scope (null when the month has no scope rows: never computed, or computed before
 * the scope tables), its entries in the report's order.
 */
export function storedReport(db: Db, month: Month): MonthReport | null {
  const parts = inOrder(
    db.prepare('SELECT scope, seq, json FROM report_rows WHERE month = ?').raw().all(month) as [
      string,
      number,
      string,
    ][],
  );
  if (!parts) return null;
  // each entry parsed on its own: joining them into one document first copies megabytes for nothing
  return {
    month,
    accounts: parts.account!.map((j) => JSON.parse(j) as AccountReport),
    shops: parts.shop!.map((j) => JSON.parse(j) as ShopReport),
    agents: parts.agent!.map((j) => JSON.parse(j) as AgentReport),
    notices: parts.notices!.length ? (JSON.parse(parts.notices![0]!) as MonthReport['notices']) : [],
  };
}

type Head = Omit<StoredAgentRow, 'metrics'> & { values: SortHead['values'] };

interface Source {
  heads: (Head & { seq: number })[];
  /** agent id → scheme → score; the schemes in the screen's order */
  kpi: Map<number, Map<string, AgentKpi>>;
  schemes: string[];
  metrics: (seq: number[]) => Map<number, AgentTableRow['metrics']>;
  locked: boolean;
  /** the month has no account and no shop at all (对比上月: nothing to compare with) */
  empty: boolean;
  /** the cards and notices above the table */
  summary: () => MonthSummary;
}

/** The month's rows from a whole report (a signed-off month's snapshot, or a month not yet in the store). */
function fromReport(report: MonthReport & { locked: boolean }, roster: RosterRanges): Source {
  const rows = agentRowsOf(report, roster);
  const kpi = new Map<number, Map<string, AgentKpi>>();
  for (const a of report.agents) kpi.set(a.agent_id, new Map((a.kpi ?? []).map((k) => [k.scheme, k])));
  return {
    heads: rows.map(({ metrics, ...head }, seq) => ({ ...head, values: valuesOf(metrics), seq })),
    kpi,
    schemes: schemeNamesOf(report),
    metrics: (seqs) => new Map(seqs.map((s) => [s, rows[s]!.metrics])),
    locked: report.locked,
    empty: report.accounts.length === 0 && report.shops.length === 0,
    summary: () => summaryOf(report),
  };
}

function stored(db: Db, month: Month): Source | null {
  const heads = (
    db.prepare('SELECT seq, head_json FROM agent_rows WHERE month = ? ORDER BY seq').all(month) as {
      seq: number;
      head_json: string;
    }[]
  ).map((r) => ({ ...(JSON.parse(r.head_json) as Head), seq: r.seq }));
  if (heads.length === 0) {
    // stored with no agent rows: a computed month without agents, or one from before the scope tables
    const computed = db
      .prepare(
        'SELECT 1 FROM month_state m WHERE m.month = ? AND EXISTS (SELECT 1 FROM report_rows r WHERE r.month = m.month)',
      )
      .get(month);
    if (!computed) return null;
  }
  const kpi = new Map<number, Map<string, AgentKpi>>();
  for (const r of db
    .prepare('SELECT scheme, agent_id, json FROM agent_kpi WHERE month = ? ORDER BY scheme')
    .all(month) as { scheme: string; agent_id: number; json: string }[]) {
    let m = kpi.get(r.agent_id);
    if (!m) kpi.set(r.agent_id, (m = new Map<string, AgentKpi>()));
    m.set(r.scheme, JSON.parse(r.json) as AgentKpi);
  }
  // the screen lists schemes as they first appear over the agents (in report order), each agent's by name
  const schemes: string[] = [];
  const seen = new Set<number>();
  for (const h of heads) {
    if (seen.has(h.agent_id)) continue;
    seen.add(h.agent_id);
    for (const s of kpi.get(h.agent_id)?.keys() ?? []) if (!schemes.includes(s)) schemes.push(s);
  }
  const read = db
    .prepare("SELECT json FROM report_rows WHERE month = ? AND scope = 'agent' AND key = ?")
    .pluck();
  const bySeq = new Map(heads.map((h) => [h.seq, h]));
  return {
    heads,
    kpi,
    schemes,
    metrics: (seqs) => {
      const agents = new Map<number, AgentReport | undefined>();
      const out = new Map<number, AgentTableRow['metrics']>();
      for (const seq of seqs) {
        const h = bySeq.get(seq)!;
        if (!agents.has(h.agent_id)) {
          const json = read.get(month, String(h.agent_id)) as string | undefined;
          agents.set(h.agent_id, json ? (JSON.parse(json) as AgentReport) : undefined);
        }
        out.set(seq, agents.get(h.agent_id)?.platforms.find((p) => p.platform === h.platform)?.metrics ?? {});
      }
      return out;
    },
    locked: false,
    empty: !db
      .prepare("SELECT 1 FROM report_rows WHERE month = ? AND scope IN ('account', 'shop') LIMIT 1")
      .get(month),
    summary: () => storedSummary(db, month),
  };
}

/**
 * summaryOf over the stored entries, counted by SQLite over their JSON: parsing 800 account entries in JavaScript
 * for four numbers costs more than the whole page.
 */
function storedSummary(db: Db, month: Month): MonthSummary {
  const acc = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(json_extract(json, '$.agent_id') IS NULL), 0) AS unbound
         FROM report_rows WHERE month = ? AND scope = 'account'`,
    )
    .get(month) as { n: number; unbound: number };
  const fails = db
    .prepare(
      `SELECT count(*) FROM report_rows r, json_each(r.json, '$.metrics') m
        WHERE r.month = ? AND r.scope = 'account' AND json_extract(m.value, '$.pass') = 0`,
    )
    .pluck()
    .get(month) as number;
  const shopPlatforms = db
    .prepare("SELECT json_extract(json, '$.platform') FROM report_rows WHERE month = ? AND scope = 'shop'")
    .pluck()
    .all(month) as Platform[];
  const agents = db
    .prepare("SELECT count(*) FROM report_rows WHERE month = ? AND scope = 'agent'")
    .pluck()
    .get(month) as number;
  const notices = db
    .prepare("SELECT json FROM report_rows WHERE month = ? AND scope = 'notices'")
    .pluck()
    .get(month) as string | undefined;
  return {
    accounts: acc.n,
    unbound: acc.unbound,
    agents,
    shops: shopPlatforms.length,
    platforms: PLATFORMS.filter((p) => shopPlatforms.includes(p)),
    account_fails: fails,
    notices: notices ? (JSON.parse(notices) as MonthSummary['notices']) : [],
  };
}

/** A month's rows: a signed-off month from its snapshot, else the store, else computed in memory (as report:month). */
function sourceOf(db: Db, month: Month, now: number): Source {
  const locked = lockedReport(db, month);
  return (
    (locked ? fromReport(locked, rosterRanges(db)) : stored(db, month)) ??
    fromReport(monthReport(db, month, now), rosterRanges(db))
  );
}

function lockedReport(db: Db, month: Month): (MonthReport & { locked: boolean }) | null {
  const lock = db.prepare('SELECT snapshot_json FROM month_locks WHERE month = ?').get(month) as
    { snapshot_json: string } | undefined;
  return lock ? { ...(JSON.parse(lock.snapshot_json) as MonthReport), locked: true } : null;
}

export const PAGE_LIMIT_MAX = 500;

/**
 * `report:agents`: one page of the 客服 table, searched, filtered and sorted as on screen, from the stored rows (a
 * signed-off month from its snapshot; a month never computed is computed in memory, as report:month does).
 */
export function agentsPage(db: Db, q: AgentsQuery, now: number): AgentsPage {
  const { month } = q;
  const src = sourceOf(db, month, now);
  const scheme = q.scheme && src.schemes.includes(q.scheme) ? q.scheme : (src.schemes[0] ?? null);
  const kpiOf = (agentId: number): AgentKpi | null =>
    scheme ? (src.kpi.get(agentId)?.get(scheme) ?? null) : null;

  const search = q.search ?? '';
  const matching = src.heads.filter((h) => rowMatches(h, search) && (!q.team || h.team === q.team));
  const platforms = q.platform?.length ? q.platform : null;
  const shops = q.shop?.length ? q.shop : null;
  const visible = matching.filter(
    (h) =>
      (!platforms || platforms.includes(h.platform)) &&
      (!shops || h.shop.split('、').some((s) => shops.includes(s))),
  );
  const { ordered, grouped } = sortHeads(
    visible.map((h) => ({ ...h, kpi: kpiOf(h.agent_id) })),
    q.sort,
    scheme !== null,
  );
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.min(PAGE_LIMIT_MAX, Math.max(0, q.limit ?? 50));
  const page = ordered.slice(offset, offset + limit);
  const metrics = src.metrics(page.map((h) => h.seq));
  const updating = !src.locked && monthUpdating(db, month);
  const rows: AgentTableRow[] = page.map(({ seq, values: _v, kpi, ...h }) => ({
    ...h,
    metrics: metrics.get(seq) ?? {},
    kpi,
  }));
  let prev: AgentsPage['prev'];
  if (q.compare) {
    const prevMonth = addMonths(month, -1);
    const p = sourceOf(db, prevMonth, now);
    const seqOf = new Map(p.heads.map((h) => [h.key, h.seq]));
    const prevMetrics = p.metrics(rows.flatMap((r) => seqOf.get(r.key) ?? []));
    const found = previousRows(
      rows,
      (key) => {
        const seq = seqOf.get(key);
        return seq === undefined ? undefined : prevMetrics.get(seq);
      },
      (agentId) => (scheme ? (p.kpi.get(agentId)?.get(scheme) ?? null) : null),
    );
    rows.forEach((r, i) => (r.prev = found[i]!));
    prev = { month: prevMonth, empty: p.empty };
  }
  const schemeScores: AgentKpi[] = [];
  if (scheme)
    for (const m of src.kpi.values()) {
      const k = m.get(scheme);
      if (k) schemeScores.push(k);
    }
  return {
    month,
    total: ordered.length,
    agents: new Set(ordered.map((h) => h.agent_id)).size,
    offset,
    rows,
    scheme,
    schemes: src.schemes,
    grouped,
    teams: sortedTeams(src.heads.map((h) => h.team)),
    platforms: [...new Set(matching.map((h) => h.platform))],
    shops: [...new Set(matching.flatMap((h) => h.shop.split('、')))].sort(),
    metrics: metricsWithData(matching.map((h) => h.values)),
    locked: src.locked,
    ...(updating ? { updating: true } : {}),
    scheme_stats: scheme ? schemeStats(schemeScores) : null,
    ...(prev ? { prev } : {}),
    ...(q.summary ? { summary: src.summary() } : {}),
  };
}

function keyOf(input: ScopeInput): string {
  return input.scope === 'agent'
    ? String(input.agent_id)
    : input.scope === 'account'
      ? accountKey(input)
      : shopKey(input);
}

/** The entry of one scope in a whole report. */
function findIn(report: MonthReport, input: ScopeInput): AgentReport | AccountReport | ShopReport | null {
  const key = keyOf(input);
  if (input.scope === 'agent') return report.agents.find((a) => String(a.agent_id) === key) ?? null;
  if (input.scope === 'account') return report.accounts.find((a) => accountKey(a) === key) ?? null;
  return report.shops.find((s) => shopKey(s) === key) ?? null;
}

/**
 * `report:scope`: one agent's (with its scores), account's or shop's entry of the month report — exactly the entry
 * `report:month` has — read from its stored row.
 */
export function scopeEntry(db: Db, input: ScopeInput, now: number): ScopeResult {
  const { month, scope } = input;
  const locked = lockedReport(db, month);
  let entry: AgentReport | AccountReport | ShopReport | null;
  if (locked) entry = findIn(locked, input);
  else {
    const has = db.prepare('SELECT 1 FROM report_rows WHERE month = ? LIMIT 1').get(month);
    if (!has) entry = findIn(monthReport(db, month, now), input);
    else {
      const json = db
        .prepare('SELECT json FROM report_rows WHERE month = ? AND scope = ? AND key = ?')
        .pluck()
        .get(month, scope, keyOf(input)) as string | undefined;
      entry = json ? (JSON.parse(json) as AgentReport | AccountReport | ShopReport) : null;
      if (entry && scope === 'agent') {
        const a = entry as AgentReport;
        a.kpi = (
          db
            .prepare('SELECT json FROM agent_kpi WHERE month = ? AND agent_id = ? ORDER BY scheme')
            .pluck()
            .all(month, a.agent_id) as string[]
        ).map((j) => JSON.parse(j) as AgentKpi);
      }
    }
  }
  const updating = !locked && monthUpdating(db, month);
  return { scope, entry, locked: !!locked, ...(updating ? { updating: true } : {}) } as ScopeResult;
}
