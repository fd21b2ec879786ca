/**
 * The clock every host runs on. `SCOREDESK_NOW` (an ISO time with offset, or a China wall-clock time
 * `YYYY-MM-DD[ HH:mm[:ss]]`) starts the clock at that instant and lets it run from there: tests and demos get the
 * same dates on any day, and time still advances inside the run (jobs, schedules, import times stay ordered).
 */
import { chinaEpoch } from '../shared/china-time';

/** Epoch seconds of a `SCOREDESK_NOW` value, or null when it is not a time. */
export function parseClockStart(text: string): number | null {
  const t = text.trim();
  const wall = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (wall) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
    return chinaEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

/** Epoch seconds now: the real clock, or the one `SCOREDESK_NOW` started. Throws on a value that is not a time. */
export function hostClock(env: NodeJS.ProcessEnv = process.env): () => number {
  const fixed = env.SCOREDESK_NOW;
  if (!fixed) return () => Math.floor(Date.now() / 1000);
  const start = parseClockStart(fixed);
  if (start === null)
    throw new Error(
      `SCOREDESK_NOW="${fixed}" 不是有效时间（例：2026-11-20 10:00 或 2026-11-20T10:00:00+08:00）`,
    );
  const origin = Date.now();
  return () => start + Math.floor((Date.now() - origin) / 1000);
}
