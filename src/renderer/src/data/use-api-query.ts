/**
 * The one way a screen loads data: `useApiQuery(method, input)`. Loads on mount and whenever the input changes,
 * after every data change (data-version.ts) and on `reload()`; an answer for an older input or version is dropped.
 * While the same input reloads its last answer stays on screen (`loading` says so); a new input starts empty. `input === null` waits (the
 * screen does not know its month yet).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppError, Input, MethodName, Output, Result } from '../../../shared/api';
import { getApi } from '../api/client';
import { useDataVersion } from './data-version';

export interface Query<T> {
  data: T | null;
  error: AppError | null;
  /** true from the first request until the answer for the current input and data version arrives */
  loading: boolean;
  reload: () => void;
}

export interface QueryOptions {
  /** Reload on this interval too (a deadline can pass while the app stays open). */
  refreshEveryMs?: number;
  /** Do not reload on data changes (facts that do not change while the app runs). */
  ignoreDataChanges?: boolean;
  /** Keep showing the last answer while a new input loads (a what-if draft being typed), not only on reloads. */
  keepPreviousData?: boolean;
}

export function useApiQuery<M extends MethodName>(
  method: M,
  input: Input<M> | null,
  options: QueryOptions = {},
): Query<Output<M>> {
  const dataVersion = useDataVersion();
  const [own, setOwn] = useState(0);
  const reload = useCallback(() => setOwn((k) => k + 1), []);
  const { refreshEveryMs, ignoreDataChanges, keepPreviousData } = options;
  // the input as a key: callers pass object literals, which are new on every render
  const inputKey = input === null ? null : stableKey(input);
  const key =
    inputKey === null ? null : `${method}|${inputKey}|${ignoreDataChanges ? 0 : dataVersion}|${own}`;
  const [state, setState] = useState<{
    data: Output<M> | null;
    error: AppError | null;
    key: string | null;
    input: string | null;
  }>({ data: null, error: null, key: null, input: null });

  useEffect(() => {
    if (!refreshEveryMs) return;
    const timer = setInterval(reload, refreshEveryMs);
    return () => clearInterval(timer);
  }, [refreshEveryMs, reload]);

  useEffect(() => {
    if (key === null || inputKey === null) return;
    let alive = true;
    void request(method, inputKey, key).then(
      (r) => {
        if (!alive) return;
        setState(
          r.ok
            ? { data: r.data, error: null, key, input: inputKey }
            : { data: null, error: r.error, key, input: inputKey },
        );
      },
      (e: unknown) => {
        if (alive)
          setState({
            data: null,
            error: { message: '无法读取数据', detail: String(e) },
            key,
            input: inputKey,
          });
      },
    );
    return () => {
      alive = false;
    };
  }, [method, inputKey, key]);

  // an answer for another input (last month's) is not this query's: a reload of the same input keeps it meanwhile
  const mine = state.input !== null && (state.input === inputKey || !!keepPreviousData);
  return {
    data: mine ? state.data : null,
    error: mine ? state.error : null,
    loading: key !== null && state.key !== key,
    reload,
  };
}

/** Requests in flight by key: twenty cells asking for the roster at once make one call. */
const inflight = new Map<string, Promise<Result<unknown>>>();

function request<M extends MethodName>(method: M, inputKey: string, key: string): Promise<Result<Output<M>>> {
  let p = inflight.get(key);
  if (!p) {
    const call = getApi()[method] as unknown as (i: Input<M>) => Promise<Result<Output<M>>>;
    p = call(JSON.parse(inputKey) as Input<M>);
    inflight.set(key, p);
    const done = (): void => {
      inflight.delete(key);
    };
    p.then(done, done);
  }
  return p as Promise<Result<Output<M>>>;
}

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are one input. Inputs are plain JSON (no bytes). */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
