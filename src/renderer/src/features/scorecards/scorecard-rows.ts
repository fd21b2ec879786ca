/** The 客服 screen's table rows: an agent on a platform (from report:agents), an account or a shop (from report:scopes). */
import type { Month, Platform } from '../../../../shared/domain';
import { type MetricId } from '../../../../shared/metrics';
import type { AgentKpi, MetricSet } from '../../../../shared/report';
import type { DailySeries } from '../../../../shared/overview';
import type { AgentSortKey, AgentTableRow, ScopeTableRow, SortOrder } from '../../../../shared/report-pages';

export type TabKey = 'agents' | 'accounts' | 'shops';

/** One table row, whatever the level: an agent on one platform, an account, or a shop. */
export interface Row {
  key: string;
  name: string;
  /** The roster agent of an agent row (null on account and shop rows). */
  agentId: number | null;
  /** Second line under the name: the agent of an account, the team of an agent. */
  agent: string | null;
  team: string | null;
  platform: Platform;
  shop: string;
  /** The account a value drills into; null when the row spans several accounts. */
  account: string | null;
  accountCount: number;
  metrics: MetricSet;
  /** day values for the sparkline (account and shop rows) */
  daily?: DailySeries;
  /** what a search also finds: the account names and nicknames behind the row */
  words: string[];
  /** the agent's score on the scheme shown (客服 tab) */
  kpi?: AgentKpi | null;
  /** 对比上月: last month's values of the row; null: no such row last month; absent: not compared */
  prev?: MetricSet | null;
  /** 对比上月 on the 客服 tab: the agent's final score last month on the same scheme */
  prevFinal?: number | null;
}

/** What a table needs beside its rows: the month's days for sparklines, and whether 对比上月 is shown. */
export interface Extras {
  month: Month | null;
  days: readonly string[];
  compare: boolean;
}

/**
 * An account or shop row of report:scopes as a table row: an account's nickname under its name only when it differs;
 * the agent's name and the nickname are what a search finds besides the names (the back end searches them).
 */
export function scopeRow(r: ScopeTableRow): Row {
  return {
    key: r.key,
    name: r.account ?? r.shop,
    agentId: null,
    agent: r.agent,
    team: r.nickname && r.nickname !== r.account ? r.nickname : null,
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    accountCount: r.account_count,
    metrics: r.metrics,
    ...(r.daily ? { daily: r.daily } : {}),
    words: r.nickname ? [r.nickname] : [],
    ...(r.prev !== undefined ? { prev: r.prev } : {}),
  };
}

/** A 客服 row of report:agents as a table row. */
export function agentRow(r: AgentTableRow): Row {
  return {
    key: r.key,
    name: r.agent,
    agentId: r.agent_id,
    agent: r.agent,
    team: r.team,
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    accountCount: r.account_count,
    metrics: r.metrics,
    words: r.words,
    kpi: r.kpi,
    ...(r.prev !== undefined ? { prev: r.prev?.metrics ?? null, prevFinal: r.prev?.kpi?.final ?? null } : {}),
  };
}

/** The KPI scheme shown on the 客服 tab (its scores come on the rows). */
/** The 客服 tab's scheme columns (its definition is SchemeContext: the cells need not redraw when it loads). */
export interface KpiMode {
  name: string;
  bonus: boolean;
}

export type Sort = { key: AgentSortKey; order: SortOrder };

/** The 平台 and 店铺 column filters. */
export interface Filters {
  platform: Platform[] | null;
  shop: string[] | null;
}

/** What the table shows beside its rows: the filter options and the metric columns with data (over the search). */
export interface Options {
  platforms: Platform[];
  shops: string[];
  metrics: MetricId[];
}
