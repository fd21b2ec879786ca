import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import type { Output, Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import { cli, douyin, NOW_NOV, NOW_OCT4, tempDb } from './helpers';

let b: Backend;

beforeAll(async () => {
  b = new Backend({ dbPath: tempDb(), host: 'web', now: () => NOW_NOV });
  const done = new Promise<Result<ImportRunResult>>((ok) => {
    const off = b.subscribe((e) => {
      if (e.type === 'job:done') {
        off();
        ok(e.result);
      }
    });
  });
  expect((await b.dispatch('demo:load', {})).ok).toBe(true);
  expect((await done).ok).toBe(true);
}, 120_000);
afterAll(() => b.close());

async function call<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as T;
}

describe('agent:page on the demo month', () => {
  it('gives 刘洋 both platforms, his shops, the KPI score with rank out of 24, and his 中差评 rows', async () => {
    const p = await call<Output<'agent:page'>>(b, 'agent:page', { agent_id: 5, month: '2026-10' });
    expect([p.agent, p.team, p.employee_no, p.month, p.locked, p.has_data, p.months]).toEqual([
      '刘洋',
      '一组',
      'E005',
      '2026-10',
      false,
      true,
      ['2026-10'],
    ]);
    expect(p.platforms.map((x) => x.platform).sort()).toEqual(p.accounts.map((a) => a.platform).sort());
    expect(p.platforms).toHaveLength(2);
    expect(p.accounts.map((a) => [a.platform, a.shop, a.nickname]).sort()).toEqual([
      ['douyin', '星河旗舰店', '洋洋'],
      ['kuaishou', '快乐小店', '洋洋'],
    ]);
    const k = p.kpi[0]!;
    expect([k.scheme, k.final?.toFixed(2), k.grade, k.rank, k.ranked_of]).toEqual([
      '星河-标准方案',
      '89.84',
      'B',
      6,
      24,
    ]);
    // the month report says the same (the page is composed from it, not recomputed)
    const month = await call<Output<'report:month'>>(b, 'report:month', { month: '2026-10' });
    expect(month.agents.find((a) => a.agent_id === 5)!.kpi![0]!.final).toBe(k.final);
    expect(k.items.reduce((s, i) => s + i.effective_weight, 0)).toBeCloseTo(100, 6);
    // one trend point (the demo has one month), the same final and rank
    expect(p.trend).toHaveLength(1);
    expect(p.trend[0]!.kpi[0]).toEqual({ scheme: '星河-标准方案', final: k.final, rank: 6, grade: 'B' });
    expect(p.ratings).toHaveLength(6);
    const owned = new Set(p.accounts.map((a) => `${a.platform}|${a.shop}|${a.account}`));
    expect(p.ratings.every((r) => owned.has(`${r.platform}|${r.shop}|${r.account}`))).toBe(true);
  });

  it('lists 赵磊’s exam warnings, newest week first, and his last place', async () => {
    const p = await call<Output<'agent:page'>>(b, 'agent:page', { agent_id: 3, month: '2026-10' });
    expect(p.exams.map((e) => [e.deadline, e.status])).toEqual(
      [...p.exams].sort((x, y) => (x.week_start < y.week_start ? 1 : -1)).map((e) => [e.deadline, e.status]),
    );
    expect(p.exams).toHaveLength(2);
    expect(p.exams.some((e) => e.status === 'overdue' && e.deadline === '2026-11-03')).toBe(true);
    expect([p.kpi[0]!.rank, p.kpi[0]!.grade, p.kpi[0]!.final?.toFixed(2)]).toEqual([24, 'D', '42.54']);
  });

  it('gives a month without data as such, and refuses an unknown agent in Chinese', async () => {
    const empty = await call<Output<'agent:page'>>(b, 'agent:page', { agent_id: 5, month: '2026-09' });
    expect([empty.has_data, empty.platforms, empty.kpi, empty.trend]).toEqual([false, [], [], []]);
    const r = await b.dispatch('agent:page', { agent_id: 999, month: '2026-10' });
    expect(r.ok ? '' : r.error.message).toBe('找不到这位客服');
    const bad = await b.dispatch('agent:page', { agent_id: 5, month: '2026-13' });
    expect(bad.ok ? '' : bad.error.code).toBe('invalid_input');
  });
});

describe('alerts:list on the demo', () => {
  it('on 2026-11-23 (imports made that day) has only 赵磊’s overdue exam', async () => {
    const a = await call<Output<'alerts:list'>>(b, 'alerts:list', {});
    expect(a.today).toBe('2026-11-23');
    expect(a.settings).toEqual({ stale_days: 3, notify: true });
    expect(a.alerts.map((x) => [x.kind, x.level, x.title, x.href])).toEqual([
      ['exam', 'error', '考试已逾期：赵磊', '#/exams'],
    ]);
    expect(a.alerts[0]!.detail).toBe('抖音 · 星河旗舰店 · 星河旗舰店:大壮，截止 2026-11-03，已逾期 20 天');
  });

  it('five days later flags every shop as not imported; a 7-day setting silences them', async () => {
    const later = new Backend({ dbPath: b.options.dbPath, host: 'web', now: () => NOW_NOV + 5 * 86_400 });
    try {
      const a = await call<Output<'alerts:list'>>(later, 'alerts:list', {});
      expect(a.today).toBe('2026-11-28');
      expect(a.alerts.filter((x) => x.kind === 'stale_shop').map((x) => x.title)).toEqual([
        '抖音 · 云朵美妆店 已 5 天没有导入',
        '抖音 · 星河旗舰店 已 5 天没有导入',
        '京东 · 京东星辰自营 已 5 天没有导入',
        '快手 · 快乐小店 已 5 天没有导入',
        '淘宝 · 云裳女装旗舰店 已 5 天没有导入',
      ]);
      expect(await call(later, 'alerts:settings', { stale_days: 7 })).toEqual({
        stale_days: 7,
        notify: true,
      });
      const quiet = await call<Output<'alerts:list'>>(later, 'alerts:list', {});
      expect(quiet.alerts.map((x) => x.kind)).toEqual(['exam']);
      const refused = await later.dispatch('alerts:settings', { stale_days: 0 });
      expect(refused.ok ? '' : refused.error.code).toBe('invalid_input');
    } finally {
      await later.dispatch('alerts:settings', { stale_days: 3 });
      later.close();
    }
  });

  it('remembers notified ids, dropping ids that are no longer alerts', async () => {
    const a = await call<Output<'alerts:list'>>(b, 'alerts:list', {});
    const id = a.alerts[0]!.id;
    expect(await call(b, 'alerts:notified', { ids: [id, 'stale:gone'] })).toEqual({ notified: [id] });
    expect((await call<Output<'alerts:list'>>(b, 'alerts:list', {})).notified).toEqual([id]);
    expect(await call(b, 'alerts:settings', { notify: false })).toEqual({ stale_days: 3, notify: false });
  });
});

describe('alerts:list on a day imported before its lag', () => {
  it('asks to re-import 10-03 once its lag has passed, and flags the shop after 3 idle days', async () => {
    const dbPath = tempDb();
    // imported 10-04 12:00: day 10-03 is provisional until 10-05 00:00 (Douyin's 2-day lag)
    expect(
      (await cli(['import', douyin('飞鸽客服数据_2026-10-03.xlsx'), '--db', dbPath], NOW_OCT4)).code,
    ).toBe(0);
    const at = async (now: number): Promise<Output<'alerts:list'>> => {
      const backend = new Backend({ dbPath, host: 'web', now: () => now });
      try {
        return await call<Output<'alerts:list'>>(backend, 'alerts:list', {});
      } finally {
        backend.close();
      }
    };
    // still within the lag: nothing to do yet
    expect((await at(NOW_OCT4)).alerts).toEqual([]);
    const oct6 = await at(NOW_OCT4 + 2 * 86_400);
    expect(oct6.alerts.map((a) => [a.kind, a.title, a.detail])).toEqual([
      [
        'reimport',
        '抖音 · 星河旗舰店：1 天的数据需重新导入',
        '10-03 的数据仍是暂定值，已过平台的修订期，请重新下载这几天的数据导入',
      ],
    ]);
    const oct7 = await at(NOW_OCT4 + 3 * 86_400);
    expect(oct7.alerts.map((a) => a.title)).toEqual([
      '抖音 · 星河旗舰店 已 3 天没有导入',
      '抖音 · 星河旗舰店：1 天的数据需重新导入',
    ]);
  }, 60_000);
});
