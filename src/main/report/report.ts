import { addDays, dayStart, eachDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Day, Month, Platform } from '../../shared/domain';
import type { Scaled } from '../../shared/exact';
import { METRICS, metricsFor, type MetricId, type SampleUnit } from '../../shared/metrics';
import type {
  AccountReport,
  AgentReport,
  MetricSet,
  MetricValue,
  MetricStatus,
  MonthReport,
  ReportNotice,
  ShopReport,
  Threshold,
} from '../../shared/report';
import { addContributions, contributions, toMetricValue, type Contribution } from '../../shared/rollup';
import { ruleAt, type RuleVersion } from '../../shared/rules';
import type { DrillInput } from '../../shared/api';
import type { DrillPart } from '../../shared/drill';
import type { Db } from '../db/open';
import type { Statement } from 'better-sqlite3';
import { examCells } from '../events/exams';
import { recomputeDirtyEvents } from '../events/recalc';
import { UserError } from '../errors';
import { scoreMonthFrom, type SchemeResult, type StoredScheme } from '../kpi/compute';
import { storedOverviewOf } from './overview';
import { loadShopClients } from '../settings/shop-clients';
import type { ShopClients } from '../../shared/kpi/scheme';
import { packFacts } from '../db/migrations/014-fact-rows';
import { storedReport, writeScopeHeads, writeScopeRows } from './scope-rows';

/**
 * One source row: an account's values over a period from one import. Rows are kept whole (superseded facts
 * included) so a rate is always rebuilt with its own row's base; which row counts is decided per metric.
 */
export interface Group {
  from: Day;
  to: Day;
  /** the days from…to as bits of their month (`dayBits`); 0 for a row over more than one month */
  days: number;
  /**
   * an export row with any non-zero field (a worked day); the fields themselves are not kept once the row's
   * contributions are computed (at 200 agents they were half the month's live objects, and of its GC)
   */
  active: boolean;
  batch: number;
  /** the row number in its file: order among rows of one import */
  seq: number;
  /** a per-agent export row, or the rule engine's cell computed from event records */
  source: 'summary' | 'events';
  importedAt: number;
  status: MetricStatus;
  contributions: Map<MetricId, Contribution>;
  owner: number | null;
}

export interface AccountData {
  id: number;
  platform: Platform;
  shop: string;
  account: string;
  nickname: string | null;
  groups: Group[];
}

interface Owner {
  account_id: number;
  agent_id: number;
  valid_from: Day | null;
  valid_to: Day | null;
}

const STATUS_RANK: Record<MetricStatus, number> = { final: 0, provisional: 1, reimport_needed: 2 };

export function loadRules(db: Db): RuleVersion[] {
  return (
    db
      .prepare('SELECT platform, key, value_json, effective_from, effective_to, source FROM rule_versions')
      .all() as {
      platform: Platform;
      key: string;
      value_json: string;
      effective_from: Day;
      effective_to: Day | null;
      source: string;
    }[]
  ).map((r) => ({ ...r, value: JSON.parse(r.value_json) as unknown }));
}

/** One packed source row (fact_rows, or facts of a batch not packed yet), as a raw array. */
type PackedRow = [
  account_id: number,
  sheet: string,
  row: number,
  period_from: Day,
  period_to: Day,
  fields: string,
  batch_id: number,
  imported_at: number,
  first_id: number,
];

/**
 * The export rows of active imports over a period, one per source row with its fields packed as JSON: the packed
 * store (fact_rows, migration 014) plus the facts of any batch the recalculation has not packed yet (a read never
 * writes), in import order then file order. `CROSS JOIN` keeps fact_rows as the outer loop; SQLite scans it (every
 * month's rows): a period index was measured faster for the newest month and slower for older ones.
 */
function packedRows(db: Db, from: Day, to: Day, accountId?: number): PackedRow[] {
  const one = accountId !== undefined;
  return db
    .prepare(
      `SELECT r.account_id, r.sheet, r.row, r.period_from, r.period_to, r.fields, r.batch_id, b.imported_at, r.first_id
         FROM fact_rows r CROSS JOIN import_batches b ON b.id = r.batch_id AND b.status = 'active'
        WHERE r.period_to >= @from AND r.period_from <= @to ${one ? 'AND r.account_id = @account' : ''}
       UNION ALL
       SELECT f.account_id, f.sheet, f.row, f.period_from, f.period_to,
              json_group_object(f.field, CASE WHEN f.value_n IS NULL OR f.value_d IS NULL THEN json('null')
                ELSE json_object('n', f.value_n, 'd', f.value_d) END), f.batch_id, b.imported_at, MIN(f.id)
         FROM import_batches b CROSS JOIN facts f ON f.batch_id = b.id
        WHERE b.status = 'active' AND NOT EXISTS (SELECT 1 FROM fact_rows p WHERE p.batch_id = b.id)
          AND f.period_from <= @to AND f.period_to >= @from ${one ? 'AND f.account_id = @account' : ''}
        GROUP BY f.batch_id, f.sheet, f.row, f.account_id, f.period_from, f.period_to
       ORDER BY 7, 3, 9`,
    )
    .raw()
    .all(one ? { from, to, account: accountId } : { from, to }) as PackedRow[];
}

/**
 * A packed row's fields (`{"field":{"n":1,"d":100},"other":null,…}`, as packFacts writes them) straight into the map
 * the roll-up reads: no intermediate object per row (JSON.parse, then a copy into a Map, was a fifth of the
 * recalculation at 200 agents). Anything but that exact shape (an escape in a name, a number that is not a safe
 * integer) is parsed by JSON.parse instead, with the same result.
 */
export function packedFields(text: string): Map<string, Scaled | null> {
  const out = new Map<string, Scaled | null>();
  const len = text.length;
  let i = 1;
  // an integer at i (optional minus, 1–15 digits); -1 (never a valid position) on anything else
  let num = 0;
  const int = (): number => {
    let neg = false;
    if (text.charCodeAt(i) === 45) {
      neg = true;
      i++;
    }
    const start = i;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + (c - 48);
    if (i === start || i - start > 15) return -1;
    num = neg ? -n : n;
    return i;
  };
  const slow = (): Map<string, Scaled | null> => {
    const values = JSON.parse(text) as Record<string, Scaled | null>;
    const map = new Map<string, Scaled | null>();
    for (const field in values) map.set(field, values[field]!);
    return map;
  };
  if (text.charCodeAt(0) !== 123) return slow();
  if (text.charCodeAt(1) === 125 && len === 2) return out;
  for (;;) {
    // "name":
    if (text.charCodeAt(i) !== 34) return slow();
    const end = text.indexOf('"', i + 1);
    if (end < 0) return slow();
    const name = text.slice(i + 1, end);
    if (name.includes('\\') || text.charCodeAt(end + 1) !== 58) return slow();
    i = end + 2;
    if (text.startsWith('null', i)) {
      out.set(name, null);
      i += 4;
    } else {
      // {"n":N,"d":D}
      if (!text.startsWith('{"n":', i)) return slow();
      i += 5;
      if (int() < 0) return slow();
      const n = num;
      if (!text.startsWith(',"d":', i)) return slow();
      i += 5;
      if (int() < 0 || text.charCodeAt(i) !== 125) return slow();
      i++;
      out.set(name, { n, d: num });
    }
    const c = text.charCodeAt(i);
    if (c === 44) i++;
    else if (c === 125 && i === len - 1) return out;
    else return slow();
  }
}

/**
 * What a packed row gives the roll-up: whether it is a worked day and its metric contributions — functions of its
 * platform and its fields' text only. The recalculation keeps them from its last load of a period, keyed by the text
 * itself (never by a row id, which an undo, a merge or another database could give other fields): after a day's
 * import at 200 agents the 24,000 rows already there are not parsed and rolled up again, only the day's 800. The
 * values are shared between loads and never changed.
 */
interface RowValues {
  /** the text it was derived from: kept as the next load's key (the same string, not the new copy SQLite returns) */
  text: string;
  platform: Platform;
  active: boolean;
  contributions: Map<MetricId, Contribution>;
}

/** Per period (`from|to`), the last recalculation's row values by text: the newest KEEP_LOADS periods. */
const lastLoads = new Map<string, Map<string, RowValues>>();
/**
 * two months (~35 MB each at 200 agents): a month and its neighbour recalculated in turn (an import across a month's
 * end) both reuse theirs
 */
const KEEP_LOADS = 2;

/** Forgets the kept row values (a test comparing with a recalculation from nothing). */
export function forgetLoads(): void {
  lastLoads.clear();
}

export function loadAccounts(
  db: Db,
  from: Day,
  to: Day,
  rules: RuleVersion[],
  now: number,
  accountId?: number,
  /** reuse the rows' values of the last load of the same period (the recalculation; see `RowValues`) */
  reuse = false,
): AccountData[] {
  const rows = packedRows(db, from, to, accountId);
  const period = `${from}|${to}`;
  const last = reuse ? lastLoads.get(period) : undefined;
  const next = reuse ? new Map<string, RowValues>() : undefined;
  const owners = db
    .prepare('SELECT account_id, agent_id, valid_from, valid_to FROM agent_accounts')
    .all() as Owner[];
  const info = new Map(
    (
      db
        .prepare(
          'SELECT a.id, a.account, a.nickname, s.name AS shop, s.platform FROM accounts a JOIN shops s ON s.id = a.shop_id',
        )
        .all() as { id: number; account: string; nickname: string | null; shop: string; platform: Platform }[]
    ).map((a) => [a.id, a]),
  );
  const accounts = new Map<number, AccountData>();
  // the day a row's values become final, per platform and last day (a rule lookup, not per row)
  const finalAts = new Map<string, number>();
  for (const r of rows) {
    // by index: destructuring the row array went through its iterator (megabytes of iterator results per load)
    const account_id = r[0];
    const row = r[2];
    const period_from = r[3];
    const period_to = r[4];
    const packed = r[5];
    const batch_id = r[6];
    const imported_at = r[7];
    let acc = accounts.get(account_id);
    if (!acc) {
      const a = info.get(account_id)!;
      acc = {
        id: account_id,
        platform: a.platform,
        shop: a.shop,
        account: a.account,
        nickname: a.nickname,
        groups: [],
      };
      accounts.set(account_id, acc);
    }
    let values = last?.get(packed);
    if (!values || values.platform !== acc.platform) {
      const fields = packedFields(packed);
      let active = false;
      for (const v of fields.values()) if (v !== null && v.n !== 0) active = true;
      values = {
        text: packed,
        platform: acc.platform,
        active,
        contributions: contributions(acc.platform, fields),
      };
    }
    // keyed by the kept string: the 16 MB of text the query returns each time dies young instead of being promoted
    next?.set(values.text, values);
    const fk = `${acc.platform}|${period_to}`;
    let finalAt = finalAts.get(fk);
    if (finalAt === undefined) {
      const lag = ruleAt<number>(rules, acc.platform, 'lag.final_days', period_to) ?? 2;
      finalAts.set(fk, (finalAt = dayStart(addDays(period_to, lag))));
    }
    acc.groups.push({
      from: period_from,
      to: period_to,
      days: sameMonth(period_from, period_to) ? dayBits(period_from, period_to) : 0,
      active: values.active,
      batch: batch_id,
      seq: row,
      source: 'summary',
      importedAt: imported_at,
      status: imported_at >= finalAt ? 'final' : now >= finalAt ? 'reimport_needed' : 'provisional',
      contributions: values.contributions,
      owner: null,
    });
  }
  if (next) {
    // the newest periods last; the oldest dropped beyond KEEP_LOADS
    lastLoads.delete(period);
    lastLoads.set(period, next);
    for (const old of lastLoads.keys()) if (lastLoads.size > KEEP_LOADS) lastLoads.delete(old);
  }
  const groups = new Map<string, Group>();
  // the rule engine's cells: one group per account-day, beside the export rows
  for (const c of eventCells(db, from, to, accountId)) {
    if (c.account_id === null) continue;
    let acc = accounts.get(c.account_id);
    if (!acc) {
      acc = {
        id: c.account_id,
        platform: c.platform,
        shop: c.shop,
        account: c.account,
        nickname: c.nickname,
        groups: [],
      };
      accounts.set(c.account_id, acc);
    }
    const key = `e|${c.account_id}|${c.day}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        from: c.day,
        to: c.day,
        days: dayBit(c.day),
        active: false,
        batch: 0,
        seq: 0,
        source: 'events',
        importedAt: 0,
        status: c.status,
        contributions: new Map(),
        owner: null,
      };
      groups.set(key, g);
      acc.groups.push(g);
    }
    g.contributions.set(c.metric, { num: c.num, den: c.den, approximate: c.approximate === 1, unit: c.unit });
    if (STATUS_RANK[c.status] > STATUS_RANK[g.status]) g.status = c.status;
  }
  // exam warnings (metrics.md §7): counts on the notice day and on deadline + 1, as known today
  const exams = examCells(db, rules, now).filter((c) => c.day >= from && c.day <= to);
  if (exams.length) {
    const find = db.prepare(
      'SELECT a.id, a.nickname FROM accounts a JOIN shops s ON s.id = a.shop_id WHERE s.platform = ? AND s.name = ? AND a.account = ?',
    );
    for (const c of exams) {
      const a = find.get(c.platform, c.shop, c.account) as
        { id: number; nickname: string | null } | undefined;
      if (!a || (accountId && a.id !== accountId)) continue;
      let acc = accounts.get(a.id);
      if (!acc) {
        acc = {
          id: a.id,
          platform: c.platform,
          shop: c.shop,
          account: c.account!,
          nickname: a.nickname,
          groups: [],
        };
        accounts.set(a.id, acc);
      }
      acc.groups.push({
        from: c.day,
        to: c.day,
        days: dayBit(c.day),
        active: false,
        batch: 0,
        seq: 0,
        source: 'events',
        importedAt: 0,
        status: 'final',
        contributions: new Map(c.metrics),
        owner: null,
      });
    }
  }
  const byAccount = new Map<number, Owner[]>();
  for (const o of owners) {
    const list = byAccount.get(o.account_id);
    if (list) list.push(o);
    else byAccount.set(o.account_id, [o]);
  }
  for (const acc of accounts.values()) {
    const mine = byAccount.get(acc.id) ?? [];
    for (const g of acc.groups) g.owner = ownerOf(mine, g.from, g.to);
  }
  return [...accounts.values()];
}

interface EventCellRow {
  shop_id: number;
  account: string;
  account_id: number | null;
  nickname: string | null;
  platform: Platform;
  shop: string;
  day: Day;
  metric: MetricId;
  num: number;
  den: number | null;
  approximate: number;
  unit: SampleUnit | null;
  status: MetricStatus;
}

function eventCells(db: Db, from: Day, to: Day, accountId?: number): EventCellRow[] {
  return db
    .prepare(
      `SELECT c.shop_id, c.account, a.id AS account_id, a.nickname, s.platform, s.name AS shop, c.day, c.metric, c.num, c.den,
              c.approximate, c.unit, c.status
         FROM event_cells c JOIN shops s ON s.id = c.shop_id
         LEFT JOIN accounts a ON a.shop_id = c.shop_id AND a.account = c.account
        WHERE c.day BETWEEN ? AND ? ${accountId ? 'AND a.id = ?' : "AND c.account <> ''"}`,
    )
    .all(...(accountId ? [from, to, accountId] : [from, to])) as EventCellRow[];
}

/** Shop-level engine cells (a buyer once per shop-day even when two accounts served them), by `platform|shop`. */
function shopEventGroups(db: Db, from: Day, to: Day): Map<string, Group[]> {
  const rows = db
    .prepare(
      `SELECT s.platform, s.name AS shop, c.day, c.metric, c.num, c.den, c.approximate, c.unit, c.status
         FROM event_cells c JOIN shops s ON s.id = c.shop_id WHERE c.account = '' AND c.day BETWEEN ? AND ?`,
    )
    .all(from, to) as Omit<EventCellRow, 'account' | 'account_id' | 'nickname' | 'shop_id'>[];
  const out = new Map<string, Group[]>();
  const byKey = new Map<string, Group>();
  for (const r of rows) {
    const k = `${r.platform}|${r.shop}`;
    let g = byKey.get(`${k}|${r.day}`);
    if (!g) {
      g = {
        from: r.day,
        to: r.day,
        days: dayBit(r.day),
        active: false,
        batch: 0,
        seq: 0,
        source: 'events',
        importedAt: 0,
        status: r.status,
        contributions: new Map(),
        owner: null,
      };
      byKey.set(`${k}|${r.day}`, g);
      out.set(k, [...(out.get(k) ?? []), g]);
    }
    g.contributions.set(r.metric, { num: r.num, den: r.den, approximate: r.approximate === 1, unit: r.unit });
  }
  return out;
}

/** Which source wins where a summary export and computed events both give a metric for a day (metrics.md §5). */
export type Precedence = 'summary' | 'events';

export function precedenceOf(db: Db): Precedence {
  const row = db.prepare("SELECT value_json FROM settings WHERE key = 'precedence'").get() as
    { value_json: string } | undefined;
  return row && JSON.parse(row.value_json) === 'events' ? 'events' : 'summary';
}

/**
 * The agent owning an account over a period: ownership is per China day; a period whose days have more than one
 * owner belongs to no one (归属不明). Days without an owner do not make the period ambiguous.
 */
function ownerOf(owners: Owner[], from: Day, to: Day): number | null {
  // overlapping but several ranges for the same agent: still one owner (no set per row: one per export row was
  // 24,000 sets at 200 agents)
  let found: number | null = null;
  for (const o of owners) {
    if ((o.valid_from ?? '0000') > to || (o.valid_to ?? '9999') < from) continue;
    if (found === null) found = o.agent_id;
    else if (found !== o.agent_id) return null;
  }
  return found;
}

function ambiguous(owners: Owner[], accountId: number, from: Day, to: Day): boolean {
  const found = new Set(
    owners
      .filter(
        (o) => o.account_id === accountId && (o.valid_from ?? '0000') <= to && (o.valid_to ?? '9999') >= from,
      )
      .map((o) => o.agent_id),
  );
  return found.size > 1;
}

/** Newest import first; within an import, file order. */
export function newestFirst(a: Group, b: Group): number {
  return b.batch - a.batch || b.seq - a.seq;
}

/**
 * The rows counted for a month, per metric (metrics.md §5): the newest row covering exactly the month if one has
 * the metric, else the rows inside the month — where rows overlap (a revision, a longer period, an unresolved
 * conflict) the newest import wins, so no day is counted twice. Rows crossing the month boundary are not counted.
 */
function selectForMonth(
  groups: Group[],
  month: Month,
  precedence: Precedence = 'summary',
): { perMetric: (id: MetricId) => Group[]; crossing: Group[] } {
  const ms = monthStart(month);
  const me = monthEnd(month);
  const crossing = groups.filter((g) => g.source === 'summary' && (g.from < ms || g.to > me));
  const inMonth = groups.filter((g) => g.from >= ms && g.to <= me).sort(newestFirst);
  // the rows inside the month by source (newest first, as inMonth), each with its days as a mask: two rows overlap
  // when their masks share a bit
  const summaryIn: Group[] = [];
  const summaryBits: number[] = [];
  const eventsIn: Group[] = [];
  const eventBits: number[] = [];
  for (const g of inMonth) {
    if (g.source === 'summary') {
      summaryIn.push(g);
      summaryBits.push(g.days);
    } else {
      eventsIn.push(g);
      // an engine or exam row is one day; its first day is the one compared, as always
      eventBits.push(dayBit(g.from));
    }
  }
  /** newest first, a row counts unless it overlaps one already counted (or a blocked day) */
  const summaryRows = (id: MetricId, blocked: number): { rows: Group[]; bits: number } => {
    for (const g of summaryIn)
      if (g.from === ms && g.to === me && g.contributions.has(id) && !(dayBits(g.from, g.to) & blocked))
        return { rows: [g], bits: dayBits(g.from, g.to) };
    const chosen: Group[] = [];
    let taken = 0;
    for (let i = 0; i < summaryIn.length; i++) {
      const g = summaryIn[i]!;
      const bits = summaryBits[i]!;
      if (!g.contributions.has(id) || bits & blocked || bits & taken) continue;
      chosen.push(g);
      taken |= bits;
    }
    return { rows: chosen, bits: taken };
  };
  return {
    perMetric: (id) => {
      const events: Group[] = [];
      let eventsAt = 0;
      for (let i = 0; i < eventsIn.length; i++)
        if (eventsIn[i]!.contributions.has(id)) {
          events.push(eventsIn[i]!);
          eventsAt |= eventBits[i]!;
        }
      if (precedence === 'events') return [...summaryRows(id, eventsAt).rows, ...events];
      // the platform's own summary is authoritative; computed days fill only the days it does not cover
      const summary = summaryRows(id, 0);
      return [...summary.rows, ...events.filter((e) => !(summary.bits & dayBit(e.from)))];
    },
    crossing,
  };
}

/** A day of a month as one bit (bit 1 = the 1st … bit 31 = the 31st). */
function dayBit(d: Day): number {
  return 1 << ((d.charCodeAt(8) - 48) * 10 + d.charCodeAt(9) - 48);
}

/** The days from…to of one month as bits. */
function dayBits(from: Day, to: Day): number {
  if (from === to) return dayBit(from);
  const a = (from.charCodeAt(8) - 48) * 10 + from.charCodeAt(9) - 48;
  const b = (to.charCodeAt(8) - 48) * 10 + to.charCodeAt(9) - 48;
  let bits = 0;
  for (let i = a; i <= b; i++) bits |= 1 << i;
  return bits;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** A counted row's status, source and period: a value's source and days are its parts'. */
type Part = Pick<Group, 'status' | 'source' | 'from' | 'to' | 'days'>;

/**
 * The parts a value is summed from, as two parallel lists (a contribution and the row it came from) rather than one
 * object per part: ~1.5M of those at 200 agents were a large share of the recalculation's garbage.
 */
interface Parts {
  cs: Contribution[];
  gs: Part[];
}

/** The source of a value and the distinct days from each, from the parts counted in it. */
export function sourceOf(parts: readonly Part[]): Pick<MetricValue, 'source' | 'source_days'> {
  if (parts.length === 0) return { source: null, source_days: { summary: 0, events: 0 } };
  const first = parts[0]!.from;
  for (const p of parts) if (!p.days || !sameMonth(p.from, first)) return sourceBySets(parts);
  return monthSourceOf(parts);
}

/**
 * `sourceOf` of parts inside one month (every value of a month report: crossing rows are never counted): the days
 * as bits, no set of day strings per value.
 */
function monthSourceOf(parts: readonly Part[]): Pick<MetricValue, 'source' | 'source_days'> {
  let summaryBits = 0;
  let eventsBits = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.source === 'summary') summaryBits |= p.days;
    else eventsBits |= p.days;
  }
  const summary = popcount(summaryBits);
  const events = popcount(eventsBits);
  const source = summary && events ? 'mixed' : summary ? 'summary' : events ? 'events' : null;
  return { source, source_days: { summary, events } };
}

function sameMonth(a: Day, b: Day): boolean {
  for (let i = 0; i < 7; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** `sourceOf` for parts over more than one month. */
function sourceBySets(parts: readonly Part[]): Pick<MetricValue, 'source' | 'source_days'> {
  const summary = new Set<Day>();
  const events = new Set<Day>();
  for (const p of parts) {
    const set = p.source === 'summary' ? summary : events;
    if (p.from === p.to) set.add(p.from);
    else for (const d of eachDay(p.from, p.to)) set.add(d);
  }
  const source =
    summary.size && events.size ? 'mixed' : summary.size ? 'summary' : events.size ? 'events' : null;
  return { source, source_days: { summary: summary.size, events: events.size } };
}

function worst(parts: readonly Part[]): MetricStatus | null {
  let s: MetricStatus | null = null;
  for (const p of parts) if (!s || STATUS_RANK[p.status] > STATUS_RANK[s]) s = p.status;
  return s;
}

function metricSet(
  platform: Platform,
  byMetric: Map<MetricId, Parts>,
  thresholds: (p: Platform, m: MetricId) => Threshold | null,
  ids = metricsFor(platform),
): MetricSet {
  const set: MetricSet = {};
  for (const id of ids) {
    const parts = byMetric.get(id) ?? NO_PARTS;
    // the fresh value object gets the source fields last, as a spread of both did (the stored JSON's key order)
    set[id] = Object.assign(
      toMetricValue(id, addContributions(parts.cs), {
        threshold: thresholds(platform, id),
        status: worst(parts.gs),
      }),
      monthSourceOf(parts.gs),
    );
  }
  return set;
}

function coverage(
  map: Map<string, Map<MetricId, { summary: Set<Day>; events: boolean }>>,
  shopKey: string,
  id: MetricId,
): { summary: Set<Day>; events: boolean } {
  let byMetric = map.get(shopKey);
  if (!byMetric) map.set(shopKey, (byMetric = new Map<MetricId, { summary: Set<Day>; events: boolean }>()));
  let c = byMetric.get(id);
  if (!c) byMetric.set(id, (c = { summary: new Set(), events: false }));
  return c;
}

const NO_PARTS: Parts = { cs: [], gs: [] };

/** `a.localeCompare(b)`, without setting up the default collation on every call. */
const byText = new Intl.Collator().compare;

function push(map: Map<MetricId, Parts>, id: MetricId, c: Contribution, part: Part): void {
  const list = map.get(id);
  if (list) {
    list.cs.push(c);
    list.gs.push(part);
  } else map.set(id, { cs: [c], gs: [part] });
}

/**
 * Everything a month's results are computed from, loaded once per recalculation: the month report, each KPI
 * scheme's scope and the worked days all derive from this one load (issue 8: no second four-table join per scope).
 */
export interface MonthInput {
  month: Month;
  now: number;
  rules: RuleVersion[];
  accounts: AccountData[];
  precedence: Precedence;
  shopCells: Map<string, Group[]>;
  owners: Owner[];
  agentRows: { id: number; name: string; team: string | null }[];
  /** which client owns each shop: schemes scoped to a client cover its shops */
  shopClients: ShopClients;
}

export function monthInput(db: Db, month: Month, now: number, reuse = false): MonthInput {
  const rules = loadRules(db);
  const me = monthEnd(month);
  return {
    month,
    now,
    rules,
    accounts: loadAccounts(db, monthStart(month), me, rules, now, undefined, reuse),
    precedence: precedenceOf(db),
    shopCells: shopEventGroups(db, monthStart(month), me),
    owners: db
      .prepare('SELECT account_id, agent_id, valid_from, valid_to FROM agent_accounts')
      .all() as Owner[],
    agentRows: db.prepare('SELECT id, name, team FROM agents ORDER BY id').all() as {
      id: number;
      name: string;
      team: string | null;
    }[],
    shopClients: loadShopClients(db),
  };
}

/** Computes a month from the stored facts (metrics.md §0, §5): accounts, shops, agents per platform and totals. */
export function computeMonth(
  db: Db,
  month: Month,
  now: number,
  inScope?: (platform: Platform, shop: string) => boolean,
): MonthReport {
  return reportFrom(monthInput(db, month, now), inScope);
}

/** The month report over the loaded input, optionally cut to a scheme's shops (the input is not changed). */
export function reportFrom(
  input: MonthInput,
  inScope?: (platform: Platform, shop: string) => boolean,
): MonthReport {
  const { month, rules, precedence, shopCells, owners, agentRows } = input;
  const me = monthEnd(month);
  // one rule look-up per platform and metric, not per value
  const known = new Map<string, Threshold | null>();
  const thresholds = (p: Platform, m: MetricId): Threshold | null => {
    const k = `${p}|${m}`;
    let t = known.get(k);
    if (t === undefined) known.set(k, (t = ruleAt<Threshold>(rules, p, `threshold.${m}`, me)));
    return t;
  };
  const accounts = input.accounts.filter((a) => !inScope || inScope(a.platform, a.shop));
  /** per shop and metric: the days account rows already give (export rows, or engine cells of accounts) */
  const shopDays = new Map<string, Map<MetricId, { summary: Set<Day>; events: boolean }>>();
  const agentName = new Map(agentRows.map((a) => [a.id, a]));

  const notices: ReportNotice[] = [];
  const accountReports: AccountReport[] = [];
  const shopParts = new Map<string, { platform: Platform; shop: string; parts: Map<MetricId, Parts> }>();
  const agentParts = new Map<number, Map<Platform, Map<MetricId, Parts>>>();

  for (const acc of accounts.sort(
    (a, b) => byText(a.platform, b.platform) || byText(a.shop, b.shop) || byText(a.account, b.account),
  )) {
    const { perMetric, crossing } = selectForMonth(acc.groups, month, precedence);
    for (const g of crossing) {
      notices.push({
        kind: 'cross_month',
        platform: acc.platform,
        shop: acc.shop,
        account: acc.account,
        from: g.from,
        to: g.to,
        message: `跨月数据未计入：${acc.account} ${g.from}~${g.to}`,
      });
    }
    const accParts = new Map<MetricId, Parts>();
    const shopKey = `${acc.platform}|${acc.shop}`;
    let shop = shopParts.get(shopKey);
    if (!shop) {
      shop = { platform: acc.platform, shop: acc.shop, parts: new Map() };
      shopParts.set(shopKey, shop);
    }
    const reportedAmbiguous = new Set<Group>();
    // the agent's parts on this platform, looked up once per owner rather than once per part
    let lastOwner: number | null = null;
    let ownerParts: Map<MetricId, Parts> | null = null;
    for (const id of metricsFor(acc.platform)) {
      const counted = perMetric(id);
      if (counted.length === 0) continue;
      const cover = coverage(shopDays, shopKey, id);
      for (const g of counted) {
        const c = g.contributions.get(id)!;
        push(accParts, id, c, g);
        // shop values: export rows add up; engine days come from the shop's own cells below
        if (g.source === 'summary') {
          push(shop.parts, id, c, g);
          if (g.from === g.to) cover.summary.add(g.from);
          else for (const d of eachDay(g.from, g.to)) cover.summary.add(d);
        } else cover.events = true;
        if (g.owner !== null) {
          if (g.owner !== lastOwner || !ownerParts) {
            let byPlatform = agentParts.get(g.owner);
            if (!byPlatform)
              agentParts.set(g.owner, (byPlatform = new Map<Platform, Map<MetricId, Parts>>()));
            let m = byPlatform.get(acc.platform);
            if (!m) byPlatform.set(acc.platform, (m = new Map<MetricId, Parts>()));
            lastOwner = g.owner;
            ownerParts = m;
          }
          push(ownerParts, id, c, g);
        } else if (!reportedAmbiguous.has(g) && ambiguous(owners, acc.id, g.from, g.to)) {
          reportedAmbiguous.add(g);
          notices.push({
            kind: 'ambiguous_owner',
            platform: acc.platform,
            shop: acc.shop,
            account: acc.account,
            from: g.from,
            to: g.to,
            message: `归属不明：${acc.account} ${g.from}~${g.to} 期间有多位客服`,
          });
        }
      }
    }
    // the account's owner for the month: the single owner of its counted rows
    const accOwners = new Set(
      acc.groups.filter((g) => g.from >= monthStart(month) && g.to <= me).map((g) => g.owner),
    );
    const owner = accOwners.size === 1 ? [...accOwners][0]! : null;
    accountReports.push({
      platform: acc.platform,
      shop: acc.shop,
      account: acc.account,
      nickname: acc.nickname,
      agent_id: owner,
      agent: owner === null ? null : (agentName.get(owner)?.name ?? null),
      metrics: metricSet(acc.platform, accParts, thresholds),
    });
  }

  for (const [shopKey, cells] of shopCells) {
    const shop = shopParts.get(shopKey);
    if (!shop) continue;
    for (const id of metricsFor(shop.platform)) {
      const cover = shopDays.get(shopKey)?.get(id);
      if (!cover?.events) continue;
      for (const g of cells) {
        const c = g.contributions.get(id);
        if (c && g.from >= monthStart(month) && g.from <= me && !cover.summary.has(g.from))
          push(shop.parts, id, c, g);
      }
    }
  }
  const shops: ShopReport[] = [...shopParts.values()].map((s) => ({
    platform: s.platform,
    shop: s.shop,
    metrics: metricSet(s.platform, s.parts, thresholds),
  }));
  const agents: AgentReport[] = [...agentParts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([agentId, byPlatform]) => {
      const totalParts = new Map<MetricId, Parts>();
      const platforms = [...byPlatform.entries()].map(([platform, parts]) => {
        for (const [id, list] of parts)
          if (METRICS[id].total)
            for (let i = 0; i < list.cs.length; i++) push(totalParts, id, list.cs[i]!, list.gs[i]!);
        return { platform, metrics: metricSet(platform, parts, thresholds) };
      });
      const total: MetricSet = {};
      for (const id of Object.values(METRICS)
        .filter((m) => m.total)
        .map((m) => m.id)) {
        const parts = totalParts.get(id) ?? NO_PARTS;
        total[id] = Object.assign(
          toMetricValue(id, addContributions(parts.cs), {
            threshold: null,
            status: worst(parts.gs),
          }),
          monthSourceOf(parts.gs),
        );
      }
      const a = agentName.get(agentId);
      return {
        agent_id: agentId,
        agent: a?.name ?? String(agentId),
        team: a?.team ?? null,
        platforms,
        total,
      };
    });
  return { month, accounts: accountReports, shops, agents, notices };
}

/** metric_results' value columns, in the order `recalcMonths` compares and writes them. */
const RESULT_VALUES = [
  'value',
  'numerator',
  'denominator',
  'approximate',
  'small_sample',
  'threshold_op',
  'threshold_value',
  'pass',
  'status',
  'source',
  'summary_days',
  'events_days',
];
const RESULT_COLUMNS = [
  'scope',
  'scope_key',
  'platform',
  'metric',
  'period',
  ...RESULT_VALUES,
  'computed_at',
];

/**
 * Stores a recomputed month's values in metric_results: the month's rows are deleted and written again, many rows per
 * statement. (Writing only the rows that changed was measured slower at 200 agents: about half of the 25k rows change
 * with a day, and reading the stored rows back to compare costs as much as writing them all.)
 */
export function writeMetricResults(db: Db, month: Month, r: MonthReport, now: number): void {
  // many rows per statement: 25k values at 200 agents, one call each was a tenth of the recalculation
  const CHUNK = 100;
  const cols = RESULT_COLUMNS.length;
  const insert = (rows: number): Statement =>
    db.prepare(
      `INSERT INTO metric_results (${RESULT_COLUMNS.join(', ')})
       VALUES ${Array.from({ length: rows }, () => `(${RESULT_COLUMNS.map(() => '?').join(', ')})`).join(', ')}`,
    );
  db.prepare('DELETE FROM metric_results WHERE period = ?').run(month);
  // one chunk's values at a time, written when full (the month's 450k values in one growing array, then sliced into
  // chunks, were 30 MB of garbage per recalculation)
  const width = CHUNK * cols;
  const chunk = insert(CHUNK);
  const values = new Array<unknown>(width);
  let n = 0;
  const write = (scope: string, key: string, platform: string, set: MetricSet): void => {
    for (const metric in set) {
      const m = set[metric as MetricId]!;
      values[n++] = scope;
      values[n++] = key;
      values[n++] = platform;
      values[n++] = metric;
      values[n++] = month;
      values[n++] = m.value;
      values[n++] = m.numerator;
      values[n++] = m.denominator;
      values[n++] = m.approximate ? 1 : 0;
      values[n++] = m.small_sample ? 1 : 0;
      values[n++] = m.threshold?.op ?? null;
      values[n++] = m.threshold?.value ?? null;
      values[n++] = m.pass === null ? null : m.pass ? 1 : 0;
      values[n++] = m.status;
      values[n++] = m.source ?? null;
      values[n++] = m.source_days?.summary ?? null;
      values[n++] = m.source_days?.events ?? null;
      values[n++] = now;
      if (n === width) {
        chunk.run(values);
        n = 0;
      }
    }
  };
  for (const a of r.accounts) write('account', `${a.shop}|${a.account}`, a.platform, a.metrics);
  for (const s of r.shops) write('shop', s.shop, s.platform, s.metrics);
  for (const a of r.agents) {
    for (const p of a.platforms) write('agent', String(a.agent_id), p.platform, p.metrics);
    write('agent_total', String(a.agent_id), 'all', a.total);
  }
  if (n) insert(n / cols).run(values.slice(0, n));
}

/**
 * Recomputes months and stores the results (metric_results and the month's report). `reuse`: keep the rows' values
 * for the next recalculation of the month (see `RowValues`; the job worker's, ~35 MB a month at 200 agents).
 */
export function recalcMonths(db: Db, months: Month[], now: number, reuse = true): void {
  const state = db.prepare(
    `INSERT INTO month_state (month, report_json, overview_json, computed_at, dirty) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (month) DO UPDATE SET report_json = excluded.report_json, overview_json = excluded.overview_json,
       computed_at = excluded.computed_at, dirty = 0`,
  );
  const clean = db.prepare('UPDATE month_state SET dirty = 0 WHERE month = ?');
  const locked = db.prepare('SELECT 1 FROM month_locks WHERE month = ?');
  const pending = db.prepare('UPDATE month_locks SET pending_json = ? WHERE month = ?');
  const delKpi = db.prepare('DELETE FROM kpi_results WHERE month = ?');
  const insKpi = db.prepare('INSERT INTO kpi_results (month, scheme, json, computed_at) VALUES (?, ?, ?, ?)');
  // the bench's phase times (`timeRecalcPhases`)
  let t0 = performance.now();
  const lap = (phase: string): void => {
    if (!phaseTimes) return;
    const t = performance.now();
    phaseTimes[phase] = (phaseTimes[phase] ?? 0) + t - t0;
    t0 = t;
  };
  db.transaction(() => {
    packFacts(db);
    lap('pack');
    for (const month of [...new Set(months)]) {
      // one load of the month: the report, every scheme's scores and worked days all come from it; the rows
      // already loaded by the last recalculation of the month are not parsed again
      const input = monthInput(db, month, now, reuse);
      lap('load');
      const r = reportFrom(input);
      lap('roll-up');
      delKpi.run(month);
      const schemes = scoreMonthFrom(db, input, r);
      lap('scoring');
      for (const k of schemes) insKpi.run(month, k.scheme.name, JSON.stringify(k), now);
      lap('kpi_results');
      // a signed-off month does not change: later data is kept as pending changes, applied on unlock (metrics.md §8)
      if (locked.get(month)) {
        pending.run(JSON.stringify(r), month);
        clean.run(month);
        continue;
      }
      writeMetricResults(db, month, r, now);
      lap('metric_results');
      writeScopeRows(db, r, schemes);
      lap('report_rows');
      const overview = storedOverviewOf(input, r);
      writeScopeHeads(db, r, overview);
      // the month report is stored per scope (report_rows); report_json is left empty
      state.run(month, null, JSON.stringify(overview), now);
      lap('overview');
    }
    // IMMEDIATE: the write lock from the start. A deferred transaction reads a snapshot first and, when another
    // connection commits meanwhile, fails its first write with SQLITE_BUSY whatever the busy timeout
  }).immediate();
  lap('commit');
}

/** When set (the bench), `recalcMonths` adds each phase's wall time (ms) here. */
let phaseTimes: Record<string, number> | null = null;

/** Times the phases of every recalculation from now on into `into` (load, roll-up, …, commit); null stops. */
export function timeRecalcPhases(into: Record<string, number> | null): void {
  phaseTimes = into;
}

/** Marks months for recomputation (inside an import's transaction); `recalcDirty` or the next read computes them. */
export function markDirty(db: Db, months: Iterable<Month>): void {
  const mark = db.prepare(
    'INSERT INTO month_state (month, dirty) VALUES (?, 1) ON CONFLICT (month) DO UPDATE SET dirty = 1',
  );
  for (const m of new Set(months)) mark.run(m);
}

/** Recomputes every month marked dirty; returns them. */
export function recalcDirty(db: Db, now: number): Month[] {
  // stale engine cells first: the months read them
  recomputeDirtyEvents(db, now);
  const months = (
    db.prepare('SELECT month FROM month_state WHERE dirty = 1 ORDER BY month').all() as { month: Month }[]
  ).map((r) => r.month);
  if (months.length) recalcMonths(db, months, now);
  return months;
}

/** Recalculates the month first when it never was, or when an import or a change marked it dirty (writers only). */
export function freshMonth(db: Db, month: Month, now: number): void {
  recomputeDirtyEvents(db, now);
  const row = db
    .prepare('SELECT computed_at IS NOT NULL AS has, dirty FROM month_state WHERE month = ?')
    .get(month) as { has: number; dirty: number } | undefined;
  // the main thread (a sign-off): nothing kept for later, the job worker's recalculations keep their own
  if (!row?.has || row.dirty) recalcMonths(db, [month], now, false);
}

/** Is a recalculation due for the month: marked dirty by an import or a change, or event days to recompute? */
export function monthUpdating(db: Db, month: Month): boolean {
  return !!db
    .prepare(
      `SELECT 1 FROM month_state WHERE month = ? AND dirty = 1
       UNION ALL SELECT 1 FROM event_dirty WHERE day BETWEEN ? AND ? LIMIT 1`,
    )
    .get(month, monthStart(month), monthEnd(month));
}

/** Any month waiting for its recalculation (the host starts one). */
export function anyUpdating(db: Db): boolean {
  return !!db
    .prepare('SELECT 1 FROM month_state WHERE dirty = 1 UNION ALL SELECT 1 FROM event_dirty LIMIT 1')
    .get();
}

/**
 * The month as last recalculated. A pure read (issue 8): never writes, never takes the write lock; a month waiting
 * for its recalculation is served from its last committed results with `updating: true`; a month never computed
 * is computed here in memory (and not stored).
 */
export function getMonthReport(db: Db, month: Month, now: number): MonthReport {
  const updating = monthUpdating(db, month);
  // per scope (report_rows) since migration 015; a month computed before it is read from its old report_json
  const report =
    storedReport(db, month) ??
    ((row) =>
      row?.report_json ? (JSON.parse(row.report_json) as MonthReport) : computeMonth(db, month, now))(
      db.prepare('SELECT report_json FROM month_state WHERE month = ?').get(month) as
        { report_json: string | null } | undefined,
    );
  return updating ? { ...report, updating: true } : report;
}

/**
 * The KPI results stored for the month by its last recalculation, one per scheme in force (by scheme name), each
 * with the per-agent scores and the agents' metrics over the scheme's shops. A pure read like `getMonthReport`.
 */
export function storedKpi(db: Db, month: Month, now: number, scheme?: string): StoredScheme[] {
  const computed = db
    .prepare('SELECT computed_at IS NOT NULL AS has FROM month_state WHERE month = ?')
    .get(month) as { has: number } | undefined;
  if (!computed?.has) {
    const input = monthInput(db, month, now);
    return scoreMonthFrom(db, input, reportFrom(input)).filter((k) => !scheme || k.scheme.name === scheme);
  }
  // one scheme's results only when one is asked for (the sheet): each is a few MB at 200 agents
  return (
    db
      .prepare(
        `SELECT json FROM kpi_results WHERE month = ? ${scheme ? 'AND scheme = ?' : ''} ORDER BY scheme`,
      )
      .all(...(scheme ? [month, scheme] : [month])) as {
      json: string;
    }[]
  ).map((r) => JSON.parse(r.json) as StoredScheme);
}

/**
 * The stored scores of every scheme without the per-agent metrics the sheet uses (`kpi:month`, the month report's
 * `kpi`): SQLite takes the scheme and the agents out of each stored result, the metrics (most of its size) are not
 * parsed. A pure read like `storedKpi`.
 */
export function storedScores(db: Db, month: Month, now: number): SchemeResult[] {
  const computed = db
    .prepare('SELECT computed_at IS NOT NULL AS has FROM month_state WHERE month = ?')
    .get(month) as { has: number } | undefined;
  if (!computed?.has) return storedKpi(db, month, now).map(({ platforms: _p, ...r }) => r);
  return (
    db
      .prepare(
        `SELECT json_extract(json, '$.scheme') AS scheme, json_extract(json, '$.agents') AS agents
           FROM kpi_results WHERE month = ? ORDER BY kpi_results.scheme`,
      )
      .all(month) as { scheme: string; agents: string }[]
  ).map((r) => ({
    scheme: JSON.parse(r.scheme) as SchemeResult['scheme'],
    agents: JSON.parse(r.agents) as SchemeResult['agents'],
  }));
}

/**
 * Months that have imported data (export rows, computed event cells, exam warnings), newest first. Export rows are
 * read from the packed rows (~1 per 19 facts), plus the facts of a batch not packed yet.
 */
export function listMonths(db: Db): Month[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT substr(r.period_from, 1, 7) AS m FROM fact_rows r CROSS JOIN import_batches b ON b.id = r.batch_id AND b.status = 'active'
       UNION SELECT DISTINCT substr(r.period_to, 1, 7) FROM fact_rows r CROSS JOIN import_batches b ON b.id = r.batch_id AND b.status = 'active'
       UNION SELECT DISTINCT substr(f.period_from, 1, 7) FROM import_batches b CROSS JOIN facts f ON f.batch_id = b.id
        WHERE b.status = 'active' AND NOT EXISTS (SELECT 1 FROM fact_rows p WHERE p.batch_id = b.id)
       UNION SELECT DISTINCT substr(f.period_to, 1, 7) FROM import_batches b CROSS JOIN facts f ON f.batch_id = b.id
        WHERE b.status = 'active' AND NOT EXISTS (SELECT 1 FROM fact_rows p WHERE p.batch_id = b.id)
       UNION SELECT DISTINCT substr(day, 1, 7) FROM event_cells
       UNION SELECT DISTINCT substr(week_start, 1, 7) FROM exam_warnings WHERE superseded_by IS NULL
       ORDER BY m DESC`,
    )
    .all() as { m: Month }[];
  return rows.map((r) => r.m);
}

/**
 * The parts one account's month value of a metric was summed from — the same load and the same selection
 * (`selectForMonth`, the precedence setting) as the month report, so the drill-down adds up to the stored value.
 */
export function countedParts(
  db: Db,
  input: DrillInput,
  now = 0,
): { accountId: number; shopId: number; parts: DrillPart[] } {
  const acc = db
    .prepare(
      'SELECT a.id, a.shop_id FROM accounts a JOIN shops s ON s.id = a.shop_id WHERE s.platform = ? AND s.name = ? AND a.account = ?',
    )
    .get(input.platform, input.shop, input.account) as { id: number; shop_id: number } | undefined;
  if (!acc) throw new UserError(`没有找到账号 ${input.account}`);
  const [data] = loadAccounts(db, monthStart(input.month), monthEnd(input.month), loadRules(db), now, acc.id);
  const groups = data?.groups ?? [];
  const parts = selectForMonth(groups, input.month, precedenceOf(db))
    .perMetric(input.metric)
    .map((g) => ({ from: g.from, to: g.to, source: g.source, c: g.contributions.get(input.metric)! }));
  return { accountId: acc.id, shopId: acc.shop_id, parts };
}

/**
 * Days of the month on which each agent had activity: a one-day row of an account they owned that day (within the
 * scope). Agents with only longer-period rows (a month export) have no known days and are absent from the map.
 */
export function workedDays(
  db: Db,
  month: Month,
  now: number,
  inScope?: (platform: Platform, shop: string) => boolean,
): Map<number, number> {
  return workedFrom(monthInput(db, month, now), inScope);
}

/** `workedDays` over an already loaded month. */
export function workedFrom(
  input: MonthInput,
  inScope?: (platform: Platform, shop: string) => boolean,
): Map<number, number> {
  const { month } = input;
  const ms = monthStart(month);
  const me = monthEnd(month);
  const days = new Map<number, Set<Day>>();
  for (const acc of input.accounts) {
    if (inScope && !inScope(acc.platform, acc.shop)) continue;
    for (const g of acc.groups) {
      if (g.from !== g.to || g.owner === null || g.from < ms || g.from > me) continue;
      const active =
        g.source === 'events'
          ? [...g.contributions.values()].some((c) => c.num > 0 || (c.den ?? 0) > 0)
          : g.active;
      if (!active) continue;
      let set = days.get(g.owner);
      if (!set) days.set(g.owner, (set = new Set()));
      set.add(g.from);
    }
  }
  return new Map([...days].map(([k, v]) => [k, v.size]));
}
