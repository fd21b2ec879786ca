/**
 * China time (UTC+8, no DST) without touching the machine's zone: every computation goes through UTC fields of a
 * Date shifted by +8 h, never through local Date getters (metrics.md §0).
 */
import type { Day, Month } from './domain';

export const CHINA_OFFSET_S = 8 * 3600;
const DAY_S = 86400;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Epoch seconds of a China wall-clock time. Returns null for an impossible date such as 2026-13-40. */
export function chinaEpoch(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 59)
    return null;
  if (h === 24 && (mi !== 0 || s !== 0)) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 1000 - CHINA_OFFSET_S;
}

/** The China calendar day of an instant. */
export function chinaDay(epochS: number): Day {
  return new Date((epochS + CHINA_OFFSET_S) * 1000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:mm:ss` in China time. */
export function chinaDateTime(epochS: number): string {
  const iso = new Date((epochS + CHINA_OFFSET_S) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Epoch seconds of 00:00:00 China time on a day. */
export function dayStart(day: Day): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 1000 - CHINA_OFFSET_S;
}

export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return chinaEpoch(y, m, d) !== null;
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function addDays(day: Day, n: number): Day {
  return chinaDay(dayStart(day) + n * DAY_S);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((dayStart(b) - dayStart(a)) / DAY_S);
}

export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

export function monthStart(month: Month): Day {
  return `${month}-01`;
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function monthEnd(month: Month): Day {
  return `${month}-${pad(daysInMonth(month))}`;
}

export function addMonths(month: Month, n: number): Month {
  const t = monthIndex(month) + n;
  return `${pad(Math.floor(t / 12), 4)}-${pad((((t % 12) + 12) % 12) + 1)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(day: Day): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Every day from a to b inclusive; counted, not compared as strings (`10000-01-01` sorts below `9999-12-31`). */
export function eachDay(from: Day, to: Day): Day[] {
  const n = daysBetween(from, to);
  if (n > MAX_SPAN_DAYS) throw new RangeError(`day range ${from}~${to} is longer than ${MAX_SPAN_DAYS} days`);
  const out: Day[] = [];
  for (let k = 0; k <= n; k++) out.push(addDays(from, k));
  return out;
}

/** Month index y·12 + m − 1, for comparing and counting months across years without string order. */
export function monthIndex(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** No range the product handles spans more than a century; a longer one is a bad date, never a loop to run. */
const MAX_SPAN_MONTHS = 1200;
const MAX_SPAN_DAYS = 36600;

/** Every month from a to b inclusive (empty when b is before a). Throws RangeError past 100 years. */
export function eachMonth(from: Month, to: Month): Month[] {
  const a = monthIndex(from);
  const n = monthIndex(to) - a;
  if (n > MAX_SPAN_MONTHS)
    throw new RangeError(`month range ${from}~${to} is longer than ${MAX_SPAN_MONTHS} months`);
  const out: Month[] = [];
  for (let k = 0; k <= n; k++) out.push(addMonths(from, k));
  return out;
}

/** The same calendar day n years later (29 February becomes 28 February). */
export function addYears(day: Day, n: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = formatDay(y + n, m, 1).slice(0, 7);
  return formatDay(y + n, m, Math.min(d, daysInMonth(month)));
}

export function formatDay(y: number, m: number, d: number): Day {
  return `${y}-${pad(m)}-${pad(d)}`;
}
