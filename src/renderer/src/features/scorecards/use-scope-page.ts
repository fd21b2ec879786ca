/**
 * The 账号 and 店铺 tables' reads: one page of report:scopes (search, 平台/店铺 filters, sort, 对比上月 and paging all
 * done by the back end, the sparkline day series of the page's rows included), and every matching row for the xlsx
 * export, read page by page.
 */
import type { AppError } from '../../../../shared/api';
import type { ScopesPage, ScopesQuery, ScopeTableRow } from '../../../../shared/report-pages';
import { getApi } from '../../api/client';
import { useApiQuery, type Query } from '../../data/use-api-query';

/** One page of the 账号 or 店铺 table; the last page stays on screen while the next one loads (typing, paging). */
export function useScopePage(input: ScopesQuery | null): Query<ScopesPage> {
  return useApiQuery('report:scopes', input, { keepPreviousData: true });
}

/** The back end's largest page (scope-rows.ts PAGE_LIMIT_MAX). */
const EXPORT_PAGE = 500;

/** Every row matching the query, in the table's order: the export writes all of them, not the page on screen. */
export async function allScopeRows(
  q: Omit<ScopesQuery, 'offset' | 'limit'>,
): Promise<{ ok: true; rows: ScopeTableRow[] } | { ok: false; error: AppError }> {
  const rows: ScopeTableRow[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const r = await getApi()['report:scopes']({ ...q, offset, limit: EXPORT_PAGE });
    if (!r.ok) return { ok: false, error: r.error };
    rows.push(...r.data.rows);
    if (r.data.rows.length < EXPORT_PAGE || rows.length >= r.data.total) return { ok: true, rows };
  }
}
