/**
 * The facts behind the in-app alerts (issue 11 item 5), gathered from the exam tracker, the import history and the
 * months' day statuses; src/shared/alerts.ts turns them into alerts. Settings live in the settings table.
 */
import {
  computeAlerts,
  DEFAULT_ALERT_SETTINGS,
  type AlertFacts,
  type AlertList,
  type AlertSettings,
} from '../shared/alerts';
import { addMonths, chinaDay, monthOf, monthStart } from '../shared/china-time';
import type { Day, Platform } from '../shared/domain';
import type { MetricStatus } from '../shared/report';
import type { Db } from './db/open';
import { examReport } from './events/exams';
import { loadAccounts, loadRules } from './report/report';
import { getSetting, setSetting } from './settings/store';

const STALE_KEY = 'alerts.stale_days';
const NOTIFY_KEY = 'alerts.notify';
const NOTIFIED_KEY = 'alerts.notified';

export function alertSettings(db: Db): AlertSettings {
  return {
    stale_days: getSetting(db, STALE_KEY, DEFAULT_ALERT_SETTINGS.stale_days),
    notify: getSetting(db, NOTIFY_KEY, DEFAULT_ALERT_SETTINGS.notify),
  };
}

export function saveAlertSettings(db: Db, input: Partial<AlertSettings>): AlertSettings {
  if (input.stale_days !== undefined) setSetting(db, STALE_KEY, input.stale_days);
  if (input.notify !== undefined) setSetting(db, NOTIFY_KEY, input.notify);
  return alertSettings(db);
}

/** Ids already shown as desktop notifications (kept in the database: the browser host's origin changes per run). */
export function notifiedAlerts(db: Db): string[] {
  return getSetting<string[]>(db, NOTIFIED_KEY, []);
}

/** Remembers shown ids; ids no longer among the current alerts are dropped so the list stays small. */
export function markNotified(db: Db, ids: string[], current: string[]): string[] {
  const keep = new Set(current);
  const next = [...new Set([...notifiedAlerts(db), ...ids])].filter((id) => keep.has(id));
  setSetting(db, NOTIFIED_KEY, next);
  return next;
}

export function alertFacts(db: Db, now: number): AlertFacts {
  const today = chinaDay(now);
  const rules = loadRules(db);
  const exams = examReport(db, rules, today).map((e) => ({
    key: e.key,
    platform: e.platform,
    shop: e.shop,
    account: e.account,
    agent: e.agent,
    deadline: e.deadline,
    status: e.status,
  }));
  const shops = (
    db
      .prepare(
        `SELECT s.platform, s.name AS shop, MAX(b.imported_at) AS t FROM import_batches b JOIN shops s ON s.id = b.shop_id
          WHERE b.status = 'active' GROUP BY s.id ORDER BY s.platform, s.name`,
      )
      .all() as { platform: Platform; shop: string; t: number }[]
  ).map((r) => ({ platform: r.platform, shop: r.shop, last_import: chinaDay(r.t) }));
  // days of this month and the last: older months are signed off or past fixing by a new download
  const accounts = loadAccounts(db, monthStart(addMonths(monthOf(today), -1)), today, rules, now);
  const byShop = new Map<string, { platform: Platform; shop: string; status: Map<Day, MetricStatus> }>();
  for (const a of accounts) {
    const k = `${a.platform}|${a.shop}`;
    let s = byShop.get(k);
    if (!s) byShop.set(k, (s = { platform: a.platform, shop: a.shop, status: new Map() }));
    // a day is settled once any one-day import of it is final (as on 总览's freshness table)
    for (const g of a.groups) {
      if (g.from !== g.to || g.source !== 'summary') continue;
      const prev = s.status.get(g.from);
      if (prev === 'final') continue;
      s.status.set(g.from, g.status === 'final' || prev === undefined ? g.status : prev);
    }
  }
  const reimport = [...byShop.values()]
    .map((s) => ({
      platform: s.platform,
      shop: s.shop,
      days: [...s.status]
        .filter(([, st]) => st === 'reimport_needed')
        .map(([d]) => d)
        .sort(),
    }))
    .filter((r) => r.days.length);
  return { exams, shops, reimport };
}

export function listAlerts(db: Db, now: number): AlertList & { notified: string[] } {
  const settings = alertSettings(db);
  const today = chinaDay(now);
  return {
    today,
    settings,
    alerts: computeAlerts(alertFacts(db, now), today, settings),
    notified: notifiedAlerts(db),
  };
}
