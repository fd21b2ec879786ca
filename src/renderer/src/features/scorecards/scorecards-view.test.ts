import { describe, expect, it } from 'vitest';
import type { MetricSet, MetricValue } from '../../../../shared/report';
import {
  agentGroups,
  HIDDEN_COLUMNS_KEY,
  loadHiddenColumns,
  saveHiddenColumns,
  shapeLocal,
  type LocalRow,
  type ViewRow,
} from './scorecards-view';

const row = (key: string, agentId: number | null, extra: Partial<ViewRow> = {}): ViewRow => ({
  key,
  name: extra.name ?? key,
  agentId,
  agent: null,
  team: null,
  shop: '星河旗舰店',
  words: [],
  ...extra,
});

function memoryStore(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('客服 table shaping', () => {
  it('searches, filters and sorts the account rows with the shared helpers, nulls last', () => {
    const m = (v: number | null): MetricSet => ({ reply_3min_rate: { value: v } as MetricValue });
    const rows: LocalRow[] = [
      {
        ...row('a', null, { name: '星河旗舰店:阿青', agent: '李青', words: ['Aqing'] }),
        platform: 'douyin',
        metrics: m(0.78),
      },
      {
        ...row('b', null, { name: '星河旗舰店:小雨', agent: '王满', shop: '星河二店' }),
        platform: 'douyin',
        metrics: m(null),
      },
      {
        ...row('c', null, { name: 'jd_小周', agent: null, shop: '京东店' }),
        platform: 'jd',
        metrics: m(0.9),
      },
    ];
    const q = { search: '', platform: null, shop: null, sort: null };
    // no sort: the report's order; the columns with data; the filter options over the searched rows
    const all = shapeLocal(rows, q);
    expect(all.ordered.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    expect(all.platforms).toEqual(['douyin', 'jd']);
    expect(all.shops).toEqual(['京东店', '星河二店', '星河旗舰店']);
    expect(all.metrics).toEqual(['reply_3min_rate']);
    // the nickname and the agent's name find an account; 抖音 finds by platform
    expect(shapeLocal(rows, { ...q, search: 'aqing' }).ordered.map((r) => r.key)).toEqual(['a']);
    expect(shapeLocal(rows, { ...q, search: '王满' }).ordered.map((r) => r.key)).toEqual(['b']);
    expect(shapeLocal(rows, { ...q, search: '抖音' }).ordered.map((r) => r.key)).toEqual(['a', 'b']);
    // descending by the rate: 90% before 78%, the row without a value last in both directions
    const desc = { key: 'reply_3min_rate' as const, order: 'descend' as const };
    expect(shapeLocal(rows, { ...q, sort: desc }).ordered.map((r) => r.key)).toEqual(['c', 'a', 'b']);
    const asc = { key: 'reply_3min_rate' as const, order: 'ascend' as const };
    expect(shapeLocal(rows, { ...q, sort: asc }).ordered.map((r) => r.key)).toEqual(['a', 'c', 'b']);
    expect(shapeLocal(rows, { ...q, platform: ['jd'] }).ordered.map((r) => r.key)).toEqual(['c']);
    expect(shapeLocal(rows, { ...q, shop: ['星河二店'] }).ordered.map((r) => r.key)).toEqual(['b']);
  });

  it('keeps the hidden columns across starts and ignores a broken saved value', () => {
    const s = memoryStore();
    expect(loadHiddenColumns(s)).toEqual([]);
    saveHiddenColumns(s, ['sales_amount', 'fcr_3d_rate', 'sales_amount']);
    expect(s.m.get(HIDDEN_COLUMNS_KEY)).toBe('["fcr_3d_rate","sales_amount"]');
    expect(loadHiddenColumns(s)).toEqual(['fcr_3d_rate', 'sales_amount']);
    expect(loadHiddenColumns(memoryStore({ [HIDDEN_COLUMNS_KEY]: '{oops' }))).toEqual([]);
    expect(loadHiddenColumns(memoryStore({ [HIDDEN_COLUMNS_KEY]: '{"a":1}' }))).toEqual([]);
    expect(loadHiddenColumns(memoryStore({ [HIDDEN_COLUMNS_KEY]: '["a",2]' }))).toEqual(['a']);
    expect(loadHiddenColumns(null)).toEqual([]);
  });

  it('anchors an agent group on its first row and opens it below its last', () => {
    const ordered = [
      row('韩冰|抖音', 3),
      row('韩冰|淘宝', 3),
      row('王满|抖音', 1),
      row('x', null),
      row('y', null),
    ];
    const g = agentGroups(ordered, true);
    expect(g.get('韩冰|淘宝')).toEqual({ first: '韩冰|抖音', last: '韩冰|淘宝', size: 2 });
    expect(g.get('王满|抖音')).toEqual({ first: '王满|抖音', last: '王满|抖音', size: 1 });
    // rows without an agent never merge
    expect(g.get('y')).toEqual({ first: 'y', last: 'y', size: 1 });
    // sorted by a per-platform value: every row stands alone
    expect(agentGroups(ordered, false).get('韩冰|淘宝')).toEqual({
      first: '韩冰|淘宝',
      last: '韩冰|淘宝',
      size: 1,
    });
  });
});
