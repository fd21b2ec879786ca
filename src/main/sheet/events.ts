/**
 * Event sheets (服务态度差, 考试预警): the month's mid/low ratings citing 服务态度差 and the month's exam warnings,
 * within the scheme's shops, per agent. Without event records the sheets say 暂无事件数据 and 口径说明 says why.
 */
import { addDays, chinaDay, monthEnd, monthStart } from '../../shared/china-time';
import { PLATFORM_ZH } from '../../shared/domain';
import { weekMonday } from '../../shared/engine/exams';
import type { Month, Platform } from '../../shared/domain';
import { inScope, type Scheme } from '../../shared/kpi/scheme';
import type { Db } from '../db/open';
import { examReport } from '../events/exams';
import { ratingsMonth } from '../events/ratings-view';
import { loadRules } from '../report/report';

export interface EventSource {
  /** true when there are rows to list */
  available: boolean;
  /** why there is nothing to list, for 口径说明 */
  reason: string;
  header: string[];
  /** text cells; imported text stays text in the sheet */
  rows: string[][];
}

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE superseded_by IS NULL`).get() as { n: number })
    .n;
}

const RATING_HEADER = [
  '客服',
  '平台',
  '店铺',
  '账号',
  '评价归属日',
  '邀评时间',
  '评价时间',
  '评价等级',
  '不满意原因',
  '评价渠道',
  '买家',
  '计入',
  '说明',
];
const EXAM_HEADER = [
  '客服',
  '店铺',
  '账号',
  '预警周',
  '预警原因',
  '通知日期',
  '考试截止',
  '状态',
  '考试记录',
  '重复预警',
];

function ownerName(db: Db, platform: string, shop: string, account: string, day: string): string {
  const rows = db
    .prepare(
      `SELECT DISTINCT g.name FROM agent_accounts aa JOIN agents g ON g.id = aa.agent_id JOIN accounts a ON a.id = aa.account_id
         JOIN shops s ON s.id = a.shop_id
        WHERE s.platform = ? AND s.name = ? AND a.account = ? AND COALESCE(aa.valid_from, '0000') <= ? AND COALESCE(aa.valid_to, '9999') >= ?`,
    )
    .all(platform, shop, account, day, day) as { name: string }[];
  return rows.length === 1 ? rows[0]!.name : rows.length > 1 ? '归属不明' : '未绑定';
}

export function eventSources(
  db: Db,
  opts: {
    month: Month;
    scheme: Scheme;
    variant: 'client' | 'payroll';
    now: number;
    /** the sheet's shops (the scheme's scope, cut to one client's shops for a per-client 客户版) */
    within?: (platform: Platform, shop: string) => boolean;
  },
): { ratings: EventSource; exams: EventSource } {
  const { month, scheme, now } = opts;
  const within = opts.within ?? ((p: Platform, shop: string) => inScope(scheme, p, shop));
  const buyer = (b: string): string => (opts.variant === 'client' ? maskBuyerId(b) : b);
  const ratingsStored = count(db, 'ratings');
  const view = ratingsStored ? ratingsMonth(db, month, now) : null;
  const ratingRows = (view?.ratings ?? [])
    .filter((r) => r.cites_attitude && within(r.platform, r.shop))
    .map((r) => {
      const why = [
        r.removed ? '已剔除' : '',
        r.outside_window ? '邀评时间在考核时段外' : '',
        r.robot ? '机器人接待' : '',
        r.appeal === 'pending'
          ? '申诉中'
          : r.appeal === 'success'
            ? '申诉成功（待平台剔除）'
            : r.appeal === 'failed'
              ? '申诉失败'
              : '',
      ]
        .filter(Boolean)
        .join('；');
      const counted = !r.removed && !r.outside_window && !r.robot;
      return [
        ownerName(db, r.platform, r.shop, r.account, r.day),
        PLATFORM_ZH[r.platform],
        r.shop,
        r.account,
        r.day,
        r.sent_at ?? '',
        r.rated_at,
        r.level,
        r.reasons,
        r.channel ?? '',
        buyer(r.buyer),
        counted ? '是' : '否',
        why,
      ];
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!, 'zh-CN') || a[4]!.localeCompare(b[4]!));
  const examsStored = count(db, 'exam_warnings');
  // status as of the day the sheet is made: a late pass after the month ends is known and shown
  const examRows = (examsStored ? examReport(db, loadRules(db), chinaDay(now)) : [])
    .filter((w) => within(w.platform, w.shop))
    // the month's warnings: notified in the month, or falling overdue in it
    .filter(
      (w) =>
        (w.notice_date >= monthStart(month) && w.notice_date <= monthEnd(month)) ||
        (w.deadline >= monthStart(month) && w.deadline < monthEnd(month)),
    )
    .map((w) => [
      w.agent ?? '未绑定',
      w.shop,
      w.account,
      // the whole reviewed week (Monday to Sunday), not just its first day
      `${weekMonday(w.week_start)}~${addDays(weekMonday(w.week_start), 6)}`,
      w.reasons,
      w.notice_date,
      w.deadline,
      w.status === 'open' ? `${w.label}（剩 ${w.days_left} 天）` : w.label,
      w.attempts.map((a) => `${a.time} ${a.score}分`).join('；'),
      w.repeat ? '是' : '',
    ]);
  return {
    ratings: {
      available: ratingRows.length > 0,
      reason: !ratingsStored ? '还没有导入评价明细' : '本月方案范围内没有引用“服务态度差”的中差评',
      header: RATING_HEADER,
      rows: ratingRows,
    },
    exams: {
      available: examRows.length > 0,
      reason: !examsStored ? '还没有导入考试预警记录' : '本月方案范围内没有考试预警',
      header: EXAM_HEADER,
      rows: examRows,
    },
  };
}

/**
 * A buyer id as the client version shows it: the first two and last two characters, the rest masked (kpi.md §5
 * 客户版: buyer ids masked). Ids of four characters or fewer keep only their first character.
 */
export function maskBuyerId(id: string): string {
  const chars = [...id.trim()];
  if (chars.length === 0) return '';
  if (chars.length <= 4) return `${chars[0]}***`;
  return `${chars.slice(0, 2).join('')}***${chars.slice(-2).join('')}`;
}
