/**
 * What each long job does, in one place for both ways it runs: in the job worker (the hosts: off the main thread)
 * and inline on the caller's connection (`:memory:`, tests without a worker). Each body takes its database connection;
 * progress, cancel and the pause for a waiting write come through `JobEnv`.
 */
import type { JobKind } from '../shared/api';
import type { Month } from '../shared/domain';
import type { FileResult, ImportOptions, ImportRunResult } from '../shared/imports';
import type { SheetPreview } from '../shared/sheet-preview';
import type { ShopMergeSummary } from '../shared/clients';
import type { Db } from './db/open';
import { runDemoAsync } from './demo/run';
import { UserError } from './errors';
import { runImport } from './import/pipeline';
import { recalcCancelled, recalcJob, type StepControl } from './recalc-job';
import { buildMonthlySheet } from './sheet/monthly-sheet';
import { mergeShops } from './settings/clients';
import { importKci, type KciImportResult } from './kpi/kci-import';
import { scanWatchFolder } from './watch';

/** The slot of the host's shared handoff buffer counting the main-thread writes waiting for the lock now. */
export const WAITING_WRITES = 0;

export interface JobSpecs {
  import: { files: { name: string; bytes: Uint8Array }[]; options: ImportOptions };
  demo: Record<never, never>;
  watch: Record<never, never>;
  recalc: { all?: boolean };
  sheet: { month: Month; scheme: string; variant: 'client' | 'payroll'; client?: string | null };
  merge: { from_id: number; into_id: number };
  kci: { name: string; bytes: Uint8Array };
}

export interface JobValues {
  import: ImportRunResult;
  demo: { month: Month; files: FileResult[] };
  watch: FileResult[];
  recalc: { months: Month[] };
  sheet: { name: string; bytes: Uint8Array; preview: SheetPreview };
  merge: ShopMergeSummary;
  kci: KciImportResult;
}

export type JobSpec<K extends JobKind = JobKind> = { [k in K]: { kind: k } & JobSpecs[k] }[K];

export interface JobEnv extends StepControl {
  /** epoch seconds, fixed when the job started */
  now: number;
  signal: AbortSignal;
}

/** The error a cancelled job ends with, by kind (what the lead reads). */
export function cancelError(kind: JobKind): UserError {
  switch (kind) {
    case 'recalc':
      return recalcCancelled();
    case 'import':
      return new UserError('导入已取消：正在导入的文件未写入，之前完成的文件已导入', undefined, 'cancelled');
    case 'watch':
      return new UserError(
        '监视文件夹导入已取消：正在导入的文件未写入，下次扫描时再导入',
        undefined,
        'cancelled',
      );
    case 'sheet':
      return new UserError('已取消生成月度绩效表', undefined, 'cancelled');
    case 'demo':
      return new UserError('已取消载入演示数据', undefined, 'cancelled');
    case 'merge':
      return new UserError('已取消合并店铺：没有做任何改动', undefined, 'cancelled');
    case 'kci':
      return new UserError('已取消导入 KCI：没有写入任何分数', undefined, 'cancelled');
  }
}

export async function runJobBody<K extends JobKind>(
  db: Db,
  spec: JobSpec<K>,
  env: JobEnv,
): Promise<JobValues[K]> {
  // each case returns its kind's value; TypeScript cannot narrow K from spec.kind, hence the one cast at the end
  const run = async (): Promise<JobValues[JobKind]> => {
    const s = spec as JobSpec;
    switch (s.kind) {
      case 'import':
        return runImport(db, s.files, s.options, {
          now: env.now,
          signal: env.signal,
          progress: (stage, done, total, file) => env.progress(stage, done, total, file),
        });
      case 'demo':
        return runDemoAsync(db, {
          now: env.now,
          signal: env.signal,
          progress: (done, total, file) => env.progress('demo', done, total, file || undefined),
        });
      case 'watch':
        env.progress('import', 0, 1);
        return scanWatchFolder(db, env.now);
      case 'recalc':
        return recalcJob(db, env.now, { all: s.all }, env);
      case 'sheet': {
        env.progress('sheet', 0, 1, undefined, `正在生成月度绩效表 ${s.month}`);
        const r = await buildMonthlySheet(db, {
          month: s.month,
          scheme: s.scheme,
          variant: s.variant,
          client: s.client,
          now: env.now,
        });
        env.progress('sheet', 1, 1, undefined, `正在生成月度绩效表 ${s.month}`);
        return r;
      }
      case 'merge': {
        // one transaction (it rewrites the merged shop's rows, messages included): no step to stop between
        env.progress('merge', 0, 1, undefined, '正在合并店铺');
        const r = mergeShops(db, s.from_id, s.into_id, env.now);
        env.progress('merge', 1, 1, undefined, '正在合并店铺');
        return r;
      }
      case 'kci': {
        // the parsing (SheetJS) and the writes in one IMMEDIATE transaction, beside the main thread's writes
        env.progress('kci', 0, 1, s.name, `正在导入 KCI ${s.name}`);
        const r = db.transaction(() => importKci(db, s.name, s.bytes)).immediate();
        env.progress('kci', 1, 1, s.name, `正在导入 KCI ${s.name}`);
        return r;
      }
    }
  };
  return (await run()) as JobValues[K];
}
