/** Import contract shared by the pipeline, the hosts and the Import screen (imports.md §4). */
import type { Day, Platform } from './domain';

/** A file handed to the back end: bytes from a drop or upload, or a path from Electron's webUtils. */
export interface FileInput {
  name: string;
  bytes?: Uint8Array;
  path?: string;
}

export interface ImportOptions {
  /** Preview only: everything but commit. */
  dryRun?: boolean;
  /** Any rejected row fails the whole file. */
  strict?: boolean;
  /** Import again even when the same file (same SHA-256) was already imported. */
  force?: boolean;
  platform?: Platform;
  shop?: string;
  /** The period when the file has no date column and no date in its name. */
  period?: { from: Day; to: Day };
  /** Dates accepted in rows and periods; default 2015-01-01 … today + 1 year (China time). */
  dateWindow?: { from: Day; to: Day };
}

export interface Rejection {
  sheet: string;
  /** Excel row number (1-based, as the lead sees it). */
  row: number;
  column: string;
  value: string;
  reason: string;
}

export type PeriodSource = 'column' | 'file_name' | 'user';

export interface PeriodConflict {
  account: string;
  field: string;
  existing: { from: Day; to: Day; batch_id: number };
  incoming: { from: Day; to: Day };
  message: string;
}

export interface FileRows {
  read: number;
  accepted: number;
  rejected: number;
  new: number;
  updated: number;
  unchanged: number;
}

/** What the mapping step needs for a file whose layout is unknown (imports.md §4). */
export interface MappingRequest {
  /** hash of the normalised headers: the mapping is remembered under it */
  hash: string;
  sheet: string;
  /** Excel row number of the header row */
  header_row: number;
  headers: string[];
  /** the first data rows, as text */
  samples: string[][];
}

export interface FileResult {
  file: string;
  /** `previewed` is a dry run's result: what would have been imported. */
  status: 'imported' | 'skipped' | 'failed' | 'previewed';
  layout: string | null;
  layout_zh: string | null;
  platform: Platform | null;
  shop: string | null;
  period: { from: Day; to: Day; source: PeriodSource } | null;
  rows: FileRows;
  rejections: Rejection[];
  conflicts: PeriodConflict[];
  /** Accounts in the file, for the preview. */
  accounts: string[];
  message: string;
  batch_id: number | null;
  /** set when no layout matched: the GUI opens the column-mapping step */
  mapping?: MappingRequest;
}

export interface ImportRunResult {
  files: FileResult[];
}

export interface ImportBatchInfo {
  id: number;
  file_name: string;
  sha256: string;
  layout: string;
  layout_zh: string;
  platform: Platform | null;
  shop: string | null;
  period_from: Day | null;
  period_to: Day | null;
  period_source: PeriodSource | null;
  rows: FileRows;
  imported_at: string;
  status: 'active' | 'undone';
}

export function emptyRows(): FileRows {
  return { read: 0, accepted: 0, rejected: 0, new: 0, updated: 0, unchanged: 0 };
}
