import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/main/import/read';
import { ImportFileError, type RawCell, type ReadResult } from '../../src/main/import/types';

const FIXTURES = fileURLToPath(new URL('../fixtures/read/', import.meta.url));

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Cells as plain values, for compact expectations. */
function values(result: ReadResult, sheet = 0): (string | number | boolean | null)[][] {
  const rows = result.sheets[sheet]?.rows ?? [];
  return rows.map((row) =>
    row.map((c: RawCell) => (c === null ? null : c.t === 'd' ? c.v.toISOString() : c.v)),
  );
}

function failure(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected an ImportFileError');
}

describe('readFile: CSV and text', () => {
  it('decodes GBK bytes as GB18030 and keeps ids and leading zeros as text', () => {
    const bytes = fixture('gbk.csv');
    // 客服 in GBK is BF CD B7 FE: the fixture really is GBK, not UTF-8
    expect([...bytes.subarray(0, 4)]).toEqual([0xbf, 0xcd, 0xb7, 0xfe]);
    const r = readFile('客服数据.csv', bytes);
    expect(r.format).toBe('csv');
    expect(r.encoding).toBe('gb18030');
    expect(r.sheets).toHaveLength(1);
    expect(r.sheets[0]?.name).toBe('客服数据');
    expect(values(r)).toEqual([
      ['客服', '订单号', '编号', '金额'],
      ['小王', '6921234567890123456', '00123', '1,234.50'],
    ]);
  });

  it('strips a UTF-8 BOM, keeps blank rows so rows[i] is Excel row i+1, quoted line breaks and stray quotes', () => {
    const r = readFile('utf8-bom.csv', fixture('utf8-bom.csv'));
    expect(r.format).toBe('csv');
    expect(r.encoding).toBe('utf-8');
    expect(values(r)).toEqual([
      ['下载数据最多5000条，超出部分会被截断！'],
      [],
      ['客服昵称', '会话ID', '备注'],
      ['阿青', '6921234567890123456', '两行\n备注'],
      ['小王', '00123'],
      ['老李', 'x', '5"寸'],
    ]);
  });

  it('never infers types: numbers, percents, dates and TRUE stay strings; empty cells are null', () => {
    const r = readFile('a.csv', utf8('1.50,99.71%,2026-10-03,TRUE,,=1+1\n'));
    expect(r.sheets[0]?.rows).toEqual([
      [
        { t: 's', v: '1.50' },
        { t: 's', v: '99.71%' },
        { t: 's', v: '2026-10-03' },
        { t: 's', v: 'TRUE' },
        null,
        { t: 's', v: '=1+1' },
      ],
    ]);
  });

  it('reads a CSV named .xls by its content', () => {
    const r = readFile('客服数据.xls', fixture('csv-named.xls'));
    expect(r.format).toBe('csv');
    expect(values(r)).toEqual([
      ['客服', '订单号'],
      ['阿青', '6921234567890123456'],
    ]);
  });

  it('reads tab-separated GBK text saved as .xls', () => {
    const r = readFile('jd.xls', fixture('tsv-gbk.xls'));
    expect(r.format).toBe('csv');
    expect(r.encoding).toBe('gb18030');
    expect(values(r)).toEqual([
      ['客服', '订单号', '日期'],
      ['小王', '6921234567890123456', '2026-10-03'],
    ]);
  });

  it('keeps CRLF and CR line ends apart from cell text', () => {
    expect(values(readFile('a.csv', utf8('a,b\r\n1,2\r\n')))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(values(readFile('a.csv', utf8('a,b\r1,2\r')))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops trailing empty cells and trailing blank rows but keeps leading ones', () => {
    expect(values(readFile('a.csv', utf8('\n\na,b,,\n,\n\n')))).toEqual([[], [], ['a', 'b']]);
  });

  it('fails with a CSV message naming the file when a quote never closes', () => {
    const e = failure(() => readFile('坏.csv', utf8('a,b\n1,"open\n')));
    expect(e.message).toBe('文件“坏.csv”无法读取：CSV 格式错误（第 2 行附近引号不成对）');
    expect(e.code).toBe('corrupt');
  });
});

describe('readFile: HTML saved as .xls', () => {
  it('decodes a GBK page and keeps every cell a string (19-digit ids, 00123, 1,234.50, 99.71%, TRUE)', () => {
    const r = readFile('生意参谋.xls', fixture('html-gbk.xls'));
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('gb18030');
    expect(r.sheets[0]?.rows).toEqual([
      [
        { t: 's', v: '订单号' },
        { t: 's', v: '金额' },
        { t: 's', v: '日期' },
        { t: 's', v: '比率' },
      ],
      [
        { t: 's', v: '6921234567890123456' },
        { t: 's', v: '1,234.50' },
        { t: 's', v: '2026-10-03' },
        { t: 's', v: '99.71%' },
      ],
      [{ t: 's', v: '00123' }, { t: 's', v: '12' }, null, { t: 's', v: 'TRUE' }],
    ]);
  });

  it('detects a UTF-8 page with a BOM and leading whitespace, and decodes entities', () => {
    const html =
      '\uFEFF  \n<html><body><TABLE><tr><td>店铺 &amp; 客服</td><td>会话ID</td></tr>' +
      '<tr><td>星河</td><td>12345678901234567890</td></tr></TABLE></body></html>';
    const r = readFile('x.xls', utf8(html));
    expect(r.format).toBe('html');
    expect(r.encoding).toBe('utf-8');
    expect(values(r)).toEqual([
      ['店铺 & 客服', '会话ID'],
      ['星河', '12345678901234567890'],
    ]);
  });

  it('refuses a web page without a table (a login page saved as .xls)', () => {
    const e = failure(() => readFile('登录.xls', utf8('<!DOCTYPE html><html><body>请登录</body></html>')));
    expect(e.message).toBe('文件“登录.xls”无法读取：文件已损坏或不是表格文件');
    expect(e.code).toBe('corrupt');
  });
});

describe('readFile: xlsx and xls', () => {
  it('keeps banner rows and blank rows above the header, text ids, dates in UTC fields and number formats', () => {
    const r = readFile('咨询接待.xlsx', fixture('banner.xlsx'));
    expect(r.format).toBe('xlsx');
    expect(r.encoding).toBeUndefined();
    expect(r.sheets.map((s) => s.name)).toEqual(['数据信息']);
    const rows = r.sheets[0]!.rows;
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual([{ t: 's', v: '下载数据最多5000条，超出部分会被截断！' }]);
    expect(rows[1]).toEqual([{ t: 's', v: 'https://sycm.taobao.com/' }]);
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual([]);
    expect(rows[4]?.map((c) => (c?.t === 's' ? c.v : null))).toEqual([
      '旺旺昵称',
      '订单号',
      '日期',
      '满意率',
      '平均响应时长',
      '咨询人数',
    ]);
    expect(rows[5]).toEqual([
      { t: 's', v: '星河旗舰店:阿青' },
      { t: 's', v: '6921234567890123456' },
      { t: 'd', v: new Date(Date.UTC(2026, 9, 3, 12, 0, 0)), z: 'yyyy-mm-dd hh:mm:ss' },
      { t: 'n', v: 0.9971, z: '0.00%' },
      // SheetJS dates a pure time on 1899-12-31 (Excel's day 0)
      { t: 'd', v: new Date(Date.UTC(1899, 11, 31, 0, 0, 35)), z: 'h:mm:ss' },
      { t: 'n', v: 120 },
    ]);
    expect(rows[6]).toEqual([{ t: 's', v: '汇总' }, null, null, null, null, { t: 'n', v: 120 }]);
  });

  it('passes a numeric 19-digit id through as the float SheetJS gives (rejected later, not here)', () => {
    const r = readFile('ids.xlsx', fixture('numeric-id.xlsx'));
    expect(r.sheets[0]?.rows[1]).toEqual([{ t: 'n', v: 6921234567890124000 }]);
  });

  it('reads every sheet, an empty one as no rows', () => {
    const r = readFile('千牛.xlsx', fixture('two-sheets.xlsx'));
    expect(r.sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['按客服查看', 2],
      ['空', 0],
    ]);
    expect(r.sheets[0]?.rows[1]).toEqual([
      { t: 's', v: '阿青' },
      { t: 'n', v: 12.5 },
    ]);
  });

  it('reads Excel 97 .xls (BIFF8) with its date cells', () => {
    const r = readFile('整体数据.xls', fixture('biff8.xls'));
    expect(r.format).toBe('xls');
    expect(r.sheets[0]?.name).toBe('整体数据');
    expect(r.sheets[0]?.rows).toEqual([
      [
        { t: 's', v: '客服' },
        { t: 's', v: '日期' },
      ],
      [
        { t: 's', v: '阿青' },
        { t: 'd', v: new Date(Date.UTC(2026, 9, 3)), z: 'yyyy-mm-dd' },
      ],
    ]);
  });

  it('decodes codepage-936 strings in an Excel 5 .xls (needs set_cptable in the ESM build)', () => {
    const r = readFile('old.xls', fixture('cp936.xls'));
    expect(r.format).toBe('xls');
    expect(values(r)).toEqual([
      ['客服', '订单号'],
      ['小王', 5],
    ]);
  });

  it('goes by content, not the extension: an xlsx named .csv is read as xlsx', () => {
    expect(readFile('banner.csv', fixture('banner.xlsx')).format).toBe('xlsx');
  });

  it('keeps error cells as their text so the value parsers reject them visibly', () => {
    const ws: XLSX.WorkSheet = {
      A1: { t: 'e', v: 7, w: '#DIV/0!' },
      B1: { t: 'b', v: true },
      '!ref': 'A1:B1',
    };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(readFile('e.xlsx', bytes).sheets[0]?.rows).toEqual([
      [
        { t: 's', v: '#DIV/0!' },
        { t: 'b', v: true },
      ],
    ]);
  });
});

describe('readFile: refusals', () => {
  it('refuses an empty file', () => {
    const e = failure(() => readFile('empty.csv', fixture('empty.csv')));
    expect(e.message).toBe('文件“empty.csv”是空文件');
    expect(e.code).toBe('empty');
  });

  it('refuses a file of only a BOM and blank lines as empty', () => {
    const e = failure(() => readFile('blank.csv', new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a, 0x20])));
    expect(e.code).toBe('empty');
  });

  it('refuses a truncated xlsx as corrupt', () => {
    const e = failure(() => readFile('半截.xlsx', fixture('truncated.xlsx')));
    expect(e.message).toBe('文件“半截.xlsx”无法读取：文件已损坏或不是表格文件');
    expect(e.code).toBe('corrupt');
  });

  it('refuses a zip that is not a spreadsheet as corrupt', () => {
    const bytes = buildStoredZip(utf8('a.txt'), utf8('hello'));
    const e = failure(() => readFile('x.xlsx', bytes));
    expect(e.code).toBe('corrupt');
  });

  it('refuses binary garbage that is neither zip nor OLE', () => {
    const e = failure(() =>
      readFile('x.xlsx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    );
    expect(e.message).toBe('文件“x.xlsx”无法读取：文件已损坏或不是表格文件');
  });

  it('refuses a password-protected xlsx (an OLE container with EncryptionInfo)', () => {
    const e = failure(() => readFile('加密.xlsx', fixture('encrypted.xlsx')));
    expect(e.message).toBe('文件“加密.xlsx”已加密，请在 Excel 中取消密码后再导入');
    expect(e.code).toBe('encrypted');
  });

  it('refuses a zip whose central directory declares more than 20× the file size, before inflating', () => {
    const e = failure(() => readFile('bomb.xlsx', fixture('zip-bomb.xlsx')));
    expect(e.message).toBe('文件“bomb.xlsx”解压后过大，已拒绝');
    expect(e.code).toBe('zip_bomb');
  });

  it('accepts a zip whose declared size is within 20×', () => {
    const bytes = buildStoredZip(utf8('a.txt'), utf8('x'));
    // stored, so declared = actual: not a bomb, just not a spreadsheet
    expect(failure(() => readFile('x.xlsx', bytes)).code).toBe('corrupt');
  });

  it('refuses a file over 200 MB before parsing', () => {
    const big = new Uint8Array(200 * 1024 * 1024 + 1);
    const e = failure(() => readFile('大.csv', big));
    expect(e.message).toBe('文件“大.csv”超过 200 MB，已拒绝');
    expect(e.code).toBe('too_large');
  });

  it('refuses more rows than maxRows, counting blank rows, for CSV and xlsx', () => {
    expect(readFile('a.csv', utf8('a\nb\nc\n'), { maxRows: 3 }).sheets[0]?.rows).toHaveLength(3);
    const csv = failure(() => readFile('a.csv', utf8('a\nb\nc\nd\n'), { maxRows: 3 }));
    expect(csv.message).toBe('文件“a.csv”超过 3 行，已拒绝');
    expect(csv.code).toBe('too_many_rows');
    expect(readFile('b.xlsx', fixture('banner.xlsx'), { maxRows: 7 }).sheets[0]?.rows).toHaveLength(7);
    expect(failure(() => readFile('b.xlsx', fixture('banner.xlsx'), { maxRows: 6 })).code).toBe(
      'too_many_rows',
    );
  });

  it('counts rows over all sheets', () => {
    expect(readFile('t.xlsx', fixture('two-sheets.xlsx'), { maxRows: 2 }).sheets).toHaveLength(2);
    expect(failure(() => readFile('t.xlsx', fixture('two-sheets.xlsx'), { maxRows: 1 })).code).toBe(
      'too_many_rows',
    );
  });

  it('refuses UTF-16 text with a hint to save as CSV UTF-8', () => {
    const e = failure(() => readFile('u.txt', new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00])));
    expect(e.message).toContain('UTF-16');
    expect(e.message).toContain('“u.txt”');
  });
});

/** A minimal valid zip with one stored (uncompressed) entry. */
function buildStoredZip(name: Uint8Array, data: Uint8Array): Uint8Array {
  const crc = crc32(data);
  const local = new Uint8Array(30 + name.length + data.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  local.set(data, 30 + name.length);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, name.length, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length, true);
  const out = new Uint8Array(local.length + central.length + end.length);
  out.set(local, 0);
  out.set(central, local.length);
  out.set(end, local.length + central.length);
  return out;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
