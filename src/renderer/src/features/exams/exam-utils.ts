/** View helpers of the 考试预警 screen. */
import type { ExamRowView } from '../../../../shared/events-view';

export { chinaNow, chinaToday } from '../../data/china-clock';

/** Whose history a row belongs to: the agent, else (not bound) the account. */
export function ownerKey(r: Pick<ExamRowView, 'agent_id' | 'platform' | 'shop' | 'account'>): string {
  return r.agent_id !== null ? `agent:${r.agent_id}` : `account:${r.platform}|${r.shop}|${r.account}`;
}

/** `2026-11-17` → `11-17`; the year only when it is not the as-of year. */
export function shortDay(day: string, asOf: string): string {
  return day.slice(0, 4) === asOf.slice(0, 4) ? day.slice(5) : day;
}

/** `2026-10-30 10:00:00` → `10-30 10:00`. */
export function shortAttempt(time: string): string {
  const m = /^\d{4}-(\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(time);
  return m ? `${m[1]} ${m[2]}` : time;
}

export const PASS_SCORE = 100;

/** What an attempt would make of a warning: passed by the deadline, passed late, or still to retake. */
export function attemptOutcome(
  day: string,
  score: number,
  deadline: string,
): 'passed' | 'passed_late' | 'failed' {
  if (score < PASS_SCORE) return 'failed';
  return day <= deadline ? 'passed' : 'passed_late';
}

/** Common 消极服务 reasons offered when a warning is entered by hand (free text is allowed too). */
export const REASON_PRESETS = [
  '消极服务：回复敷衍',
  '消极服务：未解决问题',
  '消极服务：长时间未回复',
  '消极服务：推诿买家',
  '消极服务：辱骂买家',
];
