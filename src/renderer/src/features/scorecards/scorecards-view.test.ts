import { describe, expect, it } from 'vitest';
import {
  agentGroups,
  HIDDEN_COLUMNS_KEY,
  loadHiddenColumns,
  saveHiddenColumns,
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
