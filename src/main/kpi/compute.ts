import { daysInMonth } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import { inScope, scopeIsAll, type Scheme } from '../../shared/kpi/scheme';
import { rankAgents, scoreAgent, type AgentScore } from '../../shared/kpi/score';
import type { AgentKpi, MetricSet, MonthReport } from '../../shared/report';
import type { Platform } from '../../shared/domain';
import type { Db } from '../db/open';
import { monthInput, reportFrom, storedScores, workedFrom, type MonthInput } from '../report/report';
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

/** One scheme's results as stored per (month, scheme): the scores plus each agent's metrics over the scope. */
export interface StoredScheme extends SchemeResult {
  /** per agent id: the per-platform month values over the scheme's shops (the sheet's 指标明细 and 样本) */
  platforms: Record<number, { platform: Platform; metrics: MetricSet }[]>;
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
  const { platforms: _p, ...result } = scoreFrom(monthInput(db, month, now), scheme, kci);
  return result;
}

/**
 * Scores one scheme over an already loaded month: the scope cuts the loaded accounts (a scheme over every shop
 * reuses the month's own report when given), nothing is read from the database again.
 */
export function scoreFrom(
  input: MonthInput,
  scheme: Scheme,
  kci: Map<number, Record<string, number | null>>,
  full?: MonthReport,
  /** a narrower cut inside the scope (the 客户版 of one client): only these shops count */
  only?: (platform: Platform, shop: string) => boolean,
): StoredScheme {
  const { month } = input;
  const filter = (platform: Platform, shop: string): boolean =>
    inScope(scheme, platform, shop, input.shopClients) && (!only || only(platform, shop));
  const all = scopeIsAll(scheme) && !only;
  const report = all && full ? full : reportFrom(input, all ? undefined : filter);
  const worked = workedFrom(input, all ? undefined : filter);
  return {
    ...scoreAgents(
      scheme,
      report.agents.map((a) => ({
        agent_id: a.agent_id,
        agent: a.agent,
        team: a.team,
        platforms: a.platforms,
        worked_days: worked.get(a.agent_id) ?? null,
        sales_amount: a.total.sales_amount?.value ?? null,
        exam_warnings: a.total.exam_warnings?.value ?? 0,
        exam_overdue: a.total.exam_overdue?.value ?? 0,
      })),
      kci,
      month,
    ),
    platforms: Object.fromEntries(report.agents.map((a) => [a.agent_id, a.platforms])),
  };
}

/** What scoring one agent on a scheme needs: its metrics over the scheme's shops, days worked and the totals. */
export interface AgentInput {
  agent_id: number;
  agent: string;
  team: string | null;
  platforms: { platform: Platform; metrics: MetricSet }[];
  /** null: no one-day rows, taken as the whole month */
  worked_days: number | null;
  sales_amount: number | null;
  exam_warnings: number;
  exam_overdue: number;
}

/** Scores and ranks agents (in agent id order, as the month report lists them) on one scheme. */
export function scoreAgents(
  scheme: Scheme,
  agents: AgentInput[],
  kci: Map<number, Record<string, number | null>>,
  month: Month,
): SchemeResult {
  const dim = daysInMonth(month);
  const rows = agents.map((a) => {
    const worked_days = a.worked_days ?? dim;
    const score = scoreAgent({
      scheme,
      platforms: a.platforms,
      kci: kci.get(a.agent_id) ?? {},
      exam_warnings: a.exam_warnings,
      exam_overdue: a.exam_overdue,
      sales_amount: a.sales_amount,
      worked_days,
      days_in_month: dim,
    });
    return {
      agent_id: a.agent_id,
      agent: a.agent,
      team: a.team,
      score,
      worked_days,
      sales_amount: a.sales_amount,
      final: score.final,
      ranked: score.ranked,
    };
  });
  return { scheme, agents: rankAgents(rows).map(({ final: _f, ranked: _r, ...row }) => row) };
}

/** Every scheme in force in the month, from one load of the month (the recalculation's KPI step). */
export function scoreMonthFrom(db: Db, input: MonthInput, full: MonthReport): StoredScheme[] {
  const kci = kciByAgent(db, input.month);
  return schemesForMonth(db, input.month).map((s) => scoreFrom(input, s, kci, full));
}

/** Every scheme in force in the month, computed now (the stored results are read with `storedKpi`). */
export function scoreMonth(db: Db, month: Month, now: number): SchemeResult[] {
  const input = monthInput(db, month, now);
  return scoreMonthFrom(db, input, reportFrom(input)).map(({ platforms: _p, ...r }) => r);
}

/** `kpi:month`: the stored results of every scheme in force (without the per-agent metrics the sheet uses). */
export function kpiMonth(db: Db, month: Month, now: number): SchemeResult[] {
  return storedScores(db, month, now);
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
