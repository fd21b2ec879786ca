/**
 * Fills a database with the demo month through the real import pipeline (`npm run demo`, and the first-start button):
 * what the lead then sees is exactly what their own downloads would produce.
 */
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../fs-atomic';
import { join } from 'node:path';
import type { Month } from '../../shared/domain';
import type { FileResult } from '../../shared/imports';
import type { Db } from '../db/open';
import { importFile, runImport } from '../import/pipeline';
import { recalcDirty } from '../report/report';
import { importKci } from '../kpi/kci-import';
import { demoKciFile } from './events';
import { generateDemo, type DemoFile } from './generate';

export interface DemoOptions {
  /** Epoch seconds: the import time, and the reference for the default month (the previous one, China time). */
  now: number;
  month?: Month;
  /** Also write the generated files here (by platform sub-folder) so the lead can open them. */
  writeTo?: string;
  /** Called before each file, for a progress bar. */
  progress?: (done: number, total: number, file: string) => void;
}

export interface DemoAsyncOptions extends DemoOptions {
  signal?: AbortSignal;
}

export interface DemoResult {
  month: Month;
  files: FileResult[];
}

/** True when the database already holds imports: the demo must not be mixed into a lead's real data by accident. */
export function hasImports(db: Db): boolean {
  return db.prepare('SELECT 1 FROM import_batches LIMIT 1').get() !== undefined;
}

/**
 * Writes the month's files, and the KCI sheet the demo imports (folder `KCI`): importing the written files by hand
 * then gives the same grades (`npm run cli -- kci import DIR/KCI/…`).
 */
export function writeDemoFiles(dir: string, month: Month, files: DemoFile[]): void {
  for (const f of [...files, { folder: 'KCI', ...demoKciFile(month) }]) {
    const folder = join(dir, f.folder);
    mkdirSync(folder, { recursive: true });
    writeFileAtomic(join(folder, f.name), f.bytes);
  }
}

/**
 * Generates the month and imports every file, roster first (so each day is attributed to its owner from the start).
 * A file already imported (same bytes) is skipped by the pipeline as usual, so running twice adds nothing.
 */
export function runDemo(db: Db, opts: DemoOptions): DemoResult {
  const { month, files } = generateDemo({ now: opts.now, month: opts.month });
  if (opts.writeTo) writeDemoFiles(opts.writeTo, month, files);
  const seen = new Map<string, string>();
  const results = files.map((f, i) => {
    opts.progress?.(i, files.length, f.name);
    return importFile(db, f.name, f.bytes, {}, opts.now, seen);
  });
  const kci = demoKciFile(month);
  importKci(db, kci.name, kci.bytes);
  // after the KCI: the month's stored KPI results read it (one recalculation for files and KCI)
  recalcDirty(db, opts.now);
  opts.progress?.(files.length, files.length, '');
  return { month, files: results };
}

/**
 * The same import for a host with a UI (the first-start button): through `runImport`, which yields between files so
 * progress events and a cancel get through while the month imports.
 */
export async function runDemoAsync(db: Db, opts: DemoAsyncOptions): Promise<DemoResult> {
  const { month, files } = generateDemo({ now: opts.now, month: opts.month });
  if (opts.writeTo) writeDemoFiles(opts.writeTo, month, files);
  const result = await runImport(
    db,
    files,
    {},
    {
      now: opts.now,
      signal: opts.signal,
      progress: (_stage, done, total, file) => opts.progress?.(done, total, file ?? ''),
    },
  );
  const kci = demoKciFile(month);
  importKci(db, kci.name, kci.bytes);
  recalcDirty(db, opts.now);
  return { month, files: result.files };
}
