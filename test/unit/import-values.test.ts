import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../src/main/import/types';
import {
  cellText,
  columnIsPercent,
  isNullMarker,
  isSummaryLabel,
  parseCount,
  parseDateTime,
  parseDay,
  parseDecimalCell,
  parseDuration,
  parseMoney,
  parseRate,
  parseRatio,
} from '../../src/main/import/values';

const s = (v: string): RawCell => ({ t: 's', v });
const n = (v: number, z?: string): RawCell => (z === undefined ? { t: 'n', v } : { t: 'n', v, z });
const d = (ms: number, z?: string): RawCell =>
  z === undefined ? { t: 'd', v: new Date(ms) } : { t: 'd', v: new Date(ms), z };
const b = (v: boolean): RawCell => ({ t: 'b', v });

const value = <T>(v: T | null) => ({ ok: true, value: v });
const reason = (r: string) => ({ ok: false, reason: r });

describe('cellText', () => {
  it('trims strings and gives empty text for an empty cell', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(s('  阿青 \n'))).toBe('阿青');
    expect(cellText(s('\u3000客服\u3000'))).toBe('客服');
  });

  it('writes numbers in their shortest decimal form, never in exponent notation', () => {
    expect(cellText(n(1234.5))).toBe('1234.5');
    expect(cellText(n(6921234567890124000))).toBe('6921234567890124000');
    expect(cellText(n(1e21))).toBe('1000000000000000000000');
    expect(cellText(n(1.25e22))).toBe('12500000000000000000000');
    expect(cellText(n(1.5e-7))).toBe('0.00000015');
    expect(cellText(n(-2.5e-8))).toBe('-0.000000025');
    expect(cellText(n(0.1 + 0.2))).toBe('0.30000000000000004');
    expect(cellText(n(0))).toBe('0');
  });

  it('writes booleans as Excel shows them and dates as YYYY-MM-DD HH:mm:ss from the UTC fields', () => {
    expect(cellText(b(true))).toBe('TRUE');
    expect(cellText(b(false))).toBe('FALSE');
    expect(cellText(d(Date.UTC(2026, 9, 3, 12, 0, 5)))).toBe('2026-10-03 12:00:05');
    // rounded to the second, as Excel displays it
    expect(cellText(d(Date.UTC(2026, 9, 3, 23, 59, 59, 500)))).toBe('2026-10-04 00:00:00');
  });
});

describe('isNullMarker / isSummaryLabel', () => {
  it('treats empty, dashes, 暂无数据 and 延迟统计 (also full-width) as no data', () => {
    for (const t of [
      '',
      '   ',
      '-',
      '--',
      '—',
      '——',
      '－',
      '－－',
      '暂无数据',
      ' 延迟统计 ',
      '\u3000-\u3000',
    ]) {
      expect(isNullMarker(t), t).toBe(true);
    }
  });

  it('does not treat values as markers', () => {
    for (const t of ['0', '-1', '0%', '---x', '无数据', '阿青']) expect(isNullMarker(t), t).toBe(false);
  });

  it('recognises exactly the summary labels, after trimming', () => {
    for (const t of [
      '汇总',
      ' 合计 ',
      '均值',
      '总值',
      '总计',
      '小计',
      '汇总值',
      '平均值',
      '全店汇总值',
      '全店平均值',
      '店铺汇总值',
      '店铺平均值',
      '同行同层均值',
      '同行同层优秀',
    ]) {
      expect(isSummaryLabel(t), t).toBe(true);
    }
    for (const t of ['汇总表', '合计:', '阿青', '', '星河旗舰店:汇总'])
      expect(isSummaryLabel(t), t).toBe(false);
  });
});

describe('parseCount', () => {
  it('reads whole numbers with or without thousands separators', () => {
    expect(parseCount(s('1,234'))).toEqual(value(1234));
    expect(parseCount(s('1,234,567'))).toEqual(value(1234567));
    expect(parseCount(s(' 12 '))).toEqual(value(12));
    expect(parseCount(s('１２'))).toEqual(value(12));
    expect(parseCount(s('12.0'))).toEqual(value(12));
    expect(parseCount(n(12))).toEqual(value(12));
    expect(parseCount(n(0))).toEqual(value(0));
  });

  it('gives null for no data', () => {
    expect(parseCount(null)).toEqual(value(null));
    expect(parseCount(s('--'))).toEqual(value(null));
    expect(parseCount(s('暂无数据'))).toEqual(value(null));
  });

  it('rejects fractions as 不是整数 and everything else as 不是有效数字', () => {
    expect(parseCount(s('12.5'))).toEqual(reason('不是整数'));
    expect(parseCount(n(12.5))).toEqual(reason('不是整数'));
    expect(parseCount(s('1,2345'))).toEqual(reason('不是有效数字'));
    expect(parseCount(s('1,5'))).toEqual(reason('不是有效数字'));
    expect(parseCount(s('-3'))).toEqual(reason('不是有效数字'));
    expect(parseCount(s('abc'))).toEqual(reason('不是有效数字'));
    expect(parseCount(s('12人'))).toEqual(reason('不是有效数字'));
    expect(parseCount(b(true))).toEqual(reason('不是有效数字'));
    expect(parseCount(d(Date.UTC(2026, 9, 3)))).toEqual(reason('不是有效数字'));
  });
});

describe('parseDecimalCell', () => {
  it('keeps decimals exact', () => {
    expect(parseDecimalCell(s('1,234.50'))).toEqual(value({ n: 123450, d: 100 }));
    expect(parseDecimalCell(s('58.00'))).toEqual(value({ n: 5800, d: 100 }));
    expect(parseDecimalCell(s('-0.5'))).toEqual(value({ n: -5, d: 10 }));
    expect(parseDecimalCell(n(0.1))).toEqual(value({ n: 1, d: 10 }));
    expect(parseDecimalCell(n(12))).toEqual(value({ n: 12, d: 1 }));
  });

  it('gives null for markers and rejects text', () => {
    expect(parseDecimalCell(s('-'))).toEqual(value(null));
    expect(parseDecimalCell(s('x'))).toEqual(reason('不是有效数字'));
    expect(parseDecimalCell(s('12%'))).toEqual(reason('不是有效数字'));
  });
});

describe('columnIsPercent', () => {
  it('is false when every value is a fraction up to 1', () => {
    expect(columnIsPercent([s('0.9971'), s('0.5'), null, s('-'), s('1')])).toBe(false);
    expect(columnIsPercent([n(0.9971), n(1)])).toBe(false);
    expect(columnIsPercent([s('暂无数据'), s('--')])).toBe(false);
    expect(columnIsPercent([])).toBe(false);
  });

  it('is true when any value has % or is above 1', () => {
    expect(columnIsPercent([s('0.9971'), s('99.71%')])).toBe(true);
    expect(columnIsPercent([s('0.5'), s('99.71')])).toBe(true);
    expect(columnIsPercent([s('１００％')])).toBe(true);
    expect(columnIsPercent([n(0.5), n(45)])).toBe(true);
    expect(columnIsPercent([s('1.01')])).toBe(true);
  });

  it('is true for a numeric cell formatted as a percentage', () => {
    expect(columnIsPercent([n(0.9971, '0.00%')])).toBe(true);
    expect(columnIsPercent([n(0.9971, '0.00')])).toBe(false);
  });
});

describe('parseRate', () => {
  const r9971 = value({ n: 9971, d: 10000 });

  it('reads a fraction, a percent string, a bare percent in a percent column and a %-formatted number alike', () => {
    expect(parseRate(s('0.9971'), false)).toEqual(r9971);
    expect(parseRate(s('99.71%'), false)).toEqual(r9971);
    expect(parseRate(s('99.71%'), true)).toEqual(r9971);
    expect(parseRate(s('99.71'), true)).toEqual(r9971);
    expect(parseRate(s(' 99.71 % '), false)).toEqual(r9971);
    expect(parseRate(n(0.9971, '0.00%'), true)).toEqual(r9971);
    expect(parseRate(n(0.9971), false)).toEqual(r9971);
    expect(parseRate(n(99.71), true)).toEqual(r9971);
  });

  it('keeps the scale of the text (58.00% is 5800/10000)', () => {
    expect(parseRate(s('58.00%'), true)).toEqual(value({ n: 5800, d: 10000 }));
    expect(parseRate(s('100%'), true)).toEqual(value({ n: 100, d: 100 }));
    expect(parseRate(s('0%'), true)).toEqual(value({ n: 0, d: 100 }));
    expect(parseRate(s('1'), false)).toEqual(value({ n: 1, d: 1 }));
    expect(parseRate(s('0.5'), true)).toEqual(value({ n: 5, d: 1000 }));
  });

  it('gives null for markers and rejects text and rates outside 0–100%', () => {
    expect(parseRate(s('-'), true)).toEqual(value(null));
    expect(parseRate(null, false)).toEqual(value(null));
    expect(parseRate(s('abc'), false)).toEqual(reason('不是有效比率'));
    expect(parseRate(b(true), false)).toEqual(reason('不是有效比率'));
    expect(parseRate(s('120%'), true)).toEqual(reason('不是有效比率（应在 0%–100% 之间）'));
    expect(parseRate(s('1.2'), false)).toEqual(reason('不是有效比率（应在 0%–100% 之间）'));
    expect(parseRate(s('-5%'), true)).toEqual(reason('不是有效比率（应在 0%–100% 之间）'));
  });
});

describe('parseRatio', () => {
  it('reads 答问比 as a ratio: 145% → 1.45, a plain number as is', () => {
    expect(parseRatio(s('145%'))).toEqual(value({ n: 145, d: 100 }));
    expect(parseRatio(s('1,450%'))).toEqual(value({ n: 1450, d: 100 }));
    expect(parseRatio(s('1.45'))).toEqual(value({ n: 145, d: 100 }));
    expect(parseRatio(n(1.45))).toEqual(value({ n: 145, d: 100 }));
    expect(parseRatio(n(1.45, '0%'))).toEqual(value({ n: 145, d: 100 }));
    expect(parseRatio(s('--'))).toEqual(value(null));
    expect(parseRatio(s('-1'))).toEqual(reason('不是有效数字'));
    expect(parseRatio(s('x'))).toEqual(reason('不是有效数字'));
  });
});

describe('parseDuration', () => {
  const sec = (v: number, scale = 1) => value({ n: v, d: scale });

  it('reads seconds and Chinese unit forms', () => {
    expect(parseDuration(s('12.5'))).toEqual(sec(125, 10));
    expect(parseDuration(s('10分0秒'))).toEqual(sec(600));
    expect(parseDuration(s('35秒'))).toEqual(sec(35));
    expect(parseDuration(s('1小时2分3秒'))).toEqual(sec(3723));
    expect(parseDuration(s('2分'))).toEqual(sec(120));
    expect(parseDuration(s('2分钟'))).toEqual(sec(120));
    expect(parseDuration(s('1时'))).toEqual(sec(3600));
    expect(parseDuration(s('10分0.5秒'))).toEqual(sec(6005, 10));
    expect(parseDuration(s('1h2m3s'))).toEqual(sec(3723));
    expect(parseDuration(s('90s'))).toEqual(sec(90));
  });

  it('reads mm:ss and hh:mm:ss', () => {
    expect(parseDuration(s('05:30'))).toEqual(sec(330));
    expect(parseDuration(s('75:00'))).toEqual(sec(4500));
    expect(parseDuration(s('1:02:03'))).toEqual(sec(3723));
    expect(parseDuration(s('00:00:35'))).toEqual(sec(35));
    expect(parseDuration(s('1:02:03.5'))).toEqual(sec(37235, 10));
    expect(parseDuration(s('1:60'))).toEqual(reason('不是有效时长'));
    expect(parseDuration(s('1:02:60'))).toEqual(reason('不是有效时长'));
    expect(parseDuration(s('1:60:00'))).toEqual(reason('不是有效时长'));
  });

  it('reads a numeric cell as seconds unless its format is a time format', () => {
    expect(parseDuration(n(12.5))).toEqual(sec(125, 10));
    expect(parseDuration(n(12, '#,##0'))).toEqual(sec(12));
    // a quoted literal "s" is not a seconds code
    expect(parseDuration(n(12, '0.0"s"'))).toEqual(sec(12));
    expect(parseDuration(n(35 / 86400, 'h:mm:ss'))).toEqual(sec(35));
    expect(parseDuration(n(0.5, '[h]:mm:ss'))).toEqual(sec(43200));
    expect(parseDuration(n(1.5, '[h]:mm:ss'))).toEqual(sec(129600));
    expect(parseDuration(n(10 / 1440, 'mm:ss'))).toEqual(sec(600));
    expect(parseDuration(n(90 / 86400, '[mm]:ss'))).toEqual(sec(90));
  });

  it('reads a date cell as time since midnight, and a pre-1900-03-01 date as time since day 0', () => {
    expect(parseDuration(d(Date.UTC(1899, 11, 31, 0, 0, 35), 'h:mm:ss'))).toEqual(sec(35));
    expect(parseDuration(d(Date.UTC(1899, 11, 30, 0, 10, 0)))).toEqual(sec(600));
    // 36:00:00 in [h]:mm:ss is dated 1900-01-01 12:00 by SheetJS
    expect(parseDuration(d(Date.UTC(1900, 0, 1, 12), '[h]:mm:ss'))).toEqual(sec(129600));
    expect(parseDuration(d(Date.UTC(2026, 9, 3, 0, 1, 5)))).toEqual(sec(65));
    expect(parseDuration(d(Date.UTC(1899, 11, 31, 0, 0, 34, 600)))).toEqual(sec(35));
  });

  it('gives null for markers and rejects the rest', () => {
    expect(parseDuration(null)).toEqual(value(null));
    expect(parseDuration(s('暂无数据'))).toEqual(value(null));
    expect(parseDuration(s('abc'))).toEqual(reason('不是有效时长'));
    expect(parseDuration(s('-5'))).toEqual(reason('不是有效时长'));
    expect(parseDuration(s('秒'))).toEqual(reason('不是有效时长'));
    expect(parseDuration(b(false))).toEqual(reason('不是有效时长'));
  });
});

describe('parseMoney', () => {
  it('reads yuan with separators, ¥ / ￥ and 元', () => {
    expect(parseMoney(s('1,234.50'))).toEqual(value({ n: 123450, d: 100 }));
    expect(parseMoney(s('¥1234.5'))).toEqual(value({ n: 12345, d: 10 }));
    expect(parseMoney(s('￥1234.5'))).toEqual(value({ n: 12345, d: 10 }));
    expect(parseMoney(s('1234.5元'))).toEqual(value({ n: 12345, d: 10 }));
    expect(parseMoney(s('¥ 1,234'))).toEqual(value({ n: 1234, d: 1 }));
    expect(parseMoney(s('-¥12'))).toEqual(value({ n: -12, d: 1 }));
    expect(parseMoney(s('¥-12'))).toEqual(value({ n: -12, d: 1 }));
    expect(parseMoney(n(1234.5))).toEqual(value({ n: 12345, d: 10 }));
  });

  it('gives null for markers and rejects the rest', () => {
    expect(parseMoney(s('-'))).toEqual(value(null));
    expect(parseMoney(s('¥'))).toEqual(reason('不是有效金额'));
    expect(parseMoney(s('12元5角'))).toEqual(reason('不是有效金额'));
    expect(parseMoney(s('abc'))).toEqual(reason('不是有效金额'));
    expect(parseMoney(s('1,23.4'))).toEqual(reason('不是有效金额'));
    expect(parseMoney(d(Date.UTC(2026, 9, 3)))).toEqual(reason('不是有效金额'));
  });
});

describe('parseDay', () => {
  it('reads every written date form, with or without a time', () => {
    for (const t of [
      '2026-10-03',
      '2026/10/3',
      '2026.10.03',
      '2026年10月3日',
      '2026年10月03日',
      '20261003',
      '2026-10-03 12:34',
      '2026-10-03T08:00:00',
      '2026/10/3 8:05:09',
      '2026年10月3日 12:00',
      '2026年10月3日12:00:00',
      ' 2026-10-03 23:59:59 ',
    ]) {
      expect(parseDay(s(t)), t).toEqual(value('2026-10-03'));
    }
  });

  it('reads Excel serials, with the Lotus leap day', () => {
    expect(parseDay(n(46298))).toEqual(value('2026-10-03'));
    expect(parseDay(n(46298.75))).toEqual(value('2026-10-03'));
    // 0.6 s before midnight rounds to the next day, as Excel shows it
    expect(parseDay(n(46298 + (86400 - 0.4) / 86400))).toEqual(value('2026-10-04'));
    expect(parseDay(n(1, 'yyyy-mm-dd'))).toEqual(value('1900-01-01'));
    expect(parseDay(n(59, 'yyyy-mm-dd'))).toEqual(value('1900-02-28'));
    expect(parseDay(n(60, 'yyyy-mm-dd'))).toEqual(reason('不是有效日期'));
    expect(parseDay(n(61, 'yyyy-mm-dd'))).toEqual(value('1900-03-01'));
    expect(parseDay(n(45658, 'yyyy"年"m"月"d"日"'))).toEqual(value('2025-01-01'));
  });

  it('reads yyyymmdd written as a number and does not take small numbers for serials', () => {
    expect(parseDay(n(20261003))).toEqual(value('2026-10-03'));
    expect(parseDay(n(20261340))).toEqual(reason('不是有效日期'));
    expect(parseDay(n(60))).toEqual(reason('不是有效日期'));
    expect(parseDay(n(12345))).toEqual(reason('不是有效日期'));
    expect(parseDay(n(46298, '0.00'))).toEqual(value('2026-10-03'));
  });

  it('reads date cells from their UTC fields, rounded to the second', () => {
    expect(parseDay(d(Date.UTC(2026, 9, 3)))).toEqual(value('2026-10-03'));
    expect(parseDay(d(Date.UTC(2026, 9, 3, 23, 30)))).toEqual(value('2026-10-03'));
    expect(parseDay(d(Date.UTC(2026, 9, 3, 23, 59, 59, 600)))).toEqual(value('2026-10-04'));
    // a time without a date
    expect(parseDay(d(Date.UTC(1899, 11, 31, 12)))).toEqual(reason('不是有效日期'));
  });

  it('rejects impossible dates and gives null for markers', () => {
    for (const t of [
      '2026-13-40',
      '2026-02-29',
      '2026-10-03 25:00',
      '2026-10-3x',
      'abc',
      '46298',
      '10/03/2026',
    ]) {
      expect(parseDay(s(t)), t).toEqual(reason('不是有效日期'));
    }
    expect(parseDay(s('2024-02-29'))).toEqual(value('2024-02-29'));
    expect(parseDay(b(true))).toEqual(reason('不是有效日期'));
    expect(parseDay(null)).toEqual(value(null));
    expect(parseDay(s('--'))).toEqual(value(null));
  });
});

describe('parseDateTime', () => {
  // 2026-10-03 12:00:00 China = 04:00:00 UTC
  const NOON = 1791000000;
  const MIDNIGHT = 1790956800;

  it('reads text as the China wall clock', () => {
    expect(parseDateTime(s('2026-10-03 12:00:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026-10-03 12:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026/10/3 12:00:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026年10月3日 12:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('20261003 12:00:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026-10-03T12:00:00'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026/10/3 8:05:09'))).toEqual(value(1790985909));
    expect(parseDateTime(s('2024-02-29 23:59:59'))).toEqual(value(1709222399));
  });

  it('drops fractions of a second in text, reads a date alone as 00:00 and 24:00:00 as the next midnight', () => {
    expect(parseDateTime(s('2026-10-03 12:00:00.789'))).toEqual(value(NOON));
    expect(parseDateTime(s('2026-10-03'))).toEqual(value(MIDNIGHT));
    expect(parseDateTime(s('2026-10-03 24:00:00'))).toEqual(value(MIDNIGHT + 86400));
  });

  it('reads serials with a fraction and date cells, rounding to the second', () => {
    expect(parseDateTime(n(46298.5))).toEqual(value(NOON));
    expect(parseDateTime(n(46298.5 + 0.6 / 86400))).toEqual(value(NOON + 1));
    expect(parseDateTime(n(46298.5, 'yyyy-mm-dd hh:mm:ss'))).toEqual(value(NOON));
    expect(parseDateTime(n(20261003))).toEqual(value(MIDNIGHT));
    expect(parseDateTime(d(Date.UTC(2026, 9, 3, 12)))).toEqual(value(NOON));
    expect(parseDateTime(d(Date.UTC(2026, 9, 3, 12, 0, 0, 499)))).toEqual(value(NOON));
  });

  it('rejects impossible or dateless times as 不是有效时间', () => {
    for (const cell of [
      s('2026-13-40 10:00'),
      s('2026-10-03 12:60'),
      s('2026-10-03 24:00:01'),
      s('12:00:00'),
      s('昨天'),
      d(Date.UTC(1899, 11, 31, 12)),
      n(0.5, 'h:mm'),
      b(true),
    ]) {
      expect(parseDateTime(cell)).toEqual(reason('不是有效时间'));
    }
    expect(parseDateTime(s('延迟统计'))).toEqual(value(null));
  });
});
