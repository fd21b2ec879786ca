import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Backend } from '../../src/main/backend';
import type { AppEvent, Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import type { OverviewReport } from '../../src/shared/overview';
import type { MonthReport } from '../../src/shared/report';
import type { RosterView, RuleRow } from '../../src/shared/settings';
import { bad, cli, douyin, NOW_OCT4, tempDb } from './helpers';

let backend: Backend;
let dbPath: string;

beforeEach(() => {
  dbPath = tempDb();
  backend = new Backend({ dbPath, host: 'web', now: () => NOW_OCT4 });
});
afterEach(() => backend.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = (await backend.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}

async function fail(method: string, input: unknown): Promise<string> {
  const r = await backend.dispatch(method, input);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}

/** Imports through the API and waits for the job's result. */
async function importFiles(paths: string[], options: Record<string, unknown> = {}): Promise<ImportRunResult> {
  const done = new Promise<ImportRunResult>((ok, no) => {
    const off = backend.subscribe((e: AppEvent) => {
      if (e.type !== 'job:done') return;
      off();
      if (e.result.ok) ok(e.result.data);
      else no(new Error(e.result.error.message));
    });
  });
  await call('import:start', {
    files: paths.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) })),
    options,
  });
  return done;
}

describe('overview', () => {
  it('adds shops into team values from counts, with daily series, risks and data freshness', async () => {
    await importFiles([douyin('飞鸽客服数据_2026-10-03.xlsx'), douyin('飞鸽客服数据_2026-10-04.csv')]);
    const o = await call<OverviewReport>('report:overview', { month: '2026-10' });
    expect(o.days).toHaveLength(31);
    const dy = o.platforms.find((p) => p.platform === 'douyin')!;
    // (34 + 15 + 5 + 27) / (40 + 25 + 10 + 30) = 81/105
    expect(dy.metrics.reply_3min_rate).toMatchObject({
      numerator: 81,
      denominator: 105,
      pass: false,
      status: 'provisional',
    });
    // day values: 10-03 = 49/65, 10-04 = (5 + 27)/(10 + 30) = 0.8; days without data are null
    expect(dy.daily.reply_3min_rate![2]).toBeCloseTo(49 / 65, 12);
    expect(dy.daily.reply_3min_rate![3]).toBe(0.8);
    expect(dy.daily.reply_3min_rate![0]).toBeNull();
    expect(o.shops_at_risk).toEqual([
      expect.objectContaining({
        platform: 'douyin',
        shop: '星河旗舰店',
        failing: expect.arrayContaining([
          expect.objectContaining({ metric: 'reply_3min_rate', threshold: 0.8, op: '>=' }),
        ]),
      }),
    ]);
    // unrostered accounts at risk: 阿青 39/50 and 小满 42/55 are both under 80%
    expect(o.agents_at_risk.map((a) => a.account).sort()).toEqual(['星河旗舰店:小满', '星河旗舰店:阿青']);
    // today is 10-04 (China): 10-01 and 10-02 missing; both imported days still provisional (final from D+2)
    expect(o.freshness).toEqual([
      {
        platform: 'douyin',
        shop: '星河旗舰店',
        last_import: '2026-10-04 12:00:00',
        days_with_data: 2,
        days_missing: ['2026-10-01', '2026-10-02'],
        provisional_days: 2,
        reimport_days: 0,
      },
    ]);
    const acc = o.accounts.find((a) => a.account === '星河旗舰店:阿青')!;
    expect(acc.daily.reply_3min_rate!.slice(2, 4)).toEqual([0.85, 0.5]);
  });
});

describe('roster editor', () => {
  it('adds an agent, assigns accounts by date range, warns on overlapping owners, and recalculates', async () => {
    await importFiles([douyin('飞鸽客服数据_2026-10-03.xlsx'), douyin('飞鸽客服数据_2026-10-04.csv')]);
    const { id } = await call<{ id: number }>('roster:saveAgent', {
      name: '李青',
      employee_no: 'E001',
      team: '一组',
    });
    const a = await call<{ id: number; warning: string | null }>('roster:assign', {
      agent_id: id,
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      valid_from: '2026-10-01',
      valid_to: null,
    });
    expect(a.warning).toBeNull();
    let r = await call<MonthReport>('report:month', { month: '2026-10' });
    expect(r.agents[0]).toMatchObject({ agent: '李青', team: '一组' });
    expect(r.agents[0]!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
    });

    const other = await call<{ id: number }>('roster:saveAgent', { name: '王满', team: '一组' });
    const clash = await call<{ id: number; warning: string | null }>('roster:assign', {
      agent_id: other.id,
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      valid_from: '2026-10-04',
      valid_to: '2026-10-04',
    });
    expect(clash.warning).toContain('李青');
    r = await call<MonthReport>('report:month', { month: '2026-10' });
    // 10-04 now has two owners: 归属不明; 李青 keeps 10-03 only
    expect(r.agents.find((x) => x.agent === '李青')!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 34,
      denominator: 40,
    });
    expect(r.notices).toEqual([
      expect.objectContaining({ kind: 'ambiguous_owner', account: '星河旗舰店:阿青', from: '2026-10-04' }),
    ]);

    const view = await call<RosterView>('roster:list', {});
    expect(view.agents.map((x) => x.name).sort()).toEqual(['李青', '王满']);
    expect(view.accounts.find((x) => x.account === '星河旗舰店:阿青')!.owners).toHaveLength(2);
    expect(await fail('roster:saveAgent', { name: '张三', employee_no: 'E001' })).toContain(
      '工号 E001 已属于 李青',
    );
    expect(
      await fail('roster:assign', {
        agent_id: id,
        platform: 'douyin',
        shop: '星河旗舰店',
        account: 'x',
        valid_from: '2026-10-05',
        valid_to: '2026-10-01',
      }),
    ).toBe('失效日期早于生效日期');

    await call('roster:unassign', { id: clash.id });
    await call('roster:deleteAgent', { id: other.id });
    r = await call<MonthReport>('report:month', { month: '2026-10' });
    expect(r.agents.map((x) => x.agent)).toEqual(['李青']);
    expect(r.agents[0]!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
    });
  });
});

describe('platform rule versions', () => {
  it('a new threshold version applies from its effective date and recalculates; bad values are refused in Chinese', async () => {
    await importFiles([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    const rules = await call<RuleRow[]>('rules:list', {});
    expect(rules.find((r) => r.platform === 'douyin' && r.key === 'threshold.reply_3min_rate')).toMatchObject(
      { value: { op: '>=', value: 0.8 }, effective_from: '2000-01-01' },
    );
    const shop = async () =>
      (await call<MonthReport>('report:month', { month: '2026-10' })).shops[0]!.metrics.reply_3min_rate!;
    expect(await shop()).toMatchObject({ pass: false, threshold: { op: '>=', value: 0.8 } });
    const { id } = await call<{ id: number }>('rules:save', {
      platform: 'douyin',
      key: 'threshold.reply_3min_rate',
      value: { op: '>=', value: 0.75 },
      effective_from: '2026-10-01',
      note: '客户合同',
    });
    // 49/65 = 75.38% ≥ 75%
    expect(await shop()).toMatchObject({ pass: true, threshold: { op: '>=', value: 0.75 } });
    await call('rules:save', {
      id,
      platform: 'douyin',
      key: 'threshold.reply_3min_rate',
      value: { op: '>=', value: 0.75 },
      effective_from: '2026-11-01',
    });
    expect(await shop()).toMatchObject({ pass: false, threshold: { value: 0.8 } });
    expect(
      await fail('rules:save', {
        platform: 'douyin',
        key: 'window.service',
        value: { start: '23:00', end: '08:00' },
        effective_from: '2026-10-01',
      }),
    ).toContain('时段');
    expect(
      await fail('rules:save', {
        platform: 'douyin',
        key: 'threshold.nope',
        value: { op: '>=', value: 1 },
        effective_from: '2026-10-01',
      }),
    ).toContain('未知指标');
    await call('rules:delete', { id });
  });
});

describe('column mapping for an unknown layout', () => {
  it('offers the headers, remembers the mapping per layout, and the CLI reuses it', async () => {
    const first = await importFiles([bad('外包日报_2026-10-05.xlsx')]);
    const f = first.files[0]!;
    expect(f.status).toBe('failed');
    expect(f.mapping).toMatchObject({
      sheet: '日报',
      header_row: 1,
      headers: ['店铺', '账号', '会话数', '三分钟回复率', '备注'],
    });
    expect(f.mapping!.samples[0]).toEqual(['星河旗舰店', '星河旗舰店:阿青', '20', '90.00%', '']);
    expect(
      await fail('mapping:save', {
        hash: f.mapping!.hash,
        base_layout: 'douyin_feige_classic',
        name: '外包日报',
        columns: { 账号: 'account' },
      }),
    ).toContain('必填');
    await call('mapping:save', {
      hash: f.mapping!.hash,
      base_layout: 'douyin_feige_classic',
      name: '外包日报',
      columns: {
        店铺: 'shop',
        账号: 'account',
        会话数: 'manual_sessions',
        三分钟回复率: 'reply_3min_rate_session',
        备注: '',
      },
    });
    const again = await importFiles([bad('外包日报_2026-10-05.xlsx')]);
    expect(again.files[0]).toMatchObject({
      status: 'imported',
      layout: 'douyin_feige_classic',
      rows: { accepted: 2 },
    });
    backend.close();
    // the CLI finds the same mapping in the same database: here the file is already imported (same hash) → skipped
    const viaCli = await cli([
      'import',
      bad('外包日报_2026-10-05.xlsx'),
      '--db',
      dbPath,
      '--json',
      '--dry-run',
      '--force',
    ]);
    expect(viaCli.json<ImportRunResult>().files[0]).toMatchObject({
      status: 'previewed',
      layout: 'douyin_feige_classic',
    });
    backend = new Backend({ dbPath, host: 'web', now: () => NOW_OCT4 });
    // 90.00% × 20 = 18; 70.00% × 10 = 7
    const r = await call<MonthReport>('report:month', { month: '2026-10' });
    expect(r.shops[0]!.metrics.reply_3min_rate).toMatchObject({ numerator: 25, denominator: 30 });
  });
});
