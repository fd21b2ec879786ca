import type { Day, Platform } from '../../shared/domain';
import type { AccountInfo, RosterAgent, RosterView } from '../../shared/settings';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { ensureAccount } from '../import/commit';

/** The roster as the Settings editor shows it: agents with their account ranges, and every known account. */
export function listRoster(db: Db): RosterView {
  const agents = db
    .prepare('SELECT id, name, employee_no, team FROM agents ORDER BY team, name, id')
    .all() as Omit<RosterAgent, 'accounts'>[];
  const links = db
    .prepare(
      `SELECT aa.id, aa.agent_id, s.platform, s.name AS shop, a.account, aa.valid_from, aa.valid_to
         FROM agent_accounts aa JOIN accounts a ON a.id = aa.account_id JOIN shops s ON s.id = a.shop_id
        ORDER BY s.platform, s.name, a.account, aa.valid_from`,
    )
    .all() as {
    id: number;
    agent_id: number;
    platform: Platform;
    shop: string;
    account: string;
    valid_from: Day | null;
    valid_to: Day | null;
  }[];
  const accounts = db
    .prepare(
      `SELECT a.id, s.platform, s.name AS shop, a.account, a.nickname FROM accounts a JOIN shops s ON s.id = a.shop_id
        ORDER BY s.platform, s.name, a.account`,
    )
    .all() as { id: number; platform: Platform; shop: string; account: string; nickname: string | null }[];
  const name = new Map(agents.map((a) => [a.id, a.name]));
  return {
    agents: agents.map((a) => ({
      ...a,
      accounts: links.filter((l) => l.agent_id === a.id).map(({ agent_id: _a, ...rest }) => rest),
    })),
    accounts: accounts.map((a): AccountInfo => ({
      platform: a.platform,
      shop: a.shop,
      account: a.account,
      nickname: a.nickname,
      owners: links
        .filter((l) => l.platform === a.platform && l.shop === a.shop && l.account === a.account)
        .map((l) => ({
          agent_id: l.agent_id,
          agent: name.get(l.agent_id) ?? '',
          valid_from: l.valid_from,
          valid_to: l.valid_to,
        })),
    })),
  };
}

export function saveAgent(
  db: Db,
  a: { id?: number; name: string; employee_no?: string | null; team?: string | null },
): number {
  const name = a.name.trim();
  if (!name) throw new UserError('姓名不能为空');
  const no = a.employee_no?.trim() || null;
  if (no) {
    const other = db
      .prepare('SELECT id, name FROM agents WHERE employee_no = ? AND id IS NOT ?')
      .get(no, a.id ?? null) as { id: number; name: string } | undefined;
    if (other) throw new UserError(`工号 ${no} 已属于 ${other.name}`);
  }
  if (a.id) {
    const r = db
      .prepare('UPDATE agents SET name = ?, employee_no = ?, team = ? WHERE id = ?')
      .run(name, no, a.team?.trim() || null, a.id);
    if (r.changes === 0) throw new UserError(`没有找到客服 ${a.id}`);
    return a.id;
  }
  return Number(
    db
      .prepare('INSERT INTO agents (name, employee_no, team) VALUES (?, ?, ?)')
      .run(name, no, a.team?.trim() || null).lastInsertRowid,
  );
}

export function deleteAgent(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM agent_accounts WHERE agent_id = ?').run(id);
    if (db.prepare('DELETE FROM agents WHERE id = ?').run(id).changes === 0)
      throw new UserError(`没有找到客服 ${id}`);
  })();
}

/**
 * Gives an agent an account over a date range (inclusive China days, open ends allowed). Returns the range id and a
 * warning when another agent owns the account on some of those days (those days become 归属不明).
 */
export function assignAccount(
  db: Db,
  a: {
    id?: number;
    agent_id: number;
    platform: Platform;
    shop: string;
    account: string;
    valid_from: Day | null;
    valid_to: Day | null;
  },
): { id: number; warning: string | null } {
  if (a.valid_from && a.valid_to && a.valid_to < a.valid_from) throw new UserError('失效日期早于生效日期');
  if (!a.shop.trim() || !a.account.trim()) throw new UserError('店铺和客服账号不能为空');
  if (!db.prepare('SELECT 1 FROM agents WHERE id = ?').get(a.agent_id))
    throw new UserError(`没有找到客服 ${a.agent_id}`);
  return db.transaction(() => {
    const { accountId } = ensureAccount(db, a.platform, a.shop.trim(), a.account.trim(), null);
    let id = a.id;
    if (id) {
      db.prepare(
        'UPDATE agent_accounts SET agent_id = ?, account_id = ?, valid_from = ?, valid_to = ? WHERE id = ?',
      ).run(a.agent_id, accountId, a.valid_from, a.valid_to, id);
    } else {
      id = Number(
        db
          .prepare(
            'INSERT INTO agent_accounts (agent_id, account_id, valid_from, valid_to) VALUES (?, ?, ?, ?)',
          )
          .run(a.agent_id, accountId, a.valid_from, a.valid_to).lastInsertRowid,
      );
    }
    const clash = db
      .prepare(
        `SELECT g.name FROM agent_accounts aa JOIN agents g ON g.id = aa.agent_id
          WHERE aa.account_id = ? AND aa.agent_id <> ? AND COALESCE(aa.valid_from, '0000') <= ? AND COALESCE(aa.valid_to, '9999') >= ?`,
      )
      .all(accountId, a.agent_id, a.valid_to ?? '9999', a.valid_from ?? '0000') as { name: string }[];
    return {
      id,
      warning: clash.length
        ? `该账号在部分日期也归属于 ${clash.map((c) => c.name).join('、')}：这些日期的数据将显示为“归属不明”`
        : null,
    };
  })();
}

export function unassignAccount(db: Db, id: number): void {
  if (db.prepare('DELETE FROM agent_accounts WHERE id = ?').run(id).changes === 0)
    throw new UserError(`没有找到账号归属 ${id}`);
}
