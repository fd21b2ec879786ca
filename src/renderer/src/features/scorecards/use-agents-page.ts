/**
 * The 客服 table's reads: one page of report:agents (search, team, column filters, sort, scheme, 对比上月 and paging
 * all done by the back end), and every matching row for the xlsx export, read page by page.
 */
import type { AppError } from '../../../../shared/api';
import type { AgentsPage, AgentsQuery, AgentTableRow } from '../../../../shared/report-pages';
import { getApi } from '../../api/client';
import { useApiQuery, type Query } from '../../data/use-api-query';

/** One page of the 客服 table; the last page stays on screen while the next one loads (typing, paging). */
export function useAgentsPage(input: AgentsQuery | null): Query<AgentsPage> {
  return useApiQuery('report:agents', input, { keepPreviousData: true });
}

/** The back end's largest page (scope-rows.ts PAGE_LIMIT_MAX). */
const EXPORT_PAGE = 500;

/** Every row matching the query, in the table's order: the export writes all of them, not the page on screen. */
export async function allAgentRows(
  q: Omit<AgentsQuery, 'offset' | 'limit' | 'summary'>,
): Promise<{ ok: true; rows: AgentTableRow[] } | { ok: false; error: AppError }> {
  const rows: AgentTableRow[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const r = await getApi()['report:agents']({ ...q, offset, limit: EXPORT_PAGE });
    if (!r.ok) return { ok: false, error: r.error };
    rows.push(...r.data.rows);
    if (r.data.rows.length < EXPORT_PAGE || rows.length >= r.data.total) return { ok: true, rows };
  }
}
