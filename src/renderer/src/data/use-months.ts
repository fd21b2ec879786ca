/**
 * The months that have data (`report:months`), oldest first, and the app's month: one month for every screen, kept in
 * the URL (`#/scorecards?month=2026-10`). Without a month in the URL (or with one that has no data) it is the latest
 * month with meaningful data (month-choice.ts).
 */
import { useCallback, useMemo } from 'react';
import type { Month } from '../../../shared/domain';
import { useApiQuery } from './use-api-query';
import { setHashParam, useHashParam } from '../app/router';
import { chooseMonth, defaultMonth } from './month-choice';

export interface Months {
  /** Oldest first; null until loaded, empty when there is no data or it could not be read. */
  months: Month[] | null;
  error: string | null;
  month: Month | null;
  /** the URL's month when it has no data (the screen shows `month` instead and says so) */
  refused: string | null;
  setMonth: (month: Month) => void;
}

/** Sets the app's month: every screen follows, and the URL keeps it. */
export function setAppMonth(month: Month): void {
  setHashParam('month', month);
}

export function useMonths(): Months {
  const param = useHashParam('month');
  const months = useApiQuery('report:months', {});
  const history = useApiQuery('import:history', {});
  const list = useMemo(() => (months.data ? [...months.data].sort() : null), [months.data]);
  // without the history the default is the latest month: the periods only refine it
  // both answers first: the default month must not flip from the latest to the meaningful one after a moment
  const waiting =
    (months.data === null && months.error === null) || (history.data === null && history.error === null);
  const fallback = useMemo(() => (list ? defaultMonth(list, history.data) : null), [list, history.data]);
  const shown = waiting ? null : (list ?? []);
  const { month, refused } = chooseMonth(param, shown, fallback);
  const setMonth = useCallback((m: Month) => setAppMonth(m), []);
  return { months: shown, error: months.error?.message ?? null, month, refused, setMonth };
}

/** The month pickers' default: the latest month with data. */
export function latestMonth(months: readonly Month[] | null): Month | null {
  return months && months.length > 0 ? months[months.length - 1]! : null;
}
