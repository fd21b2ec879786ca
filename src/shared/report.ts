/** Shapes of computed results: the `report --month --json` contract (issue 2) and the screens' data. */
import type { Day, Month, Platform } from './domain';
import type { MetricId } from './metrics';

export interface Threshold {
  op: '>=' | '<=';
  value: number;
}

/** `final`: imported after the platform's lag; `provisional`: may still be revised; `reimport_needed`: 需重新导入. */
export type MetricStatus = 'final' | 'provisional' | 'reimport_needed';

/**
 * Where a value's days come from (metrics.md §5): `summary` 平台导出 (the platform's own export rows), `events`
 * 明细计算 (computed from event records), `mixed` 混合 (some days of each).
 */
export type ValueSource = 'summary' | 'events' | 'mixed';

export const SOURCE_ZH: Record<ValueSource, string> = {
  summary: '平台导出',
  events: '明细计算',
  mixed: '混合',
};

export interface MetricValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  approximate: boolean;
  small_sample: boolean;
  threshold: Threshold | null;
  pass: boolean | null;
  status: MetricStatus | null;
  /** null when nothing was counted; absent on values not built from stored rows (a what-if draft, a test value) */
  source?: ValueSource | null;
  /** distinct China days counted from each source (a month export row counts its whole period) */
  source_days?: { summary: number; events: number };
}

export type MetricSet = Partial<Record<MetricId, MetricValue>>;

export interface AccountReport {
  platform: Platform;
  shop: string;
  account: string;
  nickname: string | null;
  agent_id: number | null;
  agent: string | null;
  metrics: MetricSet;
}

export interface ShopReport {
  platform: Platform;
  shop: string;
  metrics: MetricSet;
}

/** One agent's score on one KPI scheme (kpi.md §3; the CLI report's `kpi` entries). */
export interface AgentKpi {
  scheme: string;
  items: {
    metric: MetricId;
    platform: Platform | 'all';
    value: number | null;
    score: number | null;
    weight: number;
    effective_weight: number;
    counted: boolean;
    reason: 'no_data' | 'small_sample' | 'veto' | null;
  }[];
  kpi_total: number | null;
  kci_total: number;
  /** Σ deductions (points) */
  deductions: number;
  deduction_detail: { exam_warning: number; exam_overdue: number; platform_breach: number };
  final: number | null;
  grade: string | null;
  rank: number | null;
  bonus: number | null;
  /** false: fewer worked days than the scheme's minimum, or nothing scored (不参与排名) */
  ranked: boolean;
  worked_days: number;
  /** KCI items not entered (counted 0, 未录入) */
  kci_missing: string[];
}

export interface AgentReport {
  agent_id: number;
  agent: string;
  team: string | null;
  platforms: { platform: Platform; metrics: MetricSet }[];
  total: MetricSet;
  /** scores on every KPI scheme in force whose shops the agent served */
  kpi?: AgentKpi[];
}

/** A fact that was stored but not counted, shown to the lead (跨月数据未计入, 归属不明). */
export interface ReportNotice {
  kind: 'cross_month' | 'ambiguous_owner';
  platform: Platform;
  shop: string;
  account: string;
  from: Day;
  to: Day;
  message: string;
}

export interface MonthReport {
  month: Month;
  /** true: an import or a change is being recalculated; these are the last committed results */
  updating?: boolean;
  accounts: AccountReport[];
  shops: ShopReport[];
  agents: AgentReport[];
  notices: ReportNotice[];
}

/** One day's value of one metric for one account: the drill-down behind a month value. */
export interface DayValue {
  day: Day;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}
