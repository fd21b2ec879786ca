import { daysInMonth } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import { inScope, type Scheme } from '../../shared/kpi/scheme';
import { rankAgents, scoreAgent, type AgentScore } from '../../shared/kpi/score';
import type { AgentKpi } from '../../shared/report';
import type { Db } from '../db/open';
import { computeMonth, workedDays } from '../report/report';
import { kciByAgent, schemesForMonth } from './store';

export interface ScoredAgentRow {
  agent_id: number;
  agent: string;
  team: string | null;
  score: AgentScore;
  rank: number | null;
  worked_days: number;
  sales_amount: number | null;
}

export interface SchemeResult {
  scheme: Scheme;
  agents: ScoredAgentRow[];
}

/**
 * Scores every agent on one scheme for a month (kpi.md §1–§3): metrics over the agent's accounts in the scheme's
 * shops only; worked days = days with one-day activity rows; an agent whose data has no one-day rows (month
 * exports only) is assumed to have worked the whole month.
 */
export function scoreScheme(
  db: Db,
  scheme: Scheme,
  month: Month,
  now: number,
  kci = kciByAgent(db, month),
): SchemeResult {
  const filter = (platform: Parameters<typeof inScope>[1], shop: string): boolean =>
    inScope(scheme, platform, shop);
  const report = computeMonth(db, month, now, filter);
  const worked = workedDays(db, month, now, filter);
  const dim = daysInMonth(month);
  const rows = report.agents.map((a) => {
    const worked_days = worked.get(a.agent_id) ?? dim;
    const sales_amount = a.total.sales_amount?.value ?? null;
    const score = scoreAgent({
      scheme,
      platforms: a.platforms,
      kci: kci.get(a.agent_id) ?? {},
      exam_warnings: a.total.exam_warnings?.value ?? 0,
      exam_overdue: a.total.exam_overdue?.value ?? 0,
      sales_amount,
      worked_days,
      days_in_month: dim,
    });
    return {
      agent_id: a.agent_id,
      agent: a.agent,
      team: a.team,
      score,
      worked_days,
      sales_amount,
      final: score.final,
      ranked: score.ranked,
    };
  });
  return {
    scheme,
    agents: rankAgents(rows).map(({ final: _f, ranked: _r, ...row }) => row),
  };
}

/** Every scheme in force in the month. */
export function scoreMonth(db: Db, month: Month, now: number): SchemeResult[] {
  const kci = kciByAgent(db, month);
  return schemesForMonth(db, month).map((s) => scoreScheme(db, s, month, now, kci));
}

/** The `kpi` entries of the CLI report (issue 5 item 8). */
export function toAgentKpi(scheme: string, row: ScoredAgentRow): AgentKpi {
  const s = row.score;
  return {
    scheme,
    items: s.items.map((i) => ({
      metric: i.metric,
      platform: i.platform,
      value: i.value,
      score: i.score,
      weight: i.weight,
      effective_weight: i.effective_weight,
      counted: i.counted,
      reason: i.reason,
    })),
    kpi_total: s.kpi_total,
    kci_total: s.kci_total,
    deductions: s.deductions.total,
    deduction_detail: {
      exam_warning: s.deductions.exam_warning,
      exam_overdue: s.deductions.exam_overdue,
      platform_breach: s.deductions.platform_breach,
    },
    final: s.final,
    grade: s.grade,
    rank: row.rank,
    bonus: s.bonus,
    ranked: s.ranked,
    worked_days: row.worked_days,
    kci_missing: s.kci_missing,
  };
}
