/**
 * Orders, conversion and sales (metrics.md §2a): inquirers, paying inquirers, the credited account of each paid
 * order, and the pre-/after-sales split shared with FCR (§6).
 *
 * Attribution day: inquirers and paying inquirers go to the day of the inquiry (the session's start day); sales go to
 * the China day the order was paid.
 */
import { dayStart } from '../china-time';
import type { Day, Platform } from '../domain';
import { METRICS, type MetricId } from '../metrics';
import type { Contribution } from '../rollup';
import type { RuleVersion } from '../rules';
import { dayIndex, indexStart } from './days';
import { sub } from './nested';
import { RULE_KEYS } from './rule-defaults';
import type { Session } from './sessions';
import { isUnassigned, type DayCell, type Order } from './types';
import { isSessionExcluded, resolverFor, type WindowResolver } from './windows';

/** A buyer is after-sales on D when they have an order paid in [D − 21, D − 1] (seed 004). */
export const AFTER_SALES_LOOKBACK_DAYS = 21;

/** Paid orders per (platform, shop, buyer), sorted by payment time. */
export class OrderIndex {
  private readonly paid = new Map<Platform, Map<string, Map<string, Order[]>>>();
  private readonly paidList: Order[] = [];

  constructor(orders: readonly Order[]) {
    const lists: Order[][] = [];
    for (const o of orders) {
      if (o.paidAt === null) continue;
      this.paidList.push(o);
      const buyers = sub(sub(this.paid, o.platform), o.shop);
      let list = buyers.get(o.buyer);
      if (!list) {
        list = [];
        buyers.set(o.buyer, list);
        lists.push(list);
      }
      list.push(o);
    }
    for (const list of lists) list.sort((a, b) => a.paidAt! - b.paidAt!);
  }

  /** Every paid order, in input order. */
  all(): readonly Order[] {
    return this.paidList;
  }

  /** Paid orders of a buyer at a shop, by payment time. */
  of(platform: Platform, shop: string, buyer: string): readonly Order[] {
    return this.paid.get(platform)?.get(shop)?.get(buyer) ?? NONE;
  }

  /** Index of the first order paid at or after `t`. */
  static firstPaidFrom(list: readonly Order[], t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.paidAt! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Is an order of a payment-sorted list paid in [from, to) (epoch seconds)? */
  paidIn(list: readonly Order[], from: number, to: number): boolean {
    const i = OrderIndex.firstPaidFrom(list, from);
    return i < list.length && list[i]!.paidAt! < to;
  }

  /** Has the buyer an order paid in [from, to) (epoch seconds)? */
  paidBetween(platform: Platform, shop: string, buyer: string, from: number, to: number): boolean {
    return this.paidIn(this.of(platform, shop, buyer), from, to);
  }

  /** After-sales on day D: an order paid in [D − 21, D − 1], China days. */
  isAfterSales(platform: Platform, shop: string, buyer: string, day: Day): boolean {
    return this.isAfterSalesOn(platform, shop, buyer, dayIndex(dayStart(day)));
  }

  /** `isAfterSales` for a day index (see `dayIndex`). */
  isAfterSalesOn(platform: Platform, shop: string, buyer: string, idx: number): boolean {
    return this.paidBetween(
      platform,
      shop,
      buyer,
      indexStart(idx - AFTER_SALES_LOOKBACK_DAYS),
      indexStart(idx),
    );
  }
}

const NONE: readonly Order[] = [];

export interface OrderCredit {
  platform: Platform;
  shop: string;
  orderId: string;
  /** null: no 归属客服账号 and no manual agent served the buyer before the order. */
  account: string | null;
  /** The China day of payment, where the sale counts. */
  day: Day;
  amount: number;
}

export interface OrderMetrics {
  accounts: DayCell[];
  shops: DayCell[];
  credits: OrderCredit[];
}

type ByBuyer = Map<Platform, Map<string, Map<string, Session[]>>>;

/** Manual sessions per (platform, shop, buyer), in start order. */
function manualSessionsByBuyer(
  sessions: readonly Session[],
  resolver: WindowResolver,
): { tree: ByBuyer; lists: Session[][] } {
  const tree: ByBuyer = new Map();
  const lists: Session[][] = [];
  for (const s of sessions) {
    if (s.kind !== 'manual' || isSessionExcluded(s, resolver)) continue;
    const buyers = sub(sub(tree, s.platform), s.shop);
    let list = buyers.get(s.buyer);
    if (!list) {
      list = [];
      buyers.set(s.buyer, list);
      lists.push(list);
    }
    list.push(s);
  }
  for (const list of lists) list.sort((a, b) => a.start - b.start);
  return { tree, lists };
}

/**
 * The account an order is credited to: its 归属客服账号, else the last (or, by rule, first) account whose manual
 * reply to the buyer at that shop came at or before the order was created.
 */
export function creditedAccount(
  order: Order,
  buyerSessions: readonly Session[],
  mode: 'first' | 'last',
): string | null {
  if (!isUnassigned(order.account)) return order.account!.trim();
  let best: string | null = null;
  let bestAt = mode === 'first' ? Infinity : -Infinity;
  for (const s of buyerSessions) {
    if (s.firstManualReply === null || s.firstManualReply > order.createdAt) continue;
    // the latest reply before the order: the session's last one, or (still open at the order) no later than the order
    const at = mode === 'first' ? s.firstManualReply : Math.min(s.lastManualReply!, order.createdAt);
    if (mode === 'first' ? at < bestAt : at >= bestAt) {
      best = s.account;
      bestAt = at;
    }
  }
  return best;
}

interface Acc {
  platform: Platform;
  shop: string;
  account: string | null;
  day: Day;
  /** Inquirer → paid (an order created at or after their earliest manual session that day, paid in time). */
  inquirers: Map<string, boolean>;
  salesCents: number;
  payers: Set<string>;
}

class Cells {
  private readonly root = new Map<Platform, Map<string, Map<string, Map<Day, Acc>>>>();
  readonly list: Acc[] = [];

  get(platform: Platform, shop: string, account: string | null, day: Day): Acc {
    const days = sub(sub(sub(this.root, platform), shop), account ?? '');
    let a = days.get(day);
    if (!a) {
      a = {
        platform,
        shop,
        account,
        day,
        inquirers: new Map<string, boolean>(),
        salesCents: 0,
        payers: new Set<string>(),
      };
      days.set(day, a);
      this.list.push(a);
    }
    return a;
  }
}

/** Did the buyer pay an order created at or after `from`, by `end`? Orders are sorted by payment time. */
function paidAfter(list: readonly Order[], from: number, end: number): boolean {
  // paidAt ≥ createdAt ≥ from: start the scan at the first payment from `from`
  for (let i = OrderIndex.firstPaidFrom(list, from); i < list.length && list[i]!.paidAt! < end; i++) {
    if (list[i]!.createdAt >= from) return true;
  }
  return false;
}

/**
 * Conversion and sales per account-day and shop-day. Inquirers are pre-sales buyers with a manual session that day
 * (a buyer once per shop-day at shop level); a paying inquirer paid an order created at or after that session's
 * first message, by the end of D + `orders.pay_window_days`.
 */
export function orderMetrics(
  sessions: readonly Session[],
  orders: readonly Order[] | OrderIndex,
  rules: readonly RuleVersion[],
): OrderMetrics {
  const resolver = resolverFor(rules);
  const index = orders instanceof OrderIndex ? orders : new OrderIndex(orders);
  const { tree, lists } = manualSessionsByBuyer(sessions, resolver);
  const accounts = new Cells();
  const shops = new Cells();

  for (const list of lists) {
    const first = list[0]!;
    const paid = index.of(first.platform, first.shop, first.buyer);
    // in start order, the first session seen for a cell is the buyer's earliest there that day
    for (const s of list) {
      const idx = dayIndex(s.start);
      if (paid.length > 0 && index.paidIn(paid, indexStart(idx - AFTER_SALES_LOOKBACK_DAYS), indexStart(idx)))
        continue;
      const day = resolver.days.name(idx);
      const end = indexStart(idx + 1 + resolver.day(s.platform, idx).payWindowDays);
      const a = accounts.get(s.platform, s.shop, s.account, day).inquirers;
      const h = shops.get(s.platform, s.shop, null, day).inquirers;
      if (!a.has(s.buyer)) a.set(s.buyer, paid.length > 0 && paidAfter(paid, s.start, end));
      if (!h.has(s.buyer)) h.set(s.buyer, paid.length > 0 && paidAfter(paid, s.start, end));
    }
  }

  const credits: OrderCredit[] = [];
  const paidOrders = orders instanceof OrderIndex ? index.all() : orders;
  for (const o of paidOrders) {
    if (o.paidAt === null) continue;
    const mode = resolver.flag<'first' | 'last'>(
      o.platform,
      RULE_KEYS.orderCredit,
      dayIndex(o.createdAt),
      'last',
    );
    const account = creditedAccount(o, tree.get(o.platform)?.get(o.shop)?.get(o.buyer) ?? [], mode);
    const day = resolver.days.of(o.paidAt);
    credits.push({ platform: o.platform, shop: o.shop, orderId: o.orderId, account, day, amount: o.amount });
    if (account === null) continue;
    const cents = Math.round(o.amount * 100);
    const a = accounts.get(o.platform, o.shop, account, day);
    const h = shops.get(o.platform, o.shop, null, day);
    a.salesCents += cents;
    h.salesCents += cents;
    a.payers.add(o.buyer);
    h.payers.add(o.buyer);
  }

  const toCell = (a: Acc): DayCell => {
    const metrics = new Map<MetricId, Contribution>();
    const put = (id: MetricId, c: Contribution): void => {
      if (METRICS[id].platforms.includes(a.platform)) metrics.set(id, c);
    };
    if (a.inquirers.size > 0) {
      let paying = 0;
      for (const v of a.inquirers.values()) if (v) paying++;
      put('conversion_rate', { num: paying, den: a.inquirers.size, approximate: false, unit: 'inquirers' });
    }
    if (a.payers.size > 0) {
      put('sales_amount', { num: a.salesCents / 100, den: null, approximate: false, unit: null });
      put('avg_order_value', { num: a.salesCents / 100, den: a.payers.size, approximate: false, unit: null });
    }
    return { platform: a.platform, shop: a.shop, account: a.account, day: a.day, metrics };
  };
  return { accounts: accounts.list.map(toCell), shops: shops.list.map(toCell), credits };
}
