/** Hash routing (`#/import`) without a router package: works from app://scoredesk in Electron and over the browser host. */
import { useSyncExternalStore } from 'react';

export const ROUTE_KEYS = [
  'overview',
  'scorecards',
  'ratings',
  'exams',
  'schemes',
  'import',
  'sheet',
  'settings',
  // the page per agent, `#/agent/<id>?month=…` (features/agent/agent-route.ts); not in the menu
  'agent',
] as const;
export type RouteKey = (typeof ROUTE_KEYS)[number];

function isRouteKey(s: string): s is RouteKey {
  return (ROUTE_KEYS as readonly string[]).includes(s);
}

/** `#/import?x=1` → `import`; anything unknown (or the `#token=…` of the first load) → `overview`. */
export function parseHash(hash: string): RouteKey {
  const m = /^#\/([^?/]*)/.exec(hash);
  const key = m?.[1] ?? '';
  return isRouteKey(key) ? key : 'overview';
}

export function hrefOf(key: RouteKey): string {
  return `#/${key}`;
}

export function navigate(key: RouteKey): void {
  if (parseHash(window.location.hash) !== key) window.location.hash = `/${key}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): RouteKey {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}

/** The query part of the hash (`#/settings?tab=rules` → `tab=rules`), for a page's own sub-state such as its tab. */
export function useHashParam(name: string): string | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const q = hash.indexOf('?');
  return q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get(name);
}

/** Sets one hash query parameter without adding a history entry for every tab click. */
export function setHashParam(name: string, value: string | null): void {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  let path = q < 0 ? hash : hash.slice(0, q);
  // the first screen can have no hash at all (the desktop app opens index.html): the query needs a route before it,
  // or it would land in location.search where no one reads it
  if (!path.startsWith('#/')) path = `#/${parseHash(hash)}`;
  const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  if (value === null) params.delete(name);
  else params.set(name, value);
  const text = params.toString();
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${window.location.search}${path}${text ? `?${text}` : ''}`,
  );
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * The app's month stays in the URL from screen to screen: the menu's links are plain `#/ratings`, so a navigation
 * that drops `?month=` gets it back (without a history entry). Returns the unsubscribe function.
 */
export function keepMonthInHash(): () => void {
  let month: string | null = null;
  const onChange = (): void => {
    const hash = window.location.hash;
    if (!hash.startsWith('#/')) return;
    const q = hash.indexOf('?');
    const current = q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get('month');
    if (current) month = current;
    else if (month) setHashParam('month', month);
  };
  onChange();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
