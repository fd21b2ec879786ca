/**
 * Cell-level building blocks of the monthly sheet: number formats that also render the preview's display strings,
 * a small cell model shared by the xlsx writer and the preview (so the two cannot disagree), and column fitting.
 */
import type { Borders, Cell, Fill, Font, Style, Worksheet } from 'exceljs';
import { METRICS, type MetricId } from '../../shared/metrics';
import type { PreviewTable, SheetMark, SheetMarkKind } from '../../shared/sheet-preview';

export interface NumFormat {
  /** the xlsx number format */
  code: string;
  /** what Excel shows for a value under `code` (preview, column widths) */
  show(v: number): string;
}

/** Half away from zero, like Excel's display rounding (toFixed rounds the binary value, 1.005 → "1.00"). */
function fixed(v: number, digits: number): string {
  const k = 10 ** digits;
  const r = Math.round(Math.abs(v) * k + 1e-9) / k;
  return `${v < 0 && r !== 0 ? '-' : ''}${r.toFixed(digits)}`;
}

function grouped(v: number, digits: number): string {
  const [int = '0', frac] = fixed(v, digits).split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const body = (sign ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${body}${frac === undefined ? '' : `.${frac}`}`;
}

export const FMT = {
  rate: { code: '0.00%', show: (v: number) => `${fixed(v * 100, 2)}%` },
  duration: { code: '0.0"秒"', show: (v: number) => `${fixed(v, 1)}秒` },
  money: { code: '#,##0.00', show: (v: number) => grouped(v, 2) },
  ratio: { code: '0.00', show: (v: number) => fixed(v, 2) },
  count: { code: '#,##0', show: (v: number) => grouped(v, 0) },
  hours: { code: '0.0', show: (v: number) => fixed(v, 1) },
  score: { code: '0.00', show: (v: number) => fixed(v, 2) },
  days: { code: '0', show: (v: number) => fixed(v, 0) },
  /** deductions, stored negative: -6, -2.35 and 0 exactly as the 客服 screen shows them (−6), not 6.00 */
  points: { code: 'General', show: (v: number) => (v === 0 ? '0' : String(Number(fixed(v, 2)))) },
} satisfies Record<string, NumFormat>;

export function metricFormat(id: MetricId): NumFormat {
  switch (METRICS[id].kind) {
    case 'rate':
      return FMT.rate;
    case 'duration':
      return FMT.duration;
    case 'money':
    case 'money_per':
      return FMT.money;
    case 'ratio':
    case 'per_hour':
      return FMT.ratio;
    case 'hours':
      return FMT.hours;
    case 'count':
      return FMT.count;
  }
}

/** A format with a literal prefix ("≥ " 0.00%): the cell stays a number a formula can use. */
export function prefixed(f: NumFormat, prefix: string): NumFormat {
  return { code: `"${prefix.replace(/"/g, '')}"${f.code}`, show: (v) => `${prefix}${f.show(v)}` };
}

/** Numerators and denominators: counts are whole, but a duration's numerator is seconds × sessions. */
export function plainFormat(v: number): NumFormat {
  return Number.isInteger(v) ? FMT.count : FMT.money;
}

interface CellExtra {
  mark?: SheetMarkKind;
  note?: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** long free text (备注): wraps inside a capped column instead of running across the page */
  wrap?: boolean;
}

/** One cell as the writer and the preview both see it. A number cell with a null value is left empty. */
export type OutCell = ({ t: 'text'; text: string } | { t: 'num'; value: number | null; fmt: NumFormat }) &
  CellExtra;

export const text = (s: string, extra: CellExtra = {}): OutCell => ({ t: 'text', text: s, ...extra });
export const num = (value: number | null, fmt: NumFormat, extra: CellExtra = {}): OutCell => ({
  t: 'num',
  value,
  fmt,
  ...extra,
});
export const EMPTY: OutCell = { t: 'text', text: '' };

export function showCell(c: OutCell): string {
  if (c.t === 'text') return c.text;
  return c.value === null ? '' : c.fmt.show(c.value);
}

const RED_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const RED_FONT = 'FF9C0006';
const AMBER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const AMBER_FONT = 'FF9C5700';
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const SECTION_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
// a font without a name makes LibreOffice fall back to a serif face for bold cells
const FONT: Partial<Font> = { name: 'Calibri', size: 11, family: 2 };
const WRAP_MAX = 40;
const GRID = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const BORDER: Partial<Borders> = { top: GRID, left: GRID, bottom: GRID, right: GRID };

// XML 1.0 cannot carry C0 controls; a stray one in an imported name would make Excel refuse the whole file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text from imported files goes in as a string value with the Text format (@): ExcelJS only writes a formula for a
 * `{ formula }` object, and the @ format keeps `=1+1 小王`, `+86…`, `-`, `@…` text even after someone edits the cell.
 */
function putText(cell: Cell, s: string): void {
  cell.value = s.replace(CONTROL, '');
  cell.numFmt = '@';
}

/**
 * Cells of one kind share one style object (issue 8 item 6): ExcelJS maps a style object to its style id once
 * (a WeakMap), so 60k cells cost a few dozen style look-ups instead of 60k serialisations. A shared style must never
 * be changed through a cell (`cell.alignment = …` writes into it): use `restyle`. `sharedStyles(false)` writes one
 * style object per cell, as before: the reference the sheet test compares the shared writer's output with.
 */
let share = true;
const STYLES = new Map<string, Partial<Style>>();

export function sharedStyles(on: boolean): void {
  share = on;
}

/** Changes one cell's style without touching a style other cells share. */
export function restyle(cell: Cell, patch: Partial<Style>): void {
  cell.style = { ...cell.style, ...patch };
}

function styleOf(c: OutCell, border: boolean): Partial<Style> {
  const numFmt = c.t === 'text' ? (c.text !== '' ? '@' : undefined) : c.fmt.code;
  const key = `${numFmt ?? ''}\u0000${c.bold ? 1 : 0}|${c.mark ?? ''}|${c.align ?? ''}|${c.wrap ? 1 : 0}|${border ? 1 : 0}`;
  const cached = share ? STYLES.get(key) : undefined;
  if (cached) return cached;
  const style: Partial<Style> = {};
  if (numFmt !== undefined) style.numFmt = numFmt;
  const font: Partial<Font> = { ...FONT };
  if (c.bold) font.bold = true;
  if (c.mark === 'fail') {
    style.fill = RED_FILL;
    font.color = { argb: RED_FONT };
  } else if (c.mark === 'small_sample' || c.mark === 'kci_missing') {
    style.fill = AMBER_FILL;
    font.color = { argb: AMBER_FONT };
  }
  style.font = font;
  style.alignment = {
    vertical: 'middle',
    ...(c.align ? { horizontal: c.align } : {}),
    ...(c.wrap ? { wrapText: true } : {}),
  };
  if (border) style.border = BORDER;
  if (share) STYLES.set(key, style);
  return style;
}

function put(cell: Cell, c: OutCell, opts: { border: boolean }): void {
  if (c.t === 'text') {
    if (c.text !== '') cell.value = c.text.replace(CONTROL, '');
  } else if (c.value !== null && Number.isFinite(c.value)) cell.value = c.value;
  cell.style = styleOf(c, opts.border);
  if (c.note) cell.note = c.note;
}

/** Writes a data row starting at column A; returns the row number. */
export function writeRow(ws: Worksheet, rowNo: number, cells: readonly OutCell[], border = true): number {
  const row = ws.getRow(rowNo);
  cells.forEach((c, i) => put(row.getCell(i + 1), c, { border }));
  return rowNo;
}

const headerStyle = (): Partial<Style> => ({
  numFmt: '@',
  font: { ...FONT, bold: true },
  fill: HEADER_FILL,
  border: BORDER,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
});
const HEADER_STYLE = headerStyle();

export function writeHeader(ws: Worksheet, rowNo: number, header: readonly string[]): number {
  const row = ws.getRow(rowNo);
  header.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h.replace(CONTROL, '');
    cell.style = share ? HEADER_STYLE : headerStyle();
  });
  return rowNo;
}

/** A bold section title across the used width (口径说明, the shop table's caption). */
export function writeTitle(ws: Worksheet, rowNo: number, title: string, width: number, size = 11): number {
  const row = ws.getRow(rowNo);
  for (let i = 1; i <= Math.max(1, width); i++) row.getCell(i).fill = SECTION_FILL;
  putText(row.getCell(1), title);
  row.getCell(1).font = { ...FONT, bold: true, size };
  return rowNo;
}

/** Display width in Excel's character units: CJK and full-width characters count as 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * Fits column widths to the given rows: header strings (they wrap onto two lines, so a long one counts half) and
 * cells (wrapping cells are capped).
 */
export function fitColumns(
  ws: Worksheet,
  rows: readonly (readonly (OutCell | string)[])[],
  min = 6,
  max = 48,
): void {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      let w: number;
      if (typeof c === 'string') {
        const h = displayWidth(c);
        w = (h > 12 ? Math.ceil(h / 2) + 1 : h) + 3;
      } else {
        w = displayWidth(showCell(c)) + (c.bold ? 3 : 2);
        if (c.wrap) w = Math.min(w, WRAP_MAX);
      }
      widths[i] = Math.max(widths[i] ?? min, w);
    });
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.min(max, Math.max(min, w));
  });
}

/**
 * Row heights for wrapping cells, after the columns are fitted: neither Excel nor LibreOffice re-measures rows of a
 * generated file reliably, and an unsized row shows one line of a three-line 备注.
 */
export function fitRowHeights(ws: Worksheet, firstRow: number, rows: readonly (readonly OutCell[])[]): void {
  rows.forEach((r, ri) => {
    let lines = 1;
    r.forEach((c, ci) => {
      if (!c.wrap) return;
      const width = Math.max(4, (ws.getColumn(ci + 1).width ?? 10) - 1);
      lines = Math.max(lines, Math.ceil(displayWidth(showCell(c)) / width));
    });
    if (lines > 1) ws.getRow(firstRow + ri).height = 15 * lines;
  });
}

/** The preview of a table: the same strings and marks the sheet shows. */
export function previewOf(header: readonly string[], rows: readonly (readonly OutCell[])[]): PreviewTable {
  const marks: SheetMark[] = [];
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (c.mark) marks.push({ row: ri, col: ci, kind: c.mark, note: c.note ?? null });
    }),
  );
  return { header: [...header], rows: rows.map((r) => r.map(showCell)), marks };
}

/** Column letters of a 1-based index (1 → A, 27 → AA). */
export function colLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
