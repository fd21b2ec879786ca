/**
 * In-app alerts (issue 11 item 5): exam deadlines, shops without imports, days past their lag. The back end gathers
 * the facts (src/main/alerts.ts); this pure function decides which become alerts, in China days, so the rules are
 * tested with hand-made dates and a fixed "today".
 */
import { daysBetween } from './china-time';
import { PLATFORM_ZH, type Day, type Platform } from './domain';

export type AlertKind = 'exam' | 'stale_shop' | 'reimport';
export type AlertLevel = 'error' | 'warning' | 'info';

export interface AppAlert {
  /** stable while the situation is the same: a notified id is never notified again; a new stage gets a new id */
  id: string;
  kind: AlertKind;
  level: AlertLevel;
  title: string;
  detail: string;
  /** the screen that deals with it */
  href: string;
}

export interface AlertSettings {
  /** a shop whose last import is this many days old (or older) is flagged */
  stale_days: number;
  /** desktop notifications for new alerts */
  notify: boolean;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { stale_days: 3, notify: true };

export interface AlertFacts {
  exams: {
    key: string;
    platform: Platform;
    shop: string;
    account: string;
    agent: string | null;
    deadline: Day;
    status: 'passed' | 'passed_late' | 'overdue' | 'open';
  }[];
  /** every shop that was ever imported, with the China day of its newest active import */
  shops: { platform: Platform; shop: string; last_import: Day }[];
  /** per shop: the days still provisional after their lag (需重新导入), ascending */
  reimport: { platform: Platform; shop: string; days: Day[] }[];
}

export interface AlertList {
  today: Day;
  settings: AlertSettings;
  alerts: AppAlert[];
}

/** Alerts start this many days before an exam's deadline. */
export const EXAM_ALERT_DAYS = 2;

/** The stage of an exam deadline as of today: 2 天后截止, 1 天后截止, 今天截止, 已逾期; null when not yet due. */
export function examDeadlineStage(
  deadline: Day,
  today: Day,
): { stage: 'soon' | 'today' | 'overdue'; label: string; days: number } | null {
  const left = daysBetween(today, deadline);
  if (left > EXAM_ALERT_DAYS) return null;
  if (left > 0) return { stage: 'soon', label: `${left} 天后截止`, days: left };
  if (left === 0) return { stage: 'today', label: '今天截止', days: 0 };
  return { stage: 'overdue', label: '已逾期', days: -left };
}

const LEVEL_ORDER: Record<AlertLevel, number> = { error: 0, warning: 1, info: 2 };

function shortDay(d: Day): string {
  return d.slice(5);
}

function dayList(days: Day[]): string {
  const shown = days.slice(-5).map(shortDay).join('、');
  return days.length > 5 ? `…${shown}` : shown;
}

/** The alerts as of `today`, most urgent first (errors, then warnings; inside a level, the order of the rules). */
export function computeAlerts(facts: AlertFacts, today: Day, settings: AlertSettings): AppAlert[] {
  const out: AppAlert[] = [];
  for (const e of facts.exams) {
    if (e.status === 'passed' || e.status === 'passed_late') continue;
    const st = examDeadlineStage(e.deadline, today);
    if (!st) continue;
    const who = e.agent ?? e.account;
    out.push({
      // 2 天后 and 1 天后 each notify once; an overdue exam does not notify again every day
      id: `exam:${e.key}:${st.stage === 'soon' ? `soon${st.days}` : st.stage}`,
      kind: 'exam',
      level: st.stage === 'soon' ? 'warning' : 'error',
      title: `考试${st.label}：${who}`,
      detail:
        `${PLATFORM_ZH[e.platform]} · ${e.shop} · ${e.account}，截止 ${e.deadline}` +
        (st.stage === 'overdue' ? `，已逾期 ${st.days} 天` : ''),
      href: '#/exams',
    });
  }
  for (const s of facts.shops) {
    const idle = daysBetween(s.last_import, today);
    if (idle < settings.stale_days) continue;
    out.push({
      id: `stale:${s.platform}|${s.shop}:${s.last_import}`,
      kind: 'stale_shop',
      level: 'warning',
      title: `${PLATFORM_ZH[s.platform]} · ${s.shop} 已 ${idle} 天没有导入`,
      detail: `最近一次导入 ${s.last_import}，请下载最新的数据导入`,
      href: '#/import',
    });
  }
  for (const r of facts.reimport) {
    if (!r.days.length) continue;
    out.push({
      id: `reimport:${r.platform}|${r.shop}:${r.days.join(',')}`,
      kind: 'reimport',
      level: 'warning',
      title: `${PLATFORM_ZH[r.platform]} · ${r.shop}：${r.days.length} 天的数据需重新导入`,
      detail: `${dayList(r.days)} 的数据仍是暂定值，已过平台的修订期，请重新下载这几天的数据导入`,
      href: '#/import',
    });
  }
  // a stable sort keeps the rules' order inside a level
  return out.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** Alerts not yet shown as a desktop notification. */
export function unnotified(alerts: readonly AppAlert[], notified: readonly string[]): AppAlert[] {
  const seen = new Set(notified);
  return alerts.filter((a) => !seen.has(a.id));
}
