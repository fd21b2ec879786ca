import type { FieldDef, LayoutDef } from './types';

const jdCommon: FieldDef[] = [
  { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
  { field: 'account', aliases: ['客服'], kind: 'id', role: 'account' },
  { field: 'jd_reception', aliases: ['接待量'], kind: 'count', role: 'value' },
  { field: 'inquirers', aliases: ['售前接待人数'], kind: 'count', role: 'value' },
  { field: 'paying_buyers', aliases: ['促成下单人数'], kind: 'count', role: 'value' },
  { field: 'jd_order_amount', aliases: ['促成下单商品金额'], kind: 'money', role: 'value' },
  { field: 'avg_response_s_new', aliases: ['平均响应时长(新)'], kind: 'duration', role: 'value' },
  { field: 'first_reply_30s_rate_jd', aliases: ['30s应答率'], kind: 'rate', role: 'value' },
  { field: 'reply_3min_rate_jd', aliases: ['客服3分钟人工回复率'], kind: 'rate', role: 'value' },
  { field: 'good_count', aliases: ['好评量'], kind: 'count', role: 'value' },
  { field: 'rating_count', aliases: ['评价量'], kind: 'count', role: 'value' },
];

/** 京东 客服管家 → 数据明细 (sheet 整体数据). */
export const jdDetail: LayoutDef = {
  id: 'jd_detail',
  zh: '京东 客服管家数据明细',
  platform: 'jd',
  sheetNames: ['整体数据'],
  required: ['account', 'jd_reception', 'reply_3min_rate_jd'],
  fields: [{ field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' }, ...jdCommon],
};

/** 京东 员工日报统计: the detail columns plus 日期, UID, levels and message counts. */
export const jdDaily: LayoutDef = {
  id: 'jd_daily',
  zh: '京东 员工日报统计',
  platform: 'jd',
  required: ['account', 'date', 'jd_reception', 'rating_l_sat_hi'],
  fields: [
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    ...jdCommon,
    { field: 'uid', aliases: ['UID'], kind: 'text', role: 'info' },
    { field: 'skill_group', aliases: ['技能组'], kind: 'text', role: 'info' },
    { field: 'provider', aliases: ['服务商'], kind: 'text', role: 'info' },
    { field: 'rating_l_sat_hi', aliases: ['非常满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_sat', aliases: ['满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_neutral', aliases: ['一般'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis', aliases: ['不满意'], kind: 'count', role: 'value' },
    { field: 'rating_l_dis_hi', aliases: ['非常不满意'], kind: 'count', role: 'value' },
    { field: 'agent_msgs', aliases: ['客服总消息数'], kind: 'count', role: 'value' },
    { field: 'buyer_msgs', aliases: ['客户总消息数'], kind: 'count', role: 'value' },
  ],
};
