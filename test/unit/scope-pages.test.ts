/**
 * The 账号 and 店铺 tabs' shaping in shared/report-pages.ts that report:scopes applies to the stored rows: the search
 * (account or shop name, nickname, agent, shop, platform; case-insensitive), the 平台 and 店铺 filters, the sort
 * orders with nulls last, and the filter options and metric columns over the searched rows.
 */
import { describe, expect, it } from 'vitest';
import { scopeHeadOf, scopeRowKey, shapeScopeHeads, type ScopeHead } from '../../src/shared/report-pages';
import type { MetricValue } from '../../src/shared/report';

const head = (over: Partial<ScopeHead> & { key: string }): ScopeHead => ({
  platform: 'douyin',
  shop: '星河旗舰店',
  account: over.key,
  nickname: null,
  agent: null,
  values: {},
  ...over,
});

const rows: ScopeHead[] = [
  head({ key: '星河旗舰店:阿青', nickname: 'Aqing', agent: '李青', values: { reply_3min_rate: 0.78 } }),
  head({ key: '星河旗舰店:小雨', shop: '星河二店', agent: '王满', values: { reply_3min_rate: null } }),
  head({
    key: 'jd_小周',
    platform: 'jd',
    shop: '京东店',
    values: { reply_3min_rate: 0.9, avg_response_s: 30 },
  }),
];
const keys = (q: Parameters<typeof shapeScopeHeads>[1]): string[] =>
  shapeScopeHeads(rows, q).ordered.map((h) => h.key);

describe('the 账号 and 店铺 tabs’ search, filters and sort', () => {
  it('keeps the report order without a sort and gives the options and columns over the searched rows', () => {
    const all = shapeScopeHeads(rows, {});
    expect(all.ordered.map((h) => h.key)).toEqual(['星河旗舰店:阿青', '星河旗舰店:小雨', 'jd_小周']);
    expect(all.platforms).toEqual(['douyin', 'jd']);
    expect(all.shops).toEqual(['京东店', '星河二店', '星河旗舰店']);
    expect(all.metrics).toEqual(['reply_3min_rate', 'avg_response_s']);
    // searched for 星河: the options and the columns of those rows only (jd_小周's 响应时长 column goes)
    const xh = shapeScopeHeads(rows, { search: '星河' });
    expect(xh.platforms).toEqual(['douyin']);
    expect(xh.metrics).toEqual(['reply_3min_rate']);
    // the filters narrow the rows, not the options
    const jd = shapeScopeHeads(rows, { platform: ['jd'] });
    expect(jd.ordered.map((h) => h.key)).toEqual(['jd_小周']);
    expect(jd.platforms).toEqual(['douyin', 'jd']);
  });

  it('finds a row by its nickname (any case), agent, shop, platform name and account name', () => {
    expect(keys({ search: 'AQING' })).toEqual(['星河旗舰店:阿青']);
    expect(keys({ search: ' 王满 ' })).toEqual(['星河旗舰店:小雨']);
    expect(keys({ search: '二店' })).toEqual(['星河旗舰店:小雨']);
    expect(keys({ search: '抖音' })).toEqual(['星河旗舰店:阿青', '星河旗舰店:小雨']);
    expect(keys({ search: 'JD_' })).toEqual(['jd_小周']);
    expect(keys({ search: '张三' })).toEqual([]);
    expect(keys({ shop: ['星河二店', '京东店'] })).toEqual(['星河旗舰店:小雨', 'jd_小周']);
  });

  it('sorts by a metric with the row without a value last in both directions, and by name', () => {
    expect(keys({ sort: { key: 'reply_3min_rate', order: 'descend' } })).toEqual([
      'jd_小周',
      '星河旗舰店:阿青',
      '星河旗舰店:小雨',
    ]);
    expect(keys({ sort: { key: 'reply_3min_rate', order: 'ascend' } })).toEqual([
      '星河旗舰店:阿青',
      'jd_小周',
      '星河旗舰店:小雨',
    ]);
    // no KPI on these tabs: a KPI key keeps the report order
    expect(keys({ sort: { key: 'kpi-final', order: 'ascend' } })).toEqual(keys({ sort: null }));
    const byName = keys({ sort: { key: 'name', order: 'ascend' } });
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('makes the screen’s row key and head of an account and of a shop entry', () => {
    const rate = { value: 0.5 } as MetricValue;
    expect(
      scopeHeadOf({
        platform: 'kuaishou',
        shop: '快乐小店',
        account: '快乐小店:婷婷',
        nickname: '婷婷',
        agent_id: 3,
        agent: '朱婷',
        metrics: { reply_3min_rate: rate },
      }),
    ).toEqual({
      key: 'acc|kuaishou|快乐小店|快乐小店:婷婷',
      platform: 'kuaishou',
      shop: '快乐小店',
      account: '快乐小店:婷婷',
      nickname: '婷婷',
      agent: '朱婷',
      values: { reply_3min_rate: 0.5 },
    });
    expect(scopeHeadOf({ platform: 'jd', shop: '京东店', metrics: {} })).toEqual({
      key: 'shop|jd|京东店',
      platform: 'jd',
      shop: '京东店',
      account: null,
      nickname: null,
      agent: null,
      values: {},
    });
    expect(scopeRowKey({ platform: 'jd', shop: '京东店' })).toBe('shop|jd|京东店');
  });
});
