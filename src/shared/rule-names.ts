/**
 * Plain Chinese for the platform rules wherever the lead reads them (设置 → 平台规则, the sheet's 口径说明): a rule's
 * name instead of its key (`exam.deadline_days`), where it came from instead of the seed's note ("seed 003",
 * "configurable default"), and 一直有效 instead of the seed's start date 2000-01-01. One map, so the screen and the
 * sheet cannot name a rule differently.
 */
import { BEGINNING } from './rules';
import { isMetricId, METRICS } from './metrics';
import type { Day } from './domain';

/** Every non-threshold rule key the engine reads, by its Chinese name. */
export const RULE_NAME_ZH: Readonly<Record<string, string>> = {
  'window.service': '服务时段（人工回复考核）',
  'window.reply_3min': '3分钟回复率时段（淘宝）',
  'window.rating': '评价考核时段（快手邀评时间）',
  'window.session_must_start_inside': '会话须在服务时段内开始才计入（京东）',
  'lag.final_days': '数据定稿天数（D+N 导入为最终）',
  'fcr.final_days': '售后一次解决率定稿天数（D+N）',
  'ratings.shop_good_rate_includes_robot': '店铺好评率计入机器人接待的评价',
  'ratings.shop_bad_attitude_includes_robot': '店铺服务态度差中差评率计入机器人接待的评价',
  'ratings.excluded_channels': '不计入考核的评价渠道',
  'orders.credit': '订单归属：无归属客服时记给（首个/最后）接待客服',
  'orders.pay_window_days': '询单后付款计入转化的天数（0 = 当天）',
  'exam.deadline_days': '考试截止天数（通知后几天内须考到 100 分）',
};

/** `threshold.reply_3min_rate` → 考核线：3分钟人工回复率; an unknown key is 其他规则, never the key itself. */
export function ruleNameZh(key: string): string {
  if (key.startsWith('threshold.')) {
    const id = key.slice('threshold.'.length);
    return isMetricId(id) ? `考核线：${METRICS[id].zh}` : '其他考核线';
  }
  return RULE_NAME_ZH[key] ?? '其他规则';
}

/** The built-in versions' sources are notes for developers; they start with one of these. */
const BUILT_IN = /^(seeds? \d|configurable default|JD \d{4}|千牛 rules)/i;

/**
 * Where a rule version came from, for the lead: 平台公开规则 / 京东平台公告（2021-12）/ 系统默认值 for the built-in
 * versions (keeping any Chinese quote of the rule, such as 黄金6秒), 手动设置 when empty, and the lead's own text as
 * typed otherwise.
 */
export function ruleSourceZh(source: string | null | undefined): string {
  const s = (source ?? '').trim();
  if (!s) return '手动设置';
  if (!BUILT_IN.test(s)) return s;
  const notice = /(\d{4}-\d{2}(?:-\d{2})?) notice/.exec(s);
  if (/^JD /.test(s)) return notice ? `京东平台公告（${notice[1]}）` : '京东平台公告';
  if (notice) return `平台公告（${notice[1]}）`;
  if (/^千牛/.test(s)) return '千牛平台规则';
  if (/^seeds? \d/i.test(s)) {
    const quote = /[\u4e00-\u9fff][^()（）]*[^()（）\s]/.exec(s.replace(/^seeds? [\d, ]+/i, ''));
    return quote ? `平台公开规则：${quote[0]}` : '平台公开规则';
  }
  return '系统默认值（可按合同修改）';
}

/** The start of a version: the built-in ones start at BEGINNING, which the lead reads as 一直有效. */
export function ruleSinceZh(from: Day): string {
  return from === BEGINNING ? '一直有效' : from;
}
