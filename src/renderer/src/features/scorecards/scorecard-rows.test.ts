import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../../shared/report';
import type { AgentTableRow, ScopeTableRow } from '../../../../shared/report-pages';
import { agentRow, scopeRow } from './scorecard-rows';

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

describe('客服 screen rows', () => {
  it('shows an account row’s nickname under it only when it differs, and finds it by nickname', () => {
    const base: ScopeTableRow = {
      key: 'acc|kuaishou|快乐小店|快乐小店:婷婷',
      platform: 'kuaishou',
      shop: '快乐小店',
      account: '快乐小店:婷婷',
      nickname: '婷婷',
      agent_id: 7,
      agent: '朱婷',
      account_count: 1,
      metrics: { bad_attitude_ratio: rate(32, 143) },
    };
    const r = scopeRow(base);
    expect([r.key, r.name, r.agent, r.team, r.words, r.agentId, r.accountCount]).toEqual([
      'acc|kuaishou|快乐小店|快乐小店:婷婷',
      '快乐小店:婷婷',
      '朱婷',
      '婷婷',
      ['婷婷'],
      null,
      1,
    ]);
    expect('prev' in r || 'daily' in r).toBe(false);
    const same = scopeRow({ ...base, nickname: '快乐小店:晓晓', account: '快乐小店:晓晓', agent: null });
    expect([same.team, same.words]).toEqual([null, ['快乐小店:晓晓']]);
  });

  it('names a shop row by its shop with its account count, day series and last month when compared', () => {
    const daily = { reply_3min_rate: [0.5, null] };
    const last = { bad_attitude_ratio: rate(10, 100) };
    const shop = scopeRow({
      key: 'shop|kuaishou|快乐小店',
      platform: 'kuaishou',
      shop: '快乐小店',
      account: null,
      nickname: null,
      agent_id: null,
      agent: null,
      account_count: 2,
      metrics: { bad_attitude_ratio: rate(37, 336) },
      daily,
      prev: last,
    });
    expect(shop).toMatchObject({ name: '快乐小店', account: null, accountCount: 2, team: null, words: [] });
    expect(shop.daily).toBe(daily);
    expect(shop.prev).toBe(last);
    expect(shop.metrics.bad_attitude_ratio).toMatchObject({ numerator: 37, denominator: 336 });
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
