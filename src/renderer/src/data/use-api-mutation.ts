/**
 * Calls that change data (`useApiMutation`) and calls made on demand that change nothing (`useApiCall`: an export,
 * a template, a drill-down the lead opened). A successful mutation marks every query stale, so each screen shows
 * the change without listening for it itself.
 */
import { useCallback } from 'react';
import type { Input, MethodName, Output, Result } from '../../../shared/api';
import { getApi } from '../api/client';
import { bumpDataVersion } from './data-version';

export type ApiFn<M extends MethodName> = (input: Input<M>) => Promise<Result<Output<M>>>;

function callApi<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  const fn = getApi()[method] as unknown as ApiFn<M>;
  return fn(input).catch((e: unknown) => ({
    ok: false as const,
    error: { message: '无法连接后台服务', detail: String(e) },
  }));
}

export function useApiMutation<M extends MethodName>(method: M): ApiFn<M> {
  return useCallback(
    async (input: Input<M>) => {
      const r = await callApi(method, input);
      if (r.ok) bumpDataVersion();
      return r;
    },
    [method],
  );
}

export function useApiCall<M extends MethodName>(method: M): ApiFn<M> {
  return useCallback((input: Input<M>) => callApi(method, input), [method]);
}
