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
  {
    field: 'reply_3min_rate_jd',
    aliases: ['客服3分钟人工回复率'],
    kind: 'rate',
    role: 'value',
    numerator: 'reply_3min_sessions',
  },
  { field: 'reply_3min_sessions', aliases: ['客服3分钟人工回复量'], kind: 'count', role: 'value' },
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

/**
 * 京东 客服管家 促成订单 (sheet name contains 促成订单): one row per order line an agent is credited with. 客服 reads
 * `前缀--昵称` and may end in (推算) — a credit the system inferred: kept, and the sales it brings are approximate.
 * Lines are versioned by (所属订单编号, 商品编号) across files; see order-lines.ts for why they end as per
 * account-day facts rather than events.
 */
export const jdPromotedOrders: LayoutDef = {
  id: 'jd_promoted_orders',
  zh: '京东 客服管家 促成订单',
  platform: 'jd',
  kind: 'order_lines',
  sheetNames: ['促成订单'],
  required: ['account', 'order_id', 'sku', 'unit_price', 'quantity', 'ordered_at'],
  lines: {
    key: ['order_id', 'sku'],
    day: 'ordered_at',
    amount: { price: 'unit_price', quantity: 'quantity' },
    status: 'status',
  },
  fields: [
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'consulted_at', aliases: ['咨询时间'], kind: 'datetime', role: 'event' },
    { field: 'ordered_at', aliases: ['下单时间'], kind: 'datetime', role: 'event' },
    { field: 'sku', aliases: ['商品编号'], kind: 'id', role: 'event' },
    { field: 'sku_name', aliases: ['商品名称'], kind: 'text', role: 'event' },
    { field: 'account', aliases: ['客服'], kind: 'id', role: 'account' },
    { field: 'customer', aliases: ['客户'], kind: 'id', role: 'event' },
    { field: 'order_id', aliases: ['所属订单编号'], kind: 'id', role: 'event' },
    // the `(?)` is part of the exported header (a help icon's text)
    { field: 'unit_price', aliases: ['商品单价(?)', '商品单价'], kind: 'money', role: 'event' },
    { field: 'quantity', aliases: ['购买数量'], kind: 'count', role: 'event' },
    { field: 'status', aliases: ['订单状态'], kind: 'text', role: 'event' },
  ],
};

/**
 * 京东 魔方 客服销售分析 (`客服销售分析_<from>_<to>_全部客服.xlsx`): one row per order with the agent it is credited
 * to; no shop column (the shop comes from --shop or the Import screen). An order counts when it has a 付款时间 and
 * its status does not contain 取消; versioned by 订单编号 across files.
 */
export const jdMofangSales: LayoutDef = {
  id: 'jd_mofang_sales',
  zh: '京东 魔方 客服销售分析',
  platform: 'jd',
  kind: 'order_lines',
  required: ['account', 'order_id', 'amount', 'ordered_at'],
  lines: {
    key: ['order_id'],
    day: 'ordered_at',
    amount: { price: 'amount' },
    paid: 'paid_at',
    status: 'status',
  },
  fields: [
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'order_id', aliases: ['订单编号'], kind: 'id', role: 'event' },
    { field: 'customer', aliases: ['顾客昵称'], kind: 'id', role: 'event' },
    { field: 'status', aliases: ['订单状态'], kind: 'text', role: 'event' },
    { field: 'ordered_at', aliases: ['下单时间'], kind: 'datetime', role: 'event' },
    { field: 'paid_at', aliases: ['付款时间'], kind: 'datetime', role: 'event' },
    { field: 'shipped_at', aliases: ['出库时间'], kind: 'datetime', role: 'event' },
    { field: 'amount', aliases: ['订单金额'], kind: 'money', role: 'event' },
    { field: 'account', aliases: ['客服昵称'], kind: 'id', role: 'account' },
    { field: 'session_start', aliases: ['开始时间'], kind: 'datetime', role: 'event' },
    { field: 'session_end', aliases: ['结束时间'], kind: 'datetime', role: 'event' },
    { field: 'customer_id', aliases: ['顾客mofangID'], kind: 'id', role: 'event' },
  ],
};
