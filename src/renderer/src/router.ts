/** Hash routing (`#/import`) without a router package: works from file:// in Electron and over the browser host. */
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
