/**
 * `report:scopes` (issue 8 item 6): one page of the 客服 page's 账号 or 店铺 table, searched, filtered and sorted as
 * on screen, read from the stored per-scope rows (report_rows, written by writeScopeRows) and the stored overview's
 * day series (month_state.overview_json, for the sparklines) — instead of the whole month report and the overview
 * with every account's series. A pure read: no write, no recalculation (a signed-off month from its snapshot; a
 * month never stored is computed in memory, as report:month and report:agents do).
 */
import { addMonths, eachDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Month, Platform } from '../../shared/domain';
import type { DailySeries } from '../../shared/overview';
import type { AccountReport, MonthReport, ShopReport } from '../../shared/report';
import {
  SPARK_METRICS,
  scopeHeadOf,
  scopeRowKey,
  shapeScopeHeads,
  type ScopeHead,
  type ScopesPage,
  type ScopesQuery,
  type ScopeTableRow,
  type TableScope,
} from '../../shared/report-pages';
import type { Db } from '../db/open';
import { monthReport } from '../month';
import { monthUpdating } from './report';
import { PAGE_LIMIT_MAX } from './scope-rows';

type Entry = AccountReport | ShopReport;
type Head = ScopeHead & { seq: number; stored: string };

interface ScopeSource {
  /** the scope's heads in the report's order; `seq` (the order) and `stored` (report_rows.key) find the entry */
  heads: Head[];
  /** the sparkline series of the page's rows (by row key); absent: read from the stored overview */
  daily?: (heads: readonly Head[]) => Map<string, DailySeries>;
  entries: (heads: readonly Head[]) => Map<number, Entry>;
  /** accounts per `platform|shop` (the 店铺 rows' account count) */
  accountCounts: () => Map<string, number>;
  locked: boolean;
  /** the month has no account and no shop */
  empty: boolean;
}

const countKey = (platform: string, shop: string): string => `${platform}\u0000${shop}`;

function fromReport(report: MonthReport, scope: TableScope, locked: boolean): ScopeSource {
  const list: Entry[] = scope === 'account' ? report.accounts : report.shops;
  return {
    heads: list.map((e, seq) => ({ ...scopeHeadOf(e), seq, stored: '' })),
    entries: (heads) => new Map(heads.map((h) => [h.seq, list[h.seq]!])),
    accountCounts: () => {
      const out = new Map<string, number>();
      for (const a of report.accounts) {
        const k = countKey(a.platform, a.shop);
        out.set(k, (out.get(k) ?? 0) + 1);
      }
      return out;
    },
    locked,
    empty: report.accounts.length === 0 && report.shops.length === 0,
  };
}

/** The stored entries (report_rows) of the given heads, by their `seq`. */
function storedEntries(db: Db, month: Month, scope: TableScope): ScopeSource['entries'] {
  const read = db.prepare('SELECT json FROM report_rows WHERE month = ? AND scope = ? AND key = ?').pluck();
  return (list) => {
    const out = new Map<number, Entry>();
    for (const h of list) {
      const json = read.get(month, scope, h.stored) as string | undefined;
      if (json) out.set(h.seq, JSON.parse(json) as Entry);
    }
    return out;
  };
}

/**
 * The stored heads of a scope (scope_heads, written by the recalculation with the entries): one small row per entry
 * with its names, metric values and sparkline series; the page parses only its own entries. Null for a month
 * computed before migration 019 until it is recalculated.
 */
function storedHeads(db: Db, month: Month, scope: TableScope): ScopeSource | null {
  const rows = db
    .prepare('SELECT seq, key, head_json FROM scope_heads WHERE month = ? AND scope = ?')
    .raw()
    .all(month, scope) as [number, string, string][];
  if (rows.length === 0) return null;
  const heads: Head[] = rows.map(([seq, key, head]) => ({
    ...(JSON.parse(head) as ScopeHead),
    seq,
    stored: key,
  }));
  const daily = db
    .prepare('SELECT daily_json FROM scope_heads WHERE month = ? AND scope = ? AND seq = ?')
    .pluck();
  return {
    heads,
    entries: storedEntries(db, month, scope),
    daily: (list) => {
      const out = new Map<string, DailySeries>();
      for (const h of list) {
        const json = daily.get(month, scope, h.seq) as string | null | undefined;
        if (json) out.set(h.key, JSON.parse(json) as DailySeries);
      }
      return out;
    },
    accountCounts: () => {
      const out = new Map<string, number>();
      for (const [platform, shop] of db
        .prepare(
          "SELECT json_extract(head_json, '$.platform'), json_extract(head_json, '$.shop') FROM scope_heads WHERE month = ? AND scope = 'account'",
        )
        .raw()
        .all(month) as [string, string][]) {
        const k = countKey(platform, shop);
        out.set(k, (out.get(k) ?? 0) + 1);
      }
      return out;
    },
    locked: false,
    empty: false,
  };
}

/**
 * The stored rows of a scope, their heads extracted by SQLite (one parse of each entry's JSON, the metric values
 * only): the page parses only its own entries.
 */
function stored(db: Db, month: Month, scope: TableScope): ScopeSource | null {
  const has = db.prepare('SELECT 1 FROM report_rows WHERE month = ? LIMIT 1').get(month);
  if (!has) return null;
  const rows = db
    .prepare(
      `SELECT r.seq, r.key, json_extract(r.json, '$.platform', '$.shop', '$.account', '$.nickname', '$.agent') AS head,
              (SELECT json_group_object(m.key, json_extract(m.value, '$.value'))
                 FROM json_each(r.json, '$.metrics') m) AS vals
         FROM report_rows r WHERE r.month = ? AND r.scope = ?`,
    )
    .all(month, scope) as { seq: number; key: string; head: string; vals: string }[];
  const heads: Head[] = rows
    .map((r) => {
      const [platform, shop, account, nickname, agent] = JSON.parse(r.head) as [
        Platform,
        string,
        string | null,
        string | null,
        string | null,
      ];
      return {
        key: scopeRowKey(account === null ? { platform, shop } : { platform, shop, account }),
        platform,
        shop,
        account,
        nickname,
        agent,
        values: JSON.parse(r.vals) as ScopeHead['values'],
        seq: r.seq,
        stored: r.key,
      };
    })
    .sort((a, b) => a.seq - b.seq);
  return {
    heads,
    entries: storedEntries(db, month, scope),
    accountCounts: () =>
      new Map(
        (
          db
            .prepare(
              `SELECT json_extract(json, '$.platform') AS p, json_extract(json, '$.shop') AS s, count(*) AS n
                 FROM report_rows WHERE month = ? AND scope = 'account' GROUP BY p, s`,
            )
            .all(month) as { p: string; s: string; n: number }[]
        ).map((r) => [countKey(r.p, r.s), r.n]),
      ),
    locked: false,
    empty: !db
      .prepare("SELECT 1 FROM report_rows WHERE month = ? AND scope IN ('account', 'shop') LIMIT 1")
      .get(month),
  };
}

function sourceOf(db: Db, month: Month, scope: TableScope, now: number): ScopeSource {
  const lock = db.prepare('SELECT snapshot_json FROM month_locks WHERE month = ?').pluck().get(month) as
    string | undefined;
  if (lock) return fromReport(JSON.parse(lock) as MonthReport, scope, true);
  return (
    storedHeads(db, month, scope) ??
    stored(db, month, scope) ??
    fromReport(monthReport(db, month, now), scope, false)
  );
}

/**
 * The sparkline series of the page's rows from the stored overview (only SPARK_METRICS, only the page's rows: the
 * series are extracted for them alone); an empty map when the month's overview is not stored or unreadable (the
 * table shows no sparklines rather than computing the month's day series).
 */
function storedDaily(
  db: Db,
  month: Month,
  scope: TableScope,
  keys: ReadonlySet<string>,
): Map<string, DailySeries> {
  const out = new Map<string, DailySeries>();
  if (keys.size === 0) return out;
  // the row key (scopeRowKey) built by SQLite, so only the page's entries have their series copied out
  const [path, key] =
    scope === 'account'
      ? [
          '$.accounts',
          `'acc|' || json_extract(e.value, '$.platform') || '|' || json_extract(e.value, '$.shop') || '|' ||
             json_extract(e.value, '$.account')`,
        ]
      : [
          '$.core.shops',
          `'shop|' || json_extract(e.value, '$.platform') || '|' || json_extract(e.value, '$.shop')`,
        ];
  const series = SPARK_METRICS.map((id) => `json_extract(e.value, '$.daily.${id}')`).join(', ');
  let rows: { key: string; daily: string }[];
  try {
    // no json_valid() first: it parses the megabytes once more; a malformed overview throws instead
    rows = db
      .prepare(
        `SELECT ${key} AS key, json_array(${series}) AS daily
           FROM month_state m, json_each(m.overview_json, '${path}') e
          WHERE m.month = ? AND json_extract(m.overview_json, '$.v') = 2
            AND ${key} IN (SELECT value FROM json_each(?))`,
      )
      .all(month, JSON.stringify([...keys])) as { key: string; daily: string }[];
  } catch {
    return out;
  }
  for (const r of rows) {
    const values = JSON.parse(r.daily) as ((number | null)[] | null)[];
    const daily: DailySeries = {};
    SPARK_METRICS.forEach((id, i) => {
      if (values[i]) daily[id] = values[i];
    });
    out.set(r.key, daily);
  }
  return out;
}

/** `report:scopes`: one page of the 账号 or 店铺 table. */
export function scopesPage(db: Db, q: ScopesQuery, now: number): ScopesPage {
  const { month, scope } = q;
  const src = sourceOf(db, month, scope, now);
  const { ordered, platforms, shops, metrics } = shapeScopeHeads(src.heads, q);
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.min(PAGE_LIMIT_MAX, Math.max(0, q.limit ?? 50));
  const page = ordered.slice(offset, offset + limit);
  const entries = src.entries(page);
  const daily = src.daily?.(page) ?? storedDaily(db, month, scope, new Set(page.map((h) => h.key)));
  const counts = scope === 'shop' && page.length ? src.accountCounts() : null;
  const rows: ScopeTableRow[] = page.map((h) => {
    const e = entries.get(h.seq);
    const d = daily.get(h.key);
    return {
      key: h.key,
      platform: h.platform,
      shop: h.shop,
      account: h.account,
      nickname: h.nickname,
      agent_id: e && 'agent_id' in e ? e.agent_id : null,
      agent: h.agent,
      account_count: counts ? (counts.get(countKey(h.platform, h.shop)) ?? 0) : 1,
      metrics: e?.metrics ?? {},
      ...(d ? { daily: d } : {}),
    };
  });
  let prev: ScopesPage['prev'];
  if (q.compare) {
    const prevMonth = addMonths(month, -1);
    const p = sourceOf(db, prevMonth, scope, now);
    const byKey = new Map(p.heads.map((h) => [h.key, h]));
    const found = p.entries(rows.flatMap((r) => byKey.get(r.key) ?? []));
    for (const r of rows) {
      const h = byKey.get(r.key);
      r.prev = h ? (found.get(h.seq)?.metrics ?? null) : null;
    }
    prev = { month: prevMonth, empty: p.empty };
  }
  const updating = !src.locked && monthUpdating(db, month);
  return {
    month,
    scope,
    total: ordered.length,
    offset,
    rows,
    platforms,
    shops,
    metrics,
    days: eachDay(monthStart(month), monthEnd(month)),
    locked: src.locked,
    ...(updating ? { updating: true } : {}),
    ...(prev ? { prev } : {}),
  };
}
