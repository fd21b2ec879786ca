import { randomUUID } from 'node:crypto';
import type { AppEvent, JobInfo, JobKind, JobOutcome, Result } from '../shared/api';
import { toAppError } from './errors';

export interface JobContext {
  /**
   * Reports progress; cheap to call often (throttled to every 100 ms per job). `label` is what the lead reads
   * (正在重新计算 2026-10); without one it is made from the stage and the file.
   */
  progress: (stage: string, done: number, total: number, file?: string, label?: string) => void;
  readonly signal: AbortSignal;
}

const KIND_ZH: Record<JobKind, string> = {
  import: '正在导入',
  demo: '正在载入演示数据',
  watch: '正在导入监视文件夹中的文件',
  recalc: '正在重新计算',
  sheet: '正在生成月度绩效表',
  merge: '正在合并店铺',
  kci: '正在导入 KCI',
};

const STAGE_ZH: Record<string, string> = {
  import: '正在导入',
  recalc: '正在重新计算',
  demo: '正在载入演示数据',
  events: '正在重新计算明细指标',
  sheet: '正在生成月度绩效表',
};

/** The Chinese label of a progress report: the body's own, else its stage (and file), else the job's kind. */
export function progressLabel(kind: JobKind, stage: string, file?: string, label?: string): string {
  if (label) return label;
  const base = STAGE_ZH[stage] ?? KIND_ZH[kind];
  return file ? `${base} ${file}` : base;
}

/** Runs long operations, reporting progress and completion to subscribers (job:progress, job:done). */
export class JobManager {
  private readonly listeners = new Set<(e: AppEvent) => void>();
  private readonly running = new Map<string, { controller: AbortController; info: JobInfo }>();

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

  /** Starts a job whose outcome only travels as `job:done` (imports, the demo); returns its id at once. */
  start(kind: JobKind, run: (ctx: JobContext) => Promise<JobOutcome>): string {
    const { jobId, result } = this.launch(kind, run, (o) => o);
    // the outcome reaches subscribers through job:done; nobody awaits this promise
    result.catch(() => undefined);
    return jobId;
  }

  /**
   * Starts a job and also hands its value to the caller (the sheet's bytes, a recalculation's months); `outcome`
   * is what `job:done` says of it. The promise rejects with the job's error (a cancel included).
   */
  launch<T>(
    kind: JobKind,
    run: (ctx: JobContext) => Promise<T>,
    outcome: (value: T) => JobOutcome,
  ): { jobId: string; result: Promise<T> } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = { jobId, kind, label: KIND_ZH[kind], stage: kind, done: 0, total: 0 };
    this.running.set(jobId, { controller, info });
    let last = 0;
    let lastStep = '';
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (stage, done, total, file, label) => {
        Object.assign(info, { stage, done, total, file, label: progressLabel(kind, stage, file, label) });
        // a new step (stage, file or label) is always reported; repeats of one step at most every 100 ms
        const step = `${stage}|${file ?? ''}|${info.label}`;
        const now = Date.now();
        if (step === lastStep && done < total && now - last < 100) return;
        last = now;
        lastStep = step;
        this.emit({ type: 'job:progress', ...info });
      },
    };
    // setImmediate: the caller gets the jobId (and can subscribe) before any event is sent
    const result = new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        run(ctx).then(resolve, reject);
      });
    });
    void result
      .then(
        (value): Result<JobOutcome> => ({ ok: true, data: outcome(value) }),
        (e: unknown): Result<JobOutcome> => ({ ok: false, error: toAppError(e) }),
      )
      .then((r) => {
        this.running.delete(jobId);
        this.emit({ type: 'job:done', jobId, kind, result: r });
      })
      .catch(() => undefined);
    return { jobId, result };
  }

  /** Jobs still running (a restore waits for none). */
  get active(): number {
    return this.running.size;
  }

  /** Jobs of these kinds still running. */
  activeOf(...kinds: JobKind[]): number {
    let n = 0;
    for (const { info } of this.running.values()) if (kinds.includes(info.kind)) n++;
    return n;
  }

  /** The running jobs with their last progress (job:list). */
  list(): JobInfo[] {
    return [...this.running.values()].map(({ info }) => ({ ...info }));
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.controller.abort();
    return true;
  }
}
