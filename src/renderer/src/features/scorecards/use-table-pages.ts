/**
 * The 客服 page's table reads: one page of report:agents (客服) or report:scopes (账号, 店铺) — search, filters, sort,
 * scheme, 对比上月 and paging all done by the back end, the 账号/店铺 sparkline series of the page's rows included —
 * and every matching row for the xlsx export, read page by page.
 */
import type { AppError, Result } from '../../../../shared/api';
import type {
  AgentsPage,
  AgentsQuery,
  AgentTableRow,
  ScopesPage,
  ScopesQuery,
  ScopeTableRow,
} from '../../../../shared/report-pages';
import { getApi } from '../../api/client';
import { useApiQuery, type Query } from '../../data/use-api-query';

/** One page of the 客服 table; the last page stays on screen while the next one loads (typing, paging). */
export function useAgentsPage(input: AgentsQuery | null): Query<AgentsPage> {
  return useApiQuery('report:agents', input, { keepPreviousData: true });
}

/** One page of the 账号 or 店铺 table; likewise. */
export function useScopePage(input: ScopesQuery | null): Query<ScopesPage> {
  return useApiQuery('report:scopes', input, { keepPreviousData: true });
}

/** The back end's largest page (scope-rows.ts PAGE_LIMIT_MAX). */
const EXPORT_PAGE = 500;

export type AllRows<R> = { ok: true; rows: R[] } | { ok: false; error: AppError };

/** Every row of a paged read, in its order: the export writes all of them, not the page on screen. */
async function allPages<R>(
  page: (offset: number, limit: number) => Promise<Result<{ rows: R[]; total: number }>>,
): Promise<AllRows<R>> {
  const rows: R[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const r = await page(offset, EXPORT_PAGE);
    if (!r.ok) return { ok: false, error: r.error };
    rows.push(...r.data.rows);
    if (r.data.rows.length < EXPORT_PAGE || rows.length >= r.data.total) return { ok: true, rows };
  }
}

export function allAgentRows(
  q: Omit<AgentsQuery, 'offset' | 'limit' | 'summary'>,
): Promise<AllRows<AgentTableRow>> {
  return allPages((offset, limit) => getApi()['report:agents']({ ...q, offset, limit }));
}

export function allScopeRows(q: Omit<ScopesQuery, 'offset' | 'limit'>): Promise<AllRows<ScopeTableRow>> {
  return allPages((offset, limit) => getApi()['report:scopes']({ ...q, offset, limit }));
}
