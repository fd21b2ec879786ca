/**
 * Integer China-day indexes for the hot loops: formatting a `YYYY-MM-DD` per message costs a Date and a string, so
 * loops work on day numbers and name each day once.
 */
import { CHINA_OFFSET_S, chinaDay } from '../china-time';
import type { Day } from '../domain';

export const DAY_S = 86400;

/** Days since 1970-01-01 in China time. */
export function dayIndex(epochS: number): number {
  return Math.floor((epochS + CHINA_OFFSET_S) / DAY_S);
}

/** Epoch seconds of 00:00 China time of a day index. */
export function indexStart(idx: number): number {
  return idx * DAY_S - CHINA_OFFSET_S;
}

/** Day names by index, computed once each. */
export class DayNames {
  private readonly names = new Map<number, Day>();

  name(idx: number): Day {
    let d = this.names.get(idx);
    if (d === undefined) {
      d = chinaDay(indexStart(idx));
      this.names.set(idx, d);
    }
    return d;
  }

  of(epochS: number): Day {
    return this.name(dayIndex(epochS));
  }
}
