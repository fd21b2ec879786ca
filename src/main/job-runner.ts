import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobKind } from '../shared/api';
import { DbError } from './db/open';
import { UserError } from './errors';
import { cancelError, WAITING_WRITES, type JobSpec, type JobValues } from './job-body';
import type { FromWorker, ToWorker } from './job-worker';
import type { JobContext } from './jobs';

/** The worker script beside this module: the built `.js` (electron-vite) or the source `.ts` under tsx. */
export function workerScript(): string | null {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    for (const name of ['job-worker.js', 'job-worker.ts']) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * How a cancel stops a job. Imports, the watched folder and the sheet stop at once (the worker is terminated: the file
 * being imported rolls back, the sheet was only being read). A recalculation stops at its next step, or is
 * terminated when the step it is in takes longer than `RECALC_CANCEL_GRACE_MS` (its transaction rolls back). The demo
 * stops between files like the inline import does.
 */
const CANCEL: Record<JobKind, 'terminate' | 'step' | 'signal'> = {
  import: 'terminate',
  watch: 'terminate',
  sheet: 'terminate',
  // one transaction: terminating the worker rolls the whole merge back
  merge: 'terminate',
  kci: 'terminate',
  recalc: 'step',
  demo: 'signal',
};
export const RECALC_CANCEL_GRACE_MS = 1500;
/**
 * One idle worker is kept for the next job (its modules take a second or more to load: the first recalculation after
 * an edit should not wait for that); more idle workers end after this long.
 */
const IDLE_MS = 120_000;
/** At most this many idle workers are kept; more run at once when jobs overlap (a sheet during a recalculation). */
const MAX_IDLE = 2;

interface Slot {
  worker: Worker;
  busy: boolean;
  idleTimer: NodeJS.Timeout | null;
  onMessage: ((m: FromWorker) => void) | null;
  onExit: ((e: Error) => void) | null;
}

/** Rebuilds an error thrown in the worker: the lead's message stays a UserError, anything else stays internal. */
function workerError(m: Extract<FromWorker, { type: 'error' }>): Error {
  if (m.name === 'UserError' || m.name === 'ImportFileError')
    return new UserError(m.message, m.detail, m.code ?? 'user_error');
  if (m.name === 'DbError') return new DbError(m.message, m.detail);
  const e = new Error(m.message) as Error & { code?: string };
  e.name = m.name;
  e.stack = m.detail ?? e.stack;
  if (m.code) e.code = m.code;
  return e;
}

/**
 * The job worker's heap: a young generation of 96 MB (semi-spaces of 32 MB, twice V8's default). A recalculation at
 * 200 agents allocates ~220 MB of short-lived objects; with the default most scavenges promoted live work lists to
 * the old generation. Costs at most 48 MB more memory while a job runs.
 */
export const JOB_WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;

/**
 * The host's job workers: each job runs in an idle worker (or a new one), one job per worker at a time, on the
 * worker's own connection to `dbPath`. `handoff` is shared with every worker: the main thread counts in it the writes
 * waiting for the lock, and a recalculation lets them through between two steps.
 */
export class JobWorkers {
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private closed = false;
  readonly handoff = new SharedArrayBuffer(4);
  private readonly waiting = new Int32Array(this.handoff);

  constructor(
    private readonly script: string,
    private readonly db: { dbPath: string; nativeBinding?: string },
  ) {}

  private spawn(): Slot {
    // the source .ts (browser host, tests) is loaded through tsx's require hook inside the worker; the built .js
    // (Electron) needs nothing
    const worker = this.script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(this.script)});`, {
          eval: true,
          execArgv: [],
          resourceLimits: JOB_WORKER_LIMITS,
        })
      : new Worker(this.script, { resourceLimits: JOB_WORKER_LIMITS });
    const slot: Slot = { worker, busy: false, idleTimer: null, onMessage: null, onExit: null };
    worker.on('message', (m: FromWorker) => slot.onMessage?.(m));
    worker.on('error', (e) => slot.onExit?.(e));
    worker.on('exit', (code) => {
      this.slots.delete(slot);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.onExit?.(new Error(`job worker exited with code ${code}`));
    });
    this.slots.add(slot);
    return slot;
  }

  private take(): Slot {
    for (const s of this.slots) {
      if (s.busy) continue;
      if (s.idleTimer) clearTimeout(s.idleTimer);
      s.idleTimer = null;
      s.busy = true;
      s.worker.ref();
      return s;
    }
    const s = this.spawn();
    s.busy = true;
    return s;
  }

  private release(slot: Slot): void {
    slot.busy = false;
    slot.onMessage = null;
    slot.onExit = null;
    if (this.closed || [...this.slots].filter((s) => !s.busy).length > MAX_IDLE) {
      this.kill(slot);
      return;
    }
    // an idle worker never keeps the process alive (tests, a host shutting down)
    slot.worker.unref();
    if ([...this.slots].some((s) => s !== slot && !s.busy)) {
      // out of the pool at once: a job must never be handed to a worker that is ending
      slot.idleTimer = setTimeout(() => this.kill(slot), IDLE_MS);
      slot.idleTimer.unref();
    }
  }

  /** Starts one worker ahead of the first job (the host at start-up), idle until a job comes. */
  warm(): void {
    if (this.closed || this.slots.size > 0) return;
    const slot = this.spawn();
    this.release(slot);
  }

  private kill(slot: Slot): void {
    slot.onMessage = null;
    slot.onExit = null;
    this.slots.delete(slot);
    void slot.worker.terminate();
  }

  /** Runs a job in a worker with progress and cancel (`ctx` from the JobManager). */
  run<K extends JobKind>(spec: JobSpec<K>, now: number, ctx: JobContext): Promise<JobValues[K]> {
    if (this.closed) return Promise.reject(new Error('job workers closed'));
    const slot = this.take();
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    const cancelFlag = new Int32Array(cancel);
    return new Promise<JobValues[K]>((resolve, reject) => {
      let settled = false;
      let grace: NodeJS.Timeout | null = null;
      const finish = (fn: () => void, keep: boolean): void => {
        if (settled) return;
        settled = true;
        ctx.signal.removeEventListener('abort', onAbort);
        if (grace) clearTimeout(grace);
        if (keep) this.release(slot);
        else this.kill(slot);
        fn();
      };
      const onAbort = (): void => {
        const how = CANCEL[spec.kind];
        Atomics.store(cancelFlag, 0, 1);
        if (how === 'terminate') {
          finish(() => reject(cancelError(spec.kind)), false);
        } else if (how === 'signal') {
          slot.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
        } else {
          // the step running may be long (a month of 200 agents): past the grace period its transaction is rolled back
          grace = setTimeout(
            () => finish(() => reject(cancelError(spec.kind)), false),
            RECALC_CANCEL_GRACE_MS,
          );
        }
      };
      slot.onMessage = (m) => {
        if (m.id !== id) return;
        if (m.type === 'progress') ctx.progress(m.stage, m.done, m.total, m.file, m.label);
        else if (m.type === 'done') finish(() => resolve(m.value as JobValues[K]), true);
        else finish(() => reject(workerError(m)), true);
      };
      slot.onExit = (e) => finish(() => reject(e), false);
      ctx.signal.addEventListener('abort', onAbort);
      slot.worker.postMessage({
        type: 'run',
        id,
        dbPath: this.db.dbPath,
        nativeBinding: this.db.nativeBinding,
        now,
        spec: spec as JobSpec,
        cancel,
        handoff: this.handoff,
      } satisfies ToWorker);
      if (ctx.signal.aborted) onAbort();
    });
  }

  /**
   * Marks a main-thread write as waiting for the lock (a worker's step holds it); a recalculation pauses between
   * steps until the returned function is called.
   */
  waitingWrite(): () => void {
    Atomics.add(this.waiting, WAITING_WRITES, 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      Atomics.sub(this.waiting, WAITING_WRITES, 1);
      Atomics.notify(this.waiting, WAITING_WRITES);
    };
  }

  /** Workers running a job now. */
  get busy(): number {
    return [...this.slots].filter((s) => s.busy).length;
  }

  /** Ends every worker: a job still running ends as if cancelled hard (its open transaction rolls back). */
  close(): void {
    this.closed = true;
    for (const s of [...this.slots]) {
      s.onExit?.(new UserError('程序正在退出，任务已停止', undefined, 'cancelled'));
      this.kill(s);
    }
  }
}
