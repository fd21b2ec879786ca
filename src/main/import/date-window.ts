/**
 * The window of plausible dates for imported data (default 2015-01-01 … today + 1 year, China time). A date outside
 * it is a typo or a broken cell (`9999-12-31`, Excel serial 2958466, `1899-12-31`), and letting it in would make the
 * month bookkeeping span centuries; so rows outside are rejected and a user-given period outside is refused.
 */
import { addYears, chinaDay } from '../../shared/china-time';
import type { Day } from '../../shared/domain';

export interface DateWindow {
  from: Day;
  to: Day;
}

export const WINDOW_START: Day = '2015-01-01';

export function defaultDateWindow(now: number): DateWindow {
  return { from: WINDOW_START, to: addYears(chinaDay(now), 1) };
}

/** Null when the day is inside the window, else the Chinese reason a row is rejected with. */
export function outsideWindow(day: Day, w: DateWindow): string | null {
  // both are YYYY-MM-DD with four-digit years here (parseDay refuses others), so string order is date order
  if (day.length === 10 && day >= w.from && day <= w.to) return null;
  return `日期 ${day} 超出允许范围（${w.from} 至 ${w.to}）`;
}
