/**
 * Roster names → agent ids, for screens whose rows carry only the agent's name (中差评). Every cell asks; the query
 * layer makes one roster call for all of them and reloads it after a data change. A name two agents share links
 * nowhere.
 */
import type { Output } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';

const byRoster = new WeakMap<Output<'roster:list'>, Map<string, number>>();

function idsOf(roster: Output<'roster:list'>): Map<string, number> {
  let ids = byRoster.get(roster);
  if (!ids) {
    const count = new Map<string, number>();
    for (const a of roster.agents) count.set(a.name, (count.get(a.name) ?? 0) + 1);
    ids = new Map(roster.agents.filter((a) => count.get(a.name) === 1).map((a) => [a.name, a.id]));
    byRoster.set(roster, ids);
  }
  return ids;
}

export function useAgentId(name: string | null): number | null {
  const { data } = useApiQuery('roster:list', {});
  return name && data ? (idsOf(data).get(name) ?? null) : null;
}
