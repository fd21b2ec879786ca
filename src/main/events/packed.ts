import { addDays } from '../../shared/china-time';
import type { Day, Platform } from '../../shared/domain';
import type { Message, Sender } from '../../shared/engine/types';
import type { Db } from '../db/open';

/**
 * The packed chat store (migration 017): each (shop, day)'s current messages — the columns the rule engine reads, in
 * id order — as one blob of typed arrays and a string table, beside the list of batches they came from. `messages`
 * stays the source of truth (versions, undo, chat text); this is derived from it: written by the commit for the days
 * it touched, rebuilt by undo, dropped by triggers when anything else changes a row of its day, and checked against
 * the day's highest message id before use (a stale or missing day is rebuilt from the table).
 */

const SENDERS: readonly Sender[] = ['buyer', 'agent', 'bot', 'system'];
const SENDER_CODE: Record<string, number> = { buyer: 0, agent: 1, bot: 2, system: 3 };
const FORMAT = 1;
const HEADER = 16;

/** One row as the engine reads it (the same values `SELECT … FROM messages` gives). */
export interface PackedRow {
  account: string;
  buyer: string;
  session_id: string | null;
  time: number;
  sender: string;
  auto_reply: number;
  handover_at: number | null;
  seq: number;
  batch_id: number;
}

/** Collects a shop-day's rows column by column and encodes them. */
export class PackBuilder {
  n = 0;
  private readonly time: number[] = [];
  private readonly handover: number[] = [];
  private readonly seq: number[] = [];
  private readonly account: number[] = [];
  private readonly buyer: number[] = [];
  private readonly session: number[] = [];
  private readonly sender: number[] = [];
  private readonly auto: number[] = [];
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  readonly batches = new Set<number>();

  private str(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add(
    account: string,
    buyer: string,
    sessionId: string | null,
    time: number,
    sender: string,
    autoReply: number,
    handoverAt: number | null,
    seq: number,
    batchId: number,
  ): void {
    this.time.push(time);
    this.handover.push(handoverAt === null ? NaN : handoverAt);
    this.seq.push(seq);
    this.account.push(this.str(account));
    this.buyer.push(this.str(buyer));
    this.session.push(sessionId === null ? 0 : this.str(sessionId) + 1);
    this.sender.push(SENDER_CODE[sender] ?? 0);
    this.auto.push(autoReply);
    this.batches.add(batchId);
    this.n++;
  }

  encode(): Buffer {
    const n = this.n;
    const text = Buffer.from(this.strings.join(''), 'utf8');
    const s = this.strings.length;
    const size = HEADER + 24 * n + 12 * n + 4 * s + 2 * n + text.length;
    const buf = new ArrayBuffer(size);
    new Uint32Array(buf, 0, 4).set([FORMAT, n, s, text.length]);
    let o = HEADER;
    for (const col of [this.time, this.handover, this.seq]) {
      new Float64Array(buf, o, n).set(col);
      o += 8 * n;
    }
    for (const col of [this.account, this.buyer, this.session]) {
      new Uint32Array(buf, o, n).set(col);
      o += 4 * n;
    }
    new Uint32Array(buf, o, s).set(this.strings.map((x) => x.length));
    o += 4 * s;
    for (const col of [this.sender, this.auto]) {
      new Uint8Array(buf, o, n).set(col);
      o += n;
    }
    new Uint8Array(buf, o, text.length).set(text);
    return Buffer.from(buf);
  }
}

/** A decoded shop-day: column views over the blob, and its strings sliced when first asked for. */
export interface PackedDay {
  n: number;
  time: Float64Array;
  /** NaN: no hand-over time. */
  handover: Float64Array;
  seq: Float64Array;
  account: Uint32Array;
  buyer: Uint32Array;
  /** 0: no 会话ID, else 1 + the string's index. */
  session: Uint32Array;
  sender: Uint8Array;
  auto: Uint8Array;
  /** Strings in the table. */
  strings: number;
  /** The string at index k (the same string object every time). */
  str: (k: number) => string;
  /** The index of a string in the table, or -1. */
  find: (text: string) => number;
}

export function decodePacked(blob: Uint8Array): PackedDay {
  // typed-array views need 8-byte alignment: copy a blob that SQLite handed over at an odd offset
  let bytes = blob;
  if (bytes.byteOffset % 8 !== 0) {
    const copy = new Uint8Array(new ArrayBuffer(blob.length));
    copy.set(blob);
    bytes = copy;
  }
  const buf = bytes.buffer;
  const base = bytes.byteOffset;
  const [format, n, s, textBytes] = new Uint32Array(buf, base, 4) as unknown as [
    number,
    number,
    number,
    number,
  ];
  if (format !== FORMAT) throw new Error(`packed messages: unknown format ${format}`);
  let o = base + HEADER;
  const f64 = (): Float64Array => {
    const a = new Float64Array(buf, o, n);
    o += 8 * n;
    return a;
  };
  const u32 = (len: number): Uint32Array => {
    const a = new Uint32Array(buf, o, len);
    o += 4 * len;
    return a;
  };
  const u8 = (): Uint8Array => {
    const a = new Uint8Array(buf, o, n);
    o += n;
    return a;
  };
  const time = f64();
  const handover = f64();
  const seq = f64();
  const account = u32(n);
  const buyer = u32(n);
  const session = u32(n);
  const lengths = u32(s);
  const sender = u8();
  const auto = u8();
  const text = Buffer.from(buf, o, textBytes).toString('utf8');
  const starts = new Uint32Array(s + 1);
  for (let k = 0; k < s; k++) starts[k + 1] = starts[k]! + lengths[k]!;
  const cache = new Array<string | undefined>(s);
  const str = (k: number): string => {
    let v = cache[k];
    if (v === undefined) cache[k] = v = text.slice(starts[k], starts[k + 1]);
    return v;
  };
  const find = (t: string): number => {
    for (let k = 0; k < s; k++) if (lengths[k] === t.length && str(k) === t) return k;
    return -1;
  };
  return { n, time, handover, seq, account, buyer, session, sender, auto, strings: s, str, find };
}

/**
 * The engine's rows of decoded days, in order (the shape `SELECT … AS sessionId, … AS autoReply` gives); `keep`
 * chooses rows (all when absent).
 */
export function packedMessages(
  days: readonly PackedDay[],
  platform: Platform,
  shop: string,
  keep?: (d: PackedDay, i: number) => boolean,
): Message[] {
  let total = 0;
  if (!keep) for (const d of days) total += d.n;
  const out = new Array<Message>(total);
  let k = 0;
  for (const d of days) {
    const { str } = d;
    for (let i = 0; i < d.n; i++) {
      if (keep && !keep(d, i)) continue;
      const sid = d.session[i]!;
      const h = d.handover[i]!;
      out[k++] = {
        platform,
        shop,
        account: str(d.account[i]!),
        buyer: str(d.buyer[i]!),
        sessionId: sid === 0 ? null : str(sid - 1),
        time: d.time[i]!,
        sender: SENDERS[d.sender[i]!]!,
        // 0/1 as SQLite gives it: the engine reads it as a flag
        autoReply: d.auto[i]! as unknown as boolean,
        seq: d.seq[i]!,
        handoverAt: Number.isNaN(h) ? null : h,
      };
    }
  }
  return out;
}

/** Stores a shop-day's packed rows (none: removes it). `maxId`: the day's highest message id, current or not. */
export function storePacked(db: Db, shopId: number, day: Day, b: PackBuilder, maxId: number | null): void {
  if (b.n === 0 || maxId === null) {
    db.prepare('DELETE FROM message_days WHERE shop_id = ? AND day = ?').run(shopId, day);
    return;
  }
  db.prepare(
    'INSERT OR REPLACE INTO message_days (shop_id, day, n, max_id, batches, data) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(shopId, day, b.n, maxId, [...b.batches].sort((x, y) => x - y).join(','), b.encode());
}

/** The highest message id of a shop-day, superseded rows included (null: no rows). */
export function maxMessageId(db: Db, shopId: number, day: Day): number | null {
  const r = db
    .prepare('SELECT MAX(id) AS m FROM messages WHERE shop_id = ? AND day = ?')
    .get(shopId, day) as {
    m: number | null;
  };
  return r.m;
}

/** A shop-day's current rows packed from the `messages` table. */
function packFromTable(db: Db, shopId: number, day: Day): PackBuilder {
  const b = new PackBuilder();
  const read = db.prepare(
    `SELECT account, buyer, session_id, time, sender, auto_reply, handover_at, seq, batch_id
       FROM messages INDEXED BY messages_shop_day WHERE shop_id = ? AND day = ? AND superseded_by IS NULL ORDER BY id`,
  );
  for (const r of read.iterate(shopId, day) as Iterable<PackedRow>)
    b.add(r.account, r.buyer, r.session_id, r.time, r.sender, r.auto_reply, r.handover_at, r.seq, r.batch_id);
  return b;
}

/** Rebuilds the packed rows of the given days of a shop from the `messages` table. */
export function rebuildPackedDays(db: Db, shopId: number, days: Iterable<Day>): void {
  for (const day of days)
    storePacked(db, shopId, day, packFromTable(db, shopId, day), maxMessageId(db, shopId, day));
}

/** Builds the whole store (migration 017 on an existing database). */
export function rebuildAllPacked(db: Db): void {
  db.exec('DELETE FROM message_days');
  const cells = db.prepare('SELECT DISTINCT shop_id, day FROM messages ORDER BY shop_id, day').all() as {
    shop_id: number;
    day: Day;
  }[];
  for (const c of cells) rebuildPackedDays(db, c.shop_id, [c.day]);
}

/**
 * A shop's packed days on [from, to] with, per day, the newest import time of the batches behind its rows. A day
 * missing from the store or stale (its highest id moved) is packed from the table: stored again when `persist`
 * (the recalculation, a writer), else only used (a read, which may run on a read-only connection).
 */
export function loadPackedDays(
  db: Db,
  shopId: number,
  from: Day,
  to: Day,
  persist: boolean,
): { days: PackedDay[]; imported: Map<Day, number> } {
  const stored = new Map<Day, { max_id: number; batches: string; data: Buffer }>();
  for (const r of db
    .prepare('SELECT day, max_id, batches, data FROM message_days WHERE shop_id = ? AND day BETWEEN ? AND ?')
    .all(shopId, from, to) as { day: Day; max_id: number; batches: string; data: Buffer }[])
    stored.set(r.day, r);
  const importedAt = db.prepare('SELECT imported_at FROM import_batches WHERE id = ?');
  const batchTime = new Map<number, number>();
  const days: PackedDay[] = [];
  const imported = new Map<Day, number>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const max = maxMessageId(db, shopId, d);
    if (max === null) {
      if (persist && stored.has(d))
        db.prepare('DELETE FROM message_days WHERE shop_id = ? AND day = ?').run(shopId, d);
      continue;
    }
    let data: Uint8Array;
    let batches: string;
    const row = stored.get(d);
    if (row && row.max_id === max) {
      data = row.data;
      batches = row.batches;
    } else {
      const b = packFromTable(db, shopId, d);
      if (persist) storePacked(db, shopId, d, b, max);
      if (b.n === 0) continue;
      data = b.encode();
      batches = [...b.batches].join(',');
    }
    days.push(decodePacked(data));
    let newest: number | null = null;
    for (const part of batches.split(',')) {
      const id = Number(part);
      let t = batchTime.get(id);
      if (t === undefined) {
        t = (importedAt.get(id) as { imported_at: number } | undefined)?.imported_at ?? NaN;
        batchTime.set(id, t);
      }
      if (!Number.isNaN(t) && (newest === null || t > newest)) newest = t;
    }
    if (newest !== null) imported.set(d, newest);
  }
  return { days, imported };
}

/** A shop's current messages on [from, to] as the engine's rows, and per day the newest import behind them. */
export function readPackedMessages(
  db: Db,
  shopId: number,
  platform: Platform,
  shop: string,
  from: Day,
  to: Day,
): { messages: Message[]; imported: Map<Day, number> } {
  const { days, imported } = loadPackedDays(db, shopId, from, to, true);
  return { messages: packedMessages(days, platform, shop), imported };
}
