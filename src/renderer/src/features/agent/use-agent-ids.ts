/**
 * Roster names → agent ids, for screens whose rows carry only the agent's name (中差评). One roster read shared by
 * every cell, read again after a data change; a name two agents share links nowhere.
 */
import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';

let cache: Promise<Map<string, number>> | null = null;
let listening = false;

function load(): Promise<Map<string, number>> {
  const api = getApi();
  if (!listening) {
    listening = true;
    api.subscribe((e) => {
      if (e.type === 'recalc:done') cache = null;
    });
  }
  cache ??= api['roster:list']({}).then((r) => {
    if (!r.ok) return new Map<string, number>();
    const count = new Map<string, number>();
    for (const a of r.data.agents) count.set(a.name, (count.get(a.name) ?? 0) + 1);
    return new Map(r.data.agents.filter((a) => count.get(a.name) === 1).map((a) => [a.name, a.id]));
  });
  return cache;
}

export function useAgentId(name: string | null): number | null {
  const [ids, setIds] = useState<Map<string, number> | null>(null);
  useEffect(() => {
    let alive = true;
    void load().then((m) => {
      if (alive) setIds(m);
    });
    return () => {
      alive = false;
    };
  }, []);
  return name ? (ids?.get(name) ?? null) : null;
}
