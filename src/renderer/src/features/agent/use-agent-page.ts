/** Loads `agent:page` for the route's agent and month (the newest month with data when the address has none). */
import type { AppError } from '../../../../shared/api';
import type { AgentPageView } from '../../../../shared/agent-page';
import { useApiQuery } from '../../data/use-api-query';

export interface AgentPageState {
  data: AgentPageView | null;
  error: AppError | null;
  loading: boolean;
}

export function useAgentPage(agentId: number, month: string | null): AgentPageState {
  const months = useApiQuery('report:months', month ? null : {});
  const effective = month ?? months.data?.[0] ?? null;
  const page = useApiQuery('agent:page', effective ? { agent_id: agentId, month: effective } : null);
  // the previous answer stays on screen while a reload runs
  return { data: page.data, error: page.error, loading: page.loading || (!month && months.loading) };
}
