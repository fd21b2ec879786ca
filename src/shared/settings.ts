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

/** Rule keys the editor offers, with a Chinese label and the kind of value they take. */
export const RULE_KEYS: {
  key: string;
  zh: string;
  kind: 'threshold' | 'window' | 'days' | 'boolean' | 'list' | 'choice';
  choices?: string[];
}[] = [
  { key: 'window.service', zh: '服务时段（人工回复考核）', kind: 'window' },
  { key: 'window.reply_3min', zh: '3分钟回复率时段（淘宝）', kind: 'window' },
  { key: 'window.rating', zh: '评价考核时段（快手邀评时间）', kind: 'window' },
  { key: 'window.session_must_start_inside', zh: '会话须在服务时段内开始才计入（京东）', kind: 'boolean' },
  { key: 'lag.final_days', zh: '数据定稿天数（D+N 导入为最终）', kind: 'days' },
  { key: 'fcr.final_days', zh: '售后一次解决率定稿天数（D+N）', kind: 'days' },
  { key: 'ratings.shop_good_rate_includes_robot', zh: '店铺好评率计入机器人接待的评价', kind: 'boolean' },
  {
    key: 'ratings.shop_bad_attitude_includes_robot',
    zh: '店铺服务态度差中差评率计入机器人接待的评价',
    kind: 'boolean',
  },
  { key: 'ratings.excluded_channels', zh: '不计入考核的评价渠道', kind: 'list' },
  {
    key: 'orders.credit',
    zh: '订单归属：无归属客服时记给（首个/最后）接待客服',
    kind: 'choice',
    choices: ['first', 'last'],
  },
  { key: 'orders.pay_window_days', zh: '询单后付款计入转化的天数（0 = 当天）', kind: 'days' },
  { key: 'exam.deadline_days', zh: '考试预警：通知后几天内须考到100分', kind: 'days' },
];
