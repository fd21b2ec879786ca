import { beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MonthReport } from '../../src/shared/report';
import type { MonthLockInfo } from '../../src/shared/api';
import { Backend } from '../../src/main/backend';
import { cli, FIX, importKpiMonth, NOW_NOV, tempDb } from './helpers';

let db: string;
const fx = (...p: string[]): string => join(FIX, ...p);
const run = (args: string[]) => cli([...args, '--db', db], NOW_NOV);

beforeEach(async () => {
  db = tempDb();
  await importKpiMonth(db, { kci: false });
});

async function report(): Promise<MonthReport & { locked: boolean }> {
  return (await run(['report', '--month', '2026-10', '--json'])).json();
}
const kpiOf = (r: MonthReport, agent: string, scheme = '星河-测试方案') =>
  r.agents.find((a) => a.agent === agent)!.kpi!.find((k) => k.scheme === scheme)!;

describe('KPI scores in the month report', () => {
  it('scores agents over the scheme shops with hand-computed totals, deductions, grades, ranks and bonus', async () => {
    const kci = await run(['kci', 'import', fx('kpi', 'KCI_2026-10.xlsx'), '--json']);
    expect(kci.code).toBe(0);
    expect(kci.json()).toMatchObject({
      rows: { read: 3, accepted: 2, rejected: 1 },
      items: ['质检', '出勤'],
    });
    expect(kci.json<{ rejections: { row: number; reason: string }[] }>().rejections[0]).toMatchObject({
      row: 4,
      reason: '花名册中没有客服“不存在的人”',
    });
    const r = await report();
    const li = kpiOf(r, '李青');
    // 3-minute rate (34+5)/(40+10) = 0.78 → (0.78−0.60)/(0.90−0.60)×100 = 60
    // avg response (28.6×40 + 45×10)/50 = 31.88 s → (40−31.88)/(40−20)×100 = 40.6
    expect(li.items).toEqual([
      expect.objectContaining({
        metric: 'reply_3min_rate',
        platform: 'douyin',
        weight: 60,
        effective_weight: 60,
        counted: true,
      }),
      expect.objectContaining({
        metric: 'avg_response_s',
        platform: 'douyin',
        weight: 40,
        effective_weight: 40,
        counted: true,
      }),
    ]);
    expect(li.items[0]!.score).toBeCloseTo(60, 9);
    expect(li.items[1]!.score).toBeCloseTo(40.6, 9);
    // kpi 0.6×60 + 0.4×40.6 = 52.24; KCI 质检 90 → 90; before = 52.24×0.8 + 90×0.2 = 59.792
    // two breaches (3-minute rate < 80%, average response > 30 s) × 3 = 6 → 53.792 → D
    expect(li.kpi_total).toBeCloseTo(52.24, 9);
    expect(li.kci_total).toBe(90);
    expect(li).toMatchObject({
      deductions: 6,
      deduction_detail: { platform_breach: 6, exam_warning: 0, exam_overdue: 0 },
      grade: 'D',
      rank: 2,
      worked_days: 2,
    });
    expect(li.final).toBeCloseTo(53.792, 9);
    // bonus: D coefficient 0 → 0 + 1% × (1,234.50 + 300) = 15.345 → 15.35
    expect(li.bonus).toBe(15.35);
    const zhao = kpiOf(r, '赵六');
    // 27/30 = 90% → 100; 20 s → 100; KCI 质检 80; before = 80 + 16 = 96 → A, rank 1
    // bonus 1000 × 1.2 × 1/31 + 1% × 0 = 38.709… → 38.71
    expect(zhao).toMatchObject({
      kpi_total: 100,
      kci_total: 80,
      deductions: 0,
      final: 96,
      grade: 'A',
      rank: 1,
      bonus: 38.71,
      worked_days: 1,
    });
    // 王满: 15/25 is a small sample and his average response is '-': nothing to score, unranked
    expect(kpiOf(r, '王满')).toMatchObject({
      kpi_total: null,
      final: null,
      grade: null,
      rank: null,
      ranked: false,
    });
    expect(kpiOf(r, '王满').items.map((i) => i.reason)).toEqual(['small_sample', 'no_data']);
    // the shipped default scheme (all shops) scores them too
    expect(
      r.agents
        .find((a) => a.agent === '李青')!
        .kpi!.map((k) => k.scheme)
        .sort(),
    ).toEqual(['星河-标准方案', '星河-测试方案']);
  });

  it('refuses an invalid scheme with Chinese messages, and exports a saved one as the same JSON', async () => {
    const bad = await run(['scheme', 'import', fx('kpi', '坏方案.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('考核项权重合计为 90，应为 100');
    expect(bad.err).toMatch(/kpi_share.*kci_share|KPI.*KCI/);
    const out = await run(['scheme', 'export', '星河-测试方案']);
    expect(JSON.parse(out.out)).toMatchObject({
      name: '星河-测试方案',
      scope: { shops: [{ platform: 'douyin', shop: '星河旗舰店' }] },
      min_working_days: 1,
    });
    const list = await run(['scheme', 'list', '--json']);
    expect(list.json()).toEqual([
      { name: '星河-标准方案', versions: ['2026-10'], scope: { shops: [] } },
      {
        name: '星河-测试方案',
        versions: ['2026-10'],
        scope: { shops: [{ platform: 'douyin', shop: '星河旗舰店' }] },
      },
    ]);
  });

  it('imports KCI from a dropped sheet through the API', async () => {
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const r = await b.dispatch('kci:import', {
      file: { name: 'KCI_2026-10.xlsx', bytes: new Uint8Array(readFileSync(fx('kpi', 'KCI_2026-10.xlsx'))) },
    });
    const list = await b.dispatch('kci:list', { month: '2026-10' });
    b.close();
    expect(r.ok && r.data).toMatchObject({
      rows: { read: 3, accepted: 2, rejected: 1 },
      items: ['质检', '出勤'],
    });
    expect(list.ok && list.data).toEqual([
      { agent_id: 1, agent: '李青', month: '2026-10', item: '出勤', value: 100 },
      { agent_id: 1, agent: '李青', month: '2026-10', item: '质检', value: 90 },
      { agent_id: 3, agent: '赵六', month: '2026-10', item: '质检', value: 80 },
    ]);
  });

  it('what-if shows old → new final, grade and rank before saving', async () => {
    await run(['kci', 'import', fx('kpi', 'KCI_2026-10.xlsx')]);
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const scheme = JSON.parse((await run(['scheme', 'export', '星河-测试方案'])).out) as {
      items: { weight: number }[];
    };
    scheme.items[0]!.weight = 20;
    scheme.items[1]!.weight = 80;
    const r = await b.dispatch('scheme:whatif', { scheme, month: '2026-10' });
    b.close();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const data = r.data as {
      rows: {
        agent: string;
        old: { final: number; grade: string } | null;
        new: { final: number; grade: string } | null;
        crossed: string | null;
      }[];
    };
    const li = data.rows.find((x) => x.agent === '李青')!;
    // new kpi = 0.2×60 + 0.8×40.6 = 44.48 → before 35.584 + 18 = 53.584 − 6 = 47.584 → 47.58
    expect(li.old).toMatchObject({ final: 53.79, grade: 'D' });
    expect(li.new).toMatchObject({ final: 47.58, grade: 'D' });
    expect(li.crossed).toBeNull();
  });

  it('locks a signed-off month: refused while KCI is missing; later data waits as pending changes; undo refused; unlock applies them', async () => {
    const refused = await run(['lock', '--month', '2026-10']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('KCI 未录入');
    await run(['kci', 'import', fx('kpi', 'KCI_2026-10.xlsx')]);
    // the default scheme has KCI 出勤 and 质检: give every scored agent both
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    for (const agent of [1, 2, 3])
      for (const item of ['出勤', '质检'])
        await b.dispatch('kci:save', { agent_id: agent, month: '2026-10', item, value: 100 });
    b.close();
    const locked = await run(['lock', '--month', '2026-10', '--note', '客户已签字', '--json']);
    expect(locked.code).toBe(0);
    expect(locked.json<MonthLockInfo>()).toMatchObject({
      locked: true,
      note: '客户已签字',
      pending_changes: 0,
    });
    const before = await report();
    expect(before.locked).toBe(true);
    const rev = await run(['import', fx('douyin', '飞鸽客服数据_修订_2026-10-03.xlsx'), '--json']);
    expect(rev.code).toBe(0);
    const during = await report();
    expect(
      during.accounts.find((a) => a.account === '星河旗舰店:阿青')!.metrics.reply_3min_rate,
    ).toMatchObject({ numerator: 39, denominator: 50 });
    expect((await run(['lock', '--month', '2026-10'])).err).toContain('已锁定');
    const info = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const pending = await info.dispatch('month:info', { month: '2026-10' });
    info.close();
    expect(pending.ok && (pending.data as MonthLockInfo).pending_changes).toBe(1);
    const batches = (await run(['batches', '--json'])).json<{ id: number; file_name: string }[]>();
    const first = batches.find((x) => x.file_name === '飞鸽客服数据_2026-10-03.xlsx')!;
    const undo = await run(['undo', String(first.id)]);
    expect(undo.code).toBe(2);
    expect(undo.err).toContain('已锁定的月份 2026-10');
    const unlocked = await run(['unlock', '--month', '2026-10', '--json']);
    expect(unlocked.json<MonthLockInfo>()).toMatchObject({
      locked: false,
      log: [{ action: 'lock' }, { action: 'unlock' }],
    });
    // 90.00% × 40 = 36 now counts: (36 + 5) / 50
    expect(
      (await report()).accounts.find((a) => a.account === '星河旗舰店:阿青')!.metrics.reply_3min_rate,
    ).toMatchObject({ numerator: 41, denominator: 50 });
  });
});
