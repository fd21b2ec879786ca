import { createHash } from 'node:crypto';
import { chinaDay, isDay } from '../../shared/china-time';
import { parsePlatform, type Day, type Platform } from '../../shared/domain';
import type { Rejection } from '../../shared/imports';
import { normalizeAccount, type Sender } from '../../shared/engine/types';
import { isHandoverMarker } from '../../shared/engine/sessions';
import { weekMonday } from '../../shared/engine/exams';
import type { Detection } from '../import/detect';
import { periodFromFileName } from '../import/period';
import type { RawCell } from '../import/types';
import { outsideWindow, type DateWindow } from '../import/date-window';
import { rowDefect } from '../import/row-check';
import {
  cellText,
  isNullMarker,
  isSummaryLabel,
  parseDateTime,
  parseDay,
  parseDecimalCell,
  parseMoney,
} from '../import/values';

export type EventKind = 'messages' | 'ratings' | 'orders' | 'exams';

interface Base {
  sheet: string;
  row: number;
  key: string;
  platform: Platform;
  shop: string;
}
export interface MessageRow extends Base {
  account: string;
  buyer: string;
  session_id: string | null;
  time: number;
  day: Day;
  sender: Sender;
  auto_reply: 0 | 1;
  handover_at: number | null;
  content: string | null;
  seq: number;
}
export interface RatingRow extends Base {
  account: string;
  session_id: string | null;
  buyer: string;
  sent_at: number | null;
  rated_at: number;
  day: Day;
  level: string;
  reasons: string;
  channel: string | null;
  service_type: string | null;
  removed: 0 | 1;
  rating_id: string | null;
}
export interface OrderRow extends Base {
  order_id: string;
  buyer: string;
  created_at: number;
  paid_at: number | null;
  amount: number;
  account: string | null;
  day: Day;
}
export interface ExamRow extends Base {
  account: string;
  week_start: Day;
  reasons: string;
  notice_date: Day | null;
  deadline: Day | null;
  attempt: { key: string; time: number; score: number } | null;
}

export interface EventMapResult<R> {
  rows: R[];
  rejections: Rejection[];
  read: number;
  summaryRows: number;
  /** Rows identical to an earlier row of the file under the same key, counted once (imports.md §4 versioning). */
  duplicates: number;
}

const SENDERS: Record<string, Sender> = {
  买家: 'buyer',
  用户: 'buyer',
  顾客: 'buyer',
  buyer: 'buyer',
  客服: 'agent',
  人工: 'agent',
  人工客服: 'agent',
  agent: 'agent',
  机器人: 'bot',
  智能客服: 'bot',
  客服助手: 'bot',
  店小蜜: 'bot',
  bot: 'bot',
  系统: 'system',
  system: 'system',
};

const YES = new Set(['是', 'y', 'yes', 'true', '1', '已剔除', '剔除']);

/** A short stable hash for natural keys (imports.md §4 versioning). */
export function keyHash(parts: (string | number | null)[]): string {
  return createHash('sha1')
    .update(parts.map((p) => (p === null ? '\u0000' : String(p))).join('\u0001'))
    .digest('base64url')
    .slice(0, 22);
}

class RowReader {
  constructor(
    private readonly det: Detection,
    private readonly cells: RawCell[],
    private readonly rowNo: number,
    private readonly out: Rejection[],
    private readonly window: DateWindow,
  ) {}
  failed = false;

  cell(field: string): RawCell {
    const i = this.det.columns.get(field);
    return i === undefined ? null : (this.cells[i] ?? null);
  }
  text(field: string): string {
    const t = cellText(this.cell(field));
    return isNullMarker(t) ? '' : t;
  }
  reject(field: string, reason: string): null {
    if (this.failed) return null;
    this.failed = true;
    const i = this.det.columns.get(field);
    this.out.push({
      sheet: this.det.sheet.name,
      row: this.rowNo,
      column: i === undefined ? field : (this.det.headers[i] ?? field),
      value: cellText(this.cell(field)),
      reason,
    });
    return null;
  }
  required(field: string, label: string): string {
    const t = this.text(field);
    if (!t) this.reject(field, `${label}为空`);
    return t;
  }
  time(field: string, required: boolean): number | null {
    const c = this.cell(field);
    if (isNullMarker(cellText(c))) {
      if (required) this.reject(field, '时间为空');
      return null;
    }
    const p = parseDateTime(c);
    if (!p.ok) return this.reject(field, p.reason);
    if (p.value !== null) {
      const why = outsideWindow(chinaDay(p.value), this.window);
      if (why) return this.reject(field, why);
    }
    return p.value;
  }
  day(field: string): Day | null {
    if (!this.text(field)) return null;
    const d = parseDay(this.cell(field));
    if (!d.ok) return this.reject(field, d.reason);
    const why = d.value === null ? null : outsideWindow(d.value, this.window);
    return why ? this.reject(field, why) : d.value;
  }
}

/**
 * Event rows → typed records (pure apart from hashing). Identity: 平台 from the column or the user's choice; rows
 * with a summary label are dropped; a row with an unreadable cell is rejected whole with its Excel row.
 */
export function mapEvents(
  kind: EventKind,
  det: Detection,
  defaultPlatform: Platform | null,
  defaultShop: string | null,
  window: DateWindow,
): EventMapResult<MessageRow | RatingRow | OrderRow | ExamRow> {
  const out: EventMapResult<MessageRow | RatingRow | OrderRow | ExamRow> = {
    rows: [],
    rejections: [],
    read: 0,
    summaryRows: 0,
    duplicates: 0,
  };
  const occurrences = new Map<string, number>();
  /**
   * key (+ attempt) → a hash of the row's fields, to count a row repeated verbatim under the same key once. Messages
   * without 会话ID already carry their occurrence in the key (a buyer may send the same text twice in a second), so
   * they are never duplicates and are not remembered; with 会话ID, 50 identical rows are one message. A hash, not
   * the fields, keeps a million-row chat export's memory small.
   */
  const firstOfKey = new Map<string, string>();
  const push = (row: MessageRow | RatingRow | OrderRow | ExamRow): void => {
    if ('session_id' in row && 'seq' in row && row.session_id === null) {
      out.rows.push(row);
      return;
    }
    const { sheet: _s, row: _r, ...fields } = row;
    const k = 'attempt' in row && row.attempt ? `${row.key}\u0000${row.attempt.key}` : row.key;
    const fp = createHash('sha1')
      .update(JSON.stringify('seq' in fields ? { ...fields, seq: 0 } : fields))
      .digest('base64url');
    const first = firstOfKey.get(k);
    if (first === fp) {
      out.duplicates++;
      return;
    }
    if (first === undefined) firstOfKey.set(k, fp);
    out.rows.push(row);
  };
  det.sheet.rows.slice(det.headerIndex + 1).forEach((cells, i) => {
    const rowNo = det.headerIndex + 2 + i;
    if (cells.every((c) => isNullMarker(cellText(c)))) return;
    const r = new RowReader(det, cells, rowNo, out.rejections, window);
    if (['shop', 'account', 'buyer'].some((f) => isSummaryLabel(r.text(f)))) {
      out.summaryRows++;
      return;
    }
    out.read++;
    const defect = rowDefect(det.sheet, det.headerIndex + 1 + i, det.headerIndex);
    if (defect) {
      out.rejections.push({ sheet: det.sheet.name, row: rowNo, column: '整行', value: '', reason: defect });
      return;
    }
    const platformText = r.text('platform');
    const platform = platformText ? parsePlatform(platformText) : defaultPlatform;
    if (!platform) {
      r.reject(
        'platform',
        platformText ? `平台“${platformText}”无法识别` : '无法确定平台：请增加“平台”列或在导入时指定平台',
      );
      return;
    }
    const shop = r.text('shop') || defaultShop || '';
    if (!shop) {
      r.reject('shop', '店铺为空');
      return;
    }
    const base = { sheet: det.sheet.name, row: rowNo, platform, shop };
    if (kind === 'messages') {
      const buyer = r.required('buyer', '买家');
      const senderText = r.required('sender', '发送方');
      const sender = SENDERS[senderText.toLowerCase()];
      if (senderText && !sender)
        r.reject('sender', `发送方“${senderText}”无法识别（应为 买家/客服/机器人/系统）`);
      const time = r.time('time', true);
      const handover = r.time('handover_at', false);
      if (r.failed || time === null || !sender) return;
      const sid = r.text('session_id') || null;
      const account = normalizeAccount(r.text('account'));
      const content = cellText(r.cell('content')) || null;
      const contentHash = content ? createHash('sha1').update(content).digest('base64url').slice(0, 12) : '';
      let key: string;
      if (sid) key = keyHash(['m', platform, shop, sid, time, sender, contentHash]);
      else {
        const tuple = keyHash(['m', platform, shop, account, buyer, time, sender, contentHash]);
        const n = (occurrences.get(tuple) ?? 0) + 1;
        occurrences.set(tuple, n);
        key = n === 1 ? tuple : keyHash([tuple, n]);
      }
      push({
        ...base,
        key,
        account,
        buyer,
        session_id: sid,
        time,
        day: chinaDay(time),
        sender,
        auto_reply: YES.has(r.text('auto_reply').toLowerCase()) ? 1 : 0,
        // a 系统 row announcing the hand-over is stored as data (its own time), so the recalculation sees it without
        // reading chat text and keeps seeing it when "keep only failing rounds' text" drops the text (metrics.md §1)
        handover_at:
          handover ?? (sender === 'system' && content !== null && isHandoverMarker(content) ? time : null),
        content,
        seq: rowNo,
      });
    } else if (kind === 'ratings') {
      const buyer = r.required('buyer', '买家');
      const level = r.required('level', '评价等级');
      const ratedAt = r.time('rated_at', true);
      const sentAt = r.time('sent_at', false);
      if (r.failed || ratedAt === null) return;
      const ratingId = r.text('rating_id') || null;
      const account = r.text('account');
      push({
        ...base,
        key: ratingId
          ? keyHash(['r', platform, shop, ratingId])
          : keyHash(['r', platform, shop, account, buyer, ratedAt]),
        account,
        session_id: r.text('session_id') || null,
        buyer,
        sent_at: sentAt,
        rated_at: ratedAt,
        day: chinaDay(sentAt ?? ratedAt),
        level,
        reasons: r.text('reasons'),
        channel: r.text('channel') || null,
        service_type: r.text('service_type') || null,
        removed: YES.has(r.text('removed').toLowerCase()) ? 1 : 0,
        rating_id: ratingId,
      });
    } else if (kind === 'orders') {
      const orderId = r.required('order_id', '订单号');
      const buyer = r.required('buyer', '买家');
      const created = r.time('created_at', true);
      const paid = r.time('paid_at', false);
      let amount = 0;
      const amountCell = r.cell('amount');
      if (!isNullMarker(cellText(amountCell))) {
        const m = parseMoney(amountCell);
        if (!m.ok) r.reject('amount', m.reason);
        else if (m.value) amount = m.value.n / m.value.d;
      }
      if (r.failed || created === null) return;
      push({
        ...base,
        key: keyHash(['o', platform, shop, orderId]),
        order_id: orderId,
        buyer,
        created_at: created,
        paid_at: paid,
        amount,
        account: r.text('account') || null,
        day: chinaDay(created),
      });
    } else {
      const account = r.required('account', '客服账号');
      const weekText = r.required('week', '预警周期');
      let week: Day | null = null;
      if (weekText) {
        const range = periodFromFileName(weekText.replace(/\//g, '-'));
        let any: Day | null = range?.from ?? null;
        if (!any) {
          const d = parseDay(r.cell('week'));
          any = d.ok ? d.value : null;
        }
        const why = any && isDay(any) ? outsideWindow(any, window) : null;
        if (!any || !isDay(any)) r.reject('week', '预警周期应为 YYYY-MM-DD~YYYY-MM-DD 或该周内的任一日期');
        else if (why) r.reject('week', why);
        else week = weekMonday(any);
      }
      const notice = r.day('notice_date');
      const deadline = r.day('deadline');
      const examTime = r.time('exam_time', false);
      let score: number | null = null;
      if (r.text('score')) {
        const s = parseDecimalCell(r.cell('score'));
        if (!s.ok || s.value === null) r.reject('score', s.ok ? '成绩为空' : s.reason);
        else score = s.value.n / s.value.d;
      }
      if (examTime !== null && score === null) r.reject('score', '有考试时间但没有成绩');
      if (score !== null && examTime === null) r.reject('exam_time', '有成绩但没有考试时间');
      if (r.failed || !week) return;
      const key = keyHash(['e', platform, shop, account, week]);
      push({
        ...base,
        key,
        account,
        week_start: week,
        reasons: r.text('reasons'),
        notice_date: notice,
        deadline,
        attempt:
          examTime !== null && score !== null
            ? { key: keyHash(['a', key, examTime]), time: examTime, score }
            : null,
      });
    }
  });
  return out;
}
