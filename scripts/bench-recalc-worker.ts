/**
 * The bench's one-day recalculation (scripts/bench-month.ts `recalc`), run in a worker thread with the job worker's
 * heap limits (JOB_WORKER_LIMITS), as the app runs it: per repetition a copy of the month before the day, the day's
 * files imported, then the timed recalculation. Posts each repetition's wall and CPU time and the phase times.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../src/main/db/open';
import { importFile } from '../src/main/import/pipeline';
import { forgetLoads, monthInput, recalcDirty, timeRecalcPhases } from '../src/main/report/report';

export interface RecalcJob {
  base: string;
  dir: string;
  month: string;
  now: number;
  files: { name: string; bytes: Uint8Array }[];
  /** the rows' values kept from the month's last recalculation (as the job worker has them) */
  kept: boolean;
  reps: number;
  profile: string | null;
}

export interface RecalcResult {
  ms: number[];
  cpu: number[];
  phases: Record<string, number>;
  imported: number;
  importMs: number;
}

async function run(job: RecalcJob): Promise<RecalcResult> {
  const out: RecalcResult = { ms: [], cpu: [], phases: {}, imported: 0, importMs: 0 };
  const session = job.profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
  }
  for (let i = 0; i < job.reps; i++) {
    const path = join(job.dir, 'recalc.db');
    rmSync(path, { force: true });
    copyFileSync(job.base, path);
    const db = openDb(path);
    forgetLoads();
    // what the month's last recalculation (before the day) kept
    if (job.kept) monthInput(db, job.month, job.now, true);
    out.imported = 0;
    const t0 = performance.now();
    for (const f of job.files)
      if (importFile(db, f.name, f.bytes, {}, job.now).status === 'imported') out.imported++;
    out.importMs = performance.now() - t0;
    if (session) await session.post('Profiler.start');
    timeRecalcPhases(out.phases);
    const c = process.cpuUsage();
    const t = performance.now();
    recalcDirty(db, job.now);
    out.ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    out.cpu.push((used.user + used.system) / 1000);
    timeRecalcPhases(null);
    if (session && job.profile) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(join(job.profile, '..'), { recursive: true });
      writeFileSync(job.profile.replace(/\.cpuprofile$/, `-${i + 1}.cpuprofile`), JSON.stringify(profile));
    }
    db.close();
  }
  session?.disconnect();
  return out;
}

run(workerData as RecalcJob).then(
  (r) => parentPort!.postMessage({ ok: true, result: r }),
  (e: unknown) =>
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
);
