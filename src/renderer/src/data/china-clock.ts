/**
 * The renderer's China wall clock (metrics.md §0), whatever the machine's zone: one place for every screen's "today".
 * It reads the browser's clock; the host's (SCOREDESK_NOW) is not passed to the renderer yet.
 */

/** Now in China time as `YYYY-MM-DD HH:mm`. */
export function chinaNow(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Today in China time, `YYYY-MM-DD`. */
export function chinaToday(): string {
  return chinaNow().slice(0, 10);
}
