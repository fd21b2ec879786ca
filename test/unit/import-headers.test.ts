import { describe, expect, it } from 'vitest';
import {
  combineTwoRowHeaders,
  findHeaderRow,
  headerHash,
  matchesAlias,
  normalizeHeader,
} from '../../src/main/import/headers';
import { periodFromFileName } from '../../src/main/import/period';
import type { RawCell } from '../../src/main/import/types';

const row = (...cells: (string | number | null)[]): RawCell[] =>
  cells.map((c) => (c === null ? null : typeof c === 'number' ? { t: 'n', v: c } : { t: 's', v: c }));

describe('normalizeHeader', () => {
  it('strips every kind of whitespace, BOM and line break', () => {
    expect(normalizeHeader(' 客服 昵称 ')).toBe('客服昵称');
    expect(normalizeHeader('\uFEFF客服\r\n昵称')).toBe('客服昵称');
    expect(normalizeHeader('询单\u3000人数\t')).toBe('询单人数');
    expect(normalizeHeader('会话\u00A0量\u200B')).toBe('会话量');
  });

  it('makes full-width brackets, letters and percent ASCII and lowercases', () => {
    expect(normalizeHeader('首次响应时长（秒）')).toBe('首次响应时长(秒)');
    expect(normalizeHeader('平均响应时长（秒)')).toBe('平均响应时长(秒)');
    expect(normalizeHeader('ＣＰＤ')).toBe('cpd');
    expect(normalizeHeader('30S应答率')).toBe('30s应答率');
    expect(normalizeHeader('满意率（％）')).toBe('满意率(%)');
  });

  it('spells every arrow as ->', () => {
    expect(normalizeHeader('询单→最终付款人数')).toBe('询单->最终付款人数');
    expect(normalizeHeader('询单－>最终付款人数')).toBe('询单->最终付款人数');
    expect(normalizeHeader('询单 -> 最终付款人数')).toBe('询单->最终付款人数');
    expect(normalizeHeader('询单->最终付款人数')).toBe('询单->最终付款人数');
  });
});

describe('matchesAlias', () => {
  it('matches after normalisation', () => {
    expect(matchesAlias('CPD', 'cpd')).toBe(true);
    expect(matchesAlias('询单->最终付款人数', '询单→最终付款人数')).toBe(true);
    expect(matchesAlias(' 客服昵称\n', '客服昵称')).toBe(true);
  });

  it('matches the alias followed only by a unit', () => {
    expect(matchesAlias('首次响应时长（秒）', '首次响应时长')).toBe(true);
    expect(matchesAlias('平均响应时长（秒)', '平均响应时长')).toBe(true);
    expect(matchesAlias('客服销售额（元）', '客服销售额')).toBe(true);
    expect(matchesAlias('满意率(%)', '满意率')).toBe(true);
    expect(matchesAlias('PC在线时长（时）', 'PC在线时长')).toBe(true);
    expect(matchesAlias('平均响应(S)', '平均响应')).toBe(true);
    expect(matchesAlias('会话量(个)', '会话量')).toBe(true);
    expect(matchesAlias('接待人数（人）', '接待人数')).toBe(true);
    // the alias may carry the unit itself
    expect(matchesAlias('首次响应时长(秒)', '首次响应时长（秒）')).toBe(true);
  });

  it('does not match other units, prefixes, suffixes or a header missing the alias unit', () => {
    expect(matchesAlias('首次响应时长（分）', '首次响应时长')).toBe(false);
    expect(matchesAlias('首次响应时长', '首次响应时长（秒）')).toBe(false);
    expect(matchesAlias('首次响应时长x', '首次响应时长')).toBe(false);
    expect(matchesAlias('新平均响应时长（秒）', '平均响应时长')).toBe(false);
    expect(matchesAlias('平均响应时长（秒）（秒）', '平均响应时长')).toBe(false);
    expect(matchesAlias('(秒)', '')).toBe(false);
    expect(matchesAlias('', '')).toBe(false);
  });
});

describe('findHeaderRow', () => {
  const known = ['旺旺昵称', '咨询人数', '接待人数', '平均响应时长', '答问比'];

  it('skips banner lines and blank rows to the row with the most known headers', () => {
    const rows = [
      row('下载数据最多5000条，超出部分会被截断！'),
      row('https://sycm.taobao.com/'),
      [],
      [],
      row('旺旺昵称', '咨询人数', '接待人数', '平均响应时长（秒）', '旺旺分组'),
      row('阿青', 12, 11, 10.5, '售前'),
    ];
    expect(findHeaderRow(rows, known)).toEqual({ index: 4, score: 4 });
  });

  it('needs at least two matches', () => {
    expect(findHeaderRow([row('旺旺昵称', '其他'), row('x', 'y')], known)).toBeNull();
    expect(findHeaderRow([], known)).toBeNull();
    expect(findHeaderRow([row('旺旺昵称', '咨询人数')], [])).toBeNull();
  });

  it('takes the earliest row on a tie, and a later row only when it scores more', () => {
    const rows = [
      row('x'),
      row('旺旺昵称', '咨询人数'),
      row('接待人数', '答问比'),
      row('旺旺昵称', '咨询人数', '答问比'),
    ];
    expect(findHeaderRow(rows.slice(0, 3), known)).toEqual({ index: 1, score: 2 });
    expect(findHeaderRow(rows, known)).toEqual({ index: 3, score: 3 });
  });

  it('scans only the first 15 rows unless told otherwise', () => {
    const rows: RawCell[][] = Array.from({ length: 15 }, () => row('说明'));
    rows.push(row('旺旺昵称', '咨询人数', '接待人数'));
    expect(findHeaderRow(rows, known)).toBeNull();
    expect(findHeaderRow(rows, known, 20)).toEqual({ index: 15, score: 3 });
  });
});

describe('combineTwoRowHeaders', () => {
  it('fills merged group cells rightwards and joins group/field (生意参谋 接待评价)', () => {
    const top = row('日期', '总', null, null, '邀请', null, '自主', null);
    const bottom = row(null, '发出', '收到', '很满意', '发出', '收到', '发出', '收到');
    expect(combineTwoRowHeaders(top, bottom)).toEqual([
      '日期',
      '总/发出',
      '总/收到',
      '总/很满意',
      '邀请/发出',
      '邀请/收到',
      '自主/发出',
      '自主/收到',
    ]);
  });

  it('uses the field alone where no group is above, and a header merged down both rows alone', () => {
    expect(combineTwoRowHeaders(row(null, '总', null), row('旺旺', '发出', '收到', '满意率'))).toEqual([
      '旺旺',
      '总/发出',
      '总/收到',
      '总/满意率',
    ]);
    expect(combineTwoRowHeaders(row('总', null, '备注', null), row('发出', '收到', null, 'x'))).toEqual([
      '总/发出',
      '总/收到',
      '备注',
      'x',
    ]);
    expect(combineTwoRowHeaders([], [])).toEqual([]);
    expect(combineTwoRowHeaders(row(' 总 ', null), row(' 发出 ', null))).toEqual(['总/发出', '']);
  });
});

describe('headerHash', () => {
  it('is the SHA-256 of the normalised, sorted, non-empty headers', () => {
    expect(headerHash([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(headerHash(['首次响应时长（秒）', '客服昵称', 'CPD'])).toBe(
      'e207e874f93b9d81e11a0c046ccc3fb52e14b30592edaa788b414374e16cc12c',
    );
  });

  it('ignores order, spacing, case, full-width brackets and empty headers', () => {
    const a = headerHash(['客服昵称', 'CPD', '首次响应时长（秒）']);
    expect(headerHash([' cpd', '', '首次响应时长(秒)', '客服\n昵称', '  '])).toBe(a);
    expect(headerHash(['客服昵称', 'CPD'])).not.toBe(a);
  });
});

describe('periodFromFileName', () => {
  const p = (from: string, to = from) => ({ from, to });

  it('reads ranges', () => {
    expect(periodFromFileName('星河旗舰店_客服数据_2026-04-20至2026-04-20.xlsx')).toEqual(p('2026-04-20'));
    expect(periodFromFileName('客服数据2026-10-01~2026-10-31.csv')).toEqual(p('2026-10-01', '2026-10-31'));
    expect(periodFromFileName('客服数据2026-10-01～2026-10-31.csv')).toEqual(p('2026-10-01', '2026-10-31'));
    expect(periodFromFileName('客服数据_2026-10-01_2026-10-31.xlsx')).toEqual(p('2026-10-01', '2026-10-31'));
    expect(periodFromFileName('20261001-20261031.xls')).toEqual(p('2026-10-01', '2026-10-31'));
    expect(periodFromFileName('自定义报表_接待_规则A_2026-10-01至2026-10-31.xlsx')).toEqual(
      p('2026-10-01', '2026-10-31'),
    );
    expect(periodFromFileName('2026年10月1日至2026年10月31日.xlsx')).toEqual(p('2026-10-01', '2026-10-31'));
    expect(periodFromFileName('2026-9-1 至 2026-9-30.csv')).toEqual(p('2026-09-01', '2026-09-30'));
  });

  it('reads one day', () => {
    expect(periodFromFileName('20261003.xlsx')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('客服数据2026-10-03.xlsx')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('2026年10月3日数据.xls')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('report_20261003_153012.xlsx')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('2026-10-03_客服_2026-10-03.xlsx')).toEqual(p('2026-10-03'));
  });

  it('looks at the base name only', () => {
    expect(periodFromFileName('/data/2026-09-01/客服_20261003.xlsx')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('D:\\导出\\2026-09-01\\客服.xlsx')).toBeNull();
  });

  it('skips eight-digit ids that are not dates', () => {
    expect(periodFromFileName('订单12345678.xlsx')).toBeNull();
    expect(periodFromFileName('12345678-87654321_2026-10-03.xlsx')).toEqual(p('2026-10-03'));
    expect(periodFromFileName('export_20261003153012.xlsx')).toBeNull();
  });

  it('is null for impossible dates, backward ranges, two different days or no date', () => {
    expect(periodFromFileName('2026-13-40.xlsx')).toBeNull();
    expect(periodFromFileName('2026-02-30至2026-03-01.xlsx')).toBeNull();
    expect(periodFromFileName('2026-10-31至2026-10-01.xlsx')).toBeNull();
    expect(periodFromFileName('20261031-20261001.xlsx')).toBeNull();
    expect(periodFromFileName('a_2026-10-03_b_2026-10-05.xlsx')).toBeNull();
    expect(periodFromFileName('客服数据.xlsx')).toBeNull();
  });
});
