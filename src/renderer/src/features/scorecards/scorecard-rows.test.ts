import { describe, expect, it } from 'vitest';
import type { MetricValue, MonthReport } from '../../../../shared/report';
import type { AgentTableRow } from '../../../../shared/report-pages';
import { agentRow, localRowsOf } from './scorecard-rows';

const rate = (n: number, d: number): MetricValue => ({
  value: n / d,
  numerator: n,
  denominator: d,
  approximate: false,
  small_sample: false,
  threshold: null,
  pass: null,
  status: 'final',
});

const report: MonthReport = {
  month: '2026-10',
  accounts: [
    {
      platform: 'kuaishou',
      shop: '快乐小店',
      account: '快乐小店:婷婷',
      nickname: '婷婷',
      agent_id: 7,
      agent: '朱婷',
      metrics: { bad_attitude_ratio: rate(32, 143) },
    },
    {
      platform: 'kuaishou',
      shop: '快乐小店',
      account: '快乐小店:晓晓',
      nickname: '快乐小店:晓晓',
      agent_id: null,
      agent: null,
      metrics: { bad_attitude_ratio: rate(0, 28) },
    },
  ],
  shops: [{ platform: 'kuaishou', shop: '快乐小店', metrics: { bad_attitude_ratio: rate(37, 336) } }],
  agents: [],
  notices: [],
};

describe('客服 screen rows', () => {
  it('makes one account row per account (its nickname under it only when it differs) and counts a shop’s accounts', () => {
    const { accounts, shops } = localRowsOf(report);
    expect(accounts.map((a) => [a.key, a.agent, a.team, a.words])).toEqual([
      ['acc|kuaishou|快乐小店|快乐小店:婷婷', '朱婷', '婷婷', ['婷婷']],
      ['acc|kuaishou|快乐小店|快乐小店:晓晓', null, null, ['快乐小店:晓晓']],
    ]);
    expect(shops).toHaveLength(1);
    expect(shops[0]).toMatchObject({ key: 'shop|kuaishou|快乐小店', accountCount: 2, account: null });
    expect(shops[0]!.metrics.bad_attitude_ratio).toMatchObject({ numerator: 37, denominator: 336 });
  });

  it('attaches each account’s and shop’s day series for the sparklines when the overview is there', () => {
    const daily = { days: ['2026-10-01'], values: {} } as unknown as NonNullable<
      ReturnType<typeof localRowsOf>['accounts'][number]['daily']
    >;
    const overview = {
      accounts: [{ platform: 'kuaishou', shop: '快乐小店', account: '快乐小店:婷婷', daily }],
      shops: [{ platform: 'kuaishou', shop: '快乐小店', daily }],
    } as unknown as Parameters<typeof localRowsOf>[1];
    const { accounts, shops } = localRowsOf(report, overview);
    expect(accounts[0]!.daily).toBe(daily);
    expect(accounts[1]!.daily).toBeUndefined();
    expect(shops[0]!.daily).toBe(daily);
  });

  it('takes a report:agents row as it is, with last month only when compared', () => {
    const r: AgentTableRow = {
      key: 'agent|7|kuaishou',
      agent_id: 7,
      agent: '朱婷',
      team: '二组',
      platform: 'kuaishou',
      shop: '快乐小店',
      account: '快乐小店:婷婷',
      account_count: 1,
      words: ['婷婷'],
      metrics: { bad_attitude_ratio: rate(32, 143) },
      kpi: null,
    };
    const plain = agentRow(r);
    expect(plain).toMatchObject({
      key: 'agent|7|kuaishou',
      name: '朱婷',
      agentId: 7,
      team: '二组',
      accountCount: 1,
    });
    expect('prev' in plain).toBe(false);
    expect(agentRow({ ...r, prev: null })).toMatchObject({ prev: null, prevFinal: null });
    const last = { metrics: { bad_attitude_ratio: rate(10, 100) }, kpi: null };
    expect(agentRow({ ...r, prev: last }).prev).toBe(last.metrics);
  });
});
