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
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(day: Day): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Every day from a to b inclusive. */
export function eachDay(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function formatDay(y: number, m: number, d: number): Day {
  return `${y}-${pad(m)}-${pad(d)}`;
}
