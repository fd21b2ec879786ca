/** Shapes of the Overview screen's data (product.md screen 1). */
import type { Day, Month, Platform } from './domain';
import type { MetricId } from './metrics';
import type { MetricSet, MetricStatus } from './report';

/** One metric's value per day of the month (null = no data that day). */
export type DailySeries = Partial<Record<MetricId, (number | null)[]>>;

export interface ShopFreshness {
  platform: Platform;
  shop: string;
  /** China time of the newest import that fed the shop, `YYYY-MM-DD HH:mm:ss` */
  last_import: string | null;
  days_with_data: number;
  /** days of the month up to today (China) with no day data */
  days_missing: Day[];
  provisional_days: number;
  reimport_days: number;
}

export interface AtRisk {
  platform: Platform;
  shop: string;
  account?: string;
  agent_id?: number;
  agent?: string;
  failing: { metric: MetricId; value: number | null; threshold: number; op: '>=' | '<=' }[];
}

export interface OverviewReport {
  month: Month;
  days: Day[];
  /** the team on each platform: all shops of that platform added up from counts */
  platforms: { platform: Platform; metrics: MetricSet; daily: DailySeries }[];
  shops: { platform: Platform; shop: string; metrics: MetricSet; daily: DailySeries }[];
  /** per account, for sparklines on the scorecards */
  accounts: { platform: Platform; shop: string; account: string; daily: DailySeries }[];
  shops_at_risk: AtRisk[];
  agents_at_risk: AtRisk[];
  freshness: ShopFreshness[];
  status_counts: Record<MetricStatus, number>;
  /** Douyin exam warnings still open or overdue today (China time) */
  exams_open: {
    platform: Platform;
    shop: string;
    account: string;
    agent: string | null;
    week_start: Day;
    deadline: Day;
    status: 'open' | 'overdue';
    days_left: number | null;
  }[];
}
