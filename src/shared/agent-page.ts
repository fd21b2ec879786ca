/**
 * The page per agent (issue 11 item 4): what `agent:page` returns, and the pure shaping of its shareable scorecard
 * (the image a lead pastes into WeChat/钉钉), so the card's content is tested without a canvas.
 */
import { PLATFORM_ZH, type Day, type Month, type Platform } from './domain';
import type { ExamRowView, RatingRowView } from './events-view';
import { formatMetric, METRICS, type MetricId } from './metrics';
import type { AccountReport, AgentKpi, MetricSet, Threshold } from './report';

export interface AgentTrendPoint {
  month: Month;
  /** the agent's month value of every metric, per platform (null: no data that month) */
  platforms: { platform: Platform; values: Partial<Record<MetricId, number | null>> }[];
  kpi: { scheme: string; final: number | null; rank: number | null; grade: string | null }[];
}

export interface AgentPageView {
  agent_id: number;
  agent: string;
  team: string | null;
  employee_no: string | null;
  month: Month;
  locked: boolean;
  /** months with data, newest first (the page's month picker) */
  months: Month[];
  /** false: the agent has no data in this month (the page says so instead of showing zeros) */
  has_data: boolean;
  platforms: { platform: Platform; metrics: MetricSet }[];
  total: MetricSet;
  /** every shop account the agent served in the month */
  accounts: (AccountReport & { valid_from: Day | null; valid_to: Day | null })[];
  /** each scheme's score, with the number of ranked agents on it (名次 3 / 24) */
  kpi: (AgentKpi & { ranked_of: number })[];
  /** up to 12 months ending with `month`, oldest first */
  trend: AgentTrendPoint[];
  exams: ExamRowView[];
  /** the month's neutral and dissatisfied ratings on the agent's accounts */
  ratings: RatingRowView[];
}

export interface CardMetric {
  label: string;
  value: string;
  threshold: string | null;
  pass: boolean | null;
}

export interface ScorecardModel {
  title: string;
  subtitle: string;
  month: string;
  final: string;
  grade: string | null;
  rank: string;
  scheme: string | null;
  metrics: CardMetric[];
  footer: string;
}

export function thresholdText(id: MetricId, t: Threshold | null): string | null {
  return t ? `${t.op === '>=' ? '≥' : '≤'} ${formatMetric(id, t.value)}` : null;
}

/** `2026-10` → `2026年10月`. */
export function monthZh(month: Month): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/**
 * The card's content: name, team, month, the first scheme's final, grade and rank, then the metrics that have a
 * threshold (the ones a lead is judged by), failing ones first, at most `limit`.
 */
export function scorecardModel(page: AgentPageView, limit = 8): ScorecardModel {
  const k = page.kpi[0] ?? null;
  const metrics: (CardMetric & { order: number })[] = [];
  page.platforms.forEach((p, pi) => {
    for (const [id, m] of Object.entries(p.metrics) as [MetricId, NonNullable<MetricSet[MetricId]>][]) {
      if (!m.threshold || m.value === null) continue;
      metrics.push({
        label: page.platforms.length > 1 ? `${PLATFORM_ZH[p.platform]} ${METRICS[id].zh}` : METRICS[id].zh,
        value: formatMetric(id, m.value),
        threshold: thresholdText(id, m.threshold),
        pass: m.pass,
        order: (m.pass === false ? 0 : 1000) + pi * 100 + metrics.length,
      });
    }
  });
  metrics.sort((a, b) => a.order - b.order);
  const platforms = page.platforms.map((p) => PLATFORM_ZH[p.platform]).join('、');
  return {
    title: page.agent,
    subtitle: [page.team ?? '未分组', platforms].filter(Boolean).join(' · '),
    month: monthZh(page.month),
    final: k?.final === null || k?.final === undefined ? '—' : k.final.toFixed(2),
    grade: k?.grade ?? null,
    rank: k?.rank ? `${k.rank} / ${k.ranked_of}` : '不参与排名',
    scheme: k?.scheme ?? null,
    metrics: metrics.slice(0, limit).map(({ order: _o, ...m }) => m),
    footer: `ScoreDesk 客服绩效台 · ${monthZh(page.month)}${page.locked ? ' · 已锁定' : ''}`,
  };
}
