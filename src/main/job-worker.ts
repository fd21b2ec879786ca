/**
 * The job worker (architecture.md #8): imports, recalculations, the watched folder and the monthly sheet run here,
 * off the host's main thread, which keeps serving reads of the last committed results. A worker stays up between jobs
 * (loading the modules costs far more than a job's start) and runs one job at a time, each on its own connection to
 * the same WAL database. Terminating it mid-step rolls that step's transaction back.
 */
import { parentPort } from 'node:worker_threads';
import { openDb } from './db/open';
import { cancelError, runJobBody, WAITING_WRITES, type JobSpec } from './job-body';

export type ToWorker =
  | {
      type: 'run';
      id: number;
      dbPath: string;
      nativeBinding?: string;
      now: number;
      spec: JobSpec;
      /** Int32Array [cancelled]: read between two steps without waiting for a message */
      cancel: SharedArrayBuffer;
      /** Int32Array [WAITING_WRITES]: the host's, shared by all its workers */
      handoff: SharedArrayBuffer;
    }
  | { type: 'cancel'; id: number };

export type FromWorker =
  | {
      type: 'progress';
      id: number;
      stage: string;
      done: number;
      total: number;
      file?: string;
      label?: string;
    }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'error'; id: number; name: string; message: string; detail?: string; code?: string };

/** How long one pause for a waiting main-thread write may last: the write needs milliseconds once it has the lock. */
const HANDOFF_MAX_MS = 2000;

const WORKER_BUSY_MS = 60_000;

const controllers = new Map<number, AbortController>();

function post(m: FromWorker, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(m, transfer);
}

async function run(m: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  controllers.set(m.id, controller);
  const cancel = new Int32Array(m.cancel);
  const handoff = new Int32Array(m.handoff);
  let db: ReturnType<typeof openDb> | null = null;
  try {
    db = openDb(m.dbPath, { nativeBinding: m.nativeBinding });
    // a worker may wait for the lock as long as it takes another job's step (a month of 200 agents): only this
    // thread waits, never the host's
    db.pragma(`busy_timeout = ${WORKER_BUSY_MS}`);
    const value = await runJobBody(db, m.spec, {
      now: m.now,
      signal: controller.signal,
      progress: (stage, done, total, file, label) =>
        post({ type: 'progress', id: m.id, stage, done, total, file, label }),
      between: () => {
        if (Atomics.load(cancel, 0) !== 0 || controller.signal.aborted) throw cancelError(m.spec.kind);
        // a write of the main thread is waiting for the lock: this step committed, let it through first
        const started = Date.now();
        for (
          let n = Atomics.load(handoff, WAITING_WRITES);
          n > 0;
          n = Atomics.load(handoff, WAITING_WRITES)
        ) {
          if (Date.now() - started > HANDOFF_MAX_MS) break;
          Atomics.wait(handoff, WAITING_WRITES, n, 20);
        }
      },
    });
    const bytes = (value as { bytes?: unknown } | null)?.bytes;
    const own =
      bytes instanceof Uint8Array &&
      bytes.byteOffset === 0 &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteLength === bytes.buffer.byteLength;
    post({ type: 'done', id: m.id, value }, own ? [bytes.buffer] : []);
  } catch (e) {
    const err: Error & { detail?: string; code?: string } = e instanceof Error ? e : new Error(String(e));
    post({
      type: 'error',
      id: m.id,
      name: err.name,
      message: err.message,
      detail: err.detail ?? err.stack,
      code: err.code,
    });
  } finally {
    controllers.delete(m.id);
    db?.close();
  }
}

if (parentPort) {
  parentPort.on('message', (m: ToWorker) => {
    if (m.type === 'run') void run(m);
    else controllers.get(m.id)?.abort();
  });
}
