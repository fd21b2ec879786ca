/**
 * The months that have data (`report:months`), oldest first, and the month the lead is looking at: the latest one
 * until they pick another, and their pick for as long as that month still has data.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppEvent } from '../../../shared/api';
import type { Month } from '../../../shared/domain';
import { getApi } from '../api/client';

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
  setMonth: (month: Month) => void;
}

export function useMonths({ reloadKey, refreshOn = [] }: MonthsOptions = {}): Months {
  const api = getApi();
  const [state, setState] = useState<Omit<Months, 'setMonth'>>({ months: null, error: null, month: null });
  const [ownKey, setOwnKey] = useState(0);
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
    void api['report:months']({}).then((r) => {
      if (!alive) return;
      const list = r.ok ? [...r.data].sort() : [];
      setState((s) => ({
        months: list,
        error: r.ok ? null : r.error.message,
        month: s.month && list.includes(s.month) ? s.month : latestMonth(list),
      }));
    });
    return () => {
      alive = false;
    };
  }, [api, reloadKey, ownKey]);

  const setMonth = useCallback((month: Month) => setState((s) => ({ ...s, month })), []);
  return { ...state, setMonth };
}

/** The month pickers' default: the latest month with data. */
export function latestMonth(months: readonly Month[] | null): Month | null {
  return months && months.length > 0 ? months[months.length - 1]! : null;
}
