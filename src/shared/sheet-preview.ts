/**
 * The in-app preview of a monthly sheet's 绩效汇总: plain JSON in the API contract, so the renderer can show it.
 */

/** Why a cell is filled in the sheet: red = fails a platform threshold or scores 0; amber = small sample / KCI 未录入. */
export type SheetMarkKind = 'fail' | 'small_sample' | 'kci_missing';

export interface SheetMark {
  /** index into `rows` */
  row: number;
  /** index into `header` */
  col: number;
  kind: SheetMarkKind;
  /** the cell's comment in the sheet, e.g. 样本少（25） */
  note: string | null;
}

export interface PreviewTable {
  header: string[];
  /** display strings exactly as the sheet's number formats show them; '' = empty cell (no data) */
  rows: string[][];
  marks: SheetMark[];
}

export interface SheetPreview extends PreviewTable {
  file_name: string;
  month: string;
  scheme: string;
  variant: 'client' | 'payroll';
  /** the client a 客户版 was made for (only its shops and the agents serving them), or null */
  client: string | null;
  locked: boolean;
  /** 客户版 only: the shop-level table below the agents on 绩效汇总 */
  shop_table: PreviewTable | null;
  /** facts the lead should know before sending the file (locked-snapshot caveats, missing event data) */
  notes: string[];
}
