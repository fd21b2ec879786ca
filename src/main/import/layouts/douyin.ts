import type { LayoutDef } from './types';

/** 飞鸽 客服数据 (classic) — imports.md §2. */
export const douyinClassic: LayoutDef = {
  id: 'douyin_feige_classic',
  zh: '抖音 飞鸽客服数据（经典版）',
  platform: 'douyin',
  required: ['account', 'manual_sessions', 'reply_3min_rate_session'],
  fields: [
    { field: 'shop', aliases: ['店铺名称', '店铺'], kind: 'text', role: 'shop' },
    { field: 'nickname', aliases: ['客服昵称'], kind: 'text', role: 'nickname' },
    { field: 'account', aliases: ['账号名称'], kind: 'id', role: 'account' },
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    { field: 'manual_buyers', aliases: ['人工已接待人数'], kind: 'count', role: 'value' },
    { field: 'manual_sessions', aliases: ['人工已接待会话量'], kind: 'count', role: 'value' },
    { field: 'cpd', aliases: ['CPD'], kind: 'decimal', role: 'value' },
    { field: 'dissatisfied_rate', aliases: ['不满意率'], kind: 'rate', role: 'value' },
    { field: 'reply_3min_rate_session', aliases: ['3分钟人工回复率(会话)'], kind: 'rate', role: 'value' },
    { field: 'reply_3min_rate_person', aliases: ['3分钟人工回复率'], kind: 'rate', role: 'value' },
    { field: 'first_response_s', aliases: ['首次响应时长'], kind: 'duration', role: 'value' },
    { field: 'avg_response_s', aliases: ['平均响应时长'], kind: 'duration', role: 'value' },
    { field: 'avg_response_s_new', aliases: ['新平均响应时长'], kind: 'duration', role: 'value' },
    { field: 'satisfaction_rate', aliases: ['满意率'], kind: 'rate', role: 'value' },
    { field: 'sales_amount', aliases: ['客服销售额'], kind: 'money', role: 'value' },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'ordering_buyers', aliases: ['下单人数'], kind: 'count', role: 'value' },
    { field: 'paying_buyers', aliases: ['支付人数'], kind: 'count', role: 'value' },
    { field: 'conversion_rate_given', aliases: ['询单转化率'], kind: 'rate', role: 'value' },
    { field: 'warning_sessions', aliases: ['预警会话量'], kind: 'count', role: 'value' },
    { field: 'online_hours', aliases: ['PC在线时长'], kind: 'hours', role: 'value' },
    { field: 'break_hours', aliases: ['PC小休时长'], kind: 'hours', role: 'value' },
    { field: 'offline_hours', aliases: ['PC离线时长'], kind: 'hours', role: 'value' },
  ],
};

/** 飞鸽 客服数据 (newer) — imports.md §2. */
export const douyinNewer: LayoutDef = {
  id: 'douyin_feige_newer',
  zh: '抖音 飞鸽客服数据（新版）',
  platform: 'douyin',
  required: ['account', 'reception_sessions', 'reply_3min_rate_work'],
  fields: [
    { field: 'shop', aliases: ['店铺名称', '店铺'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号'], kind: 'id', role: 'account' },
    { field: 'nickname', aliases: ['客服昵称'], kind: 'text', role: 'nickname' },
    { field: 'date', aliases: ['日期', '统计日期'], kind: 'day', role: 'date' },
    { field: 'inquirers', aliases: ['询单人数'], kind: 'count', role: 'value' },
    { field: 'ordering_buyers', aliases: ['下单人数'], kind: 'count', role: 'value' },
    { field: 'sales_amount', aliases: ['客服询单支付额'], kind: 'money', role: 'value' },
    { field: 'sales_after_refund', aliases: ['退款后销售额'], kind: 'money', role: 'value' },
    { field: 'reception_sessions', aliases: ['接待会话量'], kind: 'count', role: 'value' },
    { field: 'avg_response_s_work', aliases: ['工作时间平响时长'], kind: 'duration', role: 'value' },
    { field: 'reply_3min_rate_work', aliases: ['工作时间3分钟回复率'], kind: 'rate', role: 'value' },
    { field: 'good_count', aliases: ['有效好评数'], kind: 'count', role: 'value' },
    { field: 'bad_count', aliases: ['有效差评数'], kind: 'count', role: 'value' },
    { field: 'rating_count', aliases: ['有效评价数'], kind: 'count', role: 'value' },
  ],
};
