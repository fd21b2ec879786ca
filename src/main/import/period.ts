/** The period a file name states (imports.md §1 Period): a range, or one day. */
import { formatDay, isDay } from '../../shared/china-time';

/** A written date form; `compact` ones (yyyymmdd) may as well be ids, so an impossible one is skipped, not fatal. */
interface Form {
  re: string;
  compact: boolean;
}

// a file name cannot hold `/`, so there is no slashed form here
const FORMS: Form[] = [
  { re: String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`, compact: false },
  { re: String.raw`(\d{4})年(\d{1,2})月(\d{1,2})日?`, compact: false },
  { re: String.raw`(\d{4})(\d{2})(\d{2})`, compact: true },
];
const SEP = String.raw`\s*(?:至|到|~|_|-|—)\s*`;

const RANGES = FORMS.map((f) => ({
  re: new RegExp(String.raw`(?<!\d)${f.re}${SEP}${f.re}(?!\d)`, 'g'),
  compact: f.compact,
}));
const SINGLES = FORMS.map((f) => ({
  re: new RegExp(String.raw`(?<!\d)${f.re}(?!\d)`, 'g'),
  compact: f.compact,
}));

function day(y = '', m = '', d = ''): string | null {
  const s = formatDay(Number(y), Number(m), Number(d));
  return isDay(s) ? s : null;
}

/**
 * The period in a file name: `2026-04-20至2026-04-20`, `2026-10-01~2026-10-31`, `2026-10-01_2026-10-31`,
 * `20261001-20261031`, or one day (`20261003`, `2026-10-03`, `2026年10月3日`). Null when there is no date, when a
 * written date is impossible (`2026-13-40`), when the range runs backwards, or when the name holds two different
 * single days (ambiguous: the user gives the period).
 */
export function periodFromFileName(name: string): { from: string; to: string } | null {
  // only the base name: a folder may carry dates of its own; NFKC makes a full-width ～ or － the same separator
  const base = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .normalize('NFKC');
  for (const { re, compact } of RANGES) {
    for (const m of base.matchAll(re)) {
      const from = day(m[1], m[2], m[3]);
      const to = day(m[4], m[5], m[6]);
      if (!from || !to) {
        if (compact) continue;
        return null;
      }
      return from <= to ? { from, to } : null;
    }
  }
  const days = new Set<string>();
  for (const { re, compact } of SINGLES) {
    for (const m of base.matchAll(re)) {
      const d = day(m[1], m[2], m[3]);
      if (d) days.add(d);
      else if (!compact) return null;
    }
  }
  if (days.size !== 1) return null;
  const [only] = [...days] as [string];
  return { from: only, to: only };
}
