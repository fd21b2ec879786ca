/** Data of the 中差评 and 考试预警 screens and of the event drill-down (product.md screens 3, 4; metrics.md §4, §7). */
import type { Day, Month, Platform } from './domain';

export interface RatingCountsView {
  satisfied: number;
  neutral: number;
  dissatisfied: number;
  /** neutral/dissatisfied ratings citing 服务态度差 */
  attitude: number;
}

export interface RatingSummary {
  platform: Platform;
  shop: string;
  /** null for the shop row */
  account: string | null;
  agent: string | null;
  good: RatingCountsView;
  attitude: RatingCountsView;
  /**
   * The month's value as stored (the same as 总览, 客服 and the sheet: export days and computed days together,
   * metrics.md §5); the rating rows listed here are `detail`, and `reconciliation` says what share they cover.
   */
  good_rate: { num: number; den: number } | null;
  bad_attitude_ratio: { num: number; den: number } | null;
  /** the same fractions from the rating rows alone (明细) */
  detail?: {
    good_rate: { num: number; den: number } | null;
    bad_attitude_ratio: { num: number; den: number } | null;
  };
  /** "明细 35.56% (16/45)，覆盖 45/349 条评价" where the rows do not make the whole value; null where they do */
  reconciliation?: { good_rate: string | null; bad_attitude_ratio: string | null };
  /** satisfied ratings needed to bring the good rate back to its threshold (null: no threshold or unreachable) */
  recovery: number | null;
  good_threshold: number | null;
  attitude_limit: number;
  projection: {
    good_rate: { num: number; den: number } | null;
    bad_attitude_ratio: { num: number; den: number } | null;
    /** attitude-cited mid/low ratings that keep the month within the limit */
    budget_now: number;
    budget_projected: number;
    if_appeals_succeed: {
      good_rate: { num: number; den: number } | null;
      bad_attitude_ratio: { num: number; den: number } | null;
    };
  } | null;
  /** month-to-date bad-attitude ratio per day (null before the first mid/low rating) */
  trend: (number | null)[];
}

export interface RatingRowView {
  key: string;
  platform: Platform;
  shop: string;
  account: string;
  buyer: string;
  day: Day;
  sent_at: string | null;
  rated_at: string;
  level: string;
  class: 'satisfied' | 'neutral' | 'dissatisfied' | null;
  reasons: string;
  cites_attitude: boolean;
  channel: string | null;
  robot: boolean;
  removed: boolean;
  /** outside the platform's card window (kuaishou [08:00, 23:00)): not counted */
  outside_window: boolean;
  appeal: 'pending' | 'success' | 'failed' | null;
}

export interface RatingsMonthView {
  month: Month;
  as_of: Day;
  days: Day[];
  shops: RatingSummary[];
  accounts: RatingSummary[];
  /** the month's neutral and dissatisfied ratings (the evidence) */
  ratings: RatingRowView[];
  has_events: boolean;
}

export interface ExamRowView {
  key: string;
  platform: Platform;
  shop: string;
  account: string;
  agent_id: number | null;
  agent: string | null;
  week_start: Day;
  reasons: string;
  notice_date: Day;
  deadline: Day;
  status: 'passed' | 'passed_late' | 'overdue' | 'open';
  label: string;
  days_left: number | null;
  attempts: { time: string; score: number }[];
  repeat: boolean;
}

/** Why a listed row is not counted in the month value (null: it is). */
export type EvidenceExclusion =
  'superseded' | 'removed' | 'unknown_level' | 'outside_window' | 'excluded_channel' | 'robot';

export const EXCLUSION_ZH: Record<EvidenceExclusion, string> = {
  superseded: '该日以平台导出为准',
  removed: '平台已剔除',
  unknown_level: '评价等级不计入',
  outside_window: '考核时段外',
  excluded_channel: '该渠道不计入',
  robot: '机器人接待',
};

export interface EvidenceView {
  /**
   * What one row of `rounds` stands for: the unit the metric counts (a Douyin 3-minute miss is a session, a Kuaishou
   * one a buyer on a day, otherwise a round). A unit with several late rounds is one row: its first late round.
   */
  unit: 'rounds' | 'sessions' | 'buyers';
  rounds: {
    /** null: counted in the month value; else why not (a day the export decides) */
    excluded: EvidenceExclusion | null;
    /** further late rounds of the same unit (the same Douyin session, the same Kuaishou buyer that day) */
    also_failed: number;
    day: Day;
    buyer: string;
    session_id: string | null;
    session_start: string;
    round_start: string;
    /** seconds; null = unanswered */
    wait: number | null;
    answered: boolean;
    /** the session's messages (text kept unless 设置 keeps only failing rounds' text, which these are) */
    messages: {
      time: string;
      sender: 'buyer' | 'agent' | 'bot' | 'system';
      auto_reply: boolean;
      content: string | null;
    }[];
  }[];
  /** the account's ratings of the month, each with why it is not counted (null: counted in the month value) */
  ratings: (RatingRowView & { excluded: EvidenceExclusion | null })[];
}

export interface ReconcileRow {
  platform: Platform;
  shop: string;
  account: string;
  metric: string;
  summary: { value: number | null; numerator: number | null; denominator: number | null };
  events: { value: number | null; numerator: number | null; denominator: number | null };
  /** the value the report uses (per the precedence setting) */
  used: 'summary' | 'events';
}
