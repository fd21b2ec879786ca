/**
 * The 导入 screen's pure state: the files the lead picked, the options, what each file's preview or import said, and
 * what follows from them (which files import, which periods need 已核对, the summary line, the button).
 */
import type { Dayjs } from 'dayjs';
import type { Platform } from '../../../../shared/domain';
import type { FileResult, ImportOptions } from '../../../../shared/imports';

/** A file the lead picked; `uid` identifies it across previews (same path, size and time = same file). */
export interface Picked {
  uid: string;
  file: File;
  /** Path inside a picked folder, else the name. */
  path: string;
}

export interface Options {
  strict: boolean;
  force: boolean;
  platform: Platform | null;
  shop: string;
  period: [Dayjs, Dayjs] | null;
}

export type Phase = 'idle' | 'previewing' | 'ready' | 'importing' | 'done';

export interface Outcome {
  kind: 'preview' | 'import';
  result: FileResult;
}

export const ACCEPT = '.xlsx,.xls,.xlsm,.csv,.htm,.html';
export const EMPTY_OPTIONS: Options = { strict: false, force: false, platform: null, shop: '', period: null };

/** A picked file: inside a folder its path is the key, so the same name in two folders is two files. */
export function pickedFrom(file: File): Picked {
  const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  const path = rel || file.name;
  return { uid: `${path}|${file.size}|${file.lastModified}`, file, path };
}

/** Adds a file, replacing one with the same path (the lead dropped a newer copy). */
export function addPicked(list: Picked[], p: Picked): Picked[] {
  return [...list.filter((x) => x.path !== p.path), p];
}

export function toApiOptions(o: Options, dryRun: boolean): ImportOptions {
  const out: ImportOptions = { dryRun };
  if (o.strict) out.strict = true;
  if (o.force) out.force = true;
  if (o.platform) out.platform = o.platform;
  if (o.shop.trim()) out.shop = o.shop.trim();
  if (o.period) out.period = { from: o.period[0].format('YYYY-MM-DD'), to: o.period[1].format('YYYY-MM-DD') };
  return out;
}

/** Results come back in input order; fall back to the file name if the back end reordered them. */
export function matchResults(
  files: Picked[],
  results: FileResult[],
  kind: Outcome['kind'],
): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  files.forEach((f, i) => {
    const byIndex = results[i];
    const result =
      byIndex && byIndex.file === f.file.name
        ? byIndex
        : (results.find((r) => r.file === f.file.name) ?? byIndex);
    if (result) out[f.uid] = { kind, result };
  });
  return out;
}

/**
 * The files to open after a preview: those with rejected rows or period conflicts (a failed file shows its message
 * in its row), at most three; with more than five files everything stays closed so the list stays readable.
 */
export function filesToOpen(files: Picked[], outcomes: Record<string, Outcome>): string[] {
  if (files.length > 5) return [];
  return files
    .filter((f) => {
      const r = outcomes[f.uid]?.result;
      return !!r && r.status !== 'failed' && (r.rows.rejected > 0 || r.conflicts.length > 0);
    })
    .slice(0, 3)
    .map((f) => f.uid);
}

export type PreviewRow = Picked & { outcome: Outcome | undefined };

export interface PreviewState {
  rows: PreviewRow[];
  /** previewed files whose period comes from the file name and that will write data: each needs 已核对 */
  needsConfirm: PreviewRow[];
  unconfirmed: PreviewRow[];
  importable: PreviewRow[];
  failed: PreviewRow[];
  totals: { read: number; accepted: number; rejected: number };
  allPreviewed: boolean;
  canImport: boolean;
}

export function previewState(
  files: Picked[],
  outcomes: Record<string, Outcome>,
  confirmed: ReadonlySet<string>,
  phase: Phase,
): PreviewState {
  const rows = files.map((f) => ({ ...f, outcome: outcomes[f.uid] }));
  const previewed = (f: PreviewRow): boolean => f.outcome?.kind === 'preview';
  const needsConfirm = rows.filter(
    (f) =>
      previewed(f) &&
      // a file that will be skipped (already imported) writes nothing: its period needs no confirming
      f.outcome!.result.status !== 'failed' &&
      f.outcome!.result.status !== 'skipped' &&
      f.outcome!.result.period?.source === 'file_name',
  );
  const unconfirmed = needsConfirm.filter((f) => !confirmed.has(f.uid));
  const importable = rows.filter((f) => previewed(f) && f.outcome!.result.status !== 'failed');
  const failed = rows.filter((f) => f.outcome?.result.status === 'failed');
  const totals = { read: 0, accepted: 0, rejected: 0 };
  for (const f of rows) {
    const r = f.outcome?.result.rows;
    if (!r) continue;
    totals.read += r.read;
    totals.accepted += r.accepted;
    totals.rejected += r.rejected;
  }
  const allPreviewed = files.length > 0 && rows.every(previewed);
  const canImport = phase === 'ready' && allPreviewed && importable.length > 0 && unconfirmed.length === 0;
  return { rows, needsConfirm, unconfirmed, importable, failed, totals, allPreviewed, canImport };
}

/** The message after an import: 导入完成：成功 2 个，跳过 1 个，失败 1 个 (a warning when any failed). */
export function importDoneMessage(results: FileResult[]): { text: string; warn: boolean } {
  const ok = results.filter((f) => f.status === 'imported').length;
  const skipped = results.filter((f) => f.status === 'skipped').length;
  const bad = results.filter((f) => f.status === 'failed').length;
  return {
    text: `导入完成：成功 ${ok} 个${skipped ? `，跳过 ${skipped} 个` : ''}${bad ? `，失败 ${bad} 个` : ''}`,
    warn: bad > 0,
  };
}

/** The progress bar's percentage (0 while the total is unknown). */
export function progressPercent(p: { done: number; total: number } | null): number {
  return p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
}
