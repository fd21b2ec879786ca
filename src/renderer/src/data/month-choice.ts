/**
 * Which month the app shows (one month for every screen, kept in the URL as `?month=2026-10`): the lead's pick when
 * that month has data, else the latest month with meaningful data, so that the first days of a new month (one or two
 * daily files) do not replace a complete month on first sight.
 */
import { addDays, daysInMonth } from '../../../shared/china-time';
import type { Month } from '../../../shared/domain';
import type { ImportBatchInfo } from '../../../shared/imports';

/** A month whose imports cover fewer days than this is "near-empty": the default passes it over. */
export const MEANINGFUL_DAYS = 7;

type BatchPeriod = Pick<ImportBatchInfo, 'period_from' | 'period_to' | 'status' | 'layout'>;

/** Distinct days of `month` covered by the periods of imports still in force (the roster has no period of data). */
export function coveredDays(month: Month, batches: readonly BatchPeriod[]): number {
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
  const days = new Set<string>();
  for (const b of batches) {
    if (b.status !== 'active' || b.layout === 'roster' || !b.period_from) continue;
    const from = b.period_from > first ? b.period_from : first;
    const toRaw = b.period_to ?? b.period_from;
    const to = toRaw < last ? toRaw : last;
    for (let d = from; d <= to; d = addDays(d, 1)) days.add(d);
  }
  return days.size;
}

/** The latest month whose data covers ≥ MEANINGFUL_DAYS days; failing that, the latest month; null without data. */
export function defaultMonth(months: readonly Month[], batches: readonly BatchPeriod[] | null): Month | null {
  const sorted = [...months].sort();
  const latest = sorted[sorted.length - 1] ?? null;
  if (!batches) return latest;
  for (let i = sorted.length - 1; i >= 0; i--)
    if (coveredDays(sorted[i]!, batches) >= MEANINGFUL_DAYS) return sorted[i]!;
  return latest;
}

/**
 * The month on screen: the URL's when it has data; otherwise the default, and the URL's month is returned as
 * `refused` so that the screen can say why it is not shown.
 */
export function chooseMonth(
  param: string | null,
  months: readonly Month[] | null,
  fallback: Month | null,
): { month: Month | null; refused: string | null } {
  if (!months) return { month: null, refused: null };
  if (param && months.includes(param)) return { month: param, refused: null };
  return { month: fallback, refused: param || null };
}

/** What the lead typed into a month box: 2026年12月, 2026-12, 2026/12, 2026.12, 202612 → 2026-12; else null. */
export function parseTypedMonth(text: string): Month | null {
  const m = /^\s*(\d{4})\s*(?:年|[-/.])?\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  return `${m[1]}-${String(mm).padStart(2, '0')}`;
}

/** 2026-10 → 2026年10月 */
export function monthZh(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}
