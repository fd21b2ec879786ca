/**
 * `agent:page`: one agent's month composed from the existing services — the month report's agent entry (with its
 * KPI scores), the months list, the exam tracker and the month's ratings — plus up to 12 months of trend.
 */
import type { AgentPageView, AgentTrendPoint } from '../../shared/agent-page';
import { chinaDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Day, Month } from '../../shared/domain';
import type { MetricId } from '../../shared/metrics';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { examReport } from '../events/exams';
import { ratingsMonth } from '../events/ratings-view';
import { monthReport } from '../month';
import { listMonths, loadRules } from './report';

/** Months of trend on the page. */
export const TREND_MONTHS = 12;

export function agentPage(db: Db, agentId: number, month: Month, now: number): AgentPageView {
  const row = db.prepare('SELECT id, name, employee_no, team FROM agents WHERE id = ?').get(agentId) as
    { id: number; name: string; employee_no: string | null; team: string | null } | undefined;
  if (!row) throw new UserError('找不到这位客服', `agent_id ${agentId}`);
  const months = listMonths(db);
  const report = monthReport(db, month, now);
  const mine = report.agents.find((a) => a.agent_id === agentId);
  // ownership in the month from the roster: an account shared mid-month has no single agent_id in the report
  const owned = db
    .prepare(
      `SELECT s.platform, s.name AS shop, a.account, aa.valid_from, aa.valid_to
         FROM agent_accounts aa JOIN accounts a ON a.id = aa.account_id JOIN shops s ON s.id = a.shop_id
        WHERE aa.agent_id = ? AND COALESCE(aa.valid_from, '0000') <= ? AND COALESCE(aa.valid_to, '9999') >= ?`,
    )
    .all(agentId, monthEnd(month), monthStart(month)) as {
    platform: string;
    shop: string;
    account: string;
    valid_from: Day | null;
    valid_to: Day | null;
  }[];
  const key = (a: { platform: string; shop: string; account: string }): string =>
    `${a.platform}|${a.shop}|${a.account}`;
  const ranges = new Map(owned.map((o) => [key(o), o]));
  const accounts = report.accounts
    .filter((a) => a.agent_id === agentId || ranges.has(key(a)))
    .map((a) => ({
      ...a,
      valid_from: ranges.get(key(a))?.valid_from ?? null,
      valid_to: ranges.get(key(a))?.valid_to ?? null,
    }));
  const kpi = (mine?.kpi ?? []).map((k) => ({
    ...k,
    ranked_of: report.agents.filter((a) => a.kpi?.some((x) => x.scheme === k.scheme && x.ranked && x.rank))
      .length,
  }));

  // the trend: months with data up to this one, oldest first; a locked month reads its signed-off snapshot
  const trendMonths = months
    .filter((m) => m <= month)
    .slice(0, TREND_MONTHS)
    .reverse();
  const trend: AgentTrendPoint[] = trendMonths.map((m) => {
    const r = m === month ? report : monthReport(db, m, now);
    const a = r.agents.find((x) => x.agent_id === agentId);
    return {
      month: m,
      platforms: (a?.platforms ?? []).map((p) => ({
        platform: p.platform,
        values: Object.fromEntries(
          Object.entries(p.metrics).map(([id, v]) => [id as MetricId, v?.value ?? null]),
        ),
      })),
      kpi: (a?.kpi ?? []).map((k) => ({ scheme: k.scheme, final: k.final, rank: k.rank, grade: k.grade })),
    };
  });

  const ratings = ratingsMonth(db, month, now).ratings.filter((r) => {
    const o = ranges.get(key(r));
    if (!o) return accounts.some((a) => a.agent_id === agentId && key(a) === key(r));
    return (o.valid_from ?? '0000') <= r.day && r.day <= (o.valid_to ?? '9999');
  });
  const exams = examReport(db, loadRules(db), chinaDay(now))
    .filter((e) => e.agent_id === agentId)
    .sort((a, b) => (a.week_start < b.week_start ? 1 : a.week_start > b.week_start ? -1 : 0));

  return {
    agent_id: row.id,
    agent: row.name,
    team: row.team,
    employee_no: row.employee_no,
    month,
    locked: report.locked,
    months,
    has_data: !!mine,
    platforms: mine?.platforms ?? [],
    total: mine?.total ?? {},
    accounts,
    kpi,
    trend,
    exams,
    ratings,
  };
}
