import { describe, expect, it } from 'vitest';
import {
  agentCount,
  agentGroups,
  HIDDEN_COLUMNS_KEY,
  loadHiddenColumns,
  matchesQuery,
  saveHiddenColumns,
  teamsOf,
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
  it('counts agents, not agent × platform rows', () => {
    const rows = [row('a1', 1), row('a1b', 1), row('a2', 2), row('a3', 3), row('a3b', 3)];
    expect(agentCount(rows)).toBe(3);
    expect(agentCount([])).toBe(0);
  });

  it('lists teams once, in Chinese order, without blanks', () => {
    const rows = [
      row('a', 1, { team: '二组' }),
      row('b', 2, { team: '一组' }),
      row('c', 3),
      row('d', 4, { team: '二组' }),
    ];
    expect(teamsOf(rows)).toEqual(['一组', '二组']);
    // pinyin order would put 二 (er) before 一 (yi) and 十一 before 二
    const many = ['十一组', '二组', '十组', '一组', '售后组'].map((t, i) => row(String(i), i, { team: t }));
    expect(teamsOf(many)).toEqual(['一组', '二组', '十组', '十一组', '售后组']);
  });

  it('finds an agent by the nickname of one of their accounts, case-insensitively', () => {
    const r = row('a', 1, { name: '李青', words: ['星河旗舰店:阿青', 'Aqing'] });
    expect(matchesQuery(r, '抖音', 'aqing')).toBe(true);
    expect(matchesQuery(r, '抖音', '阿青')).toBe(true);
    expect(matchesQuery(r, '抖音', '抖音')).toBe(true);
    expect(matchesQuery(r, '抖音', '小雨')).toBe(false);
    expect(matchesQuery(r, '抖音', '  ')).toBe(true);
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
