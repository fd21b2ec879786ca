import { createHash, hash } from 'node:crypto';
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
  return sha22(parts.map((p) => (p === null ? '\u0000' : String(p))).join('\u0001'));
}

/** SHA-1 of the joined key fields, 22 base64url characters (one-shot: no hash object per row). */
function sha22(joined: string): string {
  return hash('sha1', joined, 'base64url').slice(0, 22);
}

/** The text part of a chat row's key (also what a shop merge re-keys stored rows with). */
export function contentHashOf(content: string | null): string {
  return content ? hash('sha1', content, 'base64url').slice(0, 12) : '';
}

/**
 * FNV-1a 64 over UTF-16 units, folded to 53 bits (a number, no string): a cheap in-memory fingerprint. Never stored,
 * so it may differ from any earlier version. (Chat rows repeated under one key are now compared field by field.)
 */
export function fnv53(text: string): number {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    // (hi·2³² + lo) × (2⁴⁰ + 0x1b3) mod 2⁶⁴
    const loProd = lo * 0x1b3;
    const carry = Math.floor(loProd / 4294967296);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = loProd >>> 0;
  }
  return hi * 2097152 + (lo >>> 11);
}

/** What makes two message rows of one key the same row (the key already holds platform, shop, id, time, sender). */
function sameMessage(a: MessageRow, b: MessageRow): boolean {
  return (
    a.account === b.account &&
    a.buyer === b.buyer &&
    a.auto_reply === b.auto_reply &&
    a.handover_at === b.handover_at &&
    a.session_id === b.session_id &&
    a.content === b.content
  );
}

/** A bounded memo: chat exports repeat shops, accounts, senders and dates on every row. */
class Memo<V> {
  private readonly m = new Map<string, V>();
  constructor(
    private readonly fn: (k: string) => V,
    private readonly cap = 20000,
  ) {}
  get(k: string): V {
    let v = this.m.get(k);
    if (v === undefined) {
      v = this.fn(k);
      if (this.m.size < this.cap) this.m.set(k, v);
    }
    return v;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The two ASCII digits at i as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
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
  /** Tests: map every row through the general path (the chat hot path must give exactly the same result). */
  generalOnly = false,
  /**
   * The shop name a row's natural key is made with: the shop as spelled in the file, or (alias resolution) the name
   * its stored rows were keyed with when that spelling belongs to an existing shop under another name.
   */
  keyShop: (platform: Platform, shop: string) => string = (_p, shop) => shop,
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
   * they are never duplicates and are not remembered; with 会话ID, 50 identical rows are one message. A chat row is
   * remembered as itself (the file's rows are held anyway) and compared field by field only when its key repeats;
   * the other kinds keep a hash of their fields.
   */
  const firstOfKey = new Map<string, string>();
  const firstMessage = new Map<string, MessageRow>();
  const push = (row: MessageRow | RatingRow | OrderRow | ExamRow): void => {
    if ('seq' in row) {
      if (row.session_id !== null) {
        const first = firstMessage.get(row.key);
        if (first === undefined) firstMessage.set(row.key, row);
        else if (sameMessage(first, row)) {
          out.duplicates++;
          return;
        }
      }
      out.rows.push(row);
      return;
    }
    const { sheet: _s, row: _r, ...fields } = row;
    const fp = createHash('sha1').update(JSON.stringify(fields)).digest('base64url');
    const k = 'attempt' in row && row.attempt ? `${row.key}\u0000${row.attempt.key}` : row.key;
    const first = firstOfKey.get(k);
    if (first === fp) {
      out.duplicates++;
      return;
    }
    if (first === undefined) firstOfKey.set(k, fp);
    out.rows.push(row);
  };
  const fast =
    kind === 'messages' && !generalOnly
      ? fastMessages(det, defaultPlatform, defaultShop, window, occurrences, keyShop)
      : null;
  const rows = det.sheet.rows;
  for (let i = 0; i < rows.length - det.headerIndex - 1; i++) {
    const cells = rows[det.headerIndex + 1 + i]!;
    const row = fast?.(cells, i);
    if (row) {
      out.read++;
      push(row);
    } else slowRow(cells, i);
  }
  return out;

  function slowRow(cells: RawCell[], i: number): void {
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
    const keyName = keyShop(platform, shop);
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
      const contentHash = contentHashOf(content);
      let key: string;
      if (sid) key = keyHash(['m', platform, keyName, sid, time, sender, contentHash]);
      else {
        const tuple = keyHash(['m', platform, keyName, account, buyer, time, sender, contentHash]);
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
          ? keyHash(['r', platform, keyName, ratingId])
          : keyHash(['r', platform, keyName, account, buyer, ratedAt]),
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
        key: keyHash(['o', platform, keyName, orderId]),
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
      const key = keyHash(['e', platform, keyName, account, week]);
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
  }
}

/**
 * The chat-record hot path (a million rows a month): reads a row's cells by column index, memoises what repeats
 * (platform, shop, account, sender, the date part of a time) and builds the row without per-row reader objects. It
 * handles only rows that are plainly valid; anything else (a blank or summary row, a cut row, a missing or odd value,
 * a time not in `YYYY-MM-DD HH:mm:ss`, a 接入时间) returns null and goes through the general path, which gives the
 * same row or the same rejection.
 */
function fastMessages(
  det: Detection,
  defaultPlatform: Platform | null,
  defaultShop: string | null,
  window: DateWindow,
  occurrences: Map<string, number>,
  keyShop: (platform: Platform, shop: string) => string,
): (cells: RawCell[], i: number) => MessageRow | null {
  const col = (f: string): number => det.columns.get(f) ?? -1;
  // rows of one file come shop by shop: the last shop's key name is reused without building a memo key per row
  let lastPlatform = '';
  let lastShop = '';
  let lastKeyName = '';
  const [iPlatform, iShop, iSid, iAccount, iBuyer, iSender, iTime, iAuto, iHandover, iContent] = [
    'platform',
    'shop',
    'session_id',
    'account',
    'buyer',
    'sender',
    'time',
    'auto_reply',
    'handover_at',
    'content',
  ].map(col) as [number, number, number, number, number, number, number, number, number, number];
  const sheetName = det.sheet.name;
  const sheet = det.sheet;
  const headerIndex = det.headerIndex;
  /** The cell's text as RowReader.text gives it ('' for a null marker), or null for a summary label. */
  const valueText = (t: string): string | null => {
    const v = isNullMarker(t) ? '' : t;
    return v && isSummaryLabel(v) ? null : v;
  };
  const labelled = new Memo(valueText);
  const buyers = new Memo(valueText, 100000);
  const platforms = new Memo((t: string) => {
    const v = isNullMarker(t) ? '' : t;
    return v ? parsePlatform(v) : defaultPlatform;
  });
  const senders = new Memo((t: string) => (isNullMarker(t) ? undefined : SENDERS[t.toLowerCase()]));
  const autos = new Memo((t: string) => (isNullMarker(t) ? 0 : YES.has(t.toLowerCase()) ? 1 : 0));
  const accounts = new Memo((t: string) => normalizeAccount(t));
  // greetings and automatic replies repeat on many rows
  const contentHashes = new Memo((t: string) => contentHashOf(t));
  // a date's midnight (China) and day, or null when it is not a valid date inside the window
  const dates = new Memo((d: string) => {
    if (!DATE.test(d)) return null;
    const p = parseDateTime({ t: 's', v: `${d} 00:00:00` });
    if (!p.ok || p.value === null) return null;
    const day = chinaDay(p.value);
    return outsideWindow(day, window) ? null : { midnight: p.value, day };
  });
  let lastDateText = '';
  let lastDate: { midnight: number; day: Day } | null = null;
  // a cell's trimmed text; undefined for a non-text cell (a number, a date: the general path reads those)
  const text = (cells: RawCell[], i: number): string | undefined => {
    if (i < 0) return '';
    const c = cells[i];
    if (c === null || c === undefined) return '';
    return c.t === 's' ? c.v.trim() : undefined;
  };

  return (cells, i) => {
    const shopRaw = text(cells, iShop);
    const accountRaw = text(cells, iAccount);
    const buyerRaw = text(cells, iBuyer);
    const senderRaw = text(cells, iSender);
    const timeRaw = text(cells, iTime);
    const platformRaw = text(cells, iPlatform);
    const sidRaw = text(cells, iSid);
    const autoRaw = text(cells, iAuto);
    const content = text(cells, iContent);
    if (
      shopRaw === undefined ||
      accountRaw === undefined ||
      !buyerRaw ||
      !senderRaw ||
      !timeRaw ||
      platformRaw === undefined ||
      sidRaw === undefined ||
      autoRaw === undefined ||
      content === undefined
    )
      return null;
    if (iHandover >= 0) {
      const h = text(cells, iHandover);
      if (h === undefined || !isNullMarker(h)) return null;
    }
    const buyer = buyers.get(buyerRaw);
    const shopText = labelled.get(shopRaw);
    const accountText = labelled.get(accountRaw);
    if (!buyer || shopText === null || accountText === null) return null;
    if (rowDefect(sheet, headerIndex + 1 + i, headerIndex)) return null;
    const platform = platforms.get(platformRaw);
    const shop = shopText || defaultShop || '';
    const sender = senders.get(senderRaw);
    if (!platform || !shop || !sender) return null;
    // `YYYY-MM-DD HH:mm:ss` read digit by digit (no match array per row); anything else goes the general way
    if (timeRaw.length !== 19 || timeRaw.charCodeAt(10) !== 32) return null;
    const h = twoDigits(timeRaw, 11);
    const mi = twoDigits(timeRaw, 14);
    const sec = twoDigits(timeRaw, 17);
    if (h < 0 || mi < 0 || sec < 0 || timeRaw.charCodeAt(13) !== 58 || timeRaw.charCodeAt(16) !== 58)
      return null;
    if (h > 23 || mi > 59 || sec > 59) return null;
    // rows of a file come day by day: the last row's date is reused without slicing a memo key
    let date = lastDate;
    if (date === null || !timeRaw.startsWith(lastDateText)) {
      lastDateText = timeRaw.slice(0, 10);
      date = lastDate = dates.get(lastDateText);
    }
    if (!date) return null;
    const time = date.midnight + h * 3600 + mi * 60 + sec;
    const sid = sidRaw && !isNullMarker(sidRaw) ? sidRaw : null;
    const account = accounts.get(accountText);
    const body = content || null;
    const contentHash = body === null ? '' : contentHashes.get(body);
    if (platform !== lastPlatform || shop !== lastShop) {
      lastPlatform = platform;
      lastShop = shop;
      lastKeyName = keyShop(platform, shop);
    }
    const keyName = lastKeyName;
    let key: string;
    if (sid)
      key = sha22(
        `m\u0001${platform}\u0001${keyName}\u0001${sid}\u0001${time}\u0001${sender}\u0001${contentHash}`,
      );
    else {
      const tuple = sha22(
        `m\u0001${platform}\u0001${keyName}\u0001${account}\u0001${buyer}\u0001${time}\u0001${sender}\u0001${contentHash}`,
      );
      const n = (occurrences.get(tuple) ?? 0) + 1;
      occurrences.set(tuple, n);
      key = n === 1 ? tuple : sha22(`${tuple}\u0001${n}`);
    }
    const rowNo = headerIndex + 2 + i;
    return {
      sheet: sheetName,
      row: rowNo,
      platform,
      shop,
      key,
      account,
      buyer,
      session_id: sid,
      time,
      day: date.day,
      sender,
      auto_reply: autos.get(autoRaw),
      handover_at: sender === 'system' && body !== null && isHandoverMarker(body) ? time : null,
      content: body,
      seq: rowNo,
    };
  };
}
