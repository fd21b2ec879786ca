/**
 * The jobs running in the back end (recalculations, imports, the watched folder, the monthly sheet): `job:list` once,
 * then `job:progress` and `job:done` keep the list current, so a window opened mid-job shows it too. A job is listed
 * once it has run for `SHOW_AFTER_MS`: a sheet preview of a small month never flashes in the header.
 */
import { useCallback, useEffect, useState } from 'react';
import type { JobInfo } from '../../../../shared/api';
import { getApi } from '../../api/client';

export const SHOW_AFTER_MS = 400;

export function useRunningJobs(): {
  jobs: JobInfo[];
  cancel: (jobId: string) => Promise<string | null>;
} {
  const api = getApi();
  const [jobs, setJobs] = useState<JobInfo[]>([]);

  useEffect(() => {
    let alive = true;
    const running = new Map<string, JobInfo>();
    const since = new Map<string, number>();
    // a job that ended before job:list answered must not come back from the list
    const ended = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (): void => {
      if (!alive) return;
      const now = Date.now();
      const due = (id: string): number => (since.get(id) ?? now) + SHOW_AFTER_MS - now;
      setJobs([...running.values()].filter((j) => due(j.jobId) <= 0));
      const waits = [...running.keys()].map(due).filter((ms) => ms > 0);
      clearTimeout(timer);
      if (waits.length) timer = setTimeout(publish, Math.min(...waits));
    };
    const off = api.subscribe((e) => {
      if (e.type === 'job:progress') {
        const { type: _type, ...info } = e;
        if (!since.has(e.jobId)) since.set(e.jobId, Date.now());
        running.set(e.jobId, info);
        publish();
      } else if (e.type === 'job:done') {
        ended.add(e.jobId);
        since.delete(e.jobId);
        if (running.delete(e.jobId)) publish();
      }
    });
    void api['job:list']({}).then((r) => {
      if (!r.ok) return;
      for (const j of r.data) {
        if (ended.has(j.jobId) || running.has(j.jobId)) continue;
        // already running when the window opened: shown at once
        since.set(j.jobId, Date.now() - SHOW_AFTER_MS);
        running.set(j.jobId, j);
      }
      publish();
    });
    return () => {
      alive = false;
      clearTimeout(timer);
      off();
    };
  }, [api]);

  const cancel = useCallback(
    async (jobId: string): Promise<string | null> => {
      const r = await api['job:cancel']({ jobId });
      return r.ok ? null : r.error.message;
    },
    [api],
  );

  return { jobs, cancel };
}
