/** The page per agent's address: `#/agent/<id>?month=YYYY-MM` (shareable, kept on reload). */
import { useSyncExternalStore } from 'react';

export function agentHref(agentId: number, month?: string | null): string {
  return `#/agent/${agentId}${month ? `?month=${month}` : ''}`;
}

/** `#/agent/5?month=2026-10` → `{ id: 5, month: '2026-10' }`; null off the page or for a bad id. */
export function parseAgentHash(hash: string): { id: number; month: string | null } | null {
  const m = /^#\/agent\/(\d+)(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const id = Number(m[1]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const month = new URLSearchParams(m[2] ?? '').get('month');
  return { id, month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useAgentRoute(): { id: number; month: string | null } | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const r = parseAgentHash(hash);
  // a new object per render would loop useSyncExternalStore consumers; callers read the fields
  return r;
}
