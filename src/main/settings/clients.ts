/**
 * Clients (甲方) and shops (设置 → 店铺与客户; issue 11 item 6): clients own shops; a shop can be renamed, given to a
 * client, or merged into another shop of the same platform when two exports spell one shop differently.
 */
import { chinaDateTime, eachDay, monthOf } from '../../shared/china-time';
import { PLATFORMS, PLATFORM_ZH, type Day, type Month, type Platform } from '../../shared/domain';
import type { ClientInfo, ShopInfo, ShopLogEntry, ShopMergeSummary } from '../../shared/clients';
import type { Scheme } from '../../shared/kpi/scheme';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { contentHashOf, keyHash } from '../events/map';
import { recomputeEventCells, widenMessageDays, widenOrderDays } from '../events/recalc';
import { listSchemeVersions, rewriteSchemes } from '../kpi/store';
import { listMonths, markDirty } from '../report/report';

interface ShopRow {
  id: number;
  platform: Platform;
  name: string;
  key_name: string;
  client_id: number | null;
}

const zh = (p: Platform): string => PLATFORM_ZH[p] ?? p;
const byName = (a: string, b: string): number => a.localeCompare(b, 'zh-Hans-CN');

function shopRow(db: Db, id: number): ShopRow {
  const s = db
    .prepare(
      'SELECT id, platform, name, COALESCE(key_name, name) AS key_name, client_id FROM shops WHERE id = ?',
    )
    .get(id) as ShopRow | undefined;
  if (!s) throw new UserError(`没有找到店铺 ${id}（可能已被合并或删除），请刷新后重试`);
  return s;
}

function clientName(db: Db, id: number): string {
  const c = db.prepare('SELECT name FROM clients WHERE id = ?').get(id) as { name: string } | undefined;
  if (!c) throw new UserError(`没有找到客户 ${id}（可能已被删除），请刷新后重试`);
  return c.name;
}

/** Scheme names (any version) whose scope names the client. */
function schemesNaming(db: Db, client: string): string[] {
  return [
    ...new Set(
      listSchemeVersions(db)
        .filter((s) => s.scope.client === client)
        .map((s) => s.name),
    ),
  ];
}

export function listClients(db: Db): ClientInfo[] {
  const clients = db.prepare('SELECT id, name, note FROM clients').all() as {
    id: number;
    name: string;
    note: string | null;
  }[];
  const shops = db
    .prepare('SELECT id, platform, name, client_id FROM shops WHERE client_id IS NOT NULL')
    .all() as { id: number; platform: Platform; name: string; client_id: number }[];
  const versions = listSchemeVersions(db);
  return clients
    .map((c) => ({
      ...c,
      shops: shops
        .filter((s) => s.client_id === c.id)
        .map(({ client_id: _c, ...s }) => s)
        .sort(
          (a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) || byName(a.name, b.name),
        ),
      schemes: [...new Set(versions.filter((v) => v.scope.client === c.name).map((v) => v.name))],
    }))
    .sort((a, b) => byName(a.name, b.name));
}

/**
 * Adds or edits a client. A renamed client's schemes (scopes naming it) follow the new name. Returns whether stored
 * KPI results became stale.
 */
export function saveClient(
  db: Db,
  c: { id?: number; name: string; note?: string | null },
): { id: number; schemesChanged: number } {
  const name = c.name.trim();
  if (!name) throw new UserError('客户名称不能为空');
  const note = c.note?.trim() || null;
  const other = db.prepare('SELECT id FROM clients WHERE name = ? AND id IS NOT ?').get(name, c.id ?? null);
  if (other) throw new UserError(`已有名为“${name}”的客户，客户名称不能重复`);
  return db.transaction(() => {
    if (!c.id) {
      const id = Number(
        db.prepare('INSERT INTO clients (name, note) VALUES (?, ?)').run(name, note).lastInsertRowid,
      );
      return { id, schemesChanged: 0 };
    }
    const old = clientName(db, c.id);
    db.prepare('UPDATE clients SET name = ?, note = ? WHERE id = ?').run(name, note, c.id);
    const schemesChanged =
      old === name
        ? 0
        : rewriteSchemes(db, (s) =>
            s.scope.client === old ? { ...s, scope: { ...s.scope, client: name } } : s,
          );
    return { id: c.id, schemesChanged };
  })();
}

/** Deletes a client that owns no shop and that no scheme names. */
export function deleteClient(db: Db, id: number): void {
  const name = clientName(db, id);
  const shops = db.prepare('SELECT platform, name FROM shops WHERE client_id = ? ORDER BY name').all(id) as {
    platform: Platform;
    name: string;
  }[];
  if (shops.length) {
    const list = shops
      .slice(0, 5)
      .map((s) => `${zh(s.platform)}·${s.name}`)
      .join('、');
    throw new UserError(
      `客户“${name}”还有 ${shops.length} 家店铺（${list}${shops.length > 5 ? ' 等' : ''}），不能删除：请先把这些店铺改为其他客户或“未指定客户”`,
    );
  }
  const schemes = schemesNaming(db, name);
  if (schemes.length)
    throw new UserError(
      `考核方案 ${schemes.map((s) => `“${s}”`).join('、')} 的适用范围是客户“${name}”，不能删除：请先修改这些方案的适用范围`,
    );
  db.prepare('DELETE FROM clients WHERE id = ?').run(id);
}

export function listShops(db: Db): ShopInfo[] {
  const shops = db
    .prepare(
      `SELECT s.id, s.platform, s.name, s.client_id, c.name AS client,
              (SELECT COUNT(*) FROM accounts a WHERE a.shop_id = s.id) AS accounts
         FROM shops s LEFT JOIN clients c ON c.id = s.client_id`,
    )
    .all() as Omit<ShopInfo, 'aliases'>[];
  const aliases = db.prepare('SELECT shop_id, alias FROM shop_aliases ORDER BY created_at, alias').all() as {
    shop_id: number;
    alias: string;
  }[];
  return shops
    .map((s) => ({ ...s, aliases: aliases.filter((a) => a.shop_id === s.id).map((a) => a.alias) }))
    .sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) || byName(a.name, b.name));
}

/**
 * Gives a shop to a client (null: no client). Schemes scoped to the old or the new client change scope: their
 * stored results are marked stale (returned true).
 */
export function assignShopClient(db: Db, shopId: number, clientId: number | null): boolean {
  const shop = shopRow(db, shopId);
  if (shop.client_id === clientId) return false;
  const names = [shop.client_id, clientId].flatMap((id) => (id === null ? [] : [clientName(db, id)]));
  db.prepare('UPDATE shops SET client_id = ? WHERE id = ?').run(clientId, shopId);
  const affected = names.some((n) => schemesNaming(db, n).length > 0);
  if (affected) markDirty(db, listMonths(db));
  return affected;
}

/** A name the platform already has, as a shop or as another shop's alias: say what it is and offer 合并. */
function refuseTaken(db: Db, platform: Platform, name: string, self: number | null): void {
  const other = db
    .prepare('SELECT id FROM shops WHERE platform = ? AND name = ? AND id IS NOT ?')
    .get(platform, name, self) as { id: number } | undefined;
  if (other)
    throw new UserError(
      `${zh(platform)}已有店铺“${name}”，同一平台的店铺不能重名。如果两者是同一家店（导出文件的写法不同），请使用“合并”`,
    );
  const alias = db
    .prepare(
      'SELECT s.id, s.name FROM shop_aliases a JOIN shops s ON s.id = a.shop_id WHERE a.platform = ? AND a.alias = ?',
    )
    .get(platform, name) as { id: number; name: string } | undefined;
  if (alias && alias.id !== self)
    throw new UserError(
      `“${name}”是${zh(platform)}店铺“${alias.name}”的别名（合并或改名前的名称），以这个名称导入的数据都会进入“${alias.name}”。如果是同一家店，请使用“合并”`,
    );
}

/** Replaces a shop in every scheme's shop list (a rename, or a merged shop's scope entries moving to its target). */
function replaceScopeShop(db: Db, platform: Platform, from: string, to: string): void {
  rewriteSchemes(db, (s): Scheme => {
    if (!s.scope.shops.some((x) => x.platform === platform && x.shop === from)) return s;
    const shops: Scheme['scope']['shops'] = [];
    for (const x of s.scope.shops) {
      const next = x.platform === platform && x.shop === from ? { platform, shop: to } : x;
      if (!shops.some((y) => y.platform === next.platform && y.shop === next.shop)) shops.push(next);
    }
    return { ...s, scope: { ...s.scope, shops } };
  });
}

function logShop(
  db: Db,
  now: number,
  action: 'rename' | 'merge',
  shop: { id: number; platform: Platform },
  from: string,
  to: string,
  detail: object = {},
): void {
  db.prepare(
    'INSERT INTO shop_log (at, action, platform, shop_id, from_name, to_name, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(now, action, shop.platform, shop.id, from, to, JSON.stringify(detail));
}

export function shopLog(db: Db): ShopLogEntry[] {
  return (
    db
      .prepare('SELECT at, action, platform, from_name, to_name FROM shop_log ORDER BY id DESC LIMIT 100')
      .all() as (Omit<ShopLogEntry, 'at'> & { at: number })[]
  ).map((r) => ({ ...r, at: chinaDateTime(r.at) }));
}

/**
 * Renames a shop (its display name). The old name stays an alias, so exports that still spell the shop that way keep
 * landing on it; event rows keep the key name they were stored with. Refused for a name the platform already has.
 */
export function renameShop(db: Db, shopId: number, name: string, now: number): { id: number; name: string } {
  const shop = shopRow(db, shopId);
  const next = name.trim();
  if (!next) throw new UserError('店铺名称不能为空');
  if (next === shop.name) return { id: shopId, name: next };
  refuseTaken(db, shop.platform, next, shopId);
  db.transaction(() => {
    db.prepare('UPDATE shops SET key_name = COALESCE(key_name, name), name = ? WHERE id = ?').run(
      next,
      shopId,
    );
    db.prepare('DELETE FROM shop_aliases WHERE platform = ? AND alias = ?').run(shop.platform, next);
    db.prepare(
      'INSERT OR REPLACE INTO shop_aliases (platform, alias, shop_id, created_at) VALUES (?, ?, ?, ?)',
    ).run(shop.platform, shop.name, shopId, now);
    replaceScopeShop(db, shop.platform, shop.name, next);
    logShop(db, now, 'rename', shop, shop.name, next);
    markDirty(db, listMonths(db));
  })();
  return { id: shopId, name: next };
}

/** Event tables with a shop and a day. */
const DAY_TABLES = ['messages', 'ratings', 'orders'] as const;

function lockedMonths(db: Db, months: Iterable<Month>): Month[] {
  const locked = db.prepare('SELECT 1 FROM month_locks WHERE month = ?');
  return [...months].filter((m) => locked.get(m)).sort();
}

/** What merging `from` into `into` would move: read only (the confirm dialog), no duplicates counted yet. */
export function mergePreview(db: Db, fromId: number, intoId: number): ShopMergeSummary {
  const from = shopRow(db, fromId);
  const into = shopRow(db, intoId);
  if (fromId === intoId) throw new UserError('请选择两家不同的店铺');
  if (from.platform !== into.platform)
    throw new UserError(
      `只能合并同一平台的店铺：“${from.name}”是${zh(from.platform)}店铺，“${into.name}”是${zh(into.platform)}店铺`,
    );
  const count = (sql: string, ...args: number[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
  const accounts = count('SELECT COUNT(*) AS n FROM accounts WHERE shop_id = ?', fromId);
  const joined = count(
    'SELECT COUNT(*) AS n FROM accounts b JOIN accounts a ON a.account = b.account AND a.shop_id = ? WHERE b.shop_id = ?',
    intoId,
    fromId,
  );
  const exportRows = count(
    `SELECT COUNT(*) AS n FROM batch_rows r JOIN import_batches x ON x.id = r.batch_id AND x.status = 'active'
      JOIN accounts a ON a.id = r.account_id WHERE a.shop_id = ?`,
    fromId,
  );
  let events = 0;
  for (const t of [...DAY_TABLES, 'exam_warnings'])
    events += count(`SELECT COUNT(*) AS n FROM ${t} WHERE shop_id = ? AND superseded_by IS NULL`, fromId);

  const days = new Set<Day>();
  for (const p of db
    .prepare(
      `SELECT DISTINCT f.period_from AS f, f.period_to AS t FROM facts f JOIN accounts a ON a.id = f.account_id
         JOIN import_batches x ON x.id = f.batch_id AND x.status = 'active' WHERE a.shop_id = ?`,
    )
    .all(fromId) as { f: Day; t: Day }[])
    for (const d of p.f === p.t ? [p.f] : eachDay(p.f, p.t)) days.add(d);
  for (const t of DAY_TABLES)
    for (const r of db.prepare(`SELECT DISTINCT day FROM ${t} WHERE shop_id = ?`).all(fromId) as {
      day: Day;
    }[])
      days.add(r.day);
  const months = new Set<Month>([...days].map(monthOf));
  for (const w of db
    .prepare('SELECT week_start, deadline FROM exam_warnings WHERE shop_id = ?')
    .all(fromId) as { week_start: Day; deadline: Day | null }[]) {
    months.add(monthOf(w.week_start));
    if (w.deadline) months.add(monthOf(w.deadline));
  }
  const clientId = into.client_id ?? from.client_id;
  return {
    from: { id: from.id, platform: from.platform, name: from.name },
    into: { id: into.id, platform: into.platform, name: into.name },
    accounts,
    joined,
    days: days.size,
    export_rows: exportRows,
    events,
    duplicates: 0,
    unaligned: 0,
    months: [...months].sort(),
    locked: lockedMonths(db, months),
    client: clientId === null ? null : clientName(db, clientId),
  };
}

/**
 * Merges shop `from` into shop `into` (same platform) in one transaction: event rows take `into`'s key name and are
 * versioned against its rows (the newer import's version counts, as when a file is imported again), accounts move
 * (an account `into` already has takes the other's facts, export rows and roster ranges; a fact inside a newer fact's
 * period of the same account and field is superseded, as an import does), `from`'s name becomes an alias of `into`,
 * schemes listing `from` list `into`, and `into`'s engine cells of the days touched are recomputed. Refused while a
 * month with `from`'s data is locked.
 */
export function mergeShops(db: Db, fromId: number, intoId: number, now: number): ShopMergeSummary {
  const summary = mergePreview(db, fromId, intoId);
  if (summary.locked.length)
    throw new UserError(
      `${summary.locked.join('、')} 已锁定：店铺“${summary.from.name}”在这些月份有数据，合并会改变已签字的数字。请先在“月度绩效表”中解锁后再合并`,
    );
  const from = shopRow(db, fromId);
  const into = shopRow(db, intoId);
  return db
    .transaction((): ShopMergeSummary => {
      // the days whose engine cells the moved events can change (a session across midnight, FCR's window)
      const messageDays = new Set<Day>();
      for (const t of ['messages', 'ratings'])
        for (const r of db.prepare(`SELECT DISTINCT day FROM ${t} WHERE shop_id = ?`).all(fromId) as {
          day: Day;
        }[])
          messageDays.add(r.day);
      const orderDays = (
        db.prepare('SELECT DISTINCT day FROM orders WHERE shop_id = ?').all(fromId) as { day: Day }[]
      ).map((r) => r.day);
      const touched = new Set<Day>([...widenMessageDays(messageDays), ...widenOrderDays(orderDays)]);

      const unaligned = from.key_name === into.key_name ? 0 : rekeyEvents(db, from, into.key_name);
      let duplicates = versionEvents(db, fromId, intoId);
      for (const t of [...DAY_TABLES, 'exam_warnings'])
        db.prepare(`UPDATE ${t} SET shop_id = ? WHERE shop_id = ?`).run(intoId, fromId);
      db.prepare('DELETE FROM event_cells WHERE shop_id = ?').run(fromId);
      db.prepare('DELETE FROM event_dirty WHERE shop_id = ?').run(fromId);
      db.prepare('UPDATE import_batches SET shop_id = ? WHERE shop_id = ?').run(intoId, fromId);

      const joined: number[] = [];
      const same = db.prepare('SELECT id, nickname FROM accounts WHERE shop_id = ? AND account = ?');
      for (const b of db
        .prepare('SELECT id, account, nickname FROM accounts WHERE shop_id = ?')
        .all(fromId) as {
        id: number;
        account: string;
        nickname: string | null;
      }[]) {
        const a = same.get(intoId, b.account) as { id: number; nickname: string | null } | undefined;
        if (!a) {
          db.prepare('UPDATE accounts SET shop_id = ? WHERE id = ?').run(intoId, b.id);
          continue;
        }
        for (const t of ['facts', 'batch_rows', 'agent_accounts'])
          db.prepare(`UPDATE ${t} SET account_id = ? WHERE account_id = ?`).run(a.id, b.id);
        if (a.nickname === null && b.nickname !== null)
          db.prepare('UPDATE accounts SET nickname = ? WHERE id = ?').run(b.nickname, a.id);
        db.prepare('DELETE FROM accounts WHERE id = ?').run(b.id);
        joined.push(a.id);
      }
      for (const id of joined) {
        // the same agent over the same days, once from each spelling: one range
        db.prepare(
          `DELETE FROM agent_accounts WHERE id IN (
           SELECT x.id FROM agent_accounts x JOIN agent_accounts y ON y.account_id = x.account_id AND y.agent_id = x.agent_id
              AND y.valid_from IS x.valid_from AND y.valid_to IS x.valid_to AND y.id < x.id
            WHERE x.account_id = ?)`,
        ).run(id);
        duplicates += supersedeFacts(db, id);
      }

      db.prepare('UPDATE shop_aliases SET shop_id = ? WHERE shop_id = ?').run(intoId, fromId);
      db.prepare(
        'INSERT OR REPLACE INTO shop_aliases (platform, alias, shop_id, created_at) VALUES (?, ?, ?, ?)',
      ).run(from.platform, from.name, intoId, now);
      if (into.client_id === null && from.client_id !== null)
        db.prepare('UPDATE shops SET client_id = ? WHERE id = ?').run(from.client_id, intoId);
      replaceScopeShop(db, from.platform, from.name, into.name);
      db.prepare('DELETE FROM shops WHERE id = ?').run(fromId);

      recomputeEventCells(db, new Map([[intoId, touched]]), now);
      const months = new Set<Month>([...summary.months, ...[...touched].map(monthOf)]);
      markDirty(db, months);
      const done = { ...summary, duplicates, unaligned };
      logShop(db, now, 'merge', into, from.name, into.name, {
        accounts: done.accounts,
        joined: done.joined,
        days: done.days,
        export_rows: done.export_rows,
        events: done.events,
        duplicates,
        unaligned,
        months: done.months,
      });
      return done;
      // IMMEDIATE: it runs in the job worker beside the main thread's writes; a deferred transaction that read first
      // would fail its first write when another connection committed meanwhile
    })
    .immediate();
}

/**
 * Current facts of an account that lie inside a newer fact's period for the same field no longer count (the
 * import's rule, metrics.md §5: a new fact supersedes the older facts inside its period); the newest containing
 * import supersedes them. Returns the export rows (batch, row) that stopped counting.
 */
function supersedeFacts(db: Db, accountId: number): number {
  const pairs = db
    .prepare(
      `SELECT o.id, o.batch_id, o.row,
              (SELECT n.batch_id FROM facts n JOIN import_batches nb ON nb.id = n.batch_id AND nb.status = 'active'
                WHERE n.account_id = o.account_id AND n.field = o.field AND n.superseded_by IS NULL AND n.id <> o.id
                  AND n.period_from <= o.period_from AND n.period_to >= o.period_to
                  AND (n.batch_id > o.batch_id OR (n.batch_id = o.batch_id AND n.row > o.row))
                ORDER BY n.batch_id DESC LIMIT 1) AS by
         FROM facts o JOIN import_batches ob ON ob.id = o.batch_id AND ob.status = 'active'
        WHERE o.account_id = ? AND o.superseded_by IS NULL`,
    )
    .all(accountId) as { id: number; batch_id: number; row: number; by: number | null }[];
  const set = db.prepare('UPDATE facts SET superseded_by = ? WHERE id = ?');
  const rows = new Set<string>();
  for (const p of pairs) {
    if (p.by === null) continue;
    set.run(p.by, p.id);
    rows.add(`${p.batch_id}|${p.row}`);
  }
  return rows.size;
}

/**
 * Gives `from`'s event rows (every version) the keys an import would make under `keyName` (the target shop's), so a
 * later file in either spelling versions against them. A chat row whose text was already cleared cannot be re-keyed
 * (its key holds a hash of the text): it keeps its key; the count of those is returned.
 */
function rekeyEvents(db: Db, from: ShopRow, keyName: string): number {
  const p = from.platform;
  const old = from.key_name;
  let unaligned = 0;
  const simple = (
    table: string,
    cols: string,
    keyOf: (shop: string, r: Record<string, unknown>) => string,
    after?: (oldKey: string, newKey: string) => void,
  ): void => {
    const set = db.prepare(`UPDATE ${table} SET key = ? WHERE id = ?`);
    const done = new Set<string>();
    for (const r of db
      .prepare(`SELECT id, key, ${cols} FROM ${table} WHERE shop_id = ?`)
      .all(from.id) as Record<string, unknown>[]) {
      const key = r.key as string;
      if (keyOf(old, r) !== key) {
        unaligned++;
        continue;
      }
      const next = keyOf(keyName, r);
      set.run(next, r.id);
      if (after && !done.has(key)) after(key, next);
      done.add(key);
    }
  };
  simple(
    'ratings',
    'account, buyer, rated_at, rating_id',
    (shop, r) =>
      r.rating_id
        ? keyHash(['r', p, shop, r.rating_id as string])
        : keyHash(['r', p, shop, r.account as string, r.buyer as string, r.rated_at as number]),
    (o, n) => db.prepare('UPDATE OR IGNORE rating_appeals SET key = ? WHERE key = ?').run(n, o),
  );
  simple('orders', 'order_id', (shop, r) => keyHash(['o', p, shop, r.order_id as string]));
  simple(
    'exam_warnings',
    'account, week_start',
    (shop, r) => keyHash(['e', p, shop, r.account as string, r.week_start as string]),
    (o, n) => {
      const attempts = db.prepare('SELECT id, time FROM exam_attempts WHERE warning_key = ?').all(o) as {
        id: number;
        time: number;
      }[];
      const set = db.prepare('UPDATE exam_attempts SET warning_key = ?, key = ? WHERE id = ?');
      for (const a of attempts) set.run(n, keyHash(['a', n, a.time]), a.id);
    },
  );

  // chat rows: read in slices by id (no other statement may run while one iterates)
  const slice = db.prepare(
    `SELECT id, key, account, buyer, session_id, time, sender, content FROM messages
      WHERE shop_id = ? AND id > ? ORDER BY id LIMIT 5000`,
  );
  const set = db.prepare('UPDATE messages SET key = ? WHERE id = ?');
  let last = 0;
  for (;;) {
    const rows = slice.all(from.id, last) as {
      id: number;
      key: string;
      account: string;
      buyer: string;
      session_id: string | null;
      time: number;
      sender: string;
      content: string | null;
    }[];
    if (rows.length === 0) break;
    last = rows[rows.length - 1]!.id;
    for (const m of rows) {
      const ch = contentHashOf(m.content);
      let next: string | null = null;
      if (m.session_id) {
        if (keyHash(['m', p, old, m.session_id, m.time, m.sender, ch]) === m.key)
          next = keyHash(['m', p, keyName, m.session_id, m.time, m.sender, ch]);
      } else {
        // without 会话ID the key holds the row's occurrence among identical rows of its file
        const tuple = keyHash(['m', p, old, m.account, m.buyer, m.time, m.sender, ch]);
        const to = keyHash(['m', p, keyName, m.account, m.buyer, m.time, m.sender, ch]);
        if (tuple === m.key) next = to;
        else
          for (let n = 2; n <= 1000; n++)
            if (keyHash([tuple, n]) === m.key) {
              next = keyHash([to, n]);
              break;
            }
      }
      if (next === null) unaligned++;
      else set.run(next, m.id);
    }
  }
  return unaligned;
}

/**
 * Rows of both shops with one key after re-keying are versions of one record: as on import, the newer import's
 * version counts and the older one is kept as superseded (undo brings it back); of two rows entered by hand, one is
 * kept. Returns the rows that stopped counting.
 */
function versionEvents(db: Db, fromId: number, intoId: number): number {
  let count = 0;
  const resolve = (table: string, rows: { id: number; batch_id: number | null }[]): void => {
    // the newest import wins; a row entered by hand (no batch) ranks below every import
    const ranked = [...rows].sort((a, b) => (b.batch_id ?? -1) - (a.batch_id ?? -1) || b.id - a.id);
    const [winner, ...losers] = ranked;
    for (const l of losers) {
      if (winner!.batch_id !== null)
        db.prepare(`UPDATE ${table} SET superseded_by = ? WHERE id = ?`).run(winner!.batch_id, l.id);
      else db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(l.id);
      count++;
    }
  };
  const pairs = (sql: string, table: string): void => {
    for (const r of db.prepare(sql).all({ from: fromId, into: intoId }) as {
      b_id: number;
      b_batch: number | null;
      a_id: number;
      a_batch: number | null;
    }[])
      resolve(table, [
        { id: r.a_id, batch_id: r.a_batch },
        { id: r.b_id, batch_id: r.b_batch },
      ]);
  };
  // messages are indexed by (shop, day) only: the target shop's current keys are materialised once, and SQLite joins
  // them through an automatic (day, key) index instead of scanning a day's rows per message
  pairs(
    `WITH a AS MATERIALIZED (
       SELECT id, batch_id, day, key FROM messages WHERE shop_id = @into AND superseded_by IS NULL)
     SELECT b.id AS b_id, b.batch_id AS b_batch, a.id AS a_id, a.batch_id AS a_batch
       FROM messages b JOIN a ON a.day = b.day AND a.key = b.key
      WHERE b.shop_id = @from AND b.superseded_by IS NULL`,
    'messages',
  );
  for (const t of ['ratings', 'orders', 'exam_warnings'])
    pairs(
      `SELECT b.id AS b_id, b.batch_id AS b_batch, a.id AS a_id, a.batch_id AS a_batch
         FROM ${t} b JOIN ${t} a ON a.key = b.key AND a.shop_id = @into AND a.superseded_by IS NULL
        WHERE b.shop_id = @from AND b.superseded_by IS NULL`,
      t,
    );
  // attempts follow their warning's key: the same attempt under both warnings is one attempt
  const dup = db
    .prepare(
      `SELECT t.key FROM exam_attempts t
        WHERE t.superseded_by IS NULL AND t.warning_key IN (
          SELECT key FROM exam_warnings WHERE shop_id IN (?, ?))
        GROUP BY t.key HAVING COUNT(*) > 1`,
    )
    .all(fromId, intoId) as { key: string }[];
  for (const d of dup)
    resolve(
      'exam_attempts',
      db
        .prepare('SELECT id, batch_id FROM exam_attempts WHERE key = ? AND superseded_by IS NULL')
        .all(d.key) as { id: number; batch_id: number | null }[],
    );
  return count;
}
