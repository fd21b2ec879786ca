import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, validateScheme } from '../../../../shared/kpi/scheme';
import {
  formErrors,
  fromScheme,
  fromShown,
  patchRow,
  scopeText,
  shownText,
  toSchemeJson,
  toShown,
} from './scheme-draft';

describe('scheme editor draft', () => {
  it('round-trips the shipped scheme through the form unchanged and valid', () => {
    const json = toSchemeJson(fromScheme(DEFAULT_SCHEME));
    expect(json).toEqual(JSON.parse(JSON.stringify(DEFAULT_SCHEME)));
    expect(validateScheme(json).ok).toBe(true);
  });

  it('edits rates as percentages without floating-point noise, durations in seconds', () => {
    expect(toShown('reply_3min_rate', 0.95)).toBe(95);
    expect(fromShown('reply_3min_rate', 95)).toBe(0.95);
    expect(toShown('avg_response_s', 30)).toBe(30);
    expect(shownText('good_rate', 0.8)).toBe('80%');
    expect(shownText('avg_response_s', 30)).toBe('30秒');
    expect(shownText('conversion_rate', null)).toBe('—');
  });

  it('needs a shop when the scope is not every shop', () => {
    const d = { ...fromScheme(DEFAULT_SCHEME), scope_all: false, shops: [] };
    expect(formErrors(d)).toEqual(['适用店铺：请选择至少一个店铺，或改为“全部店铺”']);
    expect(scopeText({ scope: { shops: [] } })).toBe('全部店铺');
    expect(scopeText({ scope: { shops: [{ platform: 'douyin', shop: '星河旗舰店' }] } })).toBe(
      '抖音·星河旗舰店',
    );
  });

  it('leaves an emptied weight out of the JSON so the validator names the missing field', () => {
    const d = fromScheme(DEFAULT_SCHEME);
    d.items[0]!.weight = null;
    const json = toSchemeJson(d) as { items: Record<string, unknown>[] };
    expect('weight' in json.items[0]!).toBe(false);
    expect(validateScheme(json).ok).toBe(false);
  });

  it('changes only the row of the key, keeping the others and the order', () => {
    const rows = [
      { key: 'a', name: '出勤', max: 100 },
      { key: 'b', name: '质检', max: 100 },
    ];
    expect(patchRow(rows, 'b', { max: 50 })).toEqual([
      { key: 'a', name: '出勤', max: 100 },
      { key: 'b', name: '质检', max: 50 },
    ]);
    expect(patchRow(rows, 'x', { max: 0 })).toEqual(rows);
  });
});
