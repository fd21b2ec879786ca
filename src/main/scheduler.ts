import type { Backend } from './backend';

/**
 * Scheduled recalculation (metrics.md §8). The skeleton has no lagged statuses to move yet; the rule-engine slice
 * adds the daily 09:30 run. Returns the stop function.
 */
export function startScheduler(_backend: Backend): () => void {
  return () => undefined;
}
