/**
 * Read stage of the import pipeline (architecture.md #5): bytes → sheets of raw cells. The format is decided by
 * content, never by the file name (imports.md §1), and nothing here infers types from text.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
// the ".full" entry (not ".full.mjs") resolves under both ESM (vitest, the bundler) and CommonJS (tsx, the CLI)
import * as cptable from 'xlsx/dist/cpexcel.full';
import { scanCsv } from './csv-scan';
import { ImportFileError, type RawCell, type RawSheet, type ReadResult } from './types';

// SheetJS's ESM build ships without codepage tables: without them a codepage-936 .xls reads as mojibake
XLSX.set_cptable(cptable);

const MAX_BYTES = 200 * 1024 * 1024;
/** Distinct values a CSV column may share cell objects for (readCsv). */
const MEMO_CAP = 2048;
const DEFAULT_MAX_ROWS = 2_000_000;
const MAX_INFLATE_RATIO = 20;
/**
 * Spreadsheet XML compresses well: a genuine 200-agent month can inflate more than 20× while staying small. The
 * ratio only refuses files that would inflate past this size, where memory is really at stake.
 */
const MIN_INFLATED_TO_REFUSE = 64 * 1024 * 1024;

type Sniffed = 'zip' | 'ole' | 'text';

/**
 * Reads a spreadsheet file of any supported kind (xlsx, xls, HTML saved as .xls, CSV in UTF-8 or GB18030) into raw
 * sheets where rows[i] is Excel row i + 1. Throws ImportFileError (Chinese message naming the file) for an empty,
 * corrupt, encrypted or over-limit file.
 */
export function readFile(name: string, bytes: Uint8Array, limits?: { maxRows?: number }): ReadResult {
  const maxRows = limits?.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length === 0) throw fail(name, '是空文件', 'empty file', 'empty');
  if (bytes.length > MAX_BYTES) {
    throw fail(name, '超过 200 MB，已拒绝', `${bytes.length} bytes`, 'too_large');
  }
  const kind = sniff(bytes);
  if (kind === 'zip') {
    checkZipInflation(name, bytes);
    checkZipCrc(name, bytes);
    return { format: 'xlsx', sheets: readWorkbook(name, bytes, maxRows, false) };
  }
  if (kind === 'ole') return { format: 'xls', sheets: readWorkbook(name, bytes, maxRows, false) };
  return readText(name, bytes, maxRows);
}

function fail(name: string, what: string, detail: string, code: string): ImportFileError {
  return new ImportFileError(`文件“${name}”${what}`, detail, code);
}

function corrupt(name: string, detail: string): ImportFileError {
  return fail(name, '无法读取：文件已损坏或不是表格文件', detail, 'corrupt');
}

function encrypted(name: string, detail: string): ImportFileError {
  return fail(name, '已加密，请在 Excel 中取消密码后再导入', detail, 'encrypted');
}

function tooManyRows(name: string, maxRows: number): ImportFileError {
  return fail(name, `超过 ${maxRows} 行，已拒绝`, `more than ${maxRows} rows`, 'too_many_rows');
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function sniff(bytes: Uint8Array): Sniffed {
  // PK\3\4 is a zip with entries; PK\5\6 an empty zip, which fails later as corrupt rather than as "CSV"
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return 'text';
}

/**
 * Sum of the uncompressed sizes the zip's central directory declares, or null when the directory cannot be found
 * or is inconsistent. Read from the directory itself so a zip bomb is refused before anything is inflated.
 */
function zipDeclaredSize(b: Uint8Array): number | null {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= lowest; i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let entries = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || dv.getUint32(locator, true) !== 0x07064b50) return null;
    const rec = Number(dv.getBigUint64(locator + 8, true));
    if (rec + 56 > b.length || dv.getUint32(rec, true) !== 0x06064b50) return null;
    entries = Number(dv.getBigUint64(rec + 32, true));
    cdSize = Number(dv.getBigUint64(rec + 40, true));
    cdOffset = Number(dv.getBigUint64(rec + 48, true));
  }
  const cdEnd = cdOffset + cdSize;
  if (cdEnd > b.length) return null;
  let total = 0;
  let p = cdOffset;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > cdEnd || dv.getUint32(p, true) !== 0x02014b50) return null;
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    if (size === 0xffffffff) {
      // zip64: the real size is the first field of the 0x0001 extra block
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      let found = false;
      while (e + 4 <= extraEnd && e + 4 <= b.length) {
        const id = dv.getUint16(e, true);
        const len = dv.getUint16(e + 2, true);
        if (id === 0x0001 && len >= 8 && e + 12 <= b.length) {
          size = Number(dv.getBigUint64(e + 4, true));
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) return null;
    }
    total += size;
    p += 46 + nameLen + extraLen + commentLen;
  }
  return total;
}

function checkZipInflation(name: string, bytes: Uint8Array): void {
  const declared = zipDeclaredSize(bytes);
  if (declared === null) throw corrupt(name, 'zip central directory not found or inconsistent');
  if (declared > MAX_INFLATE_RATIO * bytes.length && declared > MIN_INFLATED_TO_REFUSE) {
    throw fail(
      name,
      '解压后过大，已拒绝',
      `declared uncompressed ${declared} bytes > ${MAX_INFLATE_RATIO} × ${bytes.length}`,
      'zip_bomb',
    );
  }
}

/**
 * Inflates every zip entry and compares its CRC-32 with the central directory's: SheetJS does not, so a flipped
 * byte inside a worksheet would otherwise import as a different number or a garbage shop name. Runs after the
 * inflation check, so the sizes inflated here are bounded.
 */
function checkZipCrc(name: string, b: Uint8Array): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(name, 'zip end of central directory not found');
  const entries = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  // zip64 archives (over 65535 entries or 4 GB) are far past the size limit of a platform export
  if (entries === 0xffff || cdOffset === 0xffffffff) return;
  let p = cdOffset;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > b.length || dv.getUint32(p, true) !== 0x02014b50)
      throw corrupt(name, 'zip directory entry broken');
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    const compressed = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const entryName = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (entryName.endsWith('/')) continue;
    const bad = (why: string): ImportFileError =>
      fail(
        name,
        `已损坏：压缩包内的“${entryName}”${why}（文件可能下载不完整或被改动，请重新导出）`,
        `zip entry ${entryName}: ${why}`,
        'corrupt',
      );
    if (local + 30 > b.length || dv.getUint32(local, true) !== 0x04034b50) throw bad('找不到数据');
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    if (start + compressed > b.length) throw bad('数据不完整');
    const data = b.subarray(start, start + compressed);
    let plain: Uint8Array;
    if (method === 0) plain = data;
    else if (method === 8) {
      try {
        plain = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw bad('无法解压');
      }
    } else continue;
    if (plain.length !== size || crc32(plain) >>> 0 !== crc) throw bad('校验失败（CRC 不符）');
  }
}

function hasEncryptionInfo(bytes: Uint8Array): boolean {
  try {
    const cfb = (
      XLSX.CFB as { read(data: Uint8Array, opts: { type: 'array' }): { FullPaths?: string[] } }
    ).read(bytes, { type: 'array' });
    return (cfb.FullPaths ?? []).some((p) => /(^|\/)EncryptionInfo$/i.test(p));
  } catch {
    return false;
  }
}

function readWorkbook(name: string, data: Uint8Array | string, maxRows: number, html: boolean): RawSheet[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(data, {
      type: typeof data === 'string' ? 'string' : 'array',
      cellDates: true,
      cellNF: true,
      dense: true,
      // raw keeps HTML cells as text: SheetJS would otherwise turn a 19-digit order id into a float
      raw: html,
      // one row past the limit is enough to know the file is over it, without holding the rest in memory
      sheetRows: maxRows + 1,
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(detail)) throw encrypted(name, detail);
    if (typeof data !== 'string' && sniff(data) === 'ole' && hasEncryptionInfo(data))
      throw encrypted(name, detail);
    throw corrupt(name, detail);
  }
  const sheets: RawSheet[] = [];
  let total = 0;
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    const rows = ws ? sheetRows(ws, html) : [];
    total += rows.length;
    if (total > maxRows) throw tooManyRows(name, maxRows);
    sheets.push({ name: sheetName, rows });
  }
  if (sheets.length === 0) throw corrupt(name, 'workbook has no sheets');
  if (total === 0) throw fail(name, '没有任何数据', 'every sheet is empty', 'empty');
  return sheets;
}

function sheetRows(ws: XLSX.WorkSheet, html: boolean): RawCell[][] {
  const data: (XLSX.CellObject[] | undefined)[] = ws['!data'] ?? [];
  const rows: RawCell[][] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    const row: RawCell[] = [];
    if (src) for (let c = 0; c < src.length; c++) row.push(toRawCell(src[c], html));
    trimTrailingNulls(row);
    rows.push(row);
  }
  trimTrailingEmptyRows(rows);
  return rows;
}

function trimTrailingNulls(row: RawCell[]): void {
  while (row.length > 0 && row[row.length - 1] === null) row.pop();
}

function trimTrailingEmptyRows(rows: RawCell[][]): void {
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
}

function toRawCell(c: XLSX.CellObject | undefined, html: boolean): RawCell {
  if (!c) return null;
  if (html && c.t !== 's' && c.t !== 'z' && typeof c.w === 'string') {
    // HTML is text: should SheetJS type a cell anyway, its displayed text is what the file holds
    return c.w === '' ? null : { t: 's', v: c.w };
  }
  const z = typeof c.z === 'string' && c.z !== 'General' ? c.z : undefined;
  switch (c.t) {
    case 's': {
      const v = typeof c.v === 'string' ? c.v : (c.w ?? '');
      return v === '' ? null : { t: 's', v };
    }
    case 'n':
      if (typeof c.v !== 'number') return null;
      return z === undefined ? { t: 'n', v: c.v } : { t: 'n', v: c.v, z };
    case 'b':
      return { t: 'b', v: c.v === true };
    case 'd':
      if (c.v instanceof Date && !Number.isNaN(c.v.getTime())) {
        return z === undefined ? { t: 'd', v: c.v } : { t: 'd', v: c.v, z };
      }
      return typeof c.w === 'string' && c.w !== '' ? { t: 's', v: c.w } : null;
    case 'e':
      // an error cell (#DIV/0!, #N/A) is kept as its text so the value parsers reject it visibly
      return typeof c.w === 'string' && c.w !== '' ? { t: 's', v: c.w } : null;
    default:
      return null;
  }
}

/**
 * Strict UTF-8, else GB18030 (imports.md §1). Refuses a UTF-8 file cut inside its last character (it would decode
 * as GB18030 mojibake and fail as an unknown layout) and a GBK file holding UTF-8 lines (pasted rows would import as
 * mojibake accounts).
 */
function decodeText(name: string, bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    // streaming decode leaves an incomplete final sequence pending instead of failing: then only the end is broken
    let cutInChar = false;
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body, { stream: true });
      cutInChar = true;
    } catch {
      // not UTF-8 before the end either
    }
    if (cutInChar)
      throw fail(
        name,
        '不完整：文件在最后一个字符中间被截断（UTF-8），请重新导出',
        'incomplete UTF-8 sequence at end of file',
        'truncated',
      );
    const utf8Line = firstUtf8Line(bytes);
    if (utf8Line !== null)
      throw fail(
        name,
        `编码混杂：大部分内容是 GBK/GB18030，但第 ${utf8Line} 行是 UTF-8，无法确定正确的文字；请在 Excel 中整体另存为“CSV UTF-8（逗号分隔）”后再导入`,
        `mixed encoding: line ${utf8Line} is UTF-8`,
        'mixed_encoding',
      );
    const text = new TextDecoder('gb18030').decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'gb18030' };
  }
}

/**
 * The 1-based line number of the first line that is valid UTF-8 with multi-byte characters, in a file that as a
 * whole is not UTF-8. A line of GBK Chinese is practically never valid UTF-8 (its trail bytes rarely line up), so
 * such a line was pasted in from another file.
 */
function firstUtf8Line(bytes: Uint8Array): number | null {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const seg = bytes.subarray(start, i);
    let multi = 0;
    // count 3-byte lead bytes: Chinese in UTF-8 is 3 bytes a character, and two in a row of GBK rarely align
    for (const c of seg) if (c >= 0xe0 && c <= 0xef) multi++;
    if (multi >= 2) {
      try {
        strict.decode(seg);
        return line;
      } catch {
        // a GBK line
      }
    }
    start = i + 1;
    line++;
  }
  return null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

function readText(name: string, bytes: Uint8Array, maxRows: number): ReadResult {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw fail(
      name,
      '是 UTF-16 文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入',
      'UTF-16 text',
      'unsupported_encoding',
    );
  }
  if (looksBinary(bytes)) throw corrupt(name, 'binary content (NUL bytes) that is not zip or OLE');
  const { text, encoding } = decodeText(name, bytes);
  if (text.trim() === '') throw fail(name, '是空文件', 'only whitespace', 'empty');
  const head = text.trimStart();
  if (head.startsWith('<')) {
    if (/<table/i.test(text)) {
      const opened = text.match(/<table\b/gi)?.length ?? 0;
      const closed = text.match(/<\/table\s*>/gi)?.length ?? 0;
      if (closed < opened)
        throw fail(
          name,
          '不完整：表格没有结束标记，文件可能在下载时被截断，请重新导出',
          `${opened} <table>, ${closed} </table>`,
          'truncated',
        );
      return { format: 'html', encoding, sheets: readWorkbook(name, text, maxRows, true) };
    }
    // a web page saved as .xls without a table (a login page, an error page) is not a table file
    if (/^<(!doctype|html|\?xml|head|body)/i.test(head)) throw corrupt(name, 'markup without a <table>');
  }
  return {
    format: 'csv',
    encoding,
    sheets: [{ name: sheetNameOf(name), ...readCsv(name, text, maxRows) }],
  };
}

function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return base === '' ? 'Sheet1' : base;
}

/** Tab-separated text saved as .xls is common in Chinese back-ends; commas win a tie. */
function sniffDelimiter(text: string): ',' | '\t' {
  const lines = text.split(/\r\n|\n|\r/, 20);
  let tabs = 0;
  let commas = 0;
  for (const line of lines) {
    tabs += line.split('\t').length - 1;
    commas += line.split(',').length - 1;
  }
  return tabs > commas ? '\t' : ',';
}

function readCsv(
  name: string,
  text: string,
  maxRows: number,
): { rows: RawCell[][]; widths: number[]; unterminated?: number } {
  let records: string[][];
  const delimiter = sniffDelimiter(text);
  // quote-free text splits on its line breaks; quoted text is scanned; csv-parse reads what the scanner leaves
  const plain = splitPlainCsv(text, delimiter) ?? scanCsv(text, delimiter, maxRows + 1);
  if (plain) {
    if (plain.length > maxRows) throw tooManyRows(name, maxRows);
    records = plain;
  } else
    try {
      records = parseCsv(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        to: maxRows + 1,
      });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      const line = /at line (\d+)/.exec(detail)?.[1];
      throw fail(
        name,
        `无法读取：CSV 格式错误${line ? `（第 ${line} 行附近引号不成对）` : ''}`,
        detail,
        'corrupt',
      );
    }
  if (records.length > maxRows) throw tooManyRows(name, maxRows);
  // a column that repeats few values (platform, shop, account, sender: most of a chat export) shares one cell object
  // per value; a column past MEMO_CAP distinct values stops looking (cells are never mutated)
  const memo: (Map<string, RawCell> | null)[] = [];
  // each record becomes its row in place (no second array per record); its width is noted before trailing empty
  // cells are trimmed
  const count = records.length;
  const widths = new Array<number>(count);
  const rows = records as unknown as RawCell[][];
  for (let r = 0; r < count; r++) {
    const rec = records[r]!;
    const row = rec as unknown as RawCell[];
    widths[r] = rec.length;
    for (let c = 0; c < rec.length; c++) {
      const v = rec[c]!;
      if (v === '') {
        row[c] = null;
        continue;
      }
      let m = memo[c];
      if (m === undefined) memo[c] = m = new Map();
      if (m === null) {
        row[c] = { t: 's', v };
        continue;
      }
      let cell = m.get(v);
      if (cell === undefined) {
        cell = { t: 's', v };
        if (m.size < MEMO_CAP) m.set(v, cell);
        else memo[c] = null;
      }
      row[c] = cell;
    }
    trimTrailingNulls(row);
  }
  trimTrailingEmptyRows(rows);
  widths.length = rows.length;
  // Excel and the platforms end every record with a line break: a last record without one may be cut mid-cell
  const last = rows.length - 1;
  const cut = last >= 0 && rows.length === count && !/[\r\n]$/.test(text);
  return cut ? { rows, widths, unterminated: last } : { rows, widths };
}

/**
 * Text without a quote character has no quoted fields: its records are its lines and its fields the pieces between
 * delimiters, exactly what csv-parse returns, at a fraction of the cost (a chat export is a million lines). Null when
 * the text has quotes or mixes line endings (csv-parse reads those).
 */
function splitPlainCsv(text: string, delimiter: ',' | '\t'): string[][] | null {
  if (text.includes('"')) return null;
  if (text === '') return [];
  let lines: string[];
  if (text.includes('\r')) {
    lines = text.split('\r\n');
    for (const l of lines) if (l.includes('\r') || l.includes('\n')) return null;
  } else lines = text.split('\n');
  // a final line break ends the last record; it opens no empty one
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split(delimiter));
}
