/**
 * Long operations (an import, the demo): start through the API, follow `job:progress`, resolve with `job:done`'s
 * result. Every data change they make reaches the screens through data-version.ts.
 */
import type { Input, Result } from '../../../shared/api';
import type { ImportRunResult } from '../../../shared/imports';
import { getApi, runJob, type JobProgress } from '../api/client';
import { bumpDataVersion } from './data-version';

export type { JobProgress };

async function settle(r: Promise<Result<ImportRunResult>>, changes = true): Promise<Result<ImportRunResult>> {
  const out = await r;
  if (changes) bumpDataVersion();
  return out;
}

export function runImportJob(
  input: Input<'import:start'>,
  onProgress?: (p: JobProgress) => void,
  onStarted?: (jobId: string) => void,
): Promise<Result<ImportRunResult>> {
  const api = getApi();
  // a preview (dry run) stores nothing
  return settle(
    runJob(api, () => api['import:start'](input), onProgress, onStarted),
    !input.options?.dryRun,
  );
}

export function runDemoJob(onProgress?: (p: JobProgress) => void): Promise<Result<ImportRunResult>> {
  const api = getApi();
  return settle(runJob(api, () => api['demo:load']({}), onProgress));
}
