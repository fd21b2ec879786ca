/** Shapes of computed results: the `report --month --json` contract (issue 2) and the screens' data. */
import type { Day, Month, Platform } from './domain';
import type { MetricId } from './metrics';

export interface Threshold {
  op: '>=' | '<=';
  value: number;
}

/** `final`: imported after the platform's lag; `provisional`: may still be revised; `reimport_needed`: 需重新导入. */
export type MetricStatus = 'final' | 'provisional' | 'reimport_needed';

export interface MetricValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  approximate: boolean;
  small_sample: boolean;
  threshold: Threshold | null;
  pass: boolean | null;
  status: MetricStatus | null;
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

export interface AgentReport {
  agent_id: number;
  agent: string;
  team: string | null;
  platforms: { platform: Platform; metrics: MetricSet }[];
  total: MetricSet;
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
