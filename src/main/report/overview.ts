import { chinaDateTime, chinaDay, eachDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Day, Month, Platform } from '../../shared/domain';
import { metricsFor, type MetricId } from '../../shared/metrics';
import type { AtRisk, DailySeries, OverviewReport, ShopFreshness } from '../../shared/overview';
import type { MetricSet, MetricStatus, MetricValue, Threshold } from '../../shared/report';
import { addContributions, toMetricValue, type Contribution } from '../../shared/rollup';
import { ruleAt } from '../../shared/rules';
import type { Db } from '../db/open';
import { examReport } from '../events/exams';
import type { MonthReport } from '../../shared/report';
import {
  getMonthReport,
  loadRules,
  monthInput,
  newestFirst,
  type AccountData,
  type Group,
  type MonthInput,
} from './report';

const STATUS_RANK: Record<MetricStatus, number> = { final: 0, provisional: 1, reimport_needed: 2 };

/**
 * Per account: for each day of the month (by index), its one-day rows newest first — built once per account, not per
 * metric (a day's series value is the newest one-day row that has the metric).
 */
const dailyIndex = new WeakMap<AccountData, (Group[] | undefined)[]>();

function daysOf(acc: AccountData, days: Day[]): (Group[] | undefined)[] {
  let byDay = dailyIndex.get(acc);
  if (byDay && byDay.length === days.length) return byDay;
  const at = new Map(days.map((d, i) => [d, i]));
  byDay = new Array<Group[] | undefined>(days.length);
  for (const g of acc.groups.filter((x) => x.from === x.to).sort(newestFirst)) {
    const i = at.get(g.from);
    if (i === undefined) continue;
    const list = byDay[i];
    if (list) list.push(g);
    else byDay[i] = [g];
  }
  dailyIndex.set(acc, byDay);
  return byDay;
}

/**
 * Per metric: for each day, the newest one-day row of the account that has the metric — every metric of the account
 * in one pass over its rows (a row is looked at once, not once per metric).
 */
const perMetricIndex = new WeakMap<AccountData, Map<MetricId, (Contribution | null)[]>>();

function dayContributions(acc: AccountData, days: Day[], id: MetricId): (Contribution | null)[] {
  let all = perMetricIndex.get(acc);
  if (!all) {
    all = new Map();
    const byDay = daysOf(acc, days);
    for (let i = 0; i < days.length; i++) {
      const list = byDay[i];
      if (!list) continue;
      // newest first: the first row giving a metric on the day is the one counted
      // forEach: a for-of over the map made an entry array per contribution (23 MB a recalculation at 200 agents)
      for (const g of list)
        g.contributions.forEach((c, metric) => {
          let arr = all!.get(metric);
          if (!arr) all!.set(metric, (arr = new Array<Contribution | null>(days.length).fill(null)));
          if (arr[i] === null) arr[i] = c;
        });
    }
    perMetricIndex.set(acc, all);
  }
  return all.get(id) ?? new Array<Contribution | null>(days.length).fill(null);
}

/** Per account and metric: its day contributions, computed once for the platform, shop and account series. */
type DayCache = Map<AccountData, Map<MetricId, (Contribution | null)[]>>;

function series(accounts: AccountData[], days: Day[], platform: Platform, cache?: DayCache): DailySeries {
  const out: DailySeries = {};
  const cached = (a: AccountData, id: MetricId): (Contribution | null)[] => {
    if (!cache) return dayContributions(a, days, id);
    let byMetric = cache.get(a);
    if (!byMetric) cache.set(a, (byMetric = new Map<MetricId, (Contribution | null)[]>()));
    let list = byMetric.get(id);
    if (!list) byMetric.set(id, (list = dayContributions(a, days, id)));
    return list;
  };
  const ids = metricsFor(platform);
  for (let m = 0; m < ids.length; m++) {
    const id = ids[m]!;
    const perAccount = accounts.map((a) => cached(a, id));
    // addContributions over the day's non-empty contributions, in account order, without building the lists
    const values = new Array<number | null>(days.length);
    let some = false;
    for (let i = 0; i < days.length; i++) {
      let any = false;
      let num = 0;
      let den: number | null = null;
      for (let k = 0; k < perAccount.length; k++) {
        const c = perAccount[k]![i];
        if (!c) continue;
        if (!any) {
          any = true;
          den = c.den === null ? null : 0;
        }
        num += c.num;
        if (den !== null && c.den !== null) den += c.den;
      }
      if (!any) {
        values[i] = null;
        continue;
      }
      const n = Math.round(num * 1e6) / 1e6;
      const v = den === null ? n : den > 0 ? n / den : null;
      values[i] = v;
      if (v !== null) some = true;
    }
    if (some) out[id] = values;
  }
  return out;
}

/** Team values from shop values: Σ numerators / Σ denominators, never a mean of the shops' rates. */
function addSets(
  platform: Platform,
  sets: MetricSet[],
  threshold: (m: MetricId) => Threshold | null,
): MetricSet {
  const out: MetricSet = {};
  for (const id of metricsFor(platform)) {
    const parts: Contribution[] = [];
    let status: MetricStatus | null = null;
    let approximate = false;
    for (const s of sets) {
      const m = s[id];
      if (!m || m.value === null || m.numerator === null) continue;
      parts.push({ num: m.numerator, den: m.denominator, approximate: m.approximate, unit: null });
      approximate ||= m.approximate;
      if (m.status && (!status || STATUS_RANK[m.status] > STATUS_RANK[status])) status = m.status;
    }
    const v = toMetricValue(id, addContributions(parts), { threshold: threshold(id), status });
    out[id] = {
      ...v,
      approximate,
      small_sample: sets.some((s) => s[id]?.small_sample) && v.small_sample,
      ...combinedSource(sets.map((s) => s[id])),
    };
  }
  return out;
}

/**
 * The source of a value added up from shop values: mixed when the shops' sources differ; the days are the most any
 * one shop has from each source (shops share the calendar: their days are not added).
 */
export function combinedSource(
  values: (MetricValue | undefined)[],
): Pick<MetricValue, 'source' | 'source_days'> {
  let summary = 0;
  let events = 0;
  const kinds = new Set<string>();
  for (const m of values) {
    if (!m?.source) continue;
    kinds.add(m.source);
    summary = Math.max(summary, m.source_days?.summary ?? 0);
    events = Math.max(events, m.source_days?.events ?? 0);
  }
  const source =
    kinds.size === 0
      ? null
      : kinds.size > 1 || kinds.has('mixed')
        ? 'mixed'
        : ([...kinds][0] as 'summary' | 'events');
  return { source, source_days: { summary, events } };
}

function failing(metrics: MetricSet): AtRisk['failing'] {
  return Object.entries(metrics)
    .filter(([, m]) => m.pass === false && m.threshold)
    .map(([metric, m]) => ({
      metric: metric as MetricId,
      value: m.value,
      threshold: m.threshold!.value,
      op: m.threshold!.op,
    }));
}

/** Per shop (`platform|shop`): the month's days with any row, and each day's import status (freshness). */
type Coverage = Record<string, { covered: Day[]; status: Record<Day, MetricStatus> }>;

function coverageOf(accounts: AccountData[], month: Month): Coverage {
  const out: Coverage = {};
  const ms = monthStart(month);
  const me = monthEnd(month);
  for (const a of accounts) {
    const key = `${a.platform}|${a.shop}`;
    const c = (out[key] ??= { covered: [], status: {} });
    const covered = new Set(c.covered);
    for (const g of a.groups) {
      if (g.from === g.to) {
        if (g.from >= ms && g.from <= me) covered.add(g.from);
      } else for (const d of eachDay(g.from < ms ? ms : g.from, g.to > me ? me : g.to)) covered.add(d);
      // a day is final once any import of it is final; otherwise it waits (provisional) or is overdue (需重新导入)
      if (g.from !== g.to) continue;
      const prev = c.status[g.from];
      if (prev === 'final') continue;
      c.status[g.from] =
        g.status === 'final' || prev === undefined ? g.status : prev === 'reimport_needed' ? prev : g.status;
    }
    c.covered = [...covered];
  }
  return out;
}

function freshness(
  db: Db,
  coverage: Coverage,
  shops: { platform: Platform; shop: string }[],
  month: Month,
  now: number,
): ShopFreshness[] {
  const today = chinaDay(now);
  const last = month < today.slice(0, 7) ? monthEnd(month) : today < monthStart(month) ? null : today;
  const expected = last ? eachDay(monthStart(month), last) : [];
  return shops.map(({ platform, shop }) => {
    const c = coverage[`${platform}|${shop}`] ?? { covered: [], status: {} };
    const covered = new Set(c.covered);
    const statuses = Object.values(c.status);
    const lastImport = db
      .prepare(
        `SELECT MAX(b.imported_at) AS t FROM import_batches b JOIN shops s ON s.id = b.shop_id
          WHERE b.status = 'active' AND s.platform = ? AND s.name = ?`,
      )
      .get(platform, shop) as { t: number | null };
    return {
      platform,
      shop,
      last_import: lastImport.t === null ? null : chinaDateTime(lastImport.t),
      days_with_data: covered.size,
      days_missing: expected.filter((d) => !covered.has(d)),
      provisional_days: statuses.filter((x) => x === 'provisional').length,
      reimport_days: statuses.filter((x) => x === 'reimport_needed').length,
    };
  });
}

/**
 * The overview as stored by the recalculation (month_state.overview_json, issue 8 item 6): everything the 总览
 * screen shows that follows from the month's results — each platform's team values and day series, the shops, who
 * is at risk, the status counts — computed from the recalculation's one load of the month, plus the per-account day
 * series (the 客服 sparklines) and each shop's coverage. A read adds only what depends on today (freshness, open
 * exam warnings), so it never assembles the month again.
 */
export interface StoredOverview {
  v: 2;
  core: Omit<OverviewReport, 'freshness' | 'exams_open' | 'accounts'>;
  accounts: OverviewReport['accounts'];
  coverage: Coverage;
}

/** The overview parts of a recomputed month (the recalculation stores them; a month never stored is computed). */
export function storedOverviewOf(
  input: MonthInput,
  report: MonthReport,
  rules = input.rules,
): StoredOverview {
  const { month, accounts } = input;
  const days = eachDay(monthStart(month), monthEnd(month));
  const platformList = [...new Set(report.shops.map((s) => s.platform))];
  const cache: DayCache = new Map();
  const byPlatform = new Map<Platform, AccountData[]>();
  const byShop = new Map<string, AccountData[]>();
  for (const a of accounts) {
    const same = byPlatform.get(a.platform);
    if (same) same.push(a);
    else byPlatform.set(a.platform, [a]);
    const k = `${a.platform}|${a.shop}`;
    const list = byShop.get(k);
    if (list) list.push(a);
    else byShop.set(k, [a]);
  }
  const platforms = platformList.map((platform) => ({
    platform,
    metrics: addSets(
      platform,
      report.shops.filter((s) => s.platform === platform).map((s) => s.metrics),
      (m) => ruleAt<Threshold>(rules, platform, `threshold.${m}`, monthEnd(month)),
    ),
    daily: series(byPlatform.get(platform) ?? [], days, platform, cache),
  }));
  const shops = report.shops.map((s) => ({
    ...s,
    daily: series(byShop.get(`${s.platform}|${s.shop}`) ?? [], days, s.platform, cache),
  }));
  const shops_at_risk = report.shops
    .map((s) => ({ platform: s.platform, shop: s.shop, failing: failing(s.metrics) }))
    .filter((s) => s.failing.length);
  const agents_at_risk: AtRisk[] = [
    ...report.agents.flatMap((a) =>
      a.platforms.map((p) => ({
        platform: p.platform,
        shop: '',
        agent_id: a.agent_id,
        agent: a.agent,
        failing: failing(p.metrics),
      })),
    ),
    ...report.accounts
      .filter((a) => a.agent_id === null)
      .map((a) => ({ platform: a.platform, shop: a.shop, account: a.account, failing: failing(a.metrics) })),
  ].filter((a) => a.failing.length);
  const status_counts: Record<MetricStatus, number> = { final: 0, provisional: 0, reimport_needed: 0 };
  for (const a of report.accounts)
    for (const m of Object.values(a.metrics)) if (m.status) status_counts[m.status]++;
  return {
    v: 2,
    core: { month, days, platforms, shops, shops_at_risk, agents_at_risk, status_counts },
    accounts: accounts.map((a) => ({
      platform: a.platform,
      shop: a.shop,
      account: a.account,
      daily: series([a], days, a.platform, cache),
    })),
    coverage: coverageOf(accounts, month),
  };
}

/** The parts a read takes from a stored overview: the per-account series only when asked for. */
function readStored(db: Db, month: Month, withAccounts: boolean): Omit<StoredOverview, 'v'> | null {
  const row = db
    .prepare(
      `SELECT json_extract(overview_json, '$.core') AS core, json_extract(overview_json, '$.coverage') AS coverage
              ${withAccounts ? ", json_extract(overview_json, '$.accounts') AS accounts" : ''}
         FROM month_state WHERE month = ? AND json_valid(overview_json) AND json_extract(overview_json, '$.v') = 2`,
    )
    .get(month) as { core: string; coverage: string; accounts?: string } | undefined;
  if (!row) return null;
  return {
    core: JSON.parse(row.core) as StoredOverview['core'],
    coverage: JSON.parse(row.coverage) as Coverage,
    accounts: row.accounts ? (JSON.parse(row.accounts) as OverviewReport['accounts']) : [],
  };
}

/**
 * The month at a glance: team and shop values vs thresholds, daily trends, who is at risk, data freshness. Read from
 * the stored overview (a month stored before it, or never recalculated, is computed here and not stored);
 * `accounts: false` leaves out the per-account day series (the 总览 screen does not show them: most of the answer's
 * size at 200 agents).
 */
export function computeOverview(
  db: Db,
  month: Month,
  now: number,
  opts: { accounts?: boolean } = {},
): OverviewReport {
  const withAccounts = opts.accounts !== false;
  const rules = loadRules(db);
  const stored =
    readStored(db, month, withAccounts) ??
    storedOverviewOf(monthInput(db, month, now), getMonthReport(db, month, now), rules);
  const { core, coverage } = stored;
  return {
    ...core,
    accounts: withAccounts ? stored.accounts : [],
    freshness: freshness(db, coverage, core.shops, month, now),
    exams_open: examReport(db, rules, chinaDay(now))
      .filter(
        (w): w is typeof w & { status: 'open' | 'overdue' } => w.status === 'open' || w.status === 'overdue',
      )
      .map((w) => ({
        platform: w.platform,
        shop: w.shop,
        account: w.account,
        agent: w.agent,
        week_start: w.week_start,
        deadline: w.deadline,
        status: w.status,
        days_left: w.days_left,
      })),
  };
}
