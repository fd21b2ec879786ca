/** Header matching for layout detection (imports.md §1): normalisation, aliases with units, header row, two-row heads. */
import { createHash } from 'node:crypto';
import type { RawCell } from './types';
import { cellText } from './values';

/** Units a platform may append to a known header without changing its meaning (`首次响应时长（秒）`). */
const UNITS = ['(秒)', '(元)', '(%)', '(时)', '(s)', '(个)', '(人)'];

/**
 * Normalises a header for comparison: NFKC (full-width `（）％` → ASCII), no whitespace of any kind, no BOM or
 * zero-width characters, every arrow spelling as `->`, `【】`/`[]` as `()`, `(会话维度)` as `(会话)` and `(人维度)` as
 * `(人)`, lowercase.
 */
export function normalizeHeader(text: string): string {
  if (memo === null) return normalizeHeaderText(text);
  let n = memo.get(text);
  if (n === undefined) {
    n = normalizeHeaderText(text);
    memo.set(text, n);
  }
  return n;
}

/**
 * Detection matches every layout's aliases against every header: inside `withHeaderMemo` each text is normalised
 * once. The memo lives only for that call — its keys may be slices of a file's text, which a lasting memo would keep
 * in memory file after file.
 */
let memo: Map<string, string> | null = null;

export function withHeaderMemo<T>(run: () => T): T {
  if (memo !== null) return run();
  memo = new Map();
  try {
    return run();
  } finally {
    memo = null;
  }
}

function normalizeHeaderText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\s\uFEFF\u200B-\u200D\u2060]+/g, '')
      .replace(/→|⟶|—>|–>|-+>/g, '->')
      // 【会话】 and [会话] are written for (会话) too; the per-session and per-person variants say 维度 or not
      .replace(/[【〔[]/g, '(')
      .replace(/[】〕\]]/g, ')')
      .replace(/\((会话|人)维度\)/g, '($1)')
      .toLowerCase()
  );
}

function stripUnit(normalized: string): string | null {
  for (const unit of UNITS) {
    if (normalized.length > unit.length && normalized.endsWith(unit))
      return normalized.slice(0, -unit.length);
  }
  return null;
}

/** True when a header is the alias after normalisation, or the alias followed only by a unit such as `(秒)`. */
export function matchesAlias(header: string, alias: string): boolean {
  const h = normalizeHeader(header);
  const a = normalizeHeader(alias);
  if (a === '' || h === '') return false;
  return h === a || stripUnit(h) === a;
}

function matchesAny(text: string, known: Set<string>): boolean {
  const h = normalizeHeader(text);
  if (h === '') return false;
  if (known.has(h)) return true;
  const bare = stripUnit(h);
  return bare !== null && known.has(bare);
}

/**
 * Finds the header row below banner lines: the row among the first `scanRows` with the most cells matching known
 * headers (the earliest on a tie), or null when no row matches at least two.
 */
export function findHeaderRow(
  rows: RawCell[][],
  knownHeaders: string[],
  scanRows = 15,
): { index: number; score: number } | null {
  const known = new Set(knownHeaders.map(normalizeHeader).filter((h) => h !== ''));
  let best: { index: number; score: number } | null = null;
  const last = Math.min(scanRows, rows.length);
  for (let i = 0; i < last; i++) {
    const row = rows[i] ?? [];
    let score = 0;
    for (const cell of row) if (cell !== null && matchesAny(cellText(cell), known)) score++;
    if (score >= 2 && (!best || score > best.score)) best = { index: i, score };
  }
  return best;
}

/**
 * Joins a two-row header (生意参谋 接待评价: groups 总/邀请/自主 over fields) into `group/field`. A group cell is merged
 * across the columns to its right, so it carries over empty top cells; a top cell with nothing below is a header
 * merged down both rows and stands alone.
 */
export function combineTwoRowHeaders(top: RawCell[], bottom: RawCell[]): string[] {
  const width = Math.max(top.length, bottom.length);
  const out: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const t = cellText(top[c] ?? null);
    const b = cellText(bottom[c] ?? null);
    if (t !== '' && b !== '') {
      group = t;
      out.push(`${t}/${b}`);
    } else if (t !== '') {
      group = '';
      out.push(t);
    } else if (b !== '') {
      out.push(group === '' ? b : `${group}/${b}`);
    } else {
      out.push('');
    }
  }
  return out;
}

/** A stable id of a layout: SHA-256 (hex) of the normalised, sorted, non-empty headers; column order does not matter. */
export function headerHash(headers: string[]): string {
  const normalized = headers
    .map(normalizeHeader)
    .filter((h) => h !== '')
    .sort();
  return createHash('sha256').update(normalized.join('\n'), 'utf8').digest('hex');
}
