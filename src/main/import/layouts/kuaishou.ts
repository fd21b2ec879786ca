import type { LayoutDef } from './types';

/** 快手 客服考核数据 — imports.md §2 (public samples are rare: these headers and the rule vocabulary). */
export const kuaishouAssessment: LayoutDef = {
  id: 'kuaishou_assessment',
  zh: '快手 客服考核数据',
  platform: 'kuaishou',
  required: ['account', 'consulted_buyers'],
  fields: [
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号'], kind: 'id', role: 'account' },
    { field: 'nickname', aliases: ['客服昵称'], kind: 'text', role: 'nickname' },
    { field: 'consulted_buyers', aliases: ['咨询到人工客服人数'], kind: 'count', role: 'value' },
    { field: 'unreplied_3min_buyers', aliases: ['3分钟未回复人数'], kind: 'count', role: 'value' },
    {
      field: 'reply_3min_rate_manual',
      aliases: ['人工3分钟回复率'],
      kind: 'rate',
      role: 'value',
      numerator: 'reply_3min_buyers',
    },
    { field: 'reply_3min_buyers', aliases: ['3分钟回复人数'], kind: 'count', role: 'value' },
    { field: 'rating_l_sat', aliases: ['满意评价量'], kind: 'count', role: 'value' },
    { field: 'rating_l_neutral', aliases: ['一般评价量'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis', aliases: ['失望评价量'], kind: 'count', role: 'value' },
    { field: 'good_rate_given', aliases: ['好评率'], kind: 'rate', role: 'value' },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'paying_buyers', aliases: ['支付人数'], kind: 'count', role: 'value' },
    { field: 'conversion_rate_given', aliases: ['询单转化率'], kind: 'rate', role: 'value' },
    { field: 'sales_amount', aliases: ['客服销售额'], kind: 'money', role: 'value' },
  ],
};

/** 快手 满意度数据 → 数据详情 (seed 002): rates per agent, rebuilt into counts (metrics.md §4). */
export const kuaishouSatisfaction: LayoutDef = {
  id: 'kuaishou_satisfaction_detail',
  zh: '快手 满意度数据（数据详情）',
  platform: 'kuaishou',
  required: ['account', 'ks_rating_n', 'ks_mid_rate'],
  fields: [
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    { field: 'period', aliases: ['统计周期'], kind: 'text', role: 'period' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号', '客服账号(客服昵称)'], kind: 'id', role: 'account' },
    { field: 'nickname', aliases: ['客服昵称'], kind: 'text', role: 'nickname' },
    { field: 'ks_rating_n', aliases: ['评价人次'], kind: 'count', role: 'value' },
    { field: 'ks_good_rate', aliases: ['好评率'], kind: 'rate', role: 'value' },
    { field: 'ks_mid_rate', aliases: ['中评率'], kind: 'rate', role: 'value' },
    { field: 'ks_low_rate', aliases: ['差评率'], kind: 'rate', role: 'value' },
    {
      field: 'ks_att_mid_share',
      aliases: ['服务态度差占比(中评原因)', '服务态度差占比(中评)'],
      kind: 'rate',
      role: 'value',
    },
    {
      field: 'ks_att_low_share',
      aliases: ['服务态度差占比(差评原因)', '服务态度差占比(差评)'],
      kind: 'rate',
      role: 'value',
    },
  ],
};

/**
 * 快手 客服_考核数据 as public importers read it: paired 人维度 / 会话 columns. Kuaishou grades person-based
 * (metrics.md §3), so 三分钟回复率（人维度） feeds reply_3min_rate over 咨询人数 — approximate, since 咨询人数 is not
 * exactly the rate's own base (咨询到人工客服人数); the 会话 columns are stored beside it, unused.
 */
export const kuaishouAssessmentDims: LayoutDef = {
  id: 'kuaishou_assessment_dims',
  zh: '快手 客服_考核数据（人维度/会话）',
  platform: 'kuaishou',
  required: ['account', 'consult_buyers', 'ks_reply_3min_rate_person'],
  fields: [
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号'], kind: 'id', role: 'account' },
    { field: 'nickname', aliases: ['客服昵称'], kind: 'text', role: 'nickname' },
    {
      field: 'ks_reply_3min_rate_person',
      aliases: ['三分钟回复率（人维度）', '3分钟回复率（人维度）'],
      kind: 'rate',
      role: 'value',
      numerator: 'reply_3min_buyers',
    },
    {
      field: 'ks_reply_3min_rate_session',
      aliases: ['三分钟回复率（会话）', '3分钟回复率（会话）'],
      kind: 'rate',
      role: 'value',
    },
    {
      field: 'reply_3min_buyers',
      aliases: ['三分钟回复人数', '3分钟回复人数'],
      kind: 'count',
      role: 'value',
    },
    { field: 'ks_no_service_rate', aliases: ['不服务率'], kind: 'rate', role: 'value' },
    { field: 'consult_buyers', aliases: ['咨询人数'], kind: 'count', role: 'value' },
    { field: 'consult_times', aliases: ['咨询人次'], kind: 'count', role: 'value' },
    { field: 'manual_sessions', aliases: ['人工会话量'], kind: 'count', role: 'value' },
    { field: 'avg_response_s', aliases: ['人工平均回复时长'], kind: 'duration', role: 'value' },
    { field: 'ks_good_rate_person', aliases: ['好评率（人维度）'], kind: 'rate', role: 'value' },
    { field: 'ks_good_rate_session', aliases: ['好评率（会话）'], kind: 'rate', role: 'value' },
    { field: 'ks_bad_rate_person', aliases: ['差评率（人维度）'], kind: 'rate', role: 'value' },
    { field: 'ks_bad_rate_session', aliases: ['差评率（会话）'], kind: 'rate', role: 'value' },
    {
      field: 'ks_im_dissatisfied_rate_person',
      aliases: ['IM不满意率（人维度）'],
      kind: 'rate',
      role: 'value',
    },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'ordering_buyers', aliases: ['下单人数'], kind: 'count', role: 'value' },
    { field: 'paying_buyers', aliases: ['支付人数'], kind: 'count', role: 'value' },
    {
      field: 'conversion_rate_given',
      aliases: ['询单转化率'],
      kind: 'rate',
      role: 'value',
      numerator: 'paying_buyers',
    },
    { field: 'avg_order_value_given', aliases: ['询单客单价'], kind: 'money', role: 'value' },
    { field: 'sales_amount', aliases: ['客服销售额'], kind: 'money', role: 'value' },
  ],
};
