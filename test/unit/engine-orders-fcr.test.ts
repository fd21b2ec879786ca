import { describe, expect, it } from 'vitest';
import { chinaEpoch } from '../../src/shared/china-time';
import { fcrMetrics } from '../../src/shared/engine/fcr';
import { OrderIndex, orderMetrics } from '../../src/shared/engine/orders';
import { buildSessions } from '../../src/shared/engine/sessions';
import type { DayCell, Message, Order, Sender } from '../../src/shared/engine/types';
import type { MetricId } from '../../src/shared/metrics';
import { DEFAULT_RULES, type RuleVersion } from '../../src/shared/rules';

const at = (mo: number, d: number, h: number, mi = 0, s = 0): number => chinaEpoch(2026, mo, d, h, mi, s)!;
const H = 3600;

let seq = 0;
const talk = (buyer: string, account: string, rows: [Sender, number][]): Message[] =>
  rows.map(([sender, time]) => ({
    platform: 'taobao',
    shop: 'S',
    account,
    buyer,
    sessionId: null,
    time,
    sender,
    seq: seq++,
  }));
const order = (
  orderId: string,
  buyer: string,
  createdAt: number,
  paidAt: number | null,
  amount: number,
  account: string | null = null,
): Order => ({
  platform: 'taobao',
  shop: 'S',
  orderId,
  buyer,
  createdAt,
  paidAt,
  amount,
  account,
});
const nd = (
  cells: DayCell[],
  metric: MetricId,
  account: string | null,
  day = '2026-10-03',
): [number, number | null] | null => {
  const c = cells.find((x) => x.account === account && x.day === day)?.metrics.get(metric);
  return c ? [c.num, c.den] : null;
};

describe('pre-sales and after-sales', () => {
  it('is after-sales on D with an order paid in [D−21, D−1], China days', () => {
    const idx = (paidAt: number): boolean =>
      new OrderIndex([order('o', 'b', paidAt, paidAt, 1)]).isAfterSales('taobao', 'S', 'b', '2026-10-03');
    // D − 21 = 2026-09-12
    expect(idx(at(9, 12, 0))).toBe(true);
    expect(idx(at(9, 11, 23, 59, 59))).toBe(false);
    expect(idx(at(10, 2, 23, 59, 59))).toBe(true);
    expect(idx(at(10, 3, 0))).toBe(false);
    // unpaid orders never count
    expect(
      new OrderIndex([order('o', 'b', at(10, 1, 9), null, 1)]).isAfterSales('taobao', 'S', 'b', '2026-10-03'),
    ).toBe(false);
  });
});

describe('conversion and sales (§2a)', () => {
  const messages = [
    ...talk('x', 'A', [
      ['buyer', at(10, 3, 10)],
      ['agent', at(10, 3, 10, 0, 20)],
    ]),
    ...talk('y', 'A', [
      ['buyer', at(10, 3, 12)],
      ['agent', at(10, 3, 12, 0, 20)],
    ]),
    ...talk('z', 'A', [
      ['buyer', at(10, 3, 13)],
      ['agent', at(10, 3, 13, 0, 20)],
    ]),
    ...talk('w', 'B', [
      ['buyer', at(10, 3, 10)],
      ['agent', at(10, 3, 10, 0, 20)],
    ]),
    ...talk('w', 'A', [
      ['buyer', at(10, 3, 11)],
      ['agent', at(10, 3, 11, 0, 20)],
    ]),
    ...talk('u', 'A', [
      ['buyer', at(10, 3, 10)],
      ['agent', at(10, 3, 10, 0, 20)],
    ]),
  ];
  const orders = [
    order('x1', 'x', at(10, 3, 10, 30), at(10, 3, 10, 31), 0.1),
    order('x2', 'x', at(10, 3, 11), at(10, 3, 11, 5), 0.2),
    order('y1', 'y', at(10, 4, 9), at(10, 4, 9, 1), 100), // paid the next day
    order('z0', 'z', at(9, 12, 10), at(9, 12, 10), 10), // z is after-sales on 10-03 (paid on D − 21)
    order('w1', 'w', at(10, 3, 12), at(10, 3, 12), 50),
    order('v1', 'v', at(10, 3, 14), at(10, 3, 14), 30, 'C'), // 归属客服账号 given, no chat
    order('u1', 'u', at(10, 3, 9), at(10, 3, 9, 5), 7), // created before u's first message
  ];
  const sessions = buildSessions(messages);

  it('counts pre-sales inquirers per account and once per shop-day, and paying inquirers by the same day', () => {
    const m = orderMetrics(sessions, orders, DEFAULT_RULES);
    // A: inquirers x, y, w, u (z is after-sales); paying: x (10:30 ≥ 10:00), w (12:00 ≥ 11:00) → 2/4
    expect(nd(m.accounts, 'conversion_rate', 'A')).toEqual([2, 4]);
    // B: w, whose order came after B's session too → 1/1; the shop counts w once: x, y, w, u → 2/4
    expect(nd(m.accounts, 'conversion_rate', 'B')).toEqual([1, 1]);
    expect(nd(m.shops, 'conversion_rate', null)).toEqual([2, 4]);
  });

  it('extends the paying window by a rule version', () => {
    const rules: RuleVersion[] = [
      ...DEFAULT_RULES,
      {
        platform: 'taobao',
        key: 'orders.pay_window_days',
        value: 1,
        effective_from: '2026-10-01',
        source: 'test',
      },
    ];
    // y paid 10-04 09:01, inside the end of D + 1
    expect(nd(orderMetrics(sessions, orders, rules).accounts, 'conversion_rate', 'A')).toEqual([3, 4]);
  });

  it('credits 归属客服账号, else the last manual agent before the order, summing cents exactly', () => {
    const m = orderMetrics(sessions, orders, DEFAULT_RULES);
    const credit = Object.fromEntries(m.credits.map((c) => [c.orderId, c.account]));
    expect(credit).toEqual({ x1: 'A', x2: 'A', y1: 'A', z0: null, w1: 'A', v1: 'C', u1: null });
    // A on 10-03: 0.1 + 0.2 + 50 = 50.3 over payers x, w
    expect(nd(m.accounts, 'sales_amount', 'A')).toEqual([50.3, null]);
    expect(nd(m.accounts, 'avg_order_value', 'A')).toEqual([50.3, 2]);
    expect(nd(m.accounts, 'sales_amount', 'A', '2026-10-04')).toEqual([100, null]);
    expect(nd(m.accounts, 'sales_amount', 'C')).toEqual([30, null]);
    // shop = credited sales only: 50.3 + 30 = 80.3 over x, w, v
    expect(nd(m.shops, 'avg_order_value', null)).toEqual([80.3, 3]);
  });

  it('credits the first manual agent when the rule says so', () => {
    const rules: RuleVersion[] = [
      ...DEFAULT_RULES,
      {
        platform: 'taobao',
        key: 'orders.credit',
        value: 'first',
        effective_from: '2026-10-01',
        source: 'test',
      },
    ];
    const credit = Object.fromEntries(
      orderMetrics(sessions, orders, rules).credits.map((c) => [c.orderId, c.account]),
    );
    expect(credit.w1).toBe('B');
  });
});

describe('taobao after-sales 3-day FCR (§6)', () => {
  // f bought on 09-30, so f is after-sales from 10-01 to 10-21
  const orders = [order('f0', 'f', at(9, 30, 9), at(9, 30, 9), 20)];
  // the unit's last message: t = 10-03 10:05:10
  const t = at(10, 3, 10, 5, 10);
  const first = talk('f', 'A', [
    ['buyer', at(10, 3, 10)],
    ['agent', at(10, 3, 10, 0, 30)],
    ['buyer', at(10, 3, 10, 5)],
    ['agent', t],
  ]);
  const comeback = (start: number): Message[] =>
    talk('f', 'B', [
      ['buyer', start],
      ['agent', start + 20],
    ]);
  const run = (msgs: Message[]) => fcrMetrics(buildSessions(msgs), orders, DEFAULT_RULES);

  it('counts a comeback 71 h later as a repeat and one 73 h later as not', () => {
    const r71 = run([...first, ...comeback(t + 71 * H)]);
    expect(nd(r71.accounts, 'fcr_3d_rate', 'A')).toEqual([0, 1]);
    const r73 = run([...first, ...comeback(t + 73 * H)]);
    expect(nd(r73.accounts, 'fcr_3d_rate', 'A')).toEqual([1, 1]);
    // (t, t + 72 h] is closed on the right
    expect(nd(run([...first, ...comeback(t + 72 * H)]).accounts, 'fcr_3d_rate', 'A')).toEqual([0, 1]);
    // the comeback is its own unit on its day (10-06), attributed to its account
    expect(nd(r71.accounts, 'fcr_3d_rate', 'B', '2026-10-06')).toEqual([1, 1]);
  });

  it('does not count merchant-initiated sessions as repeats or units, nor pre-sales units', () => {
    const outreach = talk('f', 'A', [
      ['agent', t + 10 * H],
      ['buyer', t + 10 * H + 60],
      ['agent', t + 10 * H + 70],
    ]);
    const presales = talk('g', 'A', [
      ['buyer', at(10, 3, 11)],
      ['agent', at(10, 3, 11, 0, 10)],
    ]);
    const r = run([...first, ...outreach, ...presales]);
    expect(nd(r.accounts, 'fcr_3d_rate', 'A')).toEqual([1, 1]);
    expect(r.units.map((u) => [u.buyer, u.afterSales, u.repeatAt])).toEqual([
      ['f', true, null],
      ['g', false, null],
    ]);
  });

  it('measures from the last message of the day’s last session', () => {
    const later = talk('f', 'A', [
      ['buyer', at(10, 3, 15)],
      ['agent', at(10, 3, 15, 10)],
    ]);
    // t = 15:10; a comeback 72 h after the morning session but 66 h 55 min after 15:10 is a repeat
    const r = run([...first, ...later, ...comeback(t + 72 * H)]);
    expect(r.units.filter((u) => u.day === '2026-10-03').map((u) => [u.t, u.repeatAt])).toEqual([
      [at(10, 3, 15, 10), t + 72 * H],
    ]);
  });

  it('is approximate without order coverage from D − 21 and final only when imported on or after D + 4', () => {
    const msgs = [...first, ...comeback(t + 73 * H)];
    const coverage = [{ platform: 'taobao' as const, shop: 'S', from: '2026-09-12', to: '2026-10-02' }];
    const r = fcrMetrics(buildSessions(msgs), orders, DEFAULT_RULES, { coverage, importedAt: at(10, 7, 0) });
    const d3 = r.accounts.find((c) => c.day === '2026-10-03')!;
    const d6 = r.accounts.find((c) => c.day === '2026-10-06')!;
    expect([d3.metrics.get('fcr_3d_rate')!.approximate, d3.status]).toEqual([false, 'final']);
    // 10-06 needs orders from 09-15 to 10-05: coverage ends 10-02; imported 10-07 < 10-10
    expect([d6.metrics.get('fcr_3d_rate')!.approximate, d6.status]).toEqual([true, 'provisional']);
    expect(
      r.shops.map((c) => [c.day, c.metrics.get('fcr_3d_rate')!.num, c.metrics.get('fcr_3d_rate')!.den]),
    ).toEqual([
      ['2026-10-03', 1, 1],
      ['2026-10-06', 1, 1],
    ]);
  });
});
