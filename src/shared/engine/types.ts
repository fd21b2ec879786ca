/**
 * Event records the rule engine works on (imports.md §3 templates after mapping) and the per-(account, day) cells it
 * produces. Instants are epoch seconds; days are China calendar days (metrics.md §0).
 */
import type { Day, Platform } from '../domain';
import { UNASSIGNED_ACCOUNT } from '../domain';
import type { MetricId } from '../metrics';
import type { MetricStatus } from '../report';
import type { Contribution } from '../rollup';

export type Sender = 'buyer' | 'agent' | 'bot' | 'system';

/** One chat row (imports.md §3.1). */
export interface Message {
  platform: Platform;
  shop: string;
  /** The receiving account; '', `未分配` and `离线留言` mean no agent was assigned. */
  account: string;
  buyer: string;
  sessionId: string | null;
  /** Epoch seconds. */
  time: number;
  sender: Sender;
  /** A 客服 row flagged 自动回复 = 是: a robot row, never a manual reply. */
  autoReply?: boolean;
  content?: string;
  /** File order, the tie-break for equal timestamps. */
  seq: number;
  /** A 接入时间 column: the hand-over to a human, epoch seconds. */
  handoverAt?: number | null;
}

/** One rating (imports.md §3.2). */
export interface Rating {
  platform: Platform;
  shop: string;
  account: string;
  sessionId: string | null;
  buyer: string;
  /** 邀评时间: when the card was sent. */
  sentAt: number | null;
  ratedAt: number;
  /** Raw 评价等级 text. */
  level: string;
  /** Raw reason list (不满意原因). */
  reasons: string;
  channel?: string;
  serviceType?: '人工' | '机器人' | null;
  removed: boolean;
  appeal?: 'pending' | 'success' | 'failed' | null;
  id?: string;
}

/** One order (imports.md §3.3). */
export interface Order {
  platform: Platform;
  shop: string;
  orderId: string;
  buyer: string;
  createdAt: number;
  paidAt: number | null;
  /** 实付金额, yuan. */
  amount: number;
  /** 归属客服账号, when the export names it. */
  account: string | null;
}

export interface ExamAttempt {
  time: number;
  score: number;
}

/** One douyin exam warning (imports.md §3.4). */
export interface ExamWarning {
  platform: Platform;
  shop: string;
  account: string;
  /** Monday of the reviewed week (any day of the week is accepted and normalised). */
  weekStart: Day;
  reasons: string;
  noticeDate: Day | null;
  deadline: Day | null;
  attempts: ExamAttempt[];
}

/** The per-(account, day) or per-(shop, day) part of every metric the engine computed there. */
export interface DayCell {
  platform: Platform;
  shop: string;
  /** null for a shop-level cell. */
  account: string | null;
  day: Day;
  metrics: Map<MetricId, Contribution>;
  /** Set where the metric family has a finality rule (ratings, FCR) and an import time was given. */
  status?: MetricStatus;
}

/** Values of 客服账号 that mean "no agent was assigned" (metrics.md §1). */
export const UNASSIGNED_ACCOUNTS: ReadonlySet<string> = new Set(['', UNASSIGNED_ACCOUNT, '离线留言']);

/** The kuaishou robot's account name (seed 002: 客服助手). */
export const ROBOT_ACCOUNT = '客服助手';

export function isUnassigned(account: string | null | undefined): boolean {
  return account === null || account === undefined || UNASSIGNED_ACCOUNTS.has(account.trim());
}

/** The account a record is stored under: unassigned variants all become the shop's `未分配`. */
export function normalizeAccount(account: string | null | undefined): string {
  return isUnassigned(account) ? UNASSIGNED_ACCOUNT : account!.trim();
}

/** The role a row plays: a 客服 row flagged 自动回复 is a robot row. */
export function effectiveSender(m: Pick<Message, 'sender' | 'autoReply'>): Sender {
  return m.sender === 'agent' && m.autoReply ? 'bot' : m.sender;
}
