/** Loads `agent:page` for the route's agent and month; drops stale answers, reloads after every data change. */
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/api';
import type { AgentPageView } from '../../../../shared/agent-page';
import { getApi } from '../../api/client';

export interface AgentPageState {
  data: AgentPageView | null;
  error: AppError | null;
  loading: boolean;
}

export function useAgentPage(agentId: number, month: string | null): AgentPageState {
  const api = getApi();
  const [state, setState] = useState<{ data: AgentPageView | null; error: AppError | null; key: string }>({
    data: null,
    error: null,
    key: '',
  });
  const [reload, setReload] = useState(0);
  const [latest, setLatest] = useState<string | null>(null);

  useEffect(
    () =>
      api.subscribe((e) => {
        if (e.type === 'recalc:done' || e.type === 'watch:imported') setReload((k) => k + 1);
      }),
    [api],
  );

  // without a month in the address: the newest month with data
  useEffect(() => {
    if (month) return;
    let alive = true;
    void api['report:months']({}).then((r) => {
      if (alive) setLatest(r.ok ? (r.data[0] ?? null) : null);
    });
    return () => {
      alive = false;
    };
  }, [api, month, reload]);

  const effective = month ?? latest;
  const key = `${agentId}|${effective ?? ''}|${reload}`;
  useEffect(() => {
    if (!effective) return;
    let alive = true;
    void api['agent:page']({ agent_id: agentId, month: effective }).then((r) => {
      if (!alive) return;
      setState(r.ok ? { data: r.data, error: null, key } : { data: null, error: r.error, key });
    });
    return () => {
      alive = false;
    };
  }, [api, agentId, effective, key]);

  // the previous answer stays on screen while a reload runs
  return { data: state.data, error: state.error, loading: state.key !== key };
}
