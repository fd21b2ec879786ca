/**
 * Runs an import off the host's main thread (architecture.md #8): parsing and recomputation of large files would
 * otherwise stall IPC and the browser host's event stream. The worker opens its own connection to the same WAL
 * database; terminating it mid-file rolls that file's transaction back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportOptions } from '../shared/imports';
import { openDb } from './db/open';
import { runImport } from './import/pipeline';

export interface WorkerInput {
  dbPath: string;
  nativeBinding?: string;
  files: { name: string; bytes: Uint8Array }[];
  options: ImportOptions;
  now: number;
}

export type WorkerMessage =
  | { type: 'progress'; stage: string; done: number; total: number; file?: string }
  | { type: 'done'; result: Awaited<ReturnType<typeof runImport>> }
  | { type: 'error'; message: string; detail?: string; code?: string };

async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  const db = openDb(input.dbPath, { nativeBinding: input.nativeBinding });
  try {
    const result = await runImport(db, input.files, input.options, {
      now: input.now,
      progress: (stage, done, total, file) =>
        parentPort?.postMessage({ type: 'progress', stage, done, total, file } satisfies WorkerMessage),
    });
    parentPort?.postMessage({ type: 'done', result } satisfies WorkerMessage);
  } catch (e) {
    const err = e as Error & { detail?: string; code?: string };
    parentPort?.postMessage({
      type: 'error',
      message: err.message,
      detail: err.detail ?? err.stack,
      code: err.code,
    } satisfies WorkerMessage);
  } finally {
    db.close();
  }
}

if (parentPort) void main();
