/** Unit checks behind issue 9: month arithmetic across years, header variants, and a byte-flip sweep over an xlsx. */
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { addMonths, addYears, eachDay, eachMonth, monthIndex } from '../../src/shared/china-time';
import { defaultDateWindow, outsideWindow } from '../../src/main/import/date-window';
import { matchesAlias, normalizeHeader } from '../../src/main/import/headers';
import { readFile } from '../../src/main/import/read';
import { ImportFileError } from '../../src/main/import/types';
import { isSummaryLabel, parseDay } from '../../src/main/import/values';
import { chinaEpoch } from '../../src/shared/china-time';

describe('month arithmetic never compares YYYY-MM strings across years', () => {
  it('counts months by index: 9999-12 + 1 is 10000-01, which comes after it', () => {
    expect(addMonths('9999-12', 1)).toBe('10000-01');
    expect(monthIndex('10000-01') - monthIndex('9999-12')).toBe(1);
    expect(eachMonth('9999-11', '10000-02')).toEqual(['9999-11', '9999-12', '10000-01', '10000-02']);
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('0999-12', 1)).toBe('1000-01');
    expect(eachMonth('2026-11', '2026-10')).toEqual([]);
  });

  it('refuses a range past a century instead of looping over it', () => {
    expect(() => eachMonth('2026-10', '9999-12')).toThrow(RangeError);
    expect(eachMonth('2026-10', '2126-10')).toHaveLength(1201);
    expect(() => eachDay('2026-10-01', '9999-12-31')).toThrow(RangeError);
    expect(eachDay('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  it('addYears keeps the calendar day, 29 February becomes 28 February', () => {
    expect(addYears('2026-12-07', 1)).toBe('2027-12-07');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });
});

describe('date window', () => {
  it('defaults to 2015-01-01 … today + 1 year in China time', () => {
    // 2026-12-31 20:00 Los Angeles is already 2027-01-01 in China
    expect(defaultDateWindow(chinaEpoch(2027, 1, 1, 12, 0, 0)!)).toEqual({
      from: '2015-01-01',
      to: '2028-01-01',
    });
    const w = { from: '2015-01-01', to: '2027-10-04' };
    expect(outsideWindow('2027-10-04', w)).toBeNull();
    expect(outsideWindow('2015-01-01', w)).toBeNull();
    expect(outsideWindow('2027-10-05', w)).toBe('日期 2027-10-05 超出允许范围（2015-01-01 至 2027-10-04）');
  });

  it('parseDay refuses five-digit years (Excel serial 2958466)', () => {
    expect(parseDay({ t: 'n', v: 2958465, z: 'yyyy-mm-dd' })).toEqual({ ok: true, value: '9999-12-31' });
    expect(parseDay({ t: 'n', v: 2958466, z: 'yyyy-mm-dd' })).toEqual({ ok: false, reason: '不是有效日期' });
  });
});

describe('header variants', () => {
  it('treats 【】 [] （） alike and (会话维度)/(人维度) as (会话)/(人)', () => {
    expect(normalizeHeader('3分钟人工回复率【会话】')).toBe('3分钟人工回复率(会话)');
    expect(normalizeHeader('3分钟人工回复率[会话维度]')).toBe('3分钟人工回复率(会话)');
    expect(normalizeHeader('3分钟人工回复率 （会话维度）')).toBe('3分钟人工回复率(会话)');
    expect(matchesAlias('3分钟人工回复率（人维度）', '3分钟人工回复率')).toBe(true);
    expect(matchesAlias('3分钟人工回复率（会话维度）', '3分钟人工回复率')).toBe(false);
  });

  it('drops 店铺数据, 店铺汇总值, 店铺平均值 and any 全店… row, not agents', () => {
    for (const t of [
      '店铺数据',
      '店铺汇总值',
      '店铺平均值',
      '全店汇总值',
      '全店 平均值',
      '全店数据',
      '全店合计',
      '全店',
    ])
      expect(isSummaryLabel(t), t).toBe(true);
    for (const t of ['星河旗舰店', '店铺:全店', '阿青', '合计:', '全店最帅'])
      expect(isSummaryLabel(t), t).toBe(false);
  });
});

describe('zip integrity', () => {
  function book(): Uint8Array {
    const ws = XLSX.utils.aoa_to_sheet([
      ['日期', '店铺', '客服账号', '咨询到人工客服人数'],
      ['2026-10-03', '星河旗舰店', '星河旗舰店:阿青', 30],
      ['2026-10-03', '星河旗舰店', '星河旗舰店:小王', 12],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    return new Uint8Array(
      XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer,
    );
  }

  it('a flipped byte anywhere either fails as an ImportFileError or reads exactly the original cells', () => {
    const good = book();
    const original = JSON.stringify(readFile('a.xlsx', good).sheets);
    let failed = 0;
    const positions = 54;
    for (let k = 0; k < positions; k++) {
      const at = Math.floor(((k + 0.5) * good.length) / positions);
      const flipped = good.slice();
      flipped[at] = flipped[at]! ^ 0x5a;
      try {
        expect(JSON.stringify(readFile('a.xlsx', flipped).sheets), `byte ${at}`).toBe(original);
      } catch (e) {
        if (!(e instanceof ImportFileError)) throw e;
        failed++;
      }
    }
    // most bytes are compressed data or CRCs: nearly every flip is caught
    expect(failed).toBeGreaterThan(positions / 2);
  });
});
