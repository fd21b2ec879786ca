import type { FieldDef, LayoutDef } from './types';

const date: FieldDef = { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' };
const shop: FieldDef = { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' };

/** 淘宝 咨询接待分析 (sheet 数据信息). */
export const taobaoReception: LayoutDef = {
  id: 'taobao_reception',
  zh: '淘宝 咨询接待分析',
  platform: 'taobao',
  sheetNames: ['数据信息'],
  required: ['account', 'reception_buyers'],
  fields: [
    date,
    shop,
    { field: 'account', aliases: ['旺旺昵称'], kind: 'id', role: 'account' },
    { field: 'consult_buyers', aliases: ['咨询人数'], kind: 'count', role: 'value' },
    { field: 'reception_buyers', aliases: ['接待人数'], kind: 'count', role: 'value' },
    { field: 'unreplied_buyers', aliases: ['未回复人数'], kind: 'count', role: 'value' },
    { field: 'effective_buyers', aliases: ['有效接待人数'], kind: 'count', role: 'value' },
    { field: 'avg_response_s', aliases: ['平均响应时长'], kind: 'duration', role: 'value' },
    {
      field: 'reply_3min_rate_tb',
      aliases: ['3分钟人工响应率'],
      kind: 'rate',
      role: 'value',
      numerator: 'reply_3min_sessions',
    },
    { field: 'reply_3min_sessions', aliases: ['3分钟人工响应数'], kind: 'count', role: 'value' },
    { field: 'reply_rate_given', aliases: ['旺旺回复率'], kind: 'rate', role: 'value' },
    { field: 'first_response_s', aliases: ['首次响应时长'], kind: 'duration', role: 'value' },
    { field: 'slow_buyers', aliases: ['慢响应人数'], kind: 'count', role: 'value' },
    { field: 'answer_ratio_given', aliases: ['答问比'], kind: 'ratio', role: 'value' },
    { field: 'ww_group', aliases: ['旺旺分组'], kind: 'text', role: 'info' },
  ],
};

/** 千牛 服务体验, sheet 按客服查看. */
export const qianniuByAgent: LayoutDef = {
  id: 'taobao_qianniu_by_agent',
  zh: '千牛 服务体验（按客服查看）',
  platform: 'taobao',
  sheetNames: ['按客服查看'],
  required: ['account', 'manual_reception_sessions'],
  fields: [
    date,
    shop,
    { field: 'account', aliases: ['旺旺账号名称'], kind: 'id', role: 'account' },
    { field: 'avg_response_s', aliases: ['平均响应时长'], kind: 'duration', role: 'value' },
    { field: 'manual_reception_sessions', aliases: ['人工接待会话量'], kind: 'count', role: 'value' },
    {
      field: 'reply_3min_rate_tb',
      aliases: ['3分钟人工响应率'],
      kind: 'rate',
      role: 'value',
      numerator: 'reply_3min_sessions',
    },
    { field: 'reply_3min_sessions', aliases: ['3分钟人工响应数'], kind: 'count', role: 'value' },
  ],
};

/** 千牛 服务体验, sheet 旺旺账号咨询接待能力明细. */
export const qianniuCapability: LayoutDef = {
  id: 'taobao_qianniu_capability',
  zh: '千牛 服务体验（咨询接待能力明细）',
  platform: 'taobao',
  sheetNames: ['旺旺账号咨询接待能力明细'],
  required: ['account', 'good_count', 'rating_count'],
  fields: [
    date,
    shop,
    { field: 'account', aliases: ['旺旺账号名称'], kind: 'id', role: 'account' },
    { field: 'good_count', aliases: ['满意评价量'], kind: 'count', role: 'value' },
    { field: 'rating_count', aliases: ['旺旺评价量'], kind: 'count', role: 'value' },
  ],
};

/** 生意参谋 接待评价 (two-row header: groups 总/邀请/自主 over fields), per 旺旺. */
export const sycmRating: LayoutDef = {
  id: 'taobao_sycm_rating',
  zh: '生意参谋 接待评价',
  platform: 'taobao',
  twoRowHeader: true,
  required: ['account', 'rating_l_sat_hi', 'rating_l_neutral'],
  fields: [
    date,
    shop,
    { field: 'account', aliases: ['旺旺', '旺旺昵称', '客服旺旺'], kind: 'id', role: 'account' },
    { field: 'rating_sent', aliases: ['总/发出'], kind: 'count', role: 'value' },
    { field: 'rating_received', aliases: ['总/收到'], kind: 'count', role: 'value' },
    { field: 'rating_l_sat_hi', aliases: ['总/很满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_sat', aliases: ['总/满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_neutral', aliases: ['总/一般'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis', aliases: ['总/不满'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis_hi', aliases: ['总/很不满'], kind: 'count', role: 'value' },
  ],
};

/** 赤兔 custom report (`自定义报表_<名>_<规则>_<起>至<止>.xlsx`): columns vary per report. */
export const chituReport: LayoutDef = {
  id: 'taobao_chitu_report',
  zh: '赤兔 自定义报表',
  platform: 'taobao',
  required: ['account', 'reception_buyers'],
  fields: [
    date,
    shop,
    { field: 'account', aliases: ['客服昵称', '客服', '旺旺'], kind: 'id', role: 'account' },
    { field: 'reception_buyers', aliases: ['接待人数'], kind: 'count', role: 'value' },
    { field: 'chat_buyers', aliases: ['聊天人数(原咨询人数)', '聊天人数'], kind: 'count', role: 'value' },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'paying_buyers', aliases: ['询单->最终付款人数'], kind: 'count', role: 'value' },
    {
      field: 'conversion_rate_given',
      aliases: ['询单->最终付款转化率', '询单->最终付款成功率'],
      kind: 'rate',
      role: 'value',
    },
    { field: 'sales_amount', aliases: ['销售额', '客服销售额'], kind: 'money', role: 'value' },
    { field: 'avg_order_value_given', aliases: ['客单价'], kind: 'money', role: 'value' },
    { field: 'avg_response_s', aliases: ['平均响应'], kind: 'duration', role: 'value' },
    { field: 'first_response_s', aliases: ['首次响应'], kind: 'duration', role: 'value' },
    { field: 'answer_ratio_given', aliases: ['答问比'], kind: 'ratio', role: 'value' },
    { field: 'reply_rate_given', aliases: ['回复率'], kind: 'rate', role: 'value' },
    { field: 'satisfaction_rate', aliases: ['客户满意率'], kind: 'rate', role: 'value' },
    { field: 'rating_l_sat_hi', aliases: ['服务满意度评价很满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_sat', aliases: ['服务满意度评价满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_neutral', aliases: ['服务满意度评价一般'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis', aliases: ['服务满意度评价不满'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis_hi', aliases: ['服务满意度评价很不满'], kind: 'count', role: 'value' },
  ],
};

/**
 * 千牛 员工绩效 (per sub-account, keyed by the 旺旺 nickname). 延询单人数 / 延询单转化率 are the variant with a longer
 * payment window: stored as their own fields, and they give conversion_rate (approximate) only where the same-day
 * 询单 columns are absent.
 */
export const qianniuPerformance: LayoutDef = {
  id: 'taobao_qianniu_performance',
  zh: '千牛 员工绩效',
  platform: 'taobao',
  required: ['account', 'reception_buyers'],
  oneOf: ['inquirers', 'inquirers_delayed'],
  fields: [
    date,
    shop,
    {
      field: 'account',
      aliases: ['旺旺', '旺旺昵称', '旺旺账号名称', '子账号'],
      kind: 'id',
      role: 'account',
    },
    { field: 'consult_buyers', aliases: ['咨询人数'], kind: 'count', role: 'value' },
    { field: 'reception_buyers', aliases: ['接待人数'], kind: 'count', role: 'value' },
    { field: 'effective_buyers', aliases: ['有效接待人数'], kind: 'count', role: 'value' },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'inquirers_delayed', aliases: ['延询单人数'], kind: 'count', role: 'value' },
    { field: 'paying_buyers', aliases: ['询单->最终付款人数', '支付人数'], kind: 'count', role: 'value' },
    {
      field: 'qn_conversion_rate',
      aliases: ['询单转化率'],
      kind: 'rate',
      role: 'value',
      numerator: 'paying_buyers',
    },
    { field: 'qn_conversion_rate_delayed', aliases: ['延询单转化率'], kind: 'rate', role: 'value' },
    { field: 'first_response_s', aliases: ['首次响应时长'], kind: 'duration', role: 'value' },
    { field: 'avg_response_s', aliases: ['平均响应时长'], kind: 'duration', role: 'value' },
    { field: 'reply_rate_given', aliases: ['旺旺回复率'], kind: 'rate', role: 'value' },
    { field: 'satisfaction_rate', aliases: ['客户满意率'], kind: 'rate', role: 'value' },
  ],
};
