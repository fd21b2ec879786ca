import { addDays } from '../../shared/china-time';
import type { Day, Platform } from '../../shared/domain';
import { buildSessions } from '../../shared/engine/sessions';
import { sessionMetrics } from '../../shared/engine/metrics';
import { dayStatus, lastManualAccountBySession, ratingMetrics } from '../../shared/engine/ratings';
import { orderMetrics } from '../../shared/engine/orders';
import { fcrMetrics } from '../../shared/engine/fcr';
import type { DayCell, Order } from '../../shared/engine/types';
import type { MetricStatus } from '../../shared/report';
import { ruleAt } from '../../shared/rules';
import type { Db } from '../db/open';
import { ensureAccount } from '../import/commit';
import { loadRules } from '../report/report';
import { loadRatings } from './ratings-view';
import { getSetting } from '../settings/store';
import { multiInsert } from './multi-insert';
import { readPackedMessages } from './packed';

/** Days whose cells a change on day D can move: a session crossing midnight, and FCR's 72-hour repeat window. */
export function widenMessageDays(days: Iterable<Day>): Set<Day> {
  const out = new Set<Day>();
  for (const d of days) for (let k = -3; k <= 0; k++) out.add(addDays(d, k));
  return out;
}

/** An order on D changes conversion on D (and the pay window before it) and the after-sales split of D+1…D+21. */
export function widenOrderDays(days: Iterable<Day>, payWindow = 0): Set<Day> {
  const out = new Set<Day>();
  for (const d of days) for (let k = -payWindow; k <= 21; k++) out.add(addDays(d, k));
  return out;
}

/** The newest import time of each day's rows: finality is judged from when the data behind a day was imported. */
function importedByDay(rows: { day: Day; imported_at: number }[]): Map<Day, number> {
  const m = new Map<Day, number>();
  for (const r of rows) if ((m.get(r.day) ?? 0) < r.imported_at) m.set(r.day, r.imported_at);
  return m;
}

/**
 * Recomputes the engine's metric cells of the given shop-days from the stored events
 * (metrics.md §8: exactly the cells an import touched).
 */
export function recomputeEventCells(db: Db, touched: Map<number, Set<Day>>, now: number): void {
  if (touched.size === 0) return;
  // one transaction (a savepoint inside a caller's): tens of thousands of cell writes, one commit
  db.transaction(() => recomputeInTransaction(db, touched, now))();
}

function recomputeInTransaction(db: Db, touched: Map<number, Set<Day>>, now: number): void {
  const rules = loadRules(db);
  const failingOnly = getSetting<string>(db, 'message_content', 'all') === 'failing_only';
  for (const [shopId, daySet] of touched) {
    const shop = db.prepare('SELECT platform, name FROM shops WHERE id = ?').get(shopId) as
      { platform: Platform; name: string } | undefined;
    if (!shop || daySet.size === 0) continue;
    const days = [...daySet].sort();
    const from = days[0]!;
    const to = days[days.length - 1]!;
    const inSet = (d: Day): boolean => daySet.has(d);

    // the shop's current messages from the packed store (packed.ts): column blobs per day, no row objects from
    // SQLite; with them, per day, the newest import behind its rows
    const { messages, imported: msgImported } = readPackedMessages(
      db,
      shopId,
      shop.platform,
      shop.name,
      addDays(from, -1),
      addDays(to, 4),
    );
    const sessions = buildSessions(messages);

    const ratings = loadRatings(db, from, to, 'AND r.shop_id = ?', [shopId]);
    const ratingImported = importedByDay(ratings.map((r) => ({ day: r.day, imported_at: r.importedAt })));

    const orderRows = db
      .prepare(
        `SELECT o.order_id, o.buyer, o.created_at, o.paid_at, o.amount, o.account, o.day, b.imported_at
           FROM orders o JOIN import_batches b ON b.id = o.batch_id
          WHERE o.shop_id = ? AND o.day BETWEEN ? AND ? AND o.superseded_by IS NULL`,
      )
      .all(shopId, addDays(from, -22), addDays(to, 2)) as {
      order_id: string;
      buyer: string;
      created_at: number;
      paid_at: number | null;
      amount: number;
      account: string | null;
      day: Day;
      imported_at: number;
    }[];
    const orders: Order[] = orderRows.map((o) => ({
      platform: shop.platform,
      shop: shop.name,
      orderId: o.order_id,
      buyer: o.buyer,
      createdAt: o.created_at,
      paidAt: o.paid_at,
      amount: o.amount,
      account: o.account,
    }));

    const cells: {
      account: string;
      day: Day;
      metric: string;
      num: number;
      den: number | null;
      approximate: boolean;
      unit: string | null;
      status: MetricStatus;
    }[] = [];
    const lag = (d: Day): number => ruleAt<number>(rules, shop.platform, 'lag.final_days', d) ?? 2;
    // a day without rows of its own in a family (a payment day, a session's next day) takes the family's newest import
    const newest = (m: Map<Day, number>): number => [...m.values()].reduce((a, b) => (b > a ? b : a), 0);
    const statusOf = (d: Day, imported: Map<Day, number>): MetricStatus =>
      dayStatus(d, imported.get(d) ?? newest(imported), lag(d), now);
    const push = (list: readonly DayCell[], imported: Map<Day, number> | null, isShop: boolean): void => {
      for (const c of list) {
        if (!inSet(c.day)) continue;
        if (isShop !== (c.account === null)) continue;
        const status = c.status ?? statusOf(c.day, imported ?? msgImported);
        for (const [metric, v] of c.metrics) {
          cells.push({
            account: c.account ?? '',
            day: c.day,
            metric,
            num: v.num,
            den: v.den,
            approximate: v.approximate,
            unit: v.unit,
            status,
          });
        }
      }
    };

    // drill-down evidence is computed on demand (evidence.ts); here only to keep failing sessions' text
    const sm = sessionMetrics(sessions, rules, { evidence: failingOnly });
    push(sm.accounts, msgImported, false);
    push(sm.shops, msgImported, true);
    if (ratings.length) {
      const rm = ratingMetrics(ratings, rules, {
        bySession: lastManualAccountBySession(messages),
        importedAt: ratingImported,
        now,
      });
      push(rm.accounts, null, false);
      push(rm.shops, null, true);
    }
    if (orders.length) {
      const om = orderMetrics(sessions, orders, rules);
      // conversion and sales need both the chats and the orders: the older of the two imports decides finality
      const orderImported = importedByDay(orderRows);
      const both = new Map<Day, number>();
      for (const d of new Set([...orderImported.keys(), ...msgImported.keys()])) {
        both.set(
          d,
          Math.min(
            orderImported.get(d) ?? newest(orderImported),
            msgImported.size ? (msgImported.get(d) ?? newest(msgImported)) : Infinity,
          ),
        );
      }
      push(om.accounts, both, false);
      push(om.shops, both, true);
      if (shop.platform === 'taobao') {
        const first = orderRows.reduce((a, o) => (o.day < a ? o.day : a), orderRows[0]!.day);
        const last = orderRows.reduce((a, o) => (o.day > a ? o.day : a), orderRows[0]!.day);
        const fr = fcrMetrics(sessions, orders, rules, {
          coverage: [{ platform: shop.platform, shop: shop.name, from: first, to: last }],
          importedAt: msgImported,
          now,
        });
        push(fr.accounts, null, false);
        push(fr.shops, null, true);
      }
    }

    // cells of the same (account, day, metric) from two families cannot happen: each metric has one source
    const del = db.prepare('DELETE FROM event_cells WHERE shop_id = ? AND day = ?');
    for (const d of days) del.run(shopId, d);
    // a shop-day's cells were just deleted and each (account, day, metric) has one source: plain multi-row inserts
    const ins = multiInsert(
      db,
      'INSERT OR REPLACE INTO event_cells (shop_id, account, day, metric, num, den, approximate, unit, status)',
      9,
    );
    const seenAccounts = new Set<string>();
    for (const c of cells) {
      if (c.account && !seenAccounts.has(c.account)) {
        seenAccounts.add(c.account);
        ensureAccount(db, shop.platform, shop.name, c.account, null);
      }
      ins.add(shopId, c.account, c.day, c.metric, c.num, c.den, c.approximate ? 1 : 0, c.unit, c.status);
    }
    ins.flush();
    if (failingOnly) {
      // keep chat text only for the sessions the drill-down shows (a day from their start): the failing rounds of
      // this computation, which spans the recomputed days and the day before
      db.exec('CREATE TEMP TABLE IF NOT EXISTS keep_sessions (buyer TEXT NOT NULL, start INTEGER NOT NULL)');
      db.exec('DELETE FROM temp.keep_sessions');
      const keep = multiInsert(db, 'INSERT INTO temp.keep_sessions (buyer, start)', 2);
      const kept = new Set<string>();
      for (const e of sm.evidence) {
        const k = `${e.buyer}\u0001${e.sessionStart}`;
        if (kept.has(k)) continue;
        kept.add(k);
        keep.add(e.buyer, e.sessionStart);
      }
      keep.flush();
      const drop = db.prepare(
        `UPDATE messages SET content = NULL WHERE shop_id = ? AND day = ? AND content IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM temp.keep_sessions k WHERE k.buyer = messages.buyer
              AND messages.time BETWEEN k.start AND k.start + 86400)`,
      );
      for (const d of days) drop.run(shopId, d);
    }
  }
}

/** Every shop-day that has events, for a full recalculation (`recalc`, rule changes). */
export function allEventDays(db: Db, month?: string): Map<number, Set<Day>> {
  const out = new Map<number, Set<Day>>();
  const add = (shopId: number, day: Day): void => {
    let s = out.get(shopId);
    if (!s) out.set(shopId, (s = new Set()));
    s.add(day);
  };
  if (month && /^\d{4}-\d{2}$/.test(month)) {
    // one index seek per (shop, day, table) instead of a scan of a month of rows (a million messages)
    const days: Day[] = [];
    for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
    const shops = (db.prepare('SELECT id FROM shops').all() as { id: number }[]).map((r) => r.id);
    for (const table of ['messages', 'ratings', 'orders']) {
      const any = db.prepare(`SELECT 1 FROM ${table} WHERE shop_id = ? AND day = ? LIMIT 1`).pluck();
      for (const shopId of shops) for (const d of days) if (any.get(shopId, d) !== undefined) add(shopId, d);
    }
    return out;
  }
  const where = month ? `WHERE day LIKE '${month.replace(/[^0-9-]/g, '')}-%'` : '';
  for (const table of ['messages', 'ratings', 'orders']) {
    for (const r of db.prepare(`SELECT DISTINCT shop_id, day FROM ${table} ${where}`).all() as {
      shop_id: number;
      day: Day;
    }[])
      add(r.shop_id, r.day);
  }
  return out;
}

/** Marks shop-days stale (inside an import's transaction). */
export function markEventDays(db: Db, touched: Map<number, Set<Day>>): void {
  const mark = db.prepare('INSERT OR IGNORE INTO event_dirty (shop_id, day) VALUES (?, ?)');
  for (const [shop, days] of touched) for (const d of days) mark.run(shop, d);
}

/** Recomputes every stale shop-day once; returns the months they fall in. */
export function recomputeDirtyEvents(db: Db, now: number): Set<string> {
  const rows = db.prepare('SELECT shop_id, day FROM event_dirty').all() as { shop_id: number; day: Day }[];
  const months = new Set<string>();
  if (rows.length === 0) return months;
  const touched = new Map<number, Set<Day>>();
  for (const r of rows) {
    let s = touched.get(r.shop_id);
    if (!s) touched.set(r.shop_id, (s = new Set()));
    s.add(r.day);
    months.add(r.day.slice(0, 7));
  }
  db.transaction(() => {
    recomputeEventCells(db, touched, now);
    db.prepare('DELETE FROM event_dirty').run();
  })();
  return months;
}
