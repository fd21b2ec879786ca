/**
 * `report:scopes`: the 客服 page's 账号 and 店铺 tabs read one page of account or shop rows from the stored results,
 * with exactly the entries report:month has and the day series report:overview has for the sparklines; search,
 * column filters, sort, paging and 对比上月 as on screen; a pure read (it answers while another connection holds
 * the write lock).
 */
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import { openDb } from '../../src/main/db/open';
import { runDemo } from '../../src/main/demo/run';
import { chinaEpoch } from '../../src/shared/china-time';
import { PLATFORM_ZH } from '../../src/shared/domain';
import type { OverviewReport } from '../../src/shared/overview';
import type { MonthReport } from '../../src/shared/report';
import type { ScopesPage, ScopeTableRow } from '../../src/shared/report-pages';
import { tempDb } from './helpers';

// 2026-11-05 10:00 China: the demo month is October, every day final
const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const MONTH = '2026-10';

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** The 账号 rows as the screen built them from report:month and report:overview (written out independently). */
function accountRows(report: MonthReport, ov: OverviewReport): ScopeTableRow[] {
  return report.accounts.map((a) => {
    const d = ov.accounts.find(
      (x) => x.platform === a.platform && x.shop === a.shop && x.account === a.account,
    );
    return {
      key: `acc|${a.platform}|${a.shop}|${a.account}`,
      platform: a.platform,
      shop: a.shop,
      account: a.account,
      nickname: a.nickname,
      agent_id: a.agent_id,
      agent: a.agent,
      account_count: 1,
      metrics: a.metrics,
      ...(d?.daily.reply_3min_rate ? { daily: { reply_3min_rate: d.daily.reply_3min_rate } } : {}),
    };
  });
}

function shopRows(report: MonthReport, ov: OverviewReport): ScopeTableRow[] {
  return report.shops.map((s) => {
    const d = ov.shops.find((x) => x.platform === s.platform && x.shop === s.shop);
    return {
      key: `shop|${s.platform}|${s.shop}`,
      platform: s.platform,
      shop: s.shop,
      account: null,
      nickname: null,
      agent_id: null,
      agent: null,
      account_count: report.accounts.filter((a) => a.platform === s.platform && a.shop === s.shop).length,
      metrics: s.metrics,
      ...(d?.daily.reply_3min_rate ? { daily: { reply_3min_rate: d.daily.reply_3min_rate } } : {}),
    };
  });
}

describe('report:scopes: the 账号 and 店铺 tabs read their own page', () => {
  let file: string;
  let b: Backend;
  let full: MonthReport;
  let ov: OverviewReport;
  const page = (input: object): Promise<ScopesPage> =>
    call<ScopesPage>(b, 'report:scopes', { month: MONTH, scope: 'account', limit: 500, ...input });

  beforeAll(async () => {
    file = tempDb();
    const db = openDb(file);
    runDemo(db, { now: NOW });
    db.close();
    b = new Backend({ dbPath: file, host: 'web', now: () => NOW });
    full = await call<MonthReport>(b, 'report:month', { month: MONTH });
    ov = await call<OverviewReport>(b, 'report:overview', { month: MONTH });
  }, 180_000);
  afterAll(() => b?.close());

  it('pages through exactly the account entries of report:month, in the report order, 9 at a time', async () => {
    const expected = accountRows(full, ov);
    const n = full.accounts.length;
    expect(n).toBeGreaterThan(20);
    const rows: ScopeTableRow[] = [];
    for (let offset = 0; offset < n; offset += 9) {
      const p = await page({ offset, limit: 9 });
      expect(p).toMatchObject({ month: MONTH, scope: 'account', total: n, offset, locked: false });
      expect(p.rows).toHaveLength(Math.min(9, n - offset));
      rows.push(...p.rows);
    }
    expect(rows).toEqual(expected);
    // the sparklines: every account of the demo has a day series of its 3-minute rate, one value per day
    expect(rows.every((r) => r.daily?.reply_3min_rate?.length === 31)).toBe(true);
    // 星河旗舰店:阿青's 3-minute rate: the value report:month has, numerator over denominator
    const aqing = rows.find((r) => r.account === '星河旗舰店:阿青')!;
    const want = full.accounts.find((a) => a.account === '星河旗舰店:阿青')!.metrics.reply_3min_rate!;
    const got = aqing.metrics.reply_3min_rate!;
    expect(got).toEqual(want);
    expect(got.denominator).toBeGreaterThan(0);
    expect(got.value).toBeCloseTo(got.numerator! / got.denominator!, 10);
    expect(aqing).toMatchObject({ platform: 'douyin', shop: '星河旗舰店', account_count: 1 });
  });

  it('gives the shops with their account counts, values and day series as report:month and report:overview', async () => {
    const p = await page({ scope: 'shop' });
    expect(p.total).toBe(full.shops.length);
    expect(p.rows).toEqual(shopRows(full, ov));
    // the demo's shops: 星河旗舰店 7 accounts, 快乐小店 6, 云朵美妆店 4, 京东星辰自营 5, 云裳女装旗舰店 6
    expect(Object.fromEntries(p.rows.map((r) => [r.shop, r.account_count]))).toEqual({
      星河旗舰店: 7,
      快乐小店: 6,
      云朵美妆店: 4,
      京东星辰自营: 5,
      云裳女装旗舰店: 6,
    });
    const xh = p.rows.find((r) => r.shop === '星河旗舰店')!.metrics.reply_3min_rate!;
    expect(xh).toEqual(full.shops.find((s) => s.shop === '星河旗舰店')!.metrics.reply_3min_rate);
    expect(xh.value).toBeCloseTo(xh.numerator! / xh.denominator!, 10);
    expect(p.days).toEqual(ov.days);
  });

  it('gives the filter options and the metric columns with data over the searched rows', async () => {
    const p = await page({ limit: 0 });
    expect(p.rows).toEqual([]);
    expect(p.total).toBe(full.accounts.length);
    expect(p.platforms).toEqual([...new Set(full.accounts.map((a) => a.platform))]);
    expect(p.shops).toEqual([...new Set(full.accounts.map((a) => a.shop))].sort());
    const withData = new Set(
      full.accounts.flatMap((a) =>
        Object.entries(a.metrics)
          .filter(([, v]) => v?.value !== null)
          .map(([id]) => id),
      ),
    );
    expect(new Set(p.metrics)).toEqual(withData);
    // searched: the options narrow to the rows found
    const ks = await page({ search: PLATFORM_ZH.kuaishou });
    expect(ks.platforms).toEqual(['kuaishou']);
    expect(ks.total).toBe(full.accounts.filter((a) => a.platform === 'kuaishou').length);
  });

  it('searches account, nickname, agent and shop and filters by platform and shop', async () => {
    // the agent bound to the account: 韩冰 works 冰冰 on 抖音 and on 淘宝
    const byAgent = await page({ search: '韩冰' });
    expect(byAgent.rows.map((r) => r.key)).toEqual([
      'acc|douyin|星河旗舰店|星河旗舰店:冰冰',
      'acc|taobao|云裳女装旗舰店|云裳女装旗舰店:冰冰',
    ]);
    // a nickname or account name: 洋洋 in two shops
    expect((await page({ search: '洋洋' })).rows.map((r) => r.shop)).toEqual(['星河旗舰店', '快乐小店']);
    // a shop name finds its accounts; on the 店铺 tab the shop
    expect((await page({ search: '云朵' })).total).toBe(4);
    expect((await page({ scope: 'shop', search: '云朵' })).rows.map((r) => r.shop)).toEqual(['云朵美妆店']);
    // the shop filter and the platform filter
    const jd = await page({ platform: ['jd'] });
    expect(jd.total).toBe(full.accounts.filter((a) => a.platform === 'jd').length);
    expect(jd.rows.every((r) => r.platform === 'jd')).toBe(true);
    const shop = await page({ scope: 'shop', shop: ['快乐小店'] });
    expect(shop.rows.map((r) => r.key)).toEqual(['shop|kuaishou|快乐小店']);
    expect((await page({ search: 'NO SUCH 账号' })).total).toBe(0);
  });

  it('sorts by a metric with nulls last in both directions, by name, and keeps the report order without a sort', async () => {
    for (const order of ['descend', 'ascend'] as const) {
      const p = await page({ sort: { key: 'reply_3min_rate', order } });
      const values = p.rows.map((r) => r.metrics.reply_3min_rate?.value ?? null);
      const present = values.filter((v): v is number => v !== null);
      expect(present).toEqual([...present].sort((x, y) => (order === 'descend' ? y - x : x - y)));
      expect(values.slice(present.length).every((v) => v === null)).toBe(true);
      expect(p.total).toBe(full.accounts.length);
    }
    const byName = await page({ scope: 'shop', sort: { key: 'name', order: 'descend' } });
    const names = byName.rows.map((r) => r.shop);
    expect(names).toEqual([...names].sort((x, y) => y.localeCompare(x, 'zh-CN')));
    const plain = await page({ sort: null });
    expect(plain.rows.map((r) => r.key)).toEqual(accountRows(full, ov).map((r) => r.key));
    // a KPI sort key (no KPI on these tabs): the report's order
    const kpi = await page({ sort: { key: 'kpi-rank', order: 'ascend' } });
    expect(kpi.rows.map((r) => r.key)).toEqual(plain.rows.map((r) => r.key));
  });

  it('对比上月: the demo has no September, so every row says so and the page says there is nothing to compare', async () => {
    const p = await page({ limit: 3, compare: true });
    expect(p.prev).toEqual({ month: '2026-09', empty: true });
    expect(p.rows.map((r) => r.prev)).toEqual([null, null, null]);
    const plain = await page({ limit: 1 });
    expect(plain.prev).toBeUndefined();
    expect(plain.rows[0]!.prev).toBeUndefined();
  });

  it('对比上月 finds each account and shop last month by its key', async () => {
    const copy = tempDb();
    copyFileSync(file, copy);
    // September stored with October's Douyin entries, one account's 3-minute rate changed: the others have none
    const raw = new Database(copy);
    raw
      .prepare(
        `INSERT INTO report_rows (month, scope, key, seq, json)
         SELECT '2026-09', scope, key, seq, json FROM report_rows
          WHERE month = ? AND scope IN ('account', 'shop') AND json_extract(json, '$.platform') = 'douyin'`,
      )
      .run(MONTH);
    raw
      .prepare(
        `UPDATE report_rows SET json = json_set(json, '$.metrics.reply_3min_rate.value', 0.5)
          WHERE month = '2026-09' AND scope = 'account' AND key = 'douyin|星河旗舰店|星河旗舰店:阿青'`,
      )
      .run();
    raw.close();
    const c = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    try {
      const p = await call<ScopesPage>(c, 'report:scopes', {
        month: MONTH,
        scope: 'account',
        limit: 500,
        compare: true,
      });
      expect(p.prev).toEqual({ month: '2026-09', empty: false });
      for (const r of p.rows)
        if (r.platform !== 'douyin') expect(r.prev, r.key).toBeNull();
        else if (r.account !== '星河旗舰店:阿青') expect(r.prev, r.key).toEqual(r.metrics);
      const aqing = p.rows.find((r) => r.account === '星河旗舰店:阿青')!;
      expect(aqing.prev!.reply_3min_rate!.value).toBe(0.5);
      expect(aqing.prev!.reply_3min_rate!.numerator).toBe(aqing.metrics.reply_3min_rate!.numerator);
      const shops = await call<ScopesPage>(c, 'report:scopes', {
        month: MONTH,
        scope: 'shop',
        compare: true,
      });
      for (const r of shops.rows) expect(r.prev, r.key).toEqual(r.platform === 'douyin' ? r.metrics : null);
    } finally {
      c.close();
    }
  }, 60_000);

  it('is a pure read: it answers while another connection holds the write lock, and writes nothing', async () => {
    const changes = (): number => (b.db.prepare('SELECT total_changes()').pluck().get() as number) ?? 0;
    const before = changes();
    const lock = new Database(file);
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN IMMEDIATE');
    try {
      const t = performance.now();
      const p = await page({ scope: 'shop', compare: true, search: '店' });
      expect(p.total).toBeGreaterThan(0);
      const a = await page({ offset: 5, limit: 5, sort: { key: 'name', order: 'ascend' } });
      expect(a.rows).toHaveLength(5);
      expect(performance.now() - t).toBeLessThan(5000);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(changes()).toBe(before);
  });

  it('reads a page in one snapshot: a recalculation committed between its statements is not seen half-way', async () => {
    const copy = tempDb();
    copyFileSync(file, copy);
    const c = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    const worker = new Database(copy);
    const input = { month: MONTH, scope: 'account', limit: 5 };
    const prepare = c.db.prepare.bind(c.db);
    try {
      const before = await call<ScopesPage>(c, 'report:scopes', input);
      // the page has read its heads; before it reads its entries, another connection commits new values
      let committed = false;
      c.db.prepare = ((sql: string) => {
        const st = prepare(sql);
        if (!committed && sql.startsWith('SELECT json FROM report_rows')) {
          committed = true;
          worker
            .prepare(
              `UPDATE report_rows SET json = json_set(json, '$.metrics.reply_3min_rate.value', 0.125)
                WHERE month = ? AND scope = 'account'`,
            )
            .run(MONTH);
        }
        return st;
      }) as typeof c.db.prepare;
      const during = await call<ScopesPage>(c, 'report:scopes', input);
      expect(committed).toBe(true);
      expect(during.rows).toEqual(before.rows);
      c.db.prepare = prepare;
      const after = await call<ScopesPage>(c, 'report:scopes', input);
      expect(after.rows.map((r) => r.metrics.reply_3min_rate?.value)).toEqual([
        0.125, 0.125, 0.125, 0.125, 0.125,
      ]);
    } finally {
      c.db.prepare = prepare;
      worker.close();
      c.close();
    }
  }, 60_000);

  it('a signed-off month is paged from its snapshot', async () => {
    const copy = tempDb();
    copyFileSync(file, copy);
    const l = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    try {
      const lock = await l.dispatch('month:lock', { month: MONTH });
      expect(lock.ok, JSON.stringify(lock)).toBe(true);
      const p = await call<ScopesPage>(l, 'report:scopes', { month: MONTH, scope: 'account', limit: 500 });
      expect(p.locked).toBe(true);
      expect(p.rows).toEqual(accountRows(full, ov));
      const s = await call<ScopesPage>(l, 'report:scopes', { month: MONTH, scope: 'shop', limit: 500 });
      expect(s.rows).toEqual(shopRows(full, ov));
    } finally {
      l.close();
    }
  }, 60_000);

  it('reads the heads and sparklines stored with the month: the same pages as from the entries and the overview', async () => {
    // one head per account and shop of the month, in the report's order
    const heads = b.db
      .prepare('SELECT scope, seq, key FROM scope_heads WHERE month = ? ORDER BY scope, seq')
      .all(MONTH) as { scope: string; seq: number; key: string }[];
    expect(heads.filter((h) => h.scope === 'account').map((h) => h.key)).toEqual(
      full.accounts.map((a) => `${a.platform}|${a.shop}|${a.account}`),
    );
    expect(heads.filter((h) => h.scope === 'shop').map((h) => h.key)).toEqual(
      full.shops.map((x) => `${x.platform}|${x.shop}`),
    );
    const queries = [
      { limit: 500 },
      { scope: 'shop', limit: 500 },
      { offset: 7, limit: 11, search: '店', sort: { key: 'reply_3min_rate', order: 'descend' } },
      { scope: 'shop', platform: ['douyin', 'kuaishou'], sort: { key: 'name', order: 'ascend' } },
      { compare: true, limit: 5 },
    ];
    const withHeads = [];
    for (const q of queries) withHeads.push(await page(q));
    // a month computed before migration 019 has none: the page is read from the entries' JSON and the overview
    const copy = tempDb();
    copyFileSync(file, copy);
    const c = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    try {
      c.db.prepare('DELETE FROM scope_heads').run();
      for (const [i, q] of queries.entries())
        expect(
          await call<ScopesPage>(c, 'report:scopes', { month: MONTH, scope: 'account', ...q }),
          JSON.stringify(q),
        ).toEqual(withHeads[i]);
    } finally {
      c.close();
    }
    expect(withHeads[0]!.rows).toEqual(accountRows(full, ov));
    expect(withHeads[1]!.rows).toEqual(shopRows(full, ov));
  }, 60_000);

  it('without a stored overview (or an unreadable one) the rows come without sparklines, nothing recomputed', async () => {
    const copy = tempDb();
    copyFileSync(file, copy);
    const c = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    try {
      // a month computed before migration 019: no stored heads, the sparklines come from the overview
      c.db.prepare('DELETE FROM scope_heads').run();
      const read = (): Promise<ScopesPage> =>
        call<ScopesPage>(c, 'report:scopes', { month: MONTH, scope: 'account', limit: 500 });
      const without = accountRows(full, ov).map(({ daily: _d, ...r }) => r);
      for (const overview of [null, '{not json']) {
        c.db.prepare('UPDATE month_state SET overview_json = ? WHERE month = ?').run(overview, MONTH);
        const p = await read();
        expect(p.rows).toEqual(without);
        expect(c.db.prepare('SELECT overview_json FROM month_state WHERE month = ?').pluck().get(MONTH)).toBe(
          overview,
        );
      }
    } finally {
      c.close();
    }
  }, 60_000);

  it('refuses a scope other than account or shop', async () => {
    const bad = await b.dispatch('report:scopes', { month: MONTH, scope: 'agent' });
    expect(bad.ok).toBe(false);
  });
});
