/**
 * Taobao after-sales 3-day FCR (metrics.md §6, seed 004). A unit is (buyer, shop, day D) with a buyer-initiated
 * manual session; after-sales units with no buyer-initiated manual session at the shop in (t, t + 72 h] resolved
 * the matter at first contact. A unit is attributed to the account of that day's last such session.
 */
import { addDays } from '../china-time';
import type { Day, Platform } from '../domain';
import { METRICS } from '../metrics';
import type { RuleVersion } from '../rules';
import { dayIndex } from './days';
import { sub } from './nested';
import { OrderIndex } from './orders';
import { dayStatus } from './ratings';
import { RULE_KEYS } from './rule-defaults';
import type { Session } from './sessions';
import type { DayCell, Order } from './types';
import { isSessionExcluded, resolverFor } from './windows';

export const FCR_REPEAT_WINDOW_S = 72 * 3600;

/** Orders imported for a shop over [from, to]. */
export interface OrderCoverage {
  platform: Platform;
  shop: string;
  from: Day;
  to: Day;
}

export interface FcrUnit {
  platform: Platform;
  shop: string;
  buyer: string;
  day: Day;
  account: string;
  afterSales: boolean;
  /** Last message of the day's last buyer-initiated manual session. */
  t: number;
  /** Start of the first repeat session in (t, t + 72 h], or null. */
  repeatAt: number | null;
  /** Order coverage from D − 21 to D − 1 is missing: the after-sales split may be wrong. */
  approximate: boolean;
}

export interface FcrResult {
  units: FcrUnit[];
  accounts: DayCell[];
  shops: DayCell[];
}

export interface FcrOptions {
  coverage?: readonly OrderCoverage[];
  /** When the data behind a day was imported: one time, or one per day. */
  importedAt?: number | ReadonlyMap<Day, number>;
  now?: number;
}

function covered(coverage: readonly OrderCoverage[], platform: Platform, shop: string, day: Day): boolean {
  const from = addDays(day, -21);
  const to = addDays(day, -1);
  return coverage.some((c) => c.platform === platform && c.shop === shop && c.from <= from && c.to >= to);
}

/** First index in a start-sorted list whose start is after t. */
function firstStartAfter(list: readonly Session[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function fcrMetrics(
  sessions: readonly Session[],
  orders: readonly Order[] | OrderIndex,
  rules: readonly RuleVersion[],
  options: FcrOptions = {},
): FcrResult {
  const resolver = resolverFor(rules);
  const index = orders instanceof OrderIndex ? orders : new OrderIndex(orders);
  const coverage = options.coverage ?? [];

  const byBuyer = new Map<Platform, Map<string, Map<string, Session[]>>>();
  const lists: Session[][] = [];
  for (const s of sessions) {
    // merchant-initiated sessions are neither units nor repeats; a bot → human transfer stays inside its session
    if (!METRICS.fcr_3d_rate.platforms.includes(s.platform) || s.kind !== 'manual' || !s.buyerInitiated)
      continue;
    if (isSessionExcluded(s, resolver)) continue;
    const buyers = sub(sub(byBuyer, s.platform), s.shop);
    let list = buyers.get(s.buyer);
    if (!list) {
      list = [];
      buyers.set(s.buyer, list);
      lists.push(list);
    }
    list.push(s);
  }

  const units: FcrUnit[] = [];
  const coverageOk = new Map<string, boolean>();
  for (const list of lists) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const idx = dayIndex(s.start);
      const next = list[i + 1];
      if (next && dayIndex(next.start) === idx) continue; // not the day's last session
      const day = resolver.days.name(idx);
      const t = s.end;
      const j = firstStartAfter(list, t);
      const repeat = list[j];
      const repeatAt = repeat && repeat.start <= t + FCR_REPEAT_WINDOW_S ? repeat.start : null;
      const ck = `${s.platform}\u0001${s.shop}\u0001${day}`;
      let ok = coverageOk.get(ck);
      if (ok === undefined) {
        ok = covered(coverage, s.platform, s.shop, day);
        coverageOk.set(ck, ok);
      }
      units.push({
        platform: s.platform,
        shop: s.shop,
        buyer: s.buyer,
        day,
        account: s.account,
        afterSales: index.isAfterSalesOn(s.platform, s.shop, s.buyer, idx),
        t,
        repeatAt,
        approximate: !ok,
      });
    }
  }

  const cells = (account: boolean): DayCell[] => {
    const map = new Map<string, DayCell & { num: number; den: number; approx: boolean }>();
    for (const u of units) {
      if (!u.afterSales) continue;
      const acc = account ? u.account : null;
      const k = `${u.platform}\u0001${u.shop}\u0001${acc ?? ''}\u0001${u.day}`;
      let c = map.get(k);
      if (!c) {
        c = {
          platform: u.platform,
          shop: u.shop,
          account: acc,
          day: u.day,
          metrics: new Map(),
          num: 0,
          den: 0,
          approx: false,
        };
        map.set(k, c);
      }
      c.den++;
      if (u.repeatAt === null) c.num++;
      c.approx ||= u.approximate;
    }
    const out: DayCell[] = [];
    for (const c of map.values()) {
      const cell: DayCell = {
        platform: c.platform,
        shop: c.shop,
        account: c.account,
        day: c.day,
        metrics: new Map([
          ['fcr_3d_rate', { num: c.num, den: c.den, approximate: c.approx, unit: 'consultations' }],
        ]),
      };
      const imported =
        options.importedAt === undefined
          ? undefined
          : typeof options.importedAt === 'number'
            ? options.importedAt
            : options.importedAt.get(c.day);
      if (imported !== undefined) {
        const lag = resolver.flags.get(c.platform, RULE_KEYS.fcrFinalLagDays, c.day, 4);
        cell.status = dayStatus(c.day, imported, lag, options.now);
      }
      out.push(cell);
    }
    return out;
  };
  return { units, accounts: cells(true), shops: cells(false) };
}
