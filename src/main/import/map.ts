import type { Day } from '../../shared/domain';
import type { Scaled } from '../../shared/exact';
import type { PeriodSource, Rejection } from '../../shared/imports';
import type { Detection } from './detect';
import { periodFromFileName as periodFromText } from './period';
import type { FieldDef, LayoutDef } from './layouts/types';
import { layoutById } from './layouts';
import type { Parsed, RawCell } from './types';
import { outsideWindow, type DateWindow } from './date-window';
import { rowDefect } from './row-check';
import {
  cellText,
  columnIsPercent,
  isNullMarker,
  isSummaryLabel,
  parseCount,
  parseDay,
  parseDecimalCell,
  parseDuration,
  parseMoney,
  parseRate,
  parseRatio,
} from './values';

/** One accepted row of a per-agent export: an account's values over a period. */
export interface SummaryRecord {
  sheet: string;
  /** Excel row number */
  row: number;
  shop: string;
  account: string;
  nickname: string | null;
  from: Day;
  to: Day;
  /** field → exact value, or null for a no-data cell. Only the file's columns appear. */
  values: Map<string, Scaled | null>;
  /** header → cell text, kept for drill-down */
  cells: Record<string, string>;
}

export interface MapContext {
  /** Period for files without a date column (file name or user), and where it came from. */
  period: { from: Day; to: Day; source: PeriodSource } | null;
  /** Shop when the file has no shop column. */
  shop: string | null;
  /** Dates a row may carry; outside it the row is rejected. */
  window: DateWindow;
}

export interface MapResult {
  records: SummaryRecord[];
  rejections: Rejection[];
  summaryRows: number;
  /** Data rows under the header (summary and blank rows excluded). */
  read: number;
  /** The period of the rows when they carry a date column. */
  dateColumn: boolean;
  /** Set when a mapped column's values do not fit its field's kind: the file fails whole, naming the column. */
  refused?: string;
}

const MAX_EXACT_DIGITS = 15;

/**
 * Counts that are a part of another count in the same row (metrics.md §5 numerators over denominators): a part above
 * its whole is a broken export, and would compute as −200% or 1000%.
 */
const PART_OF: [part: string, whole: string][] = [
  ['unreplied_3min_buyers', 'consulted_buyers'],
  ['unreplied_buyers', 'consult_buyers'],
  ['paying_buyers', 'inquirers'],
  ['reply_3min_sessions', 'manual_sessions'],
  ['reply_3min_sessions', 'reception_sessions'],
  ['reply_3min_sessions', 'manual_reception_sessions'],
  ['reply_3min_sessions', 'jd_reception'],
  ['reply_3min_buyers', 'consulted_buyers'],
  ['reply_3min_buyers', 'consult_buyers'],
  ['bad_count', 'rating_count'],
  ['good_count', 'rating_count'],
];

function parseValue(def: FieldDef, cell: RawCell, percent: boolean): Parsed<Scaled> {
  switch (def.kind) {
    case 'count': {
      const p = parseCount(cell);
      return p.ok ? { ok: true, value: p.value === null ? null : { n: p.value, d: 1 } } : p;
    }
    case 'rate':
      return parseRate(cell, percent);
    case 'ratio':
      return parseRatio(cell);
    case 'duration':
      return parseDuration(cell);
    case 'money':
      return parseMoney(cell);
    case 'hours':
    case 'decimal':
      return parseDecimalCell(cell);
    default:
      return { ok: false, reason: `字段类型 ${def.kind} 不是数值` };
  }
}

/**
 * A mapped rate column that reads like counts: no cell written with `%` or formatted as a percentage, and some
 * value above 1. Returns that value's text, else null. (A detected export's `99.71` is a percentage by the platform's
 * convention; a column the lead mapped carries no such promise.)
 */
function countLike(cells: RawCell[]): string | null {
  let above: string | null = null;
  for (const c of cells) {
    if (c === null) continue;
    const t = cellText(c);
    if (isNullMarker(t)) continue;
    if (/[%％]/.test(t) || (c.t === 'n' && c.z && c.z.includes('%'))) return null;
    const n = Number(t.replace(/,/g, ''));
    if (above === null && Number.isFinite(n) && n > 1) above = t;
  }
  return above;
}

function countOnRate(layout: LayoutDef, def: FieldDef, header: string, value: string): string {
  // a mapped layout lists only the mapped fields: the numerator is named from the full definition
  const full = layoutById(layout.id) ?? layout;
  const num = def.numerator ? full.fields.find((f) => f.field === def.numerator) : undefined;
  const rateLabel = full.fields.find((f) => f.field === def.field)?.aliases[0] ?? def.field;
  const base = `列“${header}”对应到比率字段“${rateLabel}”，但它的值（如 ${value}）大于 1 且不带 %，不能当作比率导入`;
  const numLabel = num?.aliases[0] ?? null;
  return numLabel
    ? `${base}。如果这一列是个数，请在列映射中选择“这一列是个数”（对应到“${numLabel}”）；如果是省略了 % 的百分数，请选择“这一列是百分数”`
    : `${base}。如果是省略了 % 的百分数，请在列映射中选择“这一列是百分数”`;
}

/** Reads an identity cell as text; a number with more than 15 digits already lost digits in Excel. */
function idText(cell: RawCell): Parsed<string> {
  if (
    cell &&
    cell.t === 'n' &&
    Number.isInteger(cell.v) &&
    String(Math.abs(cell.v)).length > MAX_EXACT_DIGITS
  ) {
    return { ok: false, reason: '超过15位的数字编号已被 Excel 截断，请将该列设为文本后重新导出' };
  }
  const t = cellText(cell);
  return { ok: true, value: isNullMarker(t) ? null : t };
}

/**
 * Raw rows → typed records (pure). A row with any unreadable cell is rejected whole, with its Excel row number,
 * column and reason; summary rows (汇总, 均值 …) and rows without an account are dropped.
 */
export function mapRows(det: Detection, ctx: MapContext): MapResult {
  const { sheet, layout, columns, headerIndex, headers } = det;
  const rows = sheet.rows.slice(headerIndex + 1);
  const defs = layout.fields.filter((f) => columns.has(f.field));
  const percent = new Map<string, boolean>();
  let refused: string | undefined;
  for (const def of defs) {
    if (def.kind !== 'rate') continue;
    const cells = rows.map((r) => r[columns.get(def.field)!] ?? null);
    if (layout.mapped?.percent.includes(def.field)) {
      percent.set(def.field, true);
      continue;
    }
    percent.set(def.field, columnIsPercent(cells));
    const plain = layout.mapped ? countLike(cells) : null;
    if (plain && !refused) refused = countOnRate(layout, def, headers[columns.get(def.field)!] ?? '', plain);
  }
  const identity = defs.filter((d) => d.role !== 'value' && d.role !== 'info');
  const result: MapResult = {
    records: [],
    rejections: [],
    summaryRows: 0,
    read: 0,
    dateColumn: columns.has('date') || columns.has('period'),
    ...(refused ? { refused } : {}),
  };
  if (refused) return result;
  const seen = new Map<string, number>();

  rows.forEach((cells, i) => {
    const rowNo = headerIndex + 2 + i;
    if (cells.every((c) => isNullMarker(cellText(c)))) return;
    if (identity.some((d) => isSummaryLabel(cellText(cells[columns.get(d.field)!] ?? null)))) {
      result.summaryRows++;
      return;
    }
    const accountCell = cells[columns.get('account')!] ?? null;
    if (isNullMarker(cellText(accountCell))) {
      // JD writes its totals as a row with an empty 客服 cell
      result.summaryRows++;
      return;
    }
    result.read++;
    const defect = rowDefect(sheet, headerIndex + 1 + i, headerIndex);
    if (defect) {
      result.rejections.push({ sheet: sheet.name, row: rowNo, column: '整行', value: '', reason: defect });
      return;
    }
    const reject = (def: FieldDef, cell: RawCell, reason: string): void => {
      const col = columns.get(def.field)!;
      result.rejections.push({
        sheet: sheet.name,
        row: rowNo,
        column: headers[col] ?? def.aliases[0]!,
        value: cellText(cell),
        reason,
      });
    };

    const account = idText(accountCell);
    if (!account.ok || account.value === null) {
      reject(
        layout.fields.find((f) => f.field === 'account')!,
        accountCell,
        account.ok ? '账号为空' : account.reason,
      );
      return;
    }
    const shopDef = identity.find((d) => d.role === 'shop');
    let shop = shopDef ? cellText(cells[columns.get(shopDef.field)!] ?? null) : '';
    if (!shop || isNullMarker(shop)) shop = ctx.shop ?? '';
    if (!shop && account.value.includes(':')) shop = account.value.slice(0, account.value.indexOf(':'));
    if (!shop) {
      reject(
        shopDef ?? layout.fields.find((f) => f.field === 'account')!,
        accountCell,
        '无法确定店铺：文件中没有店铺列，请指定店铺',
      );
      return;
    }
    const nickDef = identity.find((d) => d.role === 'nickname');
    const nick = nickDef ? cellText(cells[columns.get(nickDef.field)!] ?? null) : '';

    let from: Day;
    let to: Day;
    // the column the dates came from; a period given by the user or the file name was checked before mapping
    let dateSource: FieldDef | null = null;
    const dateDef = identity.find((d) => d.role === 'date');
    const periodDef = identity.find((d) => d.role === 'period');
    const periodCell = periodDef ? (cells[columns.get(periodDef.field)!] ?? null) : null;
    if (periodDef && !isNullMarker(cellText(periodCell))) {
      const p = periodFromText(cellText(periodCell).replace(/\//g, '-'));
      if (!p) {
        reject(periodDef, periodCell, '不是有效的统计周期（应为 YYYY-MM-DD~YYYY-MM-DD）');
        return;
      }
      from = p.from;
      to = p.to;
      dateSource = periodDef;
    } else if (dateDef) {
      const cell = cells[columns.get(dateDef.field)!] ?? null;
      const d = parseDay(cell);
      if (!d.ok || d.value === null) {
        reject(dateDef, cell, d.ok ? '日期为空' : d.reason);
        return;
      }
      from = d.value;
      to = d.value;
      dateSource = dateDef;
    } else if (ctx.period) {
      from = ctx.period.from;
      to = ctx.period.to;
    } else {
      reject(
        layout.fields.find((f) => f.field === 'account')!,
        accountCell,
        '无法确定统计期间',
      );
      return;
    }

    if (dateSource) {
      const why = outsideWindow(from, ctx.window) ?? outsideWindow(to, ctx.window);
      if (why) {
        reject(dateSource, cells[columns.get(dateSource.field)!] ?? null, why);
        return;
      }
    }

    const values = new Map<string, Scaled | null>();
    for (const def of defs) {
      if (def.role !== 'value') continue;
      const cell = cells[columns.get(def.field)!] ?? null;
      const p = parseValue(def, cell, percent.get(def.field) ?? false);
      if (!p.ok) {
        reject(def, cell, p.reason);
        return;
      }
      values.set(def.field, p.value);
    }
    for (const [part, whole] of PART_OF) {
      const p = values.get(part);
      const w = values.get(whole);
      if (p && w && BigInt(p.n) * BigInt(w.d) > BigInt(w.n) * BigInt(p.d)) {
        const def = defs.find((d) => d.field === part)!;
        const wholeHeader = headers[columns.get(whole)!] ?? whole;
        reject(
          def,
          cells[columns.get(part)!] ?? null,
          `大于“${wholeHeader}”（${cellText(cells[columns.get(whole)!] ?? null)}），数据有误`,
        );
        return;
      }
    }
    const key = `${shop}\u0000${account.value}\u0000${from}\u0000${to}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      reject(
        layout.fields.find((f) => f.field === 'account')!,
        accountCell,
        `与第 ${dup} 行的账号和日期重复`,
      );
      return;
    }
    seen.set(key, rowNo);
    const rowCells: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) rowCells[h] = cellText(cells[col] ?? null);
    });
    result.records.push({
      sheet: sheet.name,
      row: rowNo,
      shop,
      account: account.value,
      nickname: nick || null,
      from,
      to,
      values,
      cells: rowCells,
    });
  });
  return result;
}

/** The last day of a one-day or multi-day period, for messages. */
export function periodLabel(from: Day, to: Day): string {
  return from === to ? from : `${from}~${to}`;
}

/**
 * Joins the records of several sheets of one workbook (千牛 服务体验: response times on one sheet, ratings on
 * another) into one record per shop, account and period.
 */
export function mergeRecords(lists: SummaryRecord[][]): SummaryRecord[] {
  const byKey = new Map<string, SummaryRecord>();
  const out: SummaryRecord[] = [];
  for (const list of lists) {
    for (const r of list) {
      const key = `${r.shop}\u0000${r.account}\u0000${r.from}\u0000${r.to}`;
      const prev = byKey.get(key);
      if (!prev) {
        byKey.set(key, r);
        out.push(r);
        continue;
      }
      for (const [k, v] of r.values) if (!prev.values.has(k)) prev.values.set(k, v);
      for (const [k, v] of Object.entries(r.cells)) prev.cells[`${r.sheet}/${k}`] = v;
      prev.nickname ??= r.nickname;
    }
  }
  return out;
}
