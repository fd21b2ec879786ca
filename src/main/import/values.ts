/**
 * Cell value parsers for the map stage (imports.md §1, metrics.md §0). Pure and zone-free: dates are read from UTC
 * fields (the SheetJS convention for the China wall clock) and converted with chinaEpoch, never with local getters.
 */
import { chinaEpoch, formatDay } from '../../shared/china-time';
import { fromPercent, parseDecimal, scaledFromNumber, type Scaled } from '../../shared/exact';
import type { Parsed, RawCell } from './types';

const DAY_S = 86400;
const DAY_MS = DAY_S * 1000;
/** Excel serial 0 as SheetJS dates it (1900-01-00): times without a date land on this day. */
const SERIAL_ZERO_MS = Date.UTC(1899, 11, 31);
/** Serials from 61 on count from 1899-12-30 because Excel keeps Lotus's phantom 1900-02-29 (serial 60). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** The first real day after the phantom leap day: earlier date cells are times or elapsed durations. */
const FIRST_REAL_DATE_MS = Date.UTC(1900, 2, 1);

const NOT_NUMBER = '不是有效数字';
const NOT_INTEGER = '不是整数';
const NOT_RATE = '不是有效比率';
const NOT_DURATION = '不是有效时长';
const NOT_MONEY = '不是有效金额';
const NOT_DAY = '不是有效日期';
const NOT_TIME = '不是有效时间';

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Shortest round-trip decimal without exponent notation (1e21 → "1000000000000000000000"). */
function numberText(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', lead = '', frac = '', expText = '0'] = m;
  const digits = lead + frac;
  const exp = Number(expText);
  if (exp >= 0) {
    const intLen = 1 + exp;
    return digits.length <= intLen
      ? sign + digits + '0'.repeat(intLen - digits.length)
      : `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** UTC wall clock of a date cell rounded to the second, as Excel displays it. */
function roundedMs(d: Date): number {
  return Math.round(d.getTime() / 1000) * 1000;
}

function wallClock(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The cell's trimmed display text: numbers in their shortest decimal form, dates as `YYYY-MM-DD HH:mm:ss`. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return cell.v.trim();
    case 'n':
      return numberText(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return Number.isNaN(cell.v.getTime()) ? '' : wallClock(roundedMs(cell.v));
  }
}

/** Full-width digits, signs and the full-width yen become ASCII / ¥ (NFKC), and surrounding space goes. */
function norm(text: string): string {
  // NFKC leaves ASCII as it is: skip it on the hot path (a million-row chat export calls this several times a row)
  return (ASCII.test(text) ? text : text.normalize('NFKC')).trim();
}

const ASCII = /^[\x20-\x7e\t\r\n]*$/;

const NULL_MARKERS = new Set(['', '-', '--', '—', '——', '–', '−', '暂无数据', '延迟统计']);

/** True for the texts platforms write where a value is missing: empty, `-`, `--`, `—`, `暂无数据`, `延迟统计`. */
export function isNullMarker(text: string): boolean {
  if (NULL_MARKERS.has(text)) return true;
  // the longest marker is four characters: longer texts (with room for stray spaces) are values
  if (text.length > 12) return false;
  // an ASCII letter or digit survives NFKC (alone or composed with a following mark) and no marker has one: a
  // session id or a time is decided without normalising
  if (ALNUM.test(text)) return false;
  return NULL_MARKERS.has(norm(text).replace(/\s+/g, ''));
}

const ALNUM = /[0-9A-Za-z]/;

const SUMMARY_LABELS = new Set([
  '汇总',
  '均值',
  '总值',
  '合计',
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
  '店铺数据',
]);

const SHOP_WIDE_SUFFIXES = new Set(['', '数据', '平均', '总和', '总数', ...SUMMARY_LABELS]);

/**
 * True when an identity cell labels a summary row (汇总, 合计, 店铺数据, 全店平均值, 全店 + a summary word) rather than
 * an agent.
 * Spaces and full-width forms are ignored (`全店 汇总值`).
 */
export function isSummaryLabel(text: string): boolean {
  const t = text.trim();
  if (SUMMARY_LABELS.has(t)) return true;
  const n = t.normalize('NFKC').replace(/\s+/g, '');
  // 全店 + a summary word (全店数据, 全店合计, 全店平均 …): a bare prefix would also drop a buyer called 全店最帅
  return SUMMARY_LABELS.has(n) || (n.startsWith('全店') && SHOP_WIDE_SUFFIXES.has(n.slice(2)));
}

function isBlank(cell: RawCell): boolean {
  return cell === null || (cell.t === 's' && isNullMarker(cell.v));
}

/** `1,234.50` → 123450/100; thousands separators must group by three so `1,5` is not read as 15. */
function decimalText(text: string): Scaled | null {
  const t = norm(text);
  if (t.includes(',')) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return null;
    return parseDecimal(t.replace(/,/g, ''));
  }
  return parseDecimal(t);
}

function isZero(s: Scaled): boolean {
  return s.n === 0;
}

function isNegative(s: Scaled): boolean {
  return s.n < 0;
}

/** Strip quoted literals, escapes and bracketed locale/colour codes, keeping elapsed-time codes like `[h]`. */
function formatCodes(z: string | undefined): string {
  if (!z) return '';
  return z
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .toLowerCase();
}

function isTimeFormat(z: string | undefined): boolean {
  return /[hs]|\[m+\]/.test(formatCodes(z));
}

function isDateFormat(z: string | undefined): boolean {
  const codes = formatCodes(z);
  return codes !== 'general' && /[yd]/.test(codes);
}

function isPercentFormat(z: string | undefined): boolean {
  return formatCodes(z).includes('%');
}

/** Parses a whole count (`1,234`); `12.5` is rejected as 不是整数, negatives as 不是有效数字. */
export function parseCount(cell: RawCell): Parsed<number> {
  if (isBlank(cell)) return ok(null);
  const s = exactOf(cell);
  if (!s || isNegative(s)) return bad(NOT_NUMBER);
  if (s.n % s.d !== 0) return bad(NOT_INTEGER);
  return ok(s.n / s.d);
}

function exactOf(cell: RawCell): Scaled | null {
  if (cell === null) return null;
  if (cell.t === 'n') return scaledFromNumber(cell.v);
  if (cell.t === 's') return decimalText(cell.v);
  return null;
}

/** Parses a plain decimal exactly (`1,234.50` → 123450/100); numeric cells through their shortest decimal. */
export function parseDecimalCell(cell: RawCell): Parsed<Scaled> {
  if (isBlank(cell)) return ok(null);
  const s = exactOf(cell);
  return s ? ok(s) : bad(NOT_NUMBER);
}

function hasPercent(text: string): boolean {
  return /[%％]/.test(text);
}

/**
 * Whether a rate column holds percentages (imports.md §1): any non-empty value above 1 or written with `%`, or a
 * numeric cell formatted as a percentage.
 */
export function columnIsPercent(cells: RawCell[]): boolean {
  for (const cell of cells) {
    if (isBlank(cell) || cell === null) continue;
    if (cell.t === 's') {
      if (hasPercent(cell.v)) return true;
      const s = decimalText(cell.v);
      if (s && s.n > s.d) return true;
    } else if (cell.t === 'n') {
      if (isPercentFormat(cell.z)) return true;
      if (cell.v > 1) return true;
    }
  }
  return false;
}

/** A number with an optional trailing `%`, as an exact value and whether the `%` was there. */
function percentText(text: string): { s: Scaled; percent: boolean } | null {
  const t = norm(text);
  const percent = t.endsWith('%');
  const s = decimalText(percent ? t.slice(0, -1) : t);
  return s ? { s, percent } : null;
}

/**
 * Parses a rate as an exact fraction 0..1: `0.9971`, `99.71%`, or `99.71` in a percent column (see columnIsPercent);
 * a numeric cell formatted `0.00%` already holds the fraction.
 */
export function parseRate(cell: RawCell, percentColumn: boolean): Parsed<Scaled> {
  if (isBlank(cell) || cell === null) return ok(null);
  let value: Scaled | null = null;
  if (cell.t === 'n') {
    const s = scaledFromNumber(cell.v);
    if (s) value = isPercentFormat(cell.z) || !percentColumn ? s : fromPercent(s);
  } else if (cell.t === 's') {
    const p = percentText(cell.v);
    if (p) value = p.percent || percentColumn ? fromPercent(p.s) : p.s;
  }
  if (!value) return bad(NOT_RATE);
  if (isNegative(value) || value.n > value.d) return bad(`${NOT_RATE}（应在 0%–100% 之间）`);
  return ok(value);
}

/** Parses 答问比, a ratio rather than a rate: `145%` → 1.45, a plain number as is. */
export function parseRatio(cell: RawCell): Parsed<Scaled> {
  if (isBlank(cell) || cell === null) return ok(null);
  let value: Scaled | null = null;
  if (cell.t === 'n') value = scaledFromNumber(cell.v);
  else if (cell.t === 's') {
    const p = percentText(cell.v);
    if (p) value = p.percent ? fromPercent(p.s) : p.s;
  }
  if (!value || isNegative(value)) return bad(NOT_NUMBER);
  return ok(value);
}

function wholeSeconds(seconds: number): Scaled {
  return { n: Math.round(seconds), d: 1 };
}

/** h·3600 + m·60 + s, exact in the scale of s. */
function hms(h: number, m: number, s: Scaled): Scaled | null {
  const n = (h * 3600 + m * 60) * s.d + s.n;
  return Number.isSafeInteger(n) ? { n, d: s.d } : null;
}

const UNIT_DURATION =
  /^(?:(\d+)\s*(?:小时|时|h|hr|hrs))?\s*(?:(\d+)\s*(?:分钟|分|min|m))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec))?$/i;
const CLOCK_DURATION = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;

function durationText(text: string): Scaled | null {
  const t = norm(text);
  const plain = decimalText(t);
  if (plain) return plain;
  const clock = CLOCK_DURATION.exec(t);
  if (clock) {
    const [, a = '0', b = '0', c] = clock;
    if (c === undefined) {
      // two parts are mm:ss (a platform never writes hh:mm for a response time)
      const sec = Number(b);
      return sec < 60 ? hms(0, Number(a), { n: sec, d: 1 }) : null;
    }
    const s = parseDecimal(c);
    if (!s || Number(b) >= 60 || s.n >= 60 * s.d) return null;
    return hms(Number(a), Number(b), s);
  }
  const unit = UNIT_DURATION.exec(t);
  if (unit && t !== '') {
    const [, h, m, sec] = unit;
    if (h === undefined && m === undefined && sec === undefined) return null;
    const s = sec === undefined ? { n: 0, d: 1 } : parseDecimal(sec);
    return s ? hms(Number(h ?? 0), Number(m ?? 0), s) : null;
  }
  return null;
}

/**
 * Parses a duration in seconds: `12.5`, `10分0秒`, `35秒`, `1小时2分3秒`, `2分`, `mm:ss`, `hh:mm:ss`. A numeric cell is
 * a fraction of a day only when its number format is a time format; a date cell counts from midnight (or, before
 * 1900-03-01, from Excel's day 0, so `[h]:mm:ss` durations over a day survive). Time cells give whole seconds.
 */
export function parseDuration(cell: RawCell): Parsed<Scaled> {
  if (isBlank(cell) || cell === null) return ok(null);
  let value: Scaled | null = null;
  if (cell.t === 'n') {
    value = isTimeFormat(cell.z) ? wholeSeconds(cell.v * DAY_S) : scaledFromNumber(cell.v);
  } else if (cell.t === 'd') {
    const ms = roundedMs(cell.v);
    if (Number.isNaN(ms)) return bad(NOT_DURATION);
    // SheetJS dates a time on 1899-12-31 (day 0); other writers use 1899-12-30 (the OLE epoch) for the same thing
    const since =
      ms < SERIAL_ZERO_MS
        ? SERIAL_EPOCH_MS
        : ms < FIRST_REAL_DATE_MS
          ? SERIAL_ZERO_MS
          : Math.floor(ms / DAY_MS) * DAY_MS;
    value = wholeSeconds((ms - since) / 1000);
  } else if (cell.t === 's') {
    value = durationText(cell.v);
  }
  if (!value || isNegative(value)) return bad(NOT_DURATION);
  return ok(value);
}

/** Parses money in yuan: `1,234.50`, `¥1234.5`, `￥1234.5`, `1234.5元`, plain numbers (refunds may be negative). */
export function parseMoney(cell: RawCell): Parsed<Scaled> {
  if (isBlank(cell) || cell === null) return ok(null);
  if (cell.t === 'n') {
    const s = scaledFromNumber(cell.v);
    return s ? ok(s) : bad(NOT_MONEY);
  }
  if (cell.t !== 's') return bad(NOT_MONEY);
  const m = /^([+-]?)\s*(?:¥|RMB)?\s*([+-]?)\s*([\d.,]+)\s*元?$/i.exec(norm(cell.v));
  if (!m) return bad(NOT_MONEY);
  const [, sign1 = '', sign2 = '', digits = ''] = m;
  if (sign1 !== '' && sign2 !== '') return bad(NOT_MONEY);
  const s = decimalText(sign1 + sign2 + digits);
  if (!s) return bad(NOT_MONEY);
  return ok(isZero(s) ? { n: 0, d: s.d } : s);
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?`;
const SPACED_TIME = String.raw`(?:(?:\s+|T)${TIME})?`;
const DATE_FORMS = [
  new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${SPACED_TIME}$`),
  new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${SPACED_TIME}$`),
  new RegExp(String.raw`^(\d{4})\.(\d{1,2})\.(\d{1,2})${SPACED_TIME}$`),
  // after 日 the time may follow without a space (2026年10月3日10:00)
  new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*${TIME})?$`),
  new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})${SPACED_TIME}$`),
  new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${SPACED_TIME}$`),
];

/** The wall clock written in a text cell, or null when no date form matches. Fractions of a second are dropped. */
function textClock(text: string): WallClock | null {
  const t = norm(text);
  for (const re of DATE_FORMS) {
    const m = re.exec(t);
    if (!m) continue;
    const [, y = '', mo = '', d = '', h, mi, s] = m;
    return {
      y: Number(y),
      mo: Number(mo),
      d: Number(d),
      h: Number(h ?? 0),
      mi: Number(mi ?? 0),
      s: Number(s ?? 0),
    };
  }
  return null;
}

function clockOfMs(ms: number): WallClock {
  const dt = new Date(ms);
  return {
    y: dt.getUTCFullYear(),
    mo: dt.getUTCMonth() + 1,
    d: dt.getUTCDate(),
    h: dt.getUTCHours(),
    mi: dt.getUTCMinutes(),
    s: dt.getUTCSeconds(),
  };
}

/** An Excel serial (1900 system) to the wall clock, rounded to the second; null for day 0 and the phantom 1900-02-29. */
function serialClock(serial: number): WallClock | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const total = Math.round(serial * DAY_S);
  const days = Math.floor(total / DAY_S);
  const secs = total - days * DAY_S;
  if (days === 60) return null;
  const base = days > 60 ? SERIAL_EPOCH_MS : SERIAL_ZERO_MS;
  return clockOfMs(base + days * DAY_MS + secs * 1000);
}

/** yyyymmdd written as a number (20261003), which must not be mistaken for a serial. */
function compactDayNumber(v: number): WallClock | null {
  if (!Number.isInteger(v) || v < 19000101 || v > 29991231) return null;
  return { y: Math.floor(v / 10000), mo: Math.floor(v / 100) % 100, d: v % 100, h: 0, mi: 0, s: 0 };
}

function cellClock(cell: Exclude<RawCell, null>): WallClock | null {
  switch (cell.t) {
    case 's':
      return textClock(cell.v);
    case 'd': {
      const ms = roundedMs(cell.v);
      // a date cell before 1900-03-01 is a time of day or a duration, not a date
      return Number.isNaN(ms) || ms < FIRST_REAL_DATE_MS ? null : clockOfMs(ms);
    }
    case 'n': {
      const compact = compactDayNumber(cell.v);
      if (compact) return compact;
      if (isDateFormat(cell.z) || (cell.v >= 20000 && cell.v <= 80000)) return serialClock(cell.v);
      return null;
    }
    case 'b':
      return null;
  }
}

function clockEpoch(c: WallClock): number | null {
  // five-digit years (Excel serial 2958466 is 10000-01-01) do not fit YYYY-MM-DD and are no real export's dates
  if (c.y < 1000 || c.y > 9999) return null;
  return chinaEpoch(c.y, c.mo, c.d, c.h, c.mi, c.s);
}

/**
 * Parses a calendar day to `YYYY-MM-DD`: Excel serials, date cells, `2026-10-03`, `2026/10/3`, `2026年10月3日`,
 * `20261003` (text or number), each optionally with a time. Impossible dates such as `2026-13-40` are rejected.
 */
export function parseDay(cell: RawCell): Parsed<string> {
  if (isBlank(cell) || cell === null) return ok(null);
  const c = cellClock(cell);
  if (!c || clockEpoch(c) === null) return bad(NOT_DAY);
  // 24:00:00 closes the day it is written on (metrics.md §0), so the day stays as written
  return ok(formatDay(c.y, c.mo, c.d));
}

/**
 * Parses a China wall-clock time to epoch seconds: the date forms of parseDay with ` HH:mm[:ss]`, date cells with a
 * time, and serials with a fraction of a day. A date alone is 00:00:00.
 */
export function parseDateTime(cell: RawCell): Parsed<number> {
  if (isBlank(cell) || cell === null) return ok(null);
  const c = cellClock(cell);
  const epoch = c ? clockEpoch(c) : null;
  return epoch === null ? bad(NOT_TIME) : ok(epoch);
}
