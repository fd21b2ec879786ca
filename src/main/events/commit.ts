import type { Day, Platform } from '../../shared/domain';
import type { FileRows } from '../../shared/imports';
import type { Db } from '../db/open';
import { ensureAccount } from '../import/commit';
import type { EventKind, ExamRow, MessageRow, OrderRow, RatingRow } from './map';
import { maxMessageId, PackBuilder, rebuildPackedDays, storePacked } from './packed';

type AnyRow = MessageRow | RatingRow | OrderRow | ExamRow;

interface TableSpec {
  table: string;
  /** columns written besides key, shop_id, batch_id */
  cols: string[];
  /** columns whose change makes a row with the same key a new version */
  compare: string[];
}

const SPECS: Record<Exclude<EventKind, 'exams'>, TableSpec> & { exams: TableSpec; attempts: TableSpec } = {
  messages: {
    table: 'messages',
    cols: [
      'account',
      'buyer',
      'session_id',
      'time',
      'day',
      'sender',
      'auto_reply',
      'handover_at',
      'content',
      'seq',
    ],
    compare: ['account', 'buyer', 'session_id', 'auto_reply', 'handover_at'],
  },
  ratings: {
    table: 'ratings',
    cols: [
      'account',
      'session_id',
      'buyer',
      'sent_at',
      'rated_at',
      'day',
      'level',
      'reasons',
      'channel',
      'service_type',
      'removed',
      'rating_id',
    ],
    compare: [
      'account',
      'session_id',
      'buyer',
      'sent_at',
      'rated_at',
      'level',
      'reasons',
      'channel',
      'service_type',
      'removed',
    ],
  },
  orders: {
    table: 'orders',
    cols: ['order_id', 'buyer', 'created_at', 'paid_at', 'amount', 'account', 'day'],
    compare: ['buyer', 'created_at', 'paid_at', 'amount', 'account'],
  },
  exams: {
    table: 'exam_warnings',
    cols: ['account', 'week_start', 'reasons', 'notice_date', 'deadline'],
    compare: ['reasons', 'notice_date', 'deadline'],
  },
  attempts: { table: 'exam_attempts', cols: ['warning_key', 'time', 'score'], compare: ['score'] },
};

export interface EventCommit {
  rows: FileRows;
  /** (shop id, day) cells whose metrics must be recomputed */
  touched: Map<number, Set<string>>;
}

/**
 * Writes event rows with versioning by natural key (imports.md §4): an identical row is unchanged (and confirmed for
 * undo), a row whose fields differ replaces the current version (kept, marked superseded). Existing versions are
 * read in one query per table, so a million-row import does no per-row lookups. Runs inside the caller's transaction.
 */
export function commitEvents(db: Db, kind: EventKind, platformRows: AnyRow[], batchId: number): EventCommit {
  const rows: FileRows = {
    read: 0,
    accepted: platformRows.length,
    rejected: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
  };
  const touched = new Map<number, Set<string>>();
  const shopIds = new Map<string, number>();
  const shopOf = (platform: Platform, shop: string, account: string | null): number => {
    const k = `${platform}\u0001${shop}\u0001${account ?? ''}`;
    let id = shopIds.get(k);
    if (id === undefined) {
      // every account that appears gets its row, so event-only accounts show up on the scorecards
      id = ensureAccount(db, platform, shop, account || '未分配', null).shopId;
      shopIds.set(k, id);
    }
    return id;
  };
  const touch = (shopId: number, day: string): void => {
    let s = touched.get(shopId);
    if (!s) touched.set(shopId, (s = new Set()));
    s.add(day);
  };

  const write = (
    spec: TableSpec,
    items: { shopId: number; key: string; values: Record<string, unknown>; day: string | null }[],
  ): void => {
    if (items.length === 0) return;
    // current versions of these keys: for messages one range scan per shop over the file's days instead of a lookup
    // per row; the smaller tables are looked up by key
    const current = new Map<string, Record<string, unknown>>();
    const hasAny = db.prepare(`SELECT 1 FROM ${spec.table} LIMIT 1`).get();
    if (hasAny) {
      // a message's key contains its time, so its current version is on the same day; a rating or order may move days
      const dayed = spec.table === 'messages';
      if (dayed) {
        const spans = new Map<number, { from: string; to: string }>();
        for (const i of items) {
          const sp = spans.get(i.shopId);
          if (!sp) spans.set(i.shopId, { from: i.day!, to: i.day! });
          else {
            if (i.day! < sp.from) sp.from = i.day!;
            if (i.day! > sp.to) sp.to = i.day!;
          }
        }
        const scan = db.prepare(
          `SELECT id, key, day, ${spec.compare.join(', ')} FROM ${spec.table} WHERE shop_id = ? AND day BETWEEN ? AND ? AND superseded_by IS NULL`,
        );
        for (const [shopId, sp] of spans)
          for (const r of scan.iterate(shopId, sp.from, sp.to) as Iterable<Record<string, unknown>>)
            current.set(r.key as string, r);
      } else {
        const select = db.prepare(
          `SELECT id, key, ${spec.compare.join(', ')} FROM ${spec.table} WHERE key = ? AND superseded_by IS NULL`,
        );
        for (const k of new Set(items.map((i) => i.key))) {
          const r = select.get(k) as Record<string, unknown> | undefined;
          if (r) current.set(k, r);
        }
      }
    }
    const insert = db.prepare(
      `INSERT INTO ${spec.table} (key, ${spec.table === 'exam_attempts' ? '' : 'shop_id, '}${spec.cols.join(', ')}, batch_id)
       VALUES (?, ${spec.table === 'exam_attempts' ? '' : '?, '}${spec.cols.map(() => '?').join(', ')}, ?)`,
    );
    const supersede = db.prepare(`UPDATE ${spec.table} SET superseded_by = ? WHERE id = ?`);
    const confirm = db.prepare('INSERT INTO event_confirmations (kind, row_id, batch_id) VALUES (?, ?, ?)');
    const seen = new Set<string>();
    for (const it of items) {
      // the same key twice in one file: the later row is the version that counts
      if (seen.has(it.key)) {
        db.prepare(
          `UPDATE ${spec.table} SET superseded_by = ? WHERE key = ? AND batch_id = ? AND superseded_by IS NULL`,
        ).run(batchId, it.key, batchId);
      }
      seen.add(it.key);
      const cur = current.get(it.key);
      if (cur && spec.compare.every((c) => (cur[c] ?? null) === (it.values[c] ?? null))) {
        if (spec.table !== 'exam_attempts') rows.unchanged++;
        confirm.run(spec.table, cur.id, batchId);
        continue;
      }
      if (cur) {
        supersede.run(batchId, cur.id);
        if (spec.table !== 'exam_attempts') rows.updated++;
        current.delete(it.key);
      } else if (spec.table !== 'exam_attempts') rows.new++;
      const values = spec.cols.map((c) => it.values[c] ?? null);
      if (spec.table === 'exam_attempts') insert.run(it.key, ...values, batchId);
      else insert.run(it.key, it.shopId, ...values, batchId);
      if (it.day) touch(it.shopId, it.day);
      if (cur && it.day && typeof cur.day === 'string' && cur.day !== it.day) touch(it.shopId, cur.day);
    }
  };

  if (kind === 'exams') {
    const exams = platformRows as ExamRow[];
    const warnings = new Map<string, ExamRow>();
    for (const r of exams) if (!warnings.has(r.key)) warnings.set(r.key, r);
    write(
      SPECS.exams,
      [...warnings.values()].map((r) => ({
        shopId: shopOf(r.platform, r.shop, r.account),
        key: r.key,
        values: r as unknown as Record<string, unknown>,
        day: null,
      })),
    );
    write(
      SPECS.attempts,
      exams
        .filter((r) => r.attempt)
        .map((r) => ({
          shopId: 0,
          key: r.attempt!.key,
          values: { warning_key: r.key, time: r.attempt!.time, score: r.attempt!.score },
          day: null,
        })),
    );
    return { rows, touched };
  }
  if (kind === 'messages') {
    writeMessages(db, platformRows as MessageRow[], batchId, rows, touch, shopOf);
    return { rows, touched };
  }
  const spec = SPECS[kind];
  write(
    spec,
    platformRows.map((r) => {
      return {
        shopId: shopOf(r.platform, r.shop, null),
        key: r.key,
        values: r as unknown as Record<string, unknown>,
        day: 'day' in r ? r.day : null,
      };
    }),
  );
  return { rows, touched };
}

/** Undo support: event rows of a batch are removed; rows a later active batch confirmed move to it instead. */
export function undoEvents(
  db: Db,
  batchId: number,
): { removed: number; restored: number; touched: Map<number, Set<string>> } {
  const touched = new Map<number, Set<string>>();
  const messageDays = new Map<number, Set<string>>();
  let removed = 0;
  let restored = 0;
  for (const table of ['messages', 'ratings', 'orders', 'exam_warnings', 'exam_attempts']) {
    const dayCol = ['messages', 'ratings', 'orders'].includes(table);
    if (dayCol) {
      for (const r of db
        .prepare(`SELECT DISTINCT shop_id, day FROM ${table} WHERE batch_id = ? OR superseded_by = ?`)
        .all(batchId, batchId) as { shop_id: number; day: string }[]) {
        let s = touched.get(r.shop_id);
        if (!s) touched.set(r.shop_id, (s = new Set()));
        s.add(r.day);
        if (table === 'messages') {
          let m = messageDays.get(r.shop_id);
          if (!m) messageDays.set(r.shop_id, (m = new Set()));
          m.add(r.day);
        }
      }
    }
    const moves = db
      .prepare(
        `SELECT c.row_id, MAX(c.batch_id) AS to_batch FROM event_confirmations c
           JOIN ${table} t ON t.id = c.row_id AND t.batch_id = ?
           JOIN import_batches b ON b.id = c.batch_id AND b.status = 'active' AND b.id <> ?
          WHERE c.kind = ? GROUP BY c.row_id`,
      )
      .all(batchId, batchId, table) as { row_id: number; to_batch: number }[];
    for (const m of moves)
      db.prepare(`UPDATE ${table} SET batch_id = ? WHERE id = ?`).run(m.to_batch, m.row_id);
    db.prepare('DELETE FROM event_confirmations WHERE kind = ? AND batch_id = ?').run(table, batchId);
    // versions this batch replaced come back, unless a later version of the same key is current
    if (table === 'messages') {
      restored += restoreMessages(db, batchId, () => {
        removed += db.prepare('DELETE FROM messages WHERE batch_id = ?').run(batchId).changes;
      });
      continue;
    }
    const replaced = db.prepare(`SELECT id, key FROM ${table} WHERE superseded_by = ?`).all(batchId) as {
      id: number;
      key: string;
    }[];
    removed += db.prepare(`DELETE FROM ${table} WHERE batch_id = ?`).run(batchId).changes;
    const later = db.prepare(
      `SELECT batch_id FROM ${table} WHERE key = ? AND superseded_by IS NULL AND id <> ? LIMIT 1`,
    );
    const set = db.prepare(`UPDATE ${table} SET superseded_by = ? WHERE id = ?`);
    for (const r of replaced) {
      const l = later.get(r.key, r.id) as { batch_id: number | null } | undefined;
      set.run(l ? l.batch_id : null, r.id);
      if (!l) restored++;
    }
  }
  // the packed store follows the table for exactly the days this batch had rows on
  for (const [shopId, days] of messageDays) rebuildPackedDays(db, shopId, days);
  return { removed, restored, touched };
}

/**
 * Undo for chat rows: the versions the batch replaced come back unless another version of their key is current.
 * Messages are indexed by (shop, day) only (a message's versions share its shop and day, the key holds its time),
 * so each replaced day's current keys are read once instead of a lookup per row. `remove` deletes the batch's own
 * rows between reading what they replaced and restoring it. Returns how many versions came back.
 */
function restoreMessages(db: Db, batchId: number, remove: () => void): number {
  const replaced = db
    .prepare('SELECT id, key, shop_id, day, batch_id FROM messages WHERE superseded_by = ? ORDER BY id')
    .all(batchId) as { id: number; key: string; shop_id: number; day: string; batch_id: number | null }[];
  remove();
  const byDay = new Map<string, typeof replaced>();
  for (const r of replaced) {
    const k = `${r.shop_id}\u0001${r.day}`;
    let list = byDay.get(k);
    if (!list) byDay.set(k, (list = []));
    list.push(r);
  }
  const current = db.prepare(
    'SELECT id, key, batch_id FROM messages WHERE shop_id = ? AND day = ? AND superseded_by IS NULL ORDER BY id',
  );
  const set = db.prepare('UPDATE messages SET superseded_by = ? WHERE id = ?');
  let restored = 0;
  for (const list of byDay.values()) {
    const { shop_id: shopId, day } = list[0]!;
    // key → current versions (lowest id first, as the index gave them)
    const cur = new Map<string, { id: number; batch_id: number | null }[]>();
    for (const c of current.iterate(shopId, day) as Iterable<{
      id: number;
      key: string;
      batch_id: number | null;
    }>) {
      const l = cur.get(c.key);
      if (l) l.push(c);
      else cur.set(c.key, [c]);
    }
    for (const r of list) {
      const l = cur.get(r.key)?.find((c) => c.id !== r.id);
      set.run(l ? l.batch_id : null, r.id);
      if (l) continue;
      restored++;
      // a restored version is current for the replaced rows after it, as the row-by-row lookup saw it
      const entry = { id: r.id, batch_id: r.batch_id };
      const same = cur.get(r.key);
      if (same) {
        same.push(entry);
        same.sort((a, b) => a.id - b.id);
      } else cur.set(r.key, [entry]);
    }
  }
  return restored;
}

/** Rows per INSERT statement: one statement call per 64 messages instead of one per message. */
const MULTI = 64;
const MESSAGE_COLS = [
  'id',
  'key',
  'shop_id',
  'account',
  'buyer',
  'session_id',
  'time',
  'day',
  'sender',
  'auto_reply',
  'handover_at',
  'content',
  'seq',
  'batch_id',
] as const;

/**
 * The chat-record commit (a million rows a month): the current versions of the file's keys are read by one range
 * scan per shop over the file's days (the (shop, day, key) index), rows go in with multi-row INSERTs, and nothing
 * is built per row but the bound values. Same versioning as `write` (imports.md §4).
 */
function writeMessages(
  db: Db,
  list: MessageRow[],
  batchId: number,
  rows: FileRows,
  touch: (shopId: number, day: string) => void,
  shopOf: (platform: Platform, shop: string, account: string | null) => number,
): void {
  if (list.length === 0) return;
  // shop ids: rows of one file come shop by shop and account by account, so remember the last one
  const shopIds = new Int32Array(list.length);
  let lastP = '';
  let lastS = '';
  let lastA = '';
  let lastId = -1;
  const spans = new Map<number, { from: string; to: string }>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (lastId < 0 || r.platform !== lastP || r.shop !== lastS || r.account !== lastA) {
      lastP = r.platform;
      lastS = r.shop;
      lastA = r.account;
      lastId = shopOf(r.platform, r.shop, r.account);
    }
    shopIds[i] = lastId;
    const sp = spans.get(lastId);
    if (!sp) spans.set(lastId, { from: r.day, to: r.day });
    else {
      if (r.day < sp.from) sp.from = r.day;
      if (r.day > sp.to) sp.to = r.day;
    }
  }
  // a message's key contains its time, so its current version is on the same day and shop
  const current = new Map<
    string,
    {
      id: number;
      account: string;
      buyer: string;
      session_id: string | null;
      auto_reply: number;
      handover_at: number | null;
    }
  >();
  if (db.prepare('SELECT 1 FROM messages LIMIT 1').get()) {
    const scan = db.prepare(
      `SELECT id, key, account, buyer, session_id, auto_reply, handover_at FROM messages
        WHERE shop_id = ? AND day BETWEEN ? AND ? AND superseded_by IS NULL`,
    );
    for (const [shopId, sp] of spans)
      for (const r of scan.iterate(shopId, sp.from, sp.to) as Iterable<{
        id: number;
        key: string;
        account: string;
        buyer: string;
        session_id: string | null;
        auto_reply: number;
        handover_at: number | null;
      }>)
        current.set(r.key, r);
  }
  const tuple = `(${MESSAGE_COLS.map(() => '?').join(', ')})`;
  const head = `INSERT INTO messages (${MESSAGE_COLS.join(', ')}) VALUES `;
  const insertMany = db.prepare(head + new Array<string>(MULTI).fill(tuple).join(', '));
  const insertOne = db.prepare(head + tuple);
  const supersede = db.prepare('UPDATE messages SET superseded_by = ? WHERE id = ?');
  const confirm = db.prepare(
    "INSERT INTO event_confirmations (kind, row_id, batch_id) VALUES ('messages', ?, ?)",
  );
  const width = MESSAGE_COLS.length;
  const buf: unknown[] = new Array<unknown>(MULTI * width);
  let n = 0;
  const flush = (): void => {
    if (n === MULTI) insertMany.run(buf);
    else for (let k = 0; k < n; k++) insertOne.run(buf.slice(k * width, (k + 1) * width));
    n = 0;
  };
  // ids are given here (the next free ones, as SQLite would), so the packed store knows each day's highest id
  let nextId = ((db.prepare('SELECT MAX(id) AS m FROM messages').get() as { m: number | null }).m ?? 0) + 1;
  // per (shop, day): a day without rows before this file is packed from the rows in hand; any other day (rows
  // already stored, or a key repeated inside the file) is rebuilt from the table at the end
  type DayPack = { pack: PackBuilder | null; maxId: number };
  const days = new Map<number, Map<Day, DayPack>>();
  const dayOf = (shopId: number, day: Day): DayPack => {
    let byDay = days.get(shopId);
    if (!byDay) days.set(shopId, (byDay = new Map<Day, DayPack>()));
    let d = byDay.get(day);
    if (!d) {
      d = { pack: maxMessageId(db, shopId, day) === null ? new PackBuilder() : null, maxId: 0 };
      byDay.set(day, d);
    }
    return d;
  };
  // key → id of the row this file wrote for it (still current): a key repeated later in the file supersedes it;
  // the shop of a written id is writtenShop[id - firstId]
  const written = new Map<string, number>();
  const firstId = nextId;
  const writtenShop = new Int32Array(list.length);
  // rows come day by day and shop by shop: the last (shop, day)'s pack and touched set are reused
  let lastShop = -1;
  let lastDay = '';
  let lastPack: DayPack | null = null;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const shopId = shopIds[i]!;
    // the same key twice in one file: the later row is the version that counts
    const own = written.get(r.key);
    if (own !== undefined) {
      written.delete(r.key);
      if (writtenShop[own - firstId] === shopId) {
        flush();
        supersede.run(batchId, own);
      }
      dayOf(shopId, r.day).pack = null;
    }
    const cur = current.get(r.key);
    if (
      cur &&
      cur.account === r.account &&
      cur.buyer === r.buyer &&
      cur.session_id === r.session_id &&
      cur.auto_reply === r.auto_reply &&
      cur.handover_at === r.handover_at
    ) {
      rows.unchanged++;
      confirm.run(cur.id, batchId);
      continue;
    }
    if (cur) {
      supersede.run(batchId, cur.id);
      rows.updated++;
      current.delete(r.key);
    } else rows.new++;
    const id = nextId++;
    written.set(r.key, id);
    writtenShop[id - firstId] = shopId;
    const o = n * width;
    buf[o] = id;
    buf[o + 1] = r.key;
    buf[o + 2] = shopId;
    buf[o + 3] = r.account;
    buf[o + 4] = r.buyer;
    buf[o + 5] = r.session_id;
    buf[o + 6] = r.time;
    buf[o + 7] = r.day;
    buf[o + 8] = r.sender;
    buf[o + 9] = r.auto_reply;
    buf[o + 10] = r.handover_at;
    buf[o + 11] = r.content;
    buf[o + 12] = r.seq;
    buf[o + 13] = batchId;
    if (++n === MULTI) flush();
    if (shopId !== lastShop || r.day !== lastDay || lastPack === null) {
      touch(shopId, r.day);
      lastShop = shopId;
      lastDay = r.day;
      lastPack = dayOf(shopId, r.day);
    }
    const d = lastPack;
    d.maxId = id;
    d.pack?.add(
      r.account,
      r.buyer,
      r.session_id,
      r.time,
      r.sender,
      r.auto_reply,
      r.handover_at,
      r.seq,
      batchId,
    );
  }
  flush();
  for (const [shopId, byDay] of days)
    for (const [day, d] of byDay) {
      if (d.pack) storePacked(db, shopId, day, d.pack, d.maxId);
      else rebuildPackedDays(db, shopId, [day]);
    }
}
