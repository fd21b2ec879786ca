/**
 * One counter for "the data changed": bumped by the back end's notices (a recalculation finished, the watched folder
 * imported, an import job ended) and by every successful mutation made through `useApiMutation`. Every
 * `useApiQuery` reads it, so every screen reloads after every change, whoever made it.
 */
import { useSyncExternalStore } from 'react';
import type { AppEvent } from '../../../shared/api';
import { getApi } from '../api/client';

/** The notices after which stored data may differ. */
export const DATA_EVENTS: ReadonlySet<AppEvent['type']> = new Set([
  'recalc:done',
  'watch:imported',
  'job:done',
]);

/**
 * Whether a notice may have changed stored data. A job's end does when the job imported (an import, the demo, the
 * watched folder); a recalculation says so with its own `recalc:done`, and the monthly sheet only reads — its end must
 * not reload the screens, or 月度绩效表's preview would start its own job again and again.
 */
export function changesData(e: AppEvent): boolean {
  if (e.type === 'job:done') return e.kind === 'import' || e.kind === 'demo' || e.kind === 'watch';
  return DATA_EVENTS.has(e.type);
}

let version = 0;
const listeners = new Set<() => void>();
let unsubscribeApi: (() => void) | null = null;

/** Marks every query stale: they load again (keeping their last answer on screen meanwhile). */
export function bumpDataVersion(): void {
  version += 1;
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // one subscription to the back end for the whole app, opened with the first reader
  unsubscribeApi ??= getApi().subscribe((e) => {
    if (changesData(e)) bumpDataVersion();
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribeApi) {
      unsubscribeApi();
      unsubscribeApi = null;
    }
  };
}

/** The current data version; the component re-renders when it changes. */
export function useDataVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
