/** Types passed between the import stages: read → detect → map → validate → version → commit. */

/** One cell as read from a file. CSV and HTML cells are always strings (no type inference on CSV). */
export type RawCell =
  | null
  | { t: 's'; v: string }
  /** z: the cell's number format (e.g. `h:mm:ss`, `0.00%`), when the file has one. */
  | { t: 'n'; v: number; z?: string }
  | { t: 'b'; v: boolean }
  /** A date cell: v is the China wall clock, carried in the UTC fields of the Date (SheetJS convention). */
  | { t: 'd'; v: Date; z?: string };

export interface RawSheet {
  name: string;
  /** rows[i] is Excel row i + 1. Trailing empty cells may be missing. */
  rows: RawCell[][];
  /**
   * CSV only: the number of fields each record really had (trailing empty cells included), so a row cut short is
   * told apart from a row whose last cells are empty.
   */
  widths?: number[];
  /** CSV only: index in rows of a last record that ends without a line break (the file may be cut mid-row). */
  unterminated?: number;
}

export interface ReadResult {
  /** What the bytes really are, whatever the extension. */
  format: 'xlsx' | 'xls' | 'csv' | 'html';
  /** For CSV/text: the encoding that decoded it. */
  encoding?: 'utf-8' | 'gb18030';
  sheets: RawSheet[];
}

/** A failure of a whole file, with a Chinese message for the lead and a detail for logs. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    readonly code: string = 'file_failed',
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** A value parser's verdict on one cell: a value, null (no data), or a reason it cannot be read. */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };
