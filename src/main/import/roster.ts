import { isDay } from '../../shared/china-time';
import { parsePlatform, type Platform } from '../../shared/domain';
import type { FileRows, Rejection } from '../../shared/imports';
import type { Db } from '../db/open';
import { ensureAccount } from './commit';
import { findHeaderRow, matchesAlias } from './headers';
import type { RawSheet, ReadResult } from './types';
import { cellText, isNullMarker, parseDay } from './values';

/** 客服花名册 (imports.md §3.5): agents ↔ platform accounts over date ranges. */
export const ROSTER_LAYOUT = { id: 'roster', zh: '客服花名册' } as const;

const COLUMNS = {
  name: ['姓名'],
  employeeNo: ['工号'],
  team: ['团队', '组别'],
  platform: ['平台'],
  shop: ['店铺', '店铺名称'],
  account: ['客服账号', '账号'],
  from: ['生效日期'],
  to: ['失效日期'],
} as const;
type Col = keyof typeof COLUMNS;
const REQUIRED: Col[] = ['name', 'platform', 'account'];

export interface RosterRow {
  sheet: string;
  row: number;
  name: string;
  employeeNo: string | null;
  team: string | null;
  platform: Platform;
  shop: string;
  account: string;
  from: string | null;
  to: string | null;
}

export interface RosterDetection {
  sheet: RawSheet;
  headerIndex: number;
  columns: Map<Col, number>;
  headers: string[];
}

/** The roster's columns as mapping targets (the column-mapping step offers the roster like any layout). */
export const ROSTER_FIELDS: { field: Col; label: string; required: boolean }[] = (
  Object.keys(COLUMNS) as Col[]
).map((c) => ({ field: c, label: COLUMNS[c][0], required: REQUIRED.includes(c) }));

export function isRosterField(f: string): f is Col {
  return Object.hasOwn(COLUMNS, f);
}

/**
 * Finds a roster sheet by its headers; `mapped` are the lead's saved roster mappings (column → header), tried after
 * the known headers.
 */
export function detectRoster(
  read: ReadResult,
  mapped: Partial<Record<Col, string>>[] = [],
): RosterDetection | null {
  const sets: Partial<Record<Col, readonly string[]>>[] = [
    COLUMNS,
    ...mapped.map((m) => Object.fromEntries(Object.entries(m).map(([c, h]) => [c, [h]]))),
  ];
  for (const known of sets) {
    for (const sheet of read.sheets) {
      const found = findHeaderRow(sheet.rows, Object.values(known).flat());
      if (!found) continue;
      const headers = (sheet.rows[found.index] ?? []).map((c) => cellText(c));
      const columns = new Map<Col, number>();
      headers.forEach((h, i) => {
        for (const [col, aliases] of Object.entries(known) as [Col, readonly string[]][]) {
          if (!columns.has(col) && aliases.some((a) => matchesAlias(h, a))) columns.set(col, i);
        }
      });
      if (REQUIRED.every((c) => columns.has(c))) return { sheet, headerIndex: found.index, columns, headers };
    }
  }
  return null;
}

/** Roster rows → typed rows; bad rows are rejected with their Excel row and reason. */
export function mapRoster(
  det: RosterDetection,
  defaultShop: string | null,
): { rows: RosterRow[]; rejections: Rejection[]; read: number } {
  const out: RosterRow[] = [];
  const rejections: Rejection[] = [];
  let read = 0;
  const { sheet, columns, headers, headerIndex } = det;
  sheet.rows.slice(headerIndex + 1).forEach((cells, i) => {
    const rowNo = headerIndex + 2 + i;
    const text = (c: Col): string => {
      const idx = columns.get(c);
      if (idx === undefined) return '';
      const t = cellText(cells[idx] ?? null);
      return isNullMarker(t) ? '' : t;
    };
    if (cells.every((c) => isNullMarker(cellText(c)))) return;
    read++;
    const reject = (c: Col, reason: string): void => {
      const idx = columns.get(c);
      rejections.push({
        sheet: sheet.name,
        row: rowNo,
        column: idx === undefined ? COLUMNS[c][0] : (headers[idx] ?? ''),
        value: text(c),
        reason,
      });
    };
    const name = text('name');
    if (!name) return reject('name', '姓名为空');
    const platform = parsePlatform(text('platform'));
    if (!platform) return reject('platform', `平台“${text('platform')}”无法识别（应为 抖音/快手/京东/淘宝）`);
    const account = text('account');
    if (!account) return reject('account', '客服账号为空');
    let shop = text('shop') || defaultShop || '';
    if (!shop && account.includes(':')) shop = account.slice(0, account.indexOf(':'));
    if (!shop) return reject('shop', '无法确定店铺');
    const day = (c: Col): string | null | false => {
      const idx = columns.get(c);
      if (idx === undefined || !text(c)) return null;
      const p = parseDay(cells[idx] ?? null);
      if (!p.ok || (p.value !== null && !isDay(p.value))) {
        reject(c, p.ok ? '不是有效日期' : p.reason);
        return false;
      }
      return p.value;
    };
    const from = day('from');
    if (from === false) return;
    const to = day('to');
    if (to === false) return;
    if (from && to && to < from) return reject('to', '失效日期早于生效日期');
    out.push({
      sheet: sheet.name,
      row: rowNo,
      name,
      employeeNo: text('employeeNo') || null,
      team: text('team') || null,
      platform,
      shop,
      account,
      from,
      to,
    });
  });
  return { rows: out, rejections, read };
}

/**
 * Writes roster rows (inside the caller's transaction). An agent is found by 工号, else by 姓名; an ownership range
 * is keyed by (agent, account, 生效日期): the same range is unchanged, a new end date updates it (remembered for undo).
 */
export function commitRoster(db: Db, batchId: number, rows: RosterRow[]): FileRows {
  const counts: FileRows = { read: 0, accepted: rows.length, rejected: 0, new: 0, updated: 0, unchanged: 0 };
  for (const r of rows) {
    let agent = (
      r.employeeNo
        ? db.prepare('SELECT id FROM agents WHERE employee_no = ?').get(r.employeeNo)
        : db.prepare('SELECT id FROM agents WHERE name = ? ORDER BY id LIMIT 1').get(r.name)
    ) as { id: number } | undefined;
    if (!agent) {
      agent = {
        id: Number(
          db
            .prepare('INSERT INTO agents (name, employee_no, team, batch_id) VALUES (?, ?, ?, ?)')
            .run(r.name, r.employeeNo, r.team, batchId).lastInsertRowid,
        ),
      };
    } else {
      db.prepare('UPDATE agents SET name = ?, team = COALESCE(?, team) WHERE id = ?').run(
        r.name,
        r.team,
        agent.id,
      );
    }
    const { accountId } = ensureAccount(db, r.platform, r.shop, r.account, null);
    const existing = db
      .prepare(
        'SELECT id, valid_to FROM agent_accounts WHERE agent_id = ? AND account_id = ? AND valid_from IS ?',
      )
      .get(agent.id, accountId, r.from) as { id: number; valid_to: string | null } | undefined;
    if (!existing) {
      db.prepare(
        'INSERT INTO agent_accounts (agent_id, account_id, valid_from, valid_to, batch_id) VALUES (?, ?, ?, ?, ?)',
      ).run(agent.id, accountId, r.from, r.to, batchId);
      counts.new++;
    } else if (existing.valid_to !== r.to) {
      db.prepare(
        'INSERT INTO roster_changes (batch_id, agent_account_id, old_valid_to) VALUES (?, ?, ?)',
      ).run(batchId, existing.id, existing.valid_to);
      db.prepare('UPDATE agent_accounts SET valid_to = ? WHERE id = ?').run(r.to, existing.id);
      counts.updated++;
    } else {
      counts.unchanged++;
      db.prepare("INSERT INTO confirmations (kind, row_id, batch_id) VALUES ('roster', ?, ?)").run(
        existing.id,
        batchId,
      );
    }
  }
  return counts;
}

/**
 * Before an undo deletes a batch's rows: rows a later active batch confirmed unchanged move to that batch. Returns
 * how many moved.
 */
export function handOver(
  db: Db,
  kind: 'fact' | 'roster',
  table: 'facts' | 'agent_accounts',
  batchId: number,
): number {
  const moves = db
    .prepare(
      `SELECT c.row_id, MAX(c.batch_id) AS to_batch FROM confirmations c
         JOIN ${table} t ON t.id = c.row_id AND t.batch_id = ?
         JOIN import_batches b ON b.id = c.batch_id AND b.status = 'active' AND b.id <> ?
        WHERE c.kind = ? GROUP BY c.row_id`,
    )
    .all(batchId, batchId, kind) as { row_id: number; to_batch: number }[];
  const move = db.prepare(`UPDATE ${table} SET batch_id = ? WHERE id = ?`);
  const drop = db.prepare('DELETE FROM confirmations WHERE kind = ? AND row_id = ? AND batch_id = ?');
  for (const m of moves) {
    move.run(m.to_batch, m.row_id);
    drop.run(kind, m.row_id, m.to_batch);
  }
  db.prepare('DELETE FROM confirmations WHERE kind = ? AND batch_id = ?').run(kind, batchId);
  return moves.length;
}

/** Undoes a roster batch: its ranges and new agents go, changed end dates come back. */
export function undoRoster(db: Db, batchId: number): number {
  const changes = db
    .prepare(
      'SELECT agent_account_id, old_valid_to FROM roster_changes WHERE batch_id = ? ORDER BY rowid DESC',
    )
    .all(batchId) as {
    agent_account_id: number;
    old_valid_to: string | null;
  }[];
  for (const c of changes)
    db.prepare('UPDATE agent_accounts SET valid_to = ? WHERE id = ?').run(c.old_valid_to, c.agent_account_id);
  db.prepare('DELETE FROM roster_changes WHERE batch_id = ?').run(batchId);
  handOver(db, 'roster', 'agent_accounts', batchId);
  const removed = db.prepare('DELETE FROM agent_accounts WHERE batch_id = ?').run(batchId).changes;
  db.prepare('DELETE FROM agents WHERE batch_id = ? AND id NOT IN (SELECT agent_id FROM agent_accounts)').run(
    batchId,
  );
  return removed + changes.length;
}
