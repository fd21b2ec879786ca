import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../src/main/backend';
import type { SchemeScores } from '../../src/shared/api';
import type { RatingsMonthView } from '../../src/shared/events-view';
import type { MonthReport } from '../../src/shared/report';
import type { OverviewReport } from '../../src/shared/overview';
import { openDb } from '../../src/main/db/open';
import { scoreMonth } from '../../src/main/kpi/compute';
import { cli, FIX, importKpiMonth, NOW_NOV, tempDb } from './helpers';

let db: string;
const fx = (...p: string[]): string => join(FIX, ...p);
const run = (args: string[]) => cli([...args, '--db', db], NOW_NOV);
const MONTH = '2026-10';

beforeEach(async () => {
  db = tempDb();
  await importKpiMonth(db, { kci: true });
});

/** Overwrites one agent's stored final on one scheme: a read that recomputed would not see it. */
function tamper(scheme: string, agent: string, final: number): void {
  const raw = new Database(db);
  const row = raw
    .prepare('SELECT json FROM kpi_results WHERE month = ? AND scheme = ?')
    .get(MONTH, scheme) as {
    json: string;
  };
  const stored = JSON.parse(row.json) as SchemeScores;
  stored.agents.find((a) => a.agent === agent)!.score.final = final;
  raw
    .prepare('UPDATE kpi_results SET json = ? WHERE month = ? AND scheme = ?')
    .run(JSON.stringify(stored), MONTH, scheme);
  raw.close();
}

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data as T;
}

const finalOf = (k: SchemeScores[], scheme: string, agent: string): number | null =>
  k.find((s) => s.scheme.name === scheme)!.agents.find((a) => a.agent === agent)!.score.final;

describe('the results store (issue 8)', () => {
  it('stores one KPI result per scheme in force at recalculation, equal to scoring the month afresh', async () => {
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const kpi = await call<SchemeScores[]>(b, 'kpi:month', { month: MONTH });
    expect(kpi.map((k) => k.scheme.name)).toEqual(['星河-标准方案', '星河-测试方案']);
    // 李青 on the test scheme, hand-computed in kpi.test.ts: 53.792
    expect(finalOf(kpi, '星河-测试方案', '李青')).toBeCloseTo(53.792, 9);
    expect(kpi).toEqual(JSON.parse(JSON.stringify(scoreMonth(b.db, MONTH, NOW_NOV))));
    const rows = b.db.prepare('SELECT scheme FROM kpi_results WHERE month = ? ORDER BY scheme').all(MONTH);
    expect(rows).toEqual([{ scheme: '星河-标准方案' }, { scheme: '星河-测试方案' }]);
    b.close();
  });

  it('every reader reads the stored scores: kpi:month, report:month, the sheet and what-if’s old side', async () => {
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    await call(b, 'kpi:month', { month: MONTH });
    tamper('星河-测试方案', '李青', 12.34);
    expect(finalOf(await call(b, 'kpi:month', { month: MONTH }), '星河-测试方案', '李青')).toBe(12.34);
    const report = await call<MonthReport>(b, 'report:month', { month: MONTH });
    expect(
      report.agents.find((a) => a.agent === '李青')!.kpi!.find((k) => k.scheme === '星河-测试方案')!.final,
    ).toBe(12.34);
    const preview = await call<{ sheets: { name: string; rows: (string | number | null)[][] }[] }>(
      b,
      'sheet:preview',
      { month: MONTH, scheme: '星河-测试方案', variant: 'payroll' },
    );
    expect(JSON.stringify(preview)).toContain('12.34');
    const scheme = JSON.parse((await run(['scheme', 'export', '星河-测试方案'])).out) as unknown;
    const w = await call<{ rows: { agent: string; old: { final: number } | null }[] }>(b, 'scheme:whatif', {
      scheme,
      month: MONTH,
    });
    expect(w.rows.find((x) => x.agent === '李青')!.old!.final).toBe(12.34);
    b.close();
  });

  it('is invalidated exactly when its inputs change: KCI, scheme, roster — and not by a read', async () => {
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const first = await call<SchemeScores[]>(b, 'kpi:month', { month: MONTH });
    const computedAt = (): unknown =>
      b.db.prepare('SELECT computed_at FROM kpi_results WHERE month = ? ORDER BY scheme').all(MONTH);
    tamper('星河-测试方案', '李青', 1);
    await call(b, 'report:month', { month: MONTH });
    await call(b, 'report:overview', { month: MONTH });
    expect(finalOf(await call(b, 'kpi:month', { month: MONTH }), '星河-测试方案', '李青')).toBe(1);
    expect(computedAt()).toEqual([{ computed_at: NOW_NOV }, { computed_at: NOW_NOV }]);

    // KCI: 质检 90 → 50 moves 李青 by 0.2 × 40 = 8 points
    await call(b, 'kci:save', { agent_id: 1, month: MONTH, item: '质检', value: 50 });
    // reads are pure: until the recalc job has run they serve the last committed results, saying so
    expect(finalOf(await call(b, 'kpi:month', { month: MONTH }), '星河-测试方案', '李青')).toBe(1);
    expect((await call<MonthReport>(b, 'report:month', { month: MONTH })).updating).toBe(true);
    await b.settled();
    expect((await call<MonthReport>(b, 'report:month', { month: MONTH })).updating).toBeUndefined();
    expect(finalOf(await call(b, 'kpi:month', { month: MONTH }), '星河-测试方案', '李青')).toBeCloseTo(
      53.792 - 8,
      9,
    );
    expect(finalOf(first, '星河-测试方案', '李青')).toBeCloseTo(53.792, 9);

    // a scheme saved again (weights 20/80): the new version is what the store holds
    tamper('星河-测试方案', '李青', 2);
    const scheme = JSON.parse((await run(['scheme', 'export', '星河-测试方案'])).out) as {
      items: { weight: number }[];
    };
    scheme.items[0]!.weight = 20;
    scheme.items[1]!.weight = 80;
    await call(b, 'scheme:save', { scheme });
    await b.settled();
    // kpi 0.2×60 + 0.8×40.6 = 44.48 → 44.48×0.8 + 50×0.2 − 6 = 39.584
    expect(finalOf(await call(b, 'kpi:month', { month: MONTH }), '星河-测试方案', '李青')).toBeCloseTo(
      39.584,
      9,
    );

    // a roster change recomputes the month (李青 loses her account: no score on the test scheme)
    tamper('星河-测试方案', '李青', 3);
    const roster = await call<{ agents: { name: string; accounts: { id: number }[] }[] }>(
      b,
      'roster:list',
      {},
    );
    for (const a of roster.agents.find((x) => x.name === '李青')!.accounts)
      await call(b, 'roster:unassign', { id: a.id });
    await b.settled();
    const after = await call<SchemeScores[]>(b, 'kpi:month', { month: MONTH });
    expect(after.find((s) => s.scheme.name === '星河-测试方案')!.agents.some((a) => a.agent === '李青')).toBe(
      false,
    );
    b.close();
  });

  it('a database from before the store is brought to it: its months are recomputed into the store', async () => {
    await run(['report', '--month', MONTH, '--json']);
    // back to schema 8: no kpi_results, no source columns, the month computed and clean
    const raw = new Database(db);
    raw.exec(`DROP TABLE kpi_results;
      ALTER TABLE metric_results DROP COLUMN source;
      ALTER TABLE metric_results DROP COLUMN summary_days;
      ALTER TABLE metric_results DROP COLUMN events_days;
      ALTER TABLE month_state DROP COLUMN overview_json;`);
    raw.pragma('user_version = 8');
    raw.close();
    const d = openDb(db);
    expect(d.prepare('SELECT month, dirty FROM month_state').all()).toEqual([{ month: MONTH, dirty: 1 }]);
    d.close();
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    // served from the old results while the recalc job fills the store
    expect((await call<MonthReport>(b, 'report:month', { month: MONTH })).updating).toBe(true);
    await b.settled();
    const kpi = await call<SchemeScores[]>(b, 'kpi:month', { month: MONTH });
    expect(finalOf(kpi, '星河-测试方案', '李青')).toBeCloseTo(53.792, 9);
    expect(b.db.prepare('SELECT COUNT(*) AS n FROM kpi_results').get()).toEqual({ n: 2 });
    b.close();
  });

  it('each value carries its source and the days from each: 平台导出, 明细计算 or 混合, stored and in the JSON', async () => {
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const before = await call<MonthReport>(b, 'report:month', { month: MONTH });
    const aqing = (r: MonthReport) => r.accounts.find((a) => a.account === '星河旗舰店:阿青')!.metrics;
    // export rows of 10-03 and 10-04 only
    expect(aqing(before).reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
      source: 'summary',
      source_days: { summary: 2, events: 0 },
    });
    // the 快手 file holds one-day rows (two days)
    expect(before.accounts.find((a) => a.platform === 'kuaishou')!.metrics.reply_3min_rate).toMatchObject({
      source: 'summary',
      source_days: { summary: 2, events: 0 },
    });
    b.close();
    // chat records of 10-05: a day no export covers, computed from the messages
    expect((await run(['import', fx('events', '聊天记录_抖音_2026-10-05.csv')])).code).toBe(0);
    const b2 = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const after = await call<MonthReport>(b2, 'report:month', { month: MONTH });
    // 39/50 from the exports + 1/2 computed for 10-05
    expect(aqing(after).reply_3min_rate).toMatchObject({
      numerator: 40,
      denominator: 52,
      source: 'mixed',
      source_days: { summary: 2, events: 1 },
    });
    expect(after.shops.find((s) => s.shop === '星河旗舰店')!.metrics.reply_3min_rate).toMatchObject({
      source: 'mixed',
      source_days: { summary: 2, events: 1 },
    });
    expect(
      b2.db
        .prepare(
          `SELECT source, summary_days, events_days FROM metric_results
            WHERE scope = 'account' AND scope_key = '星河旗舰店|星河旗舰店:阿青' AND metric = 'reply_3min_rate'`,
        )
        .get(),
    ).toEqual({ source: 'mixed', summary_days: 2, events_days: 1 });
    b2.close();
  });

  it('reads during an import on another connection neither fail nor wait for the write lock', async () => {
    const { benchFiles } = await import('../../src/main/demo/bench-files');
    // 100 agents × 31 days of 飞鸽 rows: an import of a few seconds in the writer's worker thread
    const big = benchFiles(MONTH, 100).find((f) => f.format === 'csv' && f.platform === 'douyin')!;
    const writer = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV, worker: true });
    const reader = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    await call(reader, 'report:month', { month: MONTH });
    await reader.settled();
    let finished = false;
    const done = new Promise<{ ok: boolean }>((resolve) =>
      writer.subscribe((e) => {
        if (e.type === 'job:done') {
          finished = true;
          resolve(e.result);
        }
      }),
    );
    await call(writer, 'import:start', { files: [{ name: big.name, bytes: big.bytes }] });
    const times: number[] = [];
    const failures: unknown[] = [];
    while (!finished) {
      const t = performance.now();
      const r = await reader.dispatch('report:month', { month: MONTH });
      times.push(performance.now() - t);
      if (!r.ok) failures.push(r.error);
      await new Promise((res) => setTimeout(res, 25));
    }
    const result = await done;
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(failures).toEqual([]);
    expect(times.length).toBeGreaterThan(3);
    // a read never waits for the writer's transaction (busy_timeout is 5 s)
    expect(Math.max(...times)).toBeLessThan(1000);
    await reader.settled();
    const after = await call<MonthReport>(reader, 'report:month', { month: MONTH });
    expect(after.updating).toBeUndefined();
    expect(after.accounts.some((a) => a.account === '星河旗舰店:客服001')).toBe(true);
    writer.close();
    reader.close();
  });

  it('the overview reads its daily series and coverage from the store: the same as computing them from the rows', async () => {
    expect((await run(['import', fx('events', '聊天记录_抖音_2026-10-05.csv')])).code).toBe(0);
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const stored = await call<OverviewReport>(b, 'report:overview', { month: MONTH });
    b.db.prepare('UPDATE month_state SET overview_json = NULL').run();
    const fresh = await call<OverviewReport>(b, 'report:overview', { month: MONTH });
    expect(stored).toEqual(fresh);
    const shop = stored.shops.find((s) => s.shop === '星河旗舰店')!;
    // exports of 10-03 and 10-04, chat records of 10-05: three days in the series and in the coverage
    expect(shop.daily.reply_3min_rate!.slice(2, 5).map((v) => v !== null)).toEqual([true, true, true]);
    expect(stored.freshness.find((f) => f.shop === '星河旗舰店')).toMatchObject({ days_with_data: 3 });
    b.close();
  });

  it('中差评 shows the stored value, the rating rows as its reconciliation with the share they cover', async () => {
    expect((await run(['import', fx('events', '评价明细_快手_2026-10-05.xlsx')])).code).toBe(0);
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const report = await call<MonthReport>(b, 'report:month', { month: MONTH });
    const view = await call<RatingsMonthView>(b, 'ratings:month', { month: MONTH });
    const shop = view.shops.find((x) => x.shop === '快乐小店')!;
    const stored = report.shops.find((x) => x.shop === '快乐小店')!.metrics;
    // 好评率: the exports' two days and the rating rows of 10-05 (2 of 4) together: 21/28, as on 总览 and 客服
    expect(stored.good_rate).toMatchObject({
      numerator: 21,
      denominator: 28,
      source: 'mixed',
      source_days: { summary: 2, events: 1 },
    });
    expect(shop.good_rate).toEqual({ num: 21, den: 28 });
    expect(shop.detail!.good_rate).toEqual({ num: 2, den: 4 });
    expect(shop.reconciliation!.good_rate).toBe('明细 50.00% (2/4)，覆盖 4/28 条评价');
    // 服务态度差中差评率 comes from the rows alone: the rows are the whole value, nothing to reconcile
    expect(shop.bad_attitude_ratio).toEqual({ num: 2, den: 3 });
    expect(shop.reconciliation!.bad_attitude_ratio).toBeNull();
    b.close();
  });
});
