import type { LayoutDef } from './types';

/**
 * ScoreDesk's own event templates (imports.md §3.1–3.4). Other chat/rating/order layouts are mapped onto these in
 * the column-mapping step. `platform` here is only a default: the 平台 column or the user's choice decides.
 */
export const messagesTemplate: LayoutDef = {
  id: 'events_messages',
  zh: '聊天记录（模板）',
  platform: 'douyin',
  kind: 'messages',
  required: ['shop', 'account', 'buyer', 'sender', 'time'],
  fields: [
    { field: 'platform', aliases: ['平台'], kind: 'text', role: 'platform' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'session_id', aliases: ['会话ID', '会话id', '会话编号'], kind: 'id', role: 'event' },
    { field: 'account', aliases: ['客服账号', '接待客服'], kind: 'id', role: 'event' },
    { field: 'buyer', aliases: ['买家', '买家昵称', '用户', '顾客'], kind: 'id', role: 'event' },
    { field: 'sender', aliases: ['发送方', '发送者', '消息发送方'], kind: 'text', role: 'event' },
    { field: 'time', aliases: ['消息时间', '发送时间'], kind: 'datetime', role: 'event' },
    { field: 'auto_reply', aliases: ['自动回复', '是否自动回复'], kind: 'text', role: 'event' },
    { field: 'handover_at', aliases: ['接入时间'], kind: 'datetime', role: 'event' },
    { field: 'content', aliases: ['消息内容', '内容'], kind: 'text', role: 'event' },
  ],
};

export const ratingsTemplate: LayoutDef = {
  id: 'events_ratings',
  zh: '评价明细（模板）',
  platform: 'kuaishou',
  kind: 'ratings',
  required: ['shop', 'buyer', 'rated_at', 'level'],
  fields: [
    { field: 'platform', aliases: ['平台'], kind: 'text', role: 'platform' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号'], kind: 'id', role: 'event' },
    { field: 'session_id', aliases: ['会话ID', '会话id'], kind: 'id', role: 'event' },
    { field: 'buyer', aliases: ['买家', '买家昵称', '用户'], kind: 'id', role: 'event' },
    { field: 'sent_at', aliases: ['邀评时间'], kind: 'datetime', role: 'event' },
    { field: 'rated_at', aliases: ['评价时间'], kind: 'datetime', role: 'event' },
    { field: 'level', aliases: ['评价等级', '评价结果', '满意度'], kind: 'text', role: 'event' },
    { field: 'reasons', aliases: ['不满意原因', '评价原因'], kind: 'text', role: 'event' },
    { field: 'channel', aliases: ['评价渠道'], kind: 'text', role: 'event' },
    { field: 'service_type', aliases: ['服务类型'], kind: 'text', role: 'event' },
    { field: 'removed', aliases: ['是否剔除', '恶意评价', '举报成功'], kind: 'text', role: 'event' },
    { field: 'rating_id', aliases: ['评价ID', '评价id'], kind: 'id', role: 'event' },
  ],
};

export const ordersTemplate: LayoutDef = {
  id: 'events_orders',
  zh: '订单（模板）',
  platform: 'taobao',
  kind: 'orders',
  required: ['shop', 'order_id', 'buyer', 'created_at'],
  fields: [
    { field: 'platform', aliases: ['平台'], kind: 'text', role: 'platform' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'order_id', aliases: ['订单号', '订单编号'], kind: 'id', role: 'event' },
    { field: 'buyer', aliases: ['买家', '买家昵称'], kind: 'id', role: 'event' },
    { field: 'created_at', aliases: ['下单时间', '创建时间'], kind: 'datetime', role: 'event' },
    { field: 'paid_at', aliases: ['支付时间', '付款时间'], kind: 'datetime', role: 'event' },
    { field: 'amount', aliases: ['实付金额', '支付金额'], kind: 'money', role: 'event' },
    { field: 'account', aliases: ['归属客服账号', '归属客服'], kind: 'id', role: 'event' },
  ],
};

export const examsTemplate: LayoutDef = {
  id: 'events_exams',
  zh: '考试预警（模板）',
  platform: 'douyin',
  kind: 'exams',
  required: ['shop', 'account', 'week'],
  fields: [
    { field: 'platform', aliases: ['平台'], kind: 'text', role: 'platform' },
    { field: 'shop', aliases: ['店铺', '店铺名称'], kind: 'text', role: 'shop' },
    { field: 'account', aliases: ['客服账号'], kind: 'id', role: 'event' },
    { field: 'week', aliases: ['预警周期', '预警周'], kind: 'text', role: 'event' },
    { field: 'reasons', aliases: ['预警原因'], kind: 'text', role: 'event' },
    { field: 'notice_date', aliases: ['通知日期'], kind: 'day', role: 'event' },
    { field: 'deadline', aliases: ['考试截止', '截止日期'], kind: 'day', role: 'event' },
    { field: 'exam_time', aliases: ['考试时间'], kind: 'datetime', role: 'event' },
    { field: 'score', aliases: ['考试成绩', '成绩'], kind: 'decimal', role: 'event' },
  ],
};

export const EVENT_LAYOUTS: LayoutDef[] = [messagesTemplate, ratingsTemplate, ordersTemplate, examsTemplate];

/** The header row of each template, for the downloadable templates on the Import screen. */
export function templateHeaders(layout: LayoutDef): string[] {
  return layout.fields.map((f) => f.aliases[0]!);
}
