import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportRunResult } from '../shared/imports';
import { UserError } from './errors';
import type { WorkerInput, WorkerMessage } from './import-worker';
import type { JobContext } from './jobs';

/** The worker script next to this module: the built `.js` (electron-vite) or the source `.ts` under tsx. */
export function workerScript(): string | null {
  for (const name of ['import-worker.js', 'import-worker.ts']) {
    const p = join(__dirname, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Imports in a worker thread with progress and cancel. Cancel terminates the worker: the file being imported rolls
 * back, files already finished stay imported (each file is its own transaction).
 */
export function runImportInWorker(
  input: Omit<WorkerInput, 'options'> & { options: ImportOptions },
  ctx: JobContext,
  script: string,
): Promise<ImportRunResult> {
  return new Promise((resolve, reject) => {
    // the source .ts (browser host, tests) is loaded through tsx's require hook inside the worker; the built .js
    // (Electron) needs nothing
    const worker = script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, {
          eval: true,
          workerData: input,
          execArgv: [],
        })
      : new Worker(script, { workerData: input });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      void worker.terminate();
      finish(() =>
        reject(
          new UserError('导入已取消：正在导入的文件未写入，之前完成的文件已导入', undefined, 'cancelled'),
        ),
      );
    };
    ctx.signal.addEventListener('abort', onAbort);
    if (ctx.signal.aborted) onAbort();
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') ctx.progress(m.stage, m.done, m.total, m.file);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(new UserError(m.message, m.detail, m.code ?? 'import_failed')));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`import worker exited with code ${code}`))));
  });
}
