/**
 * The months that have data (`report:months`), oldest first, and the app's month: one month for every screen, kept in
 * the URL (`#/scorecards?month=2026-10`). Without a month in the URL (or with one that has no data) it is the latest
 * month with meaningful data (month-choice.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppEvent } from '../../../shared/api';
import type { Month } from '../../../shared/domain';
import type { ImportBatchInfo } from '../../../shared/imports';
import { getApi } from '../api/client';
import { setHashParam, useHashParam } from '../app/router';
import { chooseMonth, defaultMonth } from './month-choice';

export interface MonthsOptions {
  /** The list loads again whenever this changes: the page's own reload counter. */
  reloadKey?: string | number;
  /** Notices after which the list loads again by itself (for a page without a reload counter of its own). */
  refreshOn?: readonly AppEvent['type'][];
}

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

export function useMonths({ reloadKey, refreshOn = [] }: MonthsOptions = {}): Months {
  const api = getApi();
  const [state, setState] = useState<{
    months: Month[] | null;
    error: string | null;
    fallback: Month | null;
  }>({ months: null, error: null, fallback: null });
  const [ownKey, setOwnKey] = useState(0);
  const param = useHashParam('month');
  // a string, not the array: callers pass a literal, which is a new array on every render
  const events = refreshOn.join(' ');

  useEffect(() => {
    if (!events) return;
    const types = events.split(' ');
    return api.subscribe((e) => {
      if (types.includes(e.type)) setOwnKey((k) => k + 1);
    });
  }, [api, events]);

  useEffect(() => {
    let alive = true;
    void Promise.all([api['report:months']({}), api['import:history']({})]).then(([r, h]) => {
      if (!alive) return;
      const list = r.ok ? [...r.data].sort() : [];
      // without the history the default is the latest month: the periods only refine it
      const batches: ImportBatchInfo[] | null = h.ok ? h.data : null;
      setState({ months: list, error: r.ok ? null : r.error.message, fallback: defaultMonth(list, batches) });
    });
    return () => {
      alive = false;
    };
  }, [api, reloadKey, ownKey]);

  const { month, refused } = chooseMonth(param, state.months, state.fallback);
  const setMonth = useCallback((m: Month) => setAppMonth(m), []);
  return { months: state.months, error: state.error, month, refused, setMonth };
}

/** The month pickers' default: the latest month with data. */
export function latestMonth(months: readonly Month[] | null): Month | null {
  return months && months.length > 0 ? months[months.length - 1]! : null;
}
