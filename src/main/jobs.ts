import { randomUUID } from 'node:crypto';
import type { AppEvent, Result } from '../shared/api';
import type { ImportRunResult } from '../shared/imports';
import { toAppError } from './errors';

export interface JobContext {
  /** Reports progress; cheap to call often (throttled to every 100 ms per job). */
  progress: (stage: string, done: number, total: number, file?: string) => void;
  readonly signal: AbortSignal;
}

/** Runs long operations, reporting progress and completion to subscribers (job:progress, job:done). */
export class JobManager {
  private readonly listeners = new Set<(e: AppEvent) => void>();
  private readonly running = new Map<string, AbortController>();

  subscribe(listener: (e: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a broken listener must not stop the others
      }
    }
  }

  start(run: (ctx: JobContext) => Promise<ImportRunResult>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let last = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (stage, done, total, file) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        this.emit({ type: 'job:progress', jobId, stage, done, total, file });
      },
    };
    // setImmediate: the caller gets the jobId (and can subscribe) before any event is sent
    setImmediate(() => {
      run(ctx)
        .then((data): Result<ImportRunResult> => ({ ok: true, data }))
        .catch((e: unknown): Result<ImportRunResult> => ({ ok: false, error: toAppError(e) }))
        .then((result) => {
          this.running.delete(jobId);
          this.emit({ type: 'job:done', jobId, result });
        })
        .catch(() => undefined);
    });
    return jobId;
  }

  /** Jobs still running (a restore waits for none). */
  get active(): number {
    return this.running.size;
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }
}
