import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import { openDb } from '../../src/main/db/open';
import { runDemo } from '../../src/main/demo/run';
import { PLATFORM_ZH } from '../../src/shared/domain';
import type { AgentsPage, AgentTableRow, ScopeResult } from '../../src/shared/report-pages';
import { schemeStats, summaryOf } from '../../src/shared/report-pages';
import type { AgentKpi, MonthReport } from '../../src/shared/report';
import { chinaEpoch } from '../../src/shared/china-time';
import { tempDb } from './helpers';

// 2026-11-05 10:00 China: the demo month is October, every day final
const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const MONTH = '2026-10';

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/**
 * The 客服 rows as the screen builds them from report:month (features/scorecards rowsOf, agents tab), written out
 * here independently: one row per agent and platform, the shops of the accounts the report gives the agent there.
 */
function screenRows(report: MonthReport, scheme: string | null): Omit<AgentTableRow, 'shop'>[] {
  return report.agents.flatMap((g) =>
    g.platforms.map((p) => {
      const own = report.accounts.filter((a) => a.agent_id === g.agent_id && a.platform === p.platform);
      return {
        key: `agent|${g.agent_id}|${p.platform}`,
        agent_id: g.agent_id,
        agent: g.agent,
        team: g.team,
        platform: p.platform,
        account: own.length === 1 ? own[0]!.account : null,
        account_count: own.length,
        words: own.flatMap((a) => (a.nickname ? [a.account, a.nickname] : [a.account])),
        metrics: p.metrics,
        kpi: (g.kpi ?? []).find((k: AgentKpi) => k.scheme === scheme) ?? null,
      };
    }),
  );
}

describe('reads per scope and paged (report:agents, report:scope)', () => {
  let file: string;
  let b: Backend;
  let full: MonthReport;

  beforeAll(async () => {
    file = tempDb();
    const db = openDb(file);
    runDemo(db, { now: NOW });
    db.close();
    b = new Backend({ dbPath: file, host: 'web', now: () => NOW });
    full = await call<MonthReport>(b, 'report:month', { month: MONTH });
  }, 180_000);
  afterAll(() => b?.close());

  it('pages through exactly the 客服 rows of report:month, in the report order, 7 at a time', async () => {
    const expected = screenRows(full, '星河-标准方案');
    // the demo: 24 agents, five of them on two platforms
    expect(full.agents).toHaveLength(24);
    expect(expected).toHaveLength(29);
    const rows: AgentTableRow[] = [];
    for (let offset = 0; offset < 29; offset += 7) {
      const page = await call<AgentsPage>(b, 'report:agents', { month: MONTH, offset, limit: 7, sort: null });
      expect(page.total).toBe(29);
      expect(page.agents).toBe(24);
      expect(page.offset).toBe(offset);
      expect(page.rows).toHaveLength(Math.min(7, 29 - offset));
      rows.push(...page.rows);
    }
    expect(rows.map(({ shop: _s, ...r }) => r)).toEqual(expected);
    // an agent's row names the shops of its accounts; 吴敏's account changed hands mid-month: named from the roster
    expect(rows.find((r) => r.key === 'agent|1|douyin')!.shop).toBe('星河旗舰店');
    expect(rows.find((r) => r.key === 'agent|10|douyin')).toMatchObject({
      shop: '云朵美妆店',
      account: null,
      account_count: 0,
    });
  });

  it('gives the page what the screen computes over all rows: scheme, teams, filter options, columns with data', async () => {
    const page = await call<AgentsPage>(b, 'report:agents', { month: MONTH, limit: 0 });
    expect(page.rows).toEqual([]);
    expect(page).toMatchObject({
      total: 29,
      scheme: '星河-标准方案',
      schemes: ['星河-标准方案'],
      teams: ['一组', '二组', '三组'],
      platforms: ['douyin', 'kuaishou', 'taobao', 'jd'],
      shops: ['云朵美妆店', '云裳女装旗舰店', '京东星辰自营', '快乐小店', '星河旗舰店'],
      grouped: true,
      locked: false,
    });
    const withData = new Set(
      full.agents.flatMap((a) =>
        a.platforms.flatMap((p) =>
          Object.entries(p.metrics)
            .filter(([, m]) => m?.value !== null)
            .map(([id]) => id),
        ),
      ),
    );
    expect(new Set(page.metrics)).toEqual(withData);
  });

  it('sorts by rank by default: the ranked 1, 2, 3… first, an agent’s platform rows together', async () => {
    const page = await call<AgentsPage>(b, 'report:agents', { month: MONTH, limit: 50 });
    const ranks = page.rows.map((r) => r.kpi?.rank ?? null);
    const ranked = ranks.filter((r): r is number => r !== null);
    expect(ranked).toEqual([...ranked].sort((x, y) => x - y));
    expect(ranks[0]).toBe(1);
    // 韩冰 (rank 3) works on 抖音 and 淘宝: both rows, one after the other
    const i = page.rows.findIndex((r) => r.agent_id === 7);
    expect(page.rows.slice(i, i + 2).map((r) => r.key)).toEqual(['agent|7|douyin', 'agent|7|taobao']);
  });

  it('searches name, nickname, shop, team and platform case-insensitively, and filters by team', async () => {
    const find = (input: object): Promise<AgentsPage> =>
      call<AgentsPage>(b, 'report:agents', { month: MONTH, limit: 100, ...input });
    // a nickname behind one account only
    expect((await find({ search: '大壮' })).rows.map((r) => r.key)).toEqual(['agent|3|douyin']);
    // a platform's Chinese name: every 快手 row
    const ks = await find({ search: PLATFORM_ZH.kuaishou });
    expect(ks.total).toBe(screenRows(full, null).filter((r) => r.platform === 'kuaishou').length);
    expect(ks.rows.every((r) => r.platform === 'kuaishou')).toBe(true);
    // a team: exactly its agents' rows
    const team = await find({ team: '三组' });
    const third = full.agents.filter((a) => a.team === '三组');
    expect(team.agents).toBe(third.length);
    expect(team.total).toBe(third.reduce((n, a) => n + a.platforms.length, 0));
    expect(team.teams).toEqual(['一组', '二组', '三组']);
    // the 平台 filter and the 店铺 filter
    const jd = await find({ platform: ['jd'], shop: ['京东星辰自营'] });
    expect(jd.rows.every((r) => r.platform === 'jd' && r.shop === '京东星辰自营')).toBe(true);
    expect(jd.total).toBe(screenRows(full, null).filter((r) => r.platform === 'jd').length);
    expect((await find({ search: 'NO SUCH 客服' })).total).toBe(0);
  });

  it('sorts by a metric with nulls last in both directions, and by name', async () => {
    for (const order of ['descend', 'ascend'] as const) {
      const page = await call<AgentsPage>(b, 'report:agents', {
        month: MONTH,
        limit: 100,
        sort: { key: 'reply_3min_rate', order },
      });
      expect(page.grouped).toBe(false);
      const values = page.rows.map((r) => r.metrics.reply_3min_rate?.value ?? null);
      const present = values.filter((v): v is number => v !== null);
      expect(present).toEqual([...present].sort((x, y) => (order === 'descend' ? y - x : x - y)));
      expect(values.slice(present.length).every((v) => v === null)).toBe(true);
    }
    const byName = await call<AgentsPage>(b, 'report:agents', {
      month: MONTH,
      limit: 100,
      sort: { key: 'name', order: 'ascend' },
    });
    const names = byName.rows.map((r) => r.agent);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'zh-CN')));
  });

  it('gives the counts above the table, the 考核方案 figures and 对比上月 as computed over the whole report', async () => {
    const page = await call<AgentsPage>(b, 'report:agents', {
      month: MONTH,
      limit: 5,
      summary: true,
      compare: true,
    });
    // counted by SQLite over the stored entries: the same as the shared shaping over report:month
    expect(page.summary).toEqual(summaryOf(full));
    expect(page.summary!.accounts).toBe(full.accounts.length);
    const scores = full.agents.flatMap((a) => (a.kpi ?? []).filter((k) => k.scheme === '星河-标准方案'));
    expect(page.scheme_stats).toEqual(schemeStats(scores));
    expect(page.scheme_stats!.ranked + page.scheme_stats!.unranked).toBe(scores.length);
    // the demo has no September: every row says so, and the page says there is nothing to compare with
    expect(page.prev).toEqual({ month: '2026-09', empty: true });
    expect(page.rows.map((r) => r.prev)).toEqual([null, null, null, null, null]);
    // without the options: neither
    const plain = await call<AgentsPage>(b, 'report:agents', { month: MONTH, limit: 1 });
    expect(plain.summary).toBeUndefined();
    expect(plain.prev).toBeUndefined();
    expect(plain.rows[0]!.prev).toBeUndefined();
  });

  it('report:scope gives an agent, an account and a shop exactly as report:month has them', async () => {
    const agent = await call<ScopeResult>(b, 'report:scope', { month: MONTH, scope: 'agent', agent_id: 7 });
    expect(agent).toEqual({
      scope: 'agent',
      entry: full.agents.find((a) => a.agent_id === 7),
      locked: false,
    });
    const acc = full.accounts.find((a) => a.account === '星河旗舰店:阿青')!;
    expect(
      await call<ScopeResult>(b, 'report:scope', {
        month: MONTH,
        scope: 'account',
        platform: acc.platform,
        shop: acc.shop,
        account: acc.account,
      }),
    ).toEqual({ scope: 'account', entry: acc, locked: false });
    const shop = full.shops.find((s) => s.shop === '快乐小店')!;
    expect(
      await call<ScopeResult>(b, 'report:scope', {
        month: MONTH,
        scope: 'shop',
        platform: 'kuaishou',
        shop: '快乐小店',
      }),
    ).toEqual({ scope: 'shop', entry: shop, locked: false });
    expect(
      await call<ScopeResult>(b, 'report:scope', { month: MONTH, scope: 'agent', agent_id: 999 }),
    ).toEqual({ scope: 'agent', entry: null, locked: false });
    const bad = await b.dispatch('report:scope', { month: MONTH, scope: 'team' });
    expect(bad.ok).toBe(false);
  });

  it('a database from before the packed store reads the same month after its migration and recalculation', async () => {
    const old = tempDb();
    copyFileSync(file, old);
    // back to schema 13: no packed facts, no per-scope rows, the month report in report_json
    const raw = new Database(old);
    raw.exec(`DROP TABLE fact_rows; DROP TABLE report_rows; DROP TABLE agent_rows; DROP TABLE agent_kpi;
      DROP TRIGGER facts_delete_unpack; DROP TRIGGER facts_update_unpack;`);
    raw.prepare('UPDATE month_state SET report_json = ?').run(JSON.stringify({ ...full, agents: [] }));
    raw.pragma('user_version = 13');
    raw.close();
    const o = new Backend({ dbPath: old, host: 'web', now: () => NOW });
    // served from its old report_json while the recalculation fills the new store
    const before = await call<MonthReport>(o, 'report:month', { month: MONTH });
    expect(before.updating).toBe(true);
    expect(before.agents).toEqual([]);
    await o.settled();
    // one packed row per source row of every active import
    const sourceRows = o.db
      .prepare(
        `SELECT COUNT(*) AS n FROM (SELECT DISTINCT f.batch_id, f.sheet, f.row, f.account_id, f.period_from, f.period_to
           FROM facts f JOIN import_batches b ON b.id = f.batch_id AND b.status = 'active')`,
      )
      .get() as { n: number };
    expect(sourceRows.n).toBeGreaterThan(700);
    expect(o.db.prepare('SELECT COUNT(*) AS n FROM fact_rows').get()).toEqual(sourceRows);
    expect(await call<MonthReport>(o, 'report:month', { month: MONTH })).toEqual(full);
    const page = await call<AgentsPage>(o, 'report:agents', { month: MONTH, limit: 100, sort: null });
    expect(page.rows.map(({ shop: _s, ...r }) => r)).toEqual(screenRows(full, '星河-标准方案'));
    o.close();
  }, 120_000);

  it('a signed-off month is paged from its snapshot', async () => {
    const copy = tempDb();
    copyFileSync(file, copy);
    const l = new Backend({ dbPath: copy, host: 'web', now: () => NOW });
    const kci = await l.dispatch('month:lock', { month: MONTH });
    // the demo's KCI is complete: the month signs off
    expect(kci.ok, JSON.stringify(kci)).toBe(true);
    const page = await call<AgentsPage>(l, 'report:agents', { month: MONTH, limit: 100, sort: null });
    expect(page.locked).toBe(true);
    expect(page.rows.map(({ shop: _s, ...r }) => r)).toEqual(screenRows(full, '星河-标准方案'));
    const agent = await call<ScopeResult>(l, 'report:scope', { month: MONTH, scope: 'agent', agent_id: 1 });
    expect(agent).toEqual({ scope: 'agent', entry: full.agents.find((a) => a.agent_id === 1), locked: true });
    l.close();
  }, 60_000);
});
