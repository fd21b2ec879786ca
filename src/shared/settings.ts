/** Settings data: the roster editor and platform rule versions (product.md screen 8). */
import type { Day, Platform } from './domain';

export interface RosterAssignment {
  id: number;
  platform: Platform;
  shop: string;
  account: string;
  valid_from: Day | null;
  valid_to: Day | null;
}

export interface RosterAgent {
  id: number;
  name: string;
  employee_no: string | null;
  team: string | null;
  accounts: RosterAssignment[];
}

export interface AccountInfo {
  platform: Platform;
  shop: string;
  account: string;
  nickname: string | null;
  /** agents owning the account on some day, with their ranges */
  owners: { agent_id: number; agent: string; valid_from: Day | null; valid_to: Day | null }[];
}

export interface RosterView {
  agents: RosterAgent[];
  accounts: AccountInfo[];
}

export interface RuleRow {
  id: number;
  platform: Platform;
  key: string;
  value: unknown;
  effective_from: Day;
  effective_to: Day | null;
  source: string | null;
  note: string | null;
}

/** Rule keys the editor offers, with a Chinese label. */
export const RULE_KEYS: { key: string; zh: string; kind: 'threshold' | 'window' | 'days' }[] = [
  { key: 'window.service', zh: '服务时段（人工回复考核）', kind: 'window' },
  { key: 'window.reply_3min', zh: '3分钟回复率时段（淘宝）', kind: 'window' },
  { key: 'window.rating', zh: '评价考核时段（快手邀评时间）', kind: 'window' },
  { key: 'lag.final_days', zh: '数据定稿天数（D+N 导入为最终）', kind: 'days' },
];
