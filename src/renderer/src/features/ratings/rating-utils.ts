/** Small view helpers of the 中差评 screen: scopes, per-level attitude counts, agent labels. */
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';

/** `platform|shop|account` (account '' for a shop). */
export function summaryKey(s: Pick<RatingSummary, 'platform' | 'shop' | 'account'>): string {
  return `${s.platform}|${s.shop}|${s.account ?? ''}`;
}

/** The ratings rows of a shop (account null) or of one account. */
export function rowsOf(
  rows: readonly RatingRowView[],
  s: Pick<RatingSummary, 'platform' | 'shop' | 'account'>,
): RatingRowView[] {
  return rows.filter(
    (r) => r.platform === s.platform && r.shop === s.shop && (s.account === null || r.account === s.account),
  );
}

/** A row the platform counts at all: not removed, card sent inside the rating window. */
export function isCountable(r: RatingRowView): boolean {
  return !r.removed && !r.outside_window;
}

export interface LevelSplit {
  /** 一般 citing 服务态度差 */
  neutral: number;
  /** 失望 / 差评 citing 服务态度差 */
  dissatisfied: number;
}

/**
 * How many of the 一般 and of the 失望 ratings cite 服务态度差. The summary has only their sum, so the split is
 * recounted from the rows and shown only when the recount agrees with the summary's counts (robot-served ratings count
 * for a shop on some platforms: both readings are tried). Null when the rows cannot explain the summary.
 */
export function levelSplit(s: RatingSummary, rows: readonly RatingRowView[]): LevelSplit | null {
  const mine = rowsOf(rows, s).filter(isCountable);
  const tries = s.account === null ? [true, false] : [false];
  for (const withRobots of tries) {
    const counted = mine.filter((r) => withRobots || !r.robot);
    const neutral = counted.filter((r) => r.class === 'neutral');
    const low = counted.filter((r) => r.class === 'dissatisfied');
    const split = {
      neutral: neutral.filter((r) => r.cites_attitude).length,
      dissatisfied: low.filter((r) => r.cites_attitude).length,
    };
    if (
      neutral.length === s.attitude.neutral &&
      low.length === s.attitude.dissatisfied &&
      split.neutral + split.dissatisfied === s.attitude.attitude
    )
      return split;
  }
  return null;
}

/** Appeals still pending among a scope's rows. */
export function pendingAppeals(
  rows: readonly RatingRowView[],
  s: Pick<RatingSummary, 'platform' | 'shop' | 'account'>,
): number {
  return rowsOf(rows, s).filter((r) => r.appeal === 'pending').length;
}

export const APPEAL_ZH = { pending: '申诉中', success: '申诉成功', failed: '申诉失败' } as const;

/** Reasons as the import keeps them (`回复慢；服务态度差`), split on the separators of metrics.md §4. */
export function splitReasons(reasons: string): string[] {
  return reasons
    .split(/[;；,，、|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `2026-10-05 10:00:00` → `10-05 10:00`. */
export function shortTime(t: string | null): string {
  if (!t) return '—';
  const m = /^\d{4}-(\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(t);
  return m ? `${m[1]} ${m[2]}` : t;
}
