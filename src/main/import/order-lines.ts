/**
 * Per-order credit exports (京东 客服管家 促成订单, 京东 魔方 客服销售分析): one row per order (line) credited to an agent.
 *
 * Why summary facts per account-day and not events like the order template: these rows say who the platform
 * credited, with no buyer session to attribute and no payment to wait for, so the rule engine (which credits orders
 * to the last manual agent, metrics.md §2a) has nothing to decide; what the report needs is Σ credited amount per
 * account and day, which is exactly a summary fact and joins the platform-summary precedence of metrics.md §5. The
 * lines themselves are kept (batch_rows, shown in drill-down) so that they can be versioned like events by their
 * key — (所属订单编号, 商品编号), or 订单编号 — across files: a later file's version of a line replaces the older one
 * (a status turning 已取消 removes its credit; a credit moving to another agent leaves the first agent's day), and the
 * day facts of every account-day touched are rewritten from the union of the newest versions. Undo brings the older
 * facts back.
 */
import { chinaDay, eachMonth, monthOf } from '../../shared/china-time';
import type { Day, Platform } from '../../shared/domain';
import type { Scaled } from '../../shared/exact';
import type { FileRows, PeriodSource, Rejection } from '../../shared/imports';
import type { Db } from '../db/open';
import { ensureAccount, insertBatch } from './commit';
import type { Detection } from './detect';
import { outsideWindow, type DateWindow } from './date-window';
import { matchesAlias } from './headers';
import type { FieldDef, LayoutDef } from './layouts/types';
import { rowDefect } from './row-check';
import type { RawCell } from './types';
import { cellText, isNullMarker, isSummaryLabel, parseCount, parseDateTime, parseMoney } from './values';

/** Fact fields written per account-day (read by rollup.ts: sales_amount). */
export const CREDITED_SALES = 'credited_sales';
/** The part credited by the system's inference (客服 ending in (推算)): makes sales_amount approximate. */
export const CREDITED_SALES_INFERRED = 'credited_sales_inferred';
export const CREDITED_LINES = 'credited_lines';

const INFERRED = /\s*[(（]\s*推算\s*[)）]\s*$/;

export interface OrderLine {
  sheet: string;
  row: number;
  shop: string;
  account: string;
  /** credited by the system's inference: (推算) */
  inferred: boolean;
  key: string;
  day: Day;
  /** price × quantity (or the order amount), whether or not it is credited */
  amount: Scaled;
  /** false when the status contains 取消, or the order has no payment time where the layout has one */
  credited: boolean;
  cells: Record<string, string>;
}

type LineParse =
  | { ok: true; line: Omit<OrderLine, 'sheet' | 'row' | 'shop' | 'cells'>; shop: string | null }
  | { ok: false; field: string; reason: string };

/** `前缀--昵称(推算)` → the account as exported without the marker, and whether the marker was there. */
export function splitInferred(text: string): { account: string; inferred: boolean } {
  const t = text.trim();
  return INFERRED.test(t)
    ? { account: t.replace(INFERRED, ''), inferred: true }
    : { account: t, inferred: false };
}

function mulCount(s: Scaled, k: number): Scaled | null {
  const n = s.n * k;
  return Number.isSafeInteger(n) ? { n, d: s.d } : null;
}

/** Parses one row by the layout's line definition; the same code reads a stored line back from its cells. */
function parseLine(layout: LayoutDef, columns: Map<string, number>, cells: RawCell[]): LineParse {
  const def = layout.lines!;
  const cell = (field: string): RawCell => {
    const c = columns.get(field);
    return c === undefined ? null : (cells[c] ?? null);
  };
  const text = (field: string): string => {
    const t = cellText(cell(field));
    return isNullMarker(t) ? '' : t;
  };
  const { account, inferred } = splitInferred(text('account'));
  if (!account) return { ok: false, field: 'account', reason: '客服为空' };
  const keyParts: string[] = [];
  for (const k of def.key) {
    const v = text(k);
    if (!v) return { ok: false, field: k, reason: '为空：无法识别是哪一笔订单' };
    keyParts.push(v);
  }
  const at = parseDateTime(cell(def.day));
  if (!at.ok) return { ok: false, field: def.day, reason: at.reason };
  if (at.value === null) return { ok: false, field: def.day, reason: '为空' };
  const price = parseMoney(cell(def.amount.price));
  if (!price.ok) return { ok: false, field: def.amount.price, reason: price.reason };
  if (price.value === null) return { ok: false, field: def.amount.price, reason: '为空' };
  if (price.value.n < 0) return { ok: false, field: def.amount.price, reason: '不能为负数' };
  let amount: Scaled | null = price.value;
  if (def.amount.quantity) {
    const q = parseCount(cell(def.amount.quantity));
    if (!q.ok) return { ok: false, field: def.amount.quantity, reason: q.reason };
    if (q.value === null) return { ok: false, field: def.amount.quantity, reason: '为空' };
    amount = mulCount(price.value, q.value);
    if (!amount) return { ok: false, field: def.amount.quantity, reason: '金额过大' };
  }
  let credited = !text(def.status).includes('取消');
  if (def.paid && columns.has(def.paid)) {
    const paid = parseDateTime(cell(def.paid));
    if (!paid.ok) return { ok: false, field: def.paid, reason: paid.reason };
    if (paid.value === null) credited = false;
  }
  const shop = columns.has('shop') ? text('shop') || null : null;
  return {
    ok: true,
    shop,
    line: {
      account,
      inferred,
      key: keyParts.join('\u0000'),
      day: chinaDay(at.value),
      amount,
      credited,
    },
  };
}

export interface LinesContext {
  shop: string | null;
  window: DateWindow;
}

export interface LinesMapResult {
  lines: OrderLine[];
  rejections: Rejection[];
  summaryRows: number;
  /** identical repeats of a line in the same file: counted once */
  duplicates: number;
  read: number;
}

/** Raw rows → order lines (pure). Bad rows are rejected with their Excel row, column and reason. */
export function mapOrderLines(det: Detection, ctx: LinesContext): LinesMapResult {
  const { sheet, layout, columns, headerIndex, headers } = det;
  const out: LinesMapResult = { lines: [], rejections: [], summaryRows: 0, duplicates: 0, read: 0 };
  const seen = new Map<string, { row: number; cells: string }>();
  const fieldDef = (f: string): FieldDef => layout.fields.find((d) => d.field === f)!;
  sheet.rows.slice(headerIndex + 1).forEach((cells, i) => {
    const rowNo = headerIndex + 2 + i;
    if (cells.every((c) => isNullMarker(cellText(c)))) return;
    const accountText = cellText(cells[columns.get('account')!] ?? null);
    if (isSummaryLabel(accountText) || isNullMarker(accountText)) {
      // totals rows carry a label or nothing in the 客服 column
      out.summaryRows++;
      return;
    }
    out.read++;
    const reject = (field: string | null, reason: string): void => {
      const col = field === null ? undefined : columns.get(field);
      out.rejections.push({
        sheet: sheet.name,
        row: rowNo,
        column: field === null ? '整行' : (headers[col ?? -1] ?? fieldDef(field).aliases[0]!),
        value: col === undefined ? '' : cellText(cells[col] ?? null),
        reason,
      });
    };
    const defect = rowDefect(sheet, headerIndex + 1 + i, headerIndex);
    if (defect) return reject(null, defect);
    const p = parseLine(layout, columns, cells);
    if (!p.ok) return reject(p.field, p.reason);
    let shop = p.shop ?? ctx.shop ?? '';
    if (!shop && p.line.account.includes(':')) shop = p.line.account.slice(0, p.line.account.indexOf(':'));
    if (!shop)
      return reject(
        'account',
        '无法确定店铺：文件中没有店铺列，请指定店铺（界面中选择店铺，命令行使用 --shop）',
      );
    const why = outsideWindow(p.line.day, ctx.window);
    if (why) return reject(layout.lines!.day, why);
    const rowCells: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) rowCells[h] = cellText(cells[col] ?? null);
    });
    const key = `${shop}\u0000${p.line.key}`;
    const content = JSON.stringify(rowCells);
    const dup = seen.get(key);
    if (dup) {
      if (dup.cells === content) {
        out.duplicates++;
        return;
      }
      return reject(
        layout.lines!.key[0]!,
        `与第 ${dup.row} 行是同一笔订单${layout.lines!.key.length > 1 ? '商品' : ''}但内容不同`,
      );
    }
    seen.set(key, { row: rowNo, cells: content });
    out.lines.push({ ...p.line, sheet: sheet.name, row: rowNo, shop, cells: rowCells });
  });
  return out;
}

/** A stored line read back from its cells with the same parser (the header texts are the file's own). */
function storedLine(layout: LayoutDef, cells: Record<string, string>): LineParse {
  const headers = Object.keys(cells);
  const columns = new Map<string, number>();
  headers.forEach((h, i) => {
    const hits = layout.fields.filter((f) => f.aliases.some((a) => matchesAlias(h, a)));
    if (hits.length === 1 && !columns.has(hits[0]!.field)) columns.set(hits[0]!.field, i);
  });
  return parseLine(
    layout,
    columns,
    headers.map((h) => ({ t: 's', v: cells[h]! })),
  );
}

export interface LinesCommitInput {
  fileName: string;
  sha256: string;
  size: number;
  layout: LayoutDef;
  platform: Platform;
  period: { from: Day; to: Day; source: PeriodSource } | null;
  lines: OrderLine[];
  rejections: Rejection[];
  rowsRead: number;
  now: number;
}

interface Version {
  accountId: number;
  day: Day;
  amount: Scaled;
  credited: boolean;
  inferred: boolean;
}

function sameVersion(a: Version, b: Version): boolean {
  return (
    a.accountId === b.accountId &&
    a.day === b.day &&
    a.credited === b.credited &&
    a.inferred === b.inferred &&
    BigInt(a.amount.n) * BigInt(b.amount.d) === BigInt(b.amount.n) * BigInt(a.amount.d)
  );
}

/** Σ of exact decimals in the largest scale among them (scales are powers of ten). */
function sumScaled(xs: Scaled[]): Scaled {
  const d = xs.reduce((m, x) => Math.max(m, x.d), 1);
  return { n: xs.reduce((s, x) => s + x.n * (d / x.d), 0), d };
}

/**
 * Writes the lines and the account-day facts rebuilt from the newest version of every line. Must run inside the
 * pipeline's transaction.
 */
export function commitOrderLines(
  db: Db,
  input: LinesCommitInput,
): { batchId: number; rows: FileRows; months: string[]; shopId: number | null } {
  const days = input.lines.map((l) => l.day).sort();
  const batchId = insertBatch(db, {
    fileName: input.fileName,
    sha256: input.sha256,
    size: input.size,
    layout: input.layout.id,
    platform: input.platform,
    from: input.period?.from ?? days[0] ?? null,
    to: input.period?.to ?? days[days.length - 1] ?? null,
    source: input.period?.source ?? 'column',
    rowsRead: input.rowsRead,
    rejections: input.rejections,
    now: input.now,
  });
  const rows: FileRows = {
    read: input.rowsRead,
    accepted: input.lines.length,
    rejected: input.rejections.length,
    new: 0,
    updated: 0,
    unchanged: 0,
  };
  const insertRow = db.prepare(
    'INSERT INTO batch_rows (batch_id, sheet, row, account_id, period_from, period_to, cells_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const older = db.prepare(
    `SELECT r.account_id, r.period_from AS day, r.cells_json
       FROM batch_rows r
       JOIN import_batches b ON b.id = r.batch_id AND b.status = 'active'
       JOIN accounts a ON a.id = r.account_id
      WHERE b.layout = ? AND a.shop_id = ? AND b.id <> ?
      ORDER BY b.id, r.sheet, r.row`,
  );
  const supersede = db.prepare(
    `UPDATE facts SET superseded_by = ?
      WHERE account_id = ? AND field = ? AND period_from = ? AND period_to = ? AND superseded_by IS NULL
        AND batch_id IN (SELECT id FROM import_batches WHERE status = 'active')`,
  );
  const insertFact = db.prepare(
    `INSERT INTO facts (account_id, field, period_from, period_to, value_n, value_d, batch_id, sheet, row)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const byShop = new Map<string, OrderLine[]>();
  for (const l of input.lines) byShop.set(l.shop, [...(byShop.get(l.shop) ?? []), l]);
  const months = new Set<string>();
  let firstShopId: number | null = null;
  let synthetic = 0;

  for (const [shop, lines] of byShop) {
    let shopId: number | null = null;
    const current = new Map<string, Version>();
    // the newest version of each line before this file, oldest batch first so later ones win
    const placed: { line: OrderLine; accountId: number }[] = [];
    for (const line of lines) {
      const ids = ensureAccount(db, input.platform, shop, line.account, null);
      shopId = ids.shopId;
      placed.push({ line, accountId: ids.accountId });
    }
    firstShopId ??= shopId;
    for (const r of older.all(input.layout.id, shopId, batchId) as {
      account_id: number;
      day: Day;
      cells_json: string;
    }[]) {
      const p = storedLine(input.layout, JSON.parse(r.cells_json) as Record<string, string>);
      if (!p.ok) continue;
      current.set(p.line.key, {
        accountId: r.account_id,
        day: r.day,
        amount: p.line.amount,
        credited: p.line.credited,
        inferred: p.line.inferred,
      });
    }
    // account-day cells to rewrite, with the file row that names each (for drill-down)
    const touched = new Map<string, { accountId: number; day: Day; sheet: string; row: number }>();
    const touch = (accountId: number, day: Day, sheet: string | null, row: number | null): void => {
      const k = `${accountId}|${day}`;
      if (touched.has(k)) return;
      touched.set(k, {
        accountId,
        day,
        sheet: sheet ?? '',
        row: row ?? 1_000_000 + ++synthetic,
      });
    };
    for (const { line, accountId } of placed) {
      insertRow.run(batchId, line.sheet, line.row, accountId, line.day, line.day, JSON.stringify(line.cells));
      const next: Version = {
        accountId,
        day: line.day,
        amount: line.amount,
        credited: line.credited,
        inferred: line.inferred,
      };
      const prev = current.get(line.key);
      if (!prev) rows.new++;
      else if (sameVersion(prev, next)) rows.unchanged++;
      else rows.updated++;
      touch(accountId, line.day, line.sheet, line.row);
      // the older version's account-day loses this line
      if (prev && (prev.accountId !== accountId || prev.day !== line.day))
        touch(prev.accountId, prev.day, null, null);
      current.set(line.key, next);
    }
    for (const cell of touched.values()) {
      const here = [...current.values()].filter(
        (v) => v.credited && v.accountId === cell.accountId && v.day === cell.day,
      );
      const values: [string, Scaled][] = [
        [CREDITED_SALES, sumScaled(here.filter((v) => !v.inferred).map((v) => v.amount))],
        [CREDITED_SALES_INFERRED, sumScaled(here.filter((v) => v.inferred).map((v) => v.amount))],
        [CREDITED_LINES, { n: here.length, d: 1 }],
      ];
      for (const [field, v] of values) {
        supersede.run(batchId, cell.accountId, field, cell.day, cell.day);
        insertFact.run(cell.accountId, field, cell.day, cell.day, v.n, v.d, batchId, cell.sheet, cell.row);
      }
      for (const m of eachMonth(monthOf(cell.day), monthOf(cell.day))) months.add(m);
    }
  }
  db.prepare(
    `UPDATE import_batches SET shop_id = ?, rows_accepted = ?, rows_new = ?, rows_updated = ?, rows_unchanged = ? WHERE id = ?`,
  ).run(firstShopId, rows.accepted, rows.new, rows.updated, rows.unchanged, batchId);
  return { batchId, rows, months: [...months], shopId: firstShopId };
}
