/**
 * Everything the monthly sheet shows, gathered once: a locked month is read from its sign-off snapshot (kpi.md §5:
 * the sheet of a signed-off month must not move), an open month is computed now. Both paths end in the same shape.
 */
import { monthEnd, monthStart } from '../../shared/china-time';
import { PLATFORMS, type Day, type Month, type Platform } from '../../shared/domain';
import type { ImportBatchInfo } from '../../shared/imports';
import { inScope, scopeIsAll, shopClientKey, type Scheme } from '../../shared/kpi/scheme';
import { METRICS, type MetricId } from '../../shared/metrics';
import type {
  AccountReport,
  AgentKpi,
  AgentReport,
  MetricSet,
  MetricValue,
  MonthReport,
  ShopReport,
  Threshold,
} from '../../shared/report';
import { meets } from '../../shared/rollup';
import type { RuleVersion } from '../../shared/rules';
import type { Db } from '../db/open';
import { listBatches } from '../import/history';
import { scoreFrom, toAgentKpi } from '../kpi/compute';
import { getScheme } from '../kpi/store';
import { lockInfo, monthReport, type MonthLockInfo } from '../month';
import { getMonthReport, loadRules, monthInput, storedKpi } from '../report/report';
import { storedAccountsAndShops } from '../report/scope-rows';
import { kciByAgent } from '../kpi/store';
import { eventSources, type EventSource } from './events';
import { loadShopClients } from '../settings/shop-clients';
import { UserError } from '../errors';

export type Variant = 'client' | 'payroll';

type PlatformMetrics = { platform: Platform; metrics: MetricSet }[];

export interface SheetItem {
  metric: MetricId;
  value: number | null;
  score: number | null;
  reason: AgentKpi['items'][number]['reason'];
  /** platforms whose month value behind this item fails its platform threshold */
  failing: { platform: Platform; threshold: Threshold | null }[];
  /** Σ denominators behind the value (样本少（N）); null for plain sums */
  sample: number | null;
}

export interface SheetAgent {
  agent_id: number;
  agent: string;
  /** 工号 from the roster (薪资版: payroll matches people by it) */
  employee_no: string | null;
  team: string | null;
  /** scope shops the agent served this month */
  shops: { platform: Platform; shop: string }[];
  kpi: AgentKpi;
  /** aligned with `scheme.items` */
  items: SheetItem[];
  sales_amount: number | null;
}

export interface SheetAccount {
  account: AccountReport;
  /** agent ids: the month's owner, or every owner of an account handed over during the month */
  owners: number[];
}

export interface SheetData {
  month: Month;
  scheme: Scheme;
  variant: Variant;
  /** the client (甲方) a 客户版 was made for: only its shops and the agents serving them; null = the scheme's scope */
  client: string | null;
  now: number;
  lock: MonthLockInfo;
  agents: SheetAgent[];
  accounts: SheetAccount[];
  shops: ShopReport[];
  /** rule versions in force on the month's last day for the platforms in the sheet */
  rules: RuleVersion[];
  batches: ImportBatchInfo[];
  roster_batches: ImportBatchInfo[];
  events: { ratings: EventSource; exams: EventSource };
  notes: string[];
}

const platformOrder = (p: Platform): number => PLATFORMS.indexOf(p);

/** The same choice as `ruleAt`, but the whole version (dates, source) for 口径说明. */
function versionAt(
  rules: readonly RuleVersion[],
  platform: Platform,
  key: string,
  day: Day,
): RuleVersion | null {
  let best: RuleVersion | null = null;
  for (const r of rules) {
    if (r.platform !== platform || r.key !== key || r.effective_from > day) continue;
    if (r.effective_to && r.effective_to < day) continue;
    if (!best || r.effective_from >= best.effective_from) best = r;
  }
  return best;
}

/**
 * An agent's per-platform sums over some accounts. Used only for a locked month under a scheme narrower than all
 * shops: the snapshot keeps agents' all-shop figures, and only the accounts can be cut to the scope.
 */
function rollUp(accounts: readonly AccountReport[]): PlatformMetrics {
  type Sum = { num: number; den: number | null; threshold: Threshold | null };
  const by = new Map<Platform, Map<MetricId, Sum>>();
  for (const a of accounts) {
    let m = by.get(a.platform);
    if (!m) by.set(a.platform, (m = new Map<MetricId, Sum>()));
    for (const [id, mv] of Object.entries(a.metrics) as [MetricId, MetricValue][]) {
      if (mv.value === null || mv.numerator === null) continue;
      const s = m.get(id) ?? { num: 0, den: mv.denominator === null ? null : 0, threshold: mv.threshold };
      s.num += mv.numerator;
      if (s.den !== null) s.den += mv.denominator ?? 0;
      m.set(id, s);
    }
  }
  return [...by].map(([platform, m]) => {
    const metrics: MetricSet = {};
    for (const [id, s] of m) {
      const value = s.den === null ? s.num : s.den > 0 ? s.num / s.den : null;
      metrics[id] = {
        value,
        numerator: s.num,
        denominator: s.den,
        approximate: false,
        small_sample: false,
        threshold: s.threshold,
        pass: value === null || !s.threshold ? null : meets(s.num, s.den, s.threshold),
        status: null,
      };
    }
    return { platform, metrics };
  });
}

function sheetItems(scheme: Scheme, kpi: AgentKpi, platforms: PlatformMetrics): SheetItem[] {
  return scheme.items.map((item) => {
    const k = kpi.items.find((x) => x.metric === item.metric);
    if (!k)
      return { metric: item.metric, value: null, score: null, reason: 'no_data', failing: [], sample: null };
    const behind = platforms
      .filter((p) => k.platform === 'all' || p.platform === k.platform)
      .map((p) => ({ platform: p.platform, mv: p.metrics[item.metric] }))
      .filter((p): p is { platform: Platform; mv: MetricValue } => p.mv !== undefined && p.mv.value !== null);
    const failing = behind
      .filter((p) => p.mv.pass === false)
      .map((p) => ({ platform: p.platform, threshold: p.mv.threshold }));
    const dens = behind.map((p) => p.mv.denominator).filter((d): d is number => d !== null);
    return {
      metric: item.metric,
      value: k.value,
      score: k.score,
      reason: k.reason,
      failing,
      sample: dens.length ? dens.reduce((a, b) => a + b, 0) : null,
    };
  });
}

/** Ownership ranges overlapping the month, by `platform|shop|account`. */
function monthOwners(db: Db, month: Month): Map<string, Set<number>> {
  const rows = db
    .prepare(
      `SELECT aa.agent_id, s.platform, s.name AS shop, a.account
         FROM agent_accounts aa JOIN accounts a ON a.id = aa.account_id JOIN shops s ON s.id = a.shop_id
        WHERE (aa.valid_from IS NULL OR aa.valid_from <= ?) AND (aa.valid_to IS NULL OR aa.valid_to >= ?)`,
    )
    .all(monthEnd(month), monthStart(month)) as {
    agent_id: number;
    platform: Platform;
    shop: string;
    account: string;
  }[];
  const out = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = `${r.platform}|${r.shop}|${r.account}`;
    out.set(key, (out.get(key) ?? new Set()).add(r.agent_id));
  }
  return out;
}

/** Ranked first by rank; then 不参与排名 by score (no score last); names in pinyin order break ties. */
function byRank(a: SheetAgent, b: SheetAgent): number {
  const ra = a.kpi.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.kpi.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const fa = a.kpi.final ?? Number.NEGATIVE_INFINITY;
  const fb = b.kpi.final ?? Number.NEGATIVE_INFINITY;
  if (fa !== fb) return fb - fa;
  return a.agent.localeCompare(b.agent, 'zh-Hans-CN');
}

interface Scored {
  report: Pick<MonthReport, 'accounts' | 'shops'>;
  agents: {
    agent: Pick<AgentReport, 'agent_id' | 'agent' | 'team'>;
    kpi: AgentKpi;
    platforms: PlatformMetrics;
    sales: number | null;
  }[];
}

/** Which shops the sheet shows: the scheme's scope, cut to one client's shops for a per-client 客户版. */
interface SheetScope {
  within: (platform: Platform, shop: string) => boolean;
  /** the client cut, when it is narrower than the scheme's own scope */
  only: ((platform: Platform, shop: string) => boolean) | null;
}

/** An open month: the stored results (the month's accounts and shops cut to the scope, the scheme's scores). */
function scoreOpen(db: Db, scheme: Scheme, month: Month, now: number, scope: SheetScope): Scored {
  // the accounts and shops as stored per scope (the agents' entries are not read); else the whole month report
  const full = storedAccountsAndShops(db, month) ?? getMonthReport(db, month, now);
  const report = {
    accounts: full.accounts.filter((a) => scope.within(a.platform, a.shop)),
    shops: full.shops.filter((s) => scope.within(s.platform, s.shop)),
  };
  // a scheme is stored once it is in force; one that is not (never the case for getScheme's) is scored here, and so
  // is one client's part of a wider scheme (its agents scored and ranked over that client's shops only)
  const result =
    (scope.only
      ? undefined
      : storedKpi(db, month, now, scheme.name).find((k) => k.scheme.name === scheme.name)) ??
    scoreFrom(monthInput(db, month, now), scheme, kciByAgent(db, month), undefined, scope.only ?? undefined);
  return {
    report,
    agents: result.agents.map((row) => ({
      agent: { agent_id: row.agent_id, agent: row.agent, team: row.team },
      kpi: toAgentKpi(scheme.name, row),
      platforms: result.platforms[row.agent_id] ?? [],
      sales: row.sales_amount,
    })),
  };
}

function scoreLocked(
  db: Db,
  scheme: Scheme,
  month: Month,
  now: number,
  notes: string[],
  scope: SheetScope,
): Scored {
  const frozen = monthReport(db, month, now);
  const all = scopeIsAll(scheme) && !scope.only;
  const accounts = frozen.accounts.filter((a) => scope.within(a.platform, a.shop));
  const agents = frozen.agents.flatMap((a) => {
    const kpi = a.kpi?.find((k) => k.scheme === scheme.name);
    if (!kpi) return [];
    const mine = accounts.filter((x) => x.agent_id === a.agent_id);
    const platforms = all ? a.platforms : rollUp(mine);
    const sales = all
      ? (a.total.sales_amount?.value ?? null)
      : mine.reduce<number | null>((s, x) => {
          const v = x.metrics.sales_amount?.value;
          return v === null || v === undefined ? s : (s ?? 0) + v;
        }, null);
    return [{ agent: a, kpi, platforms, sales }];
  });
  notes.push('本月已锁定：得分、等级、排名、奖金与指标值取自锁定时的快照；规则版本为当前数据库中的记录。');
  if (agents.length === 0)
    notes.push(`锁定快照中没有方案「${scheme.name}」的得分（方案可能是锁定后才建立的）。`);
  else if (scheme.items.some((i) => !agents[0]!.kpi.items.some((k) => k.metric === i.metric))) {
    notes.push('锁定后方案的考核项有变化：锁定时没有的考核项留空。');
  }
  if (scope.only)
    notes.push(
      '按客户生成的锁定月份：得分、等级和排名是锁定时按整个方案范围计算的，指标值只含该客户店铺的账号。',
    );
  return {
    report: { accounts, shops: frozen.shops.filter((s) => scope.within(s.platform, s.shop)) },
    agents,
  };
}

/** Collects the sheet's data. Throws UserError (Chinese) for an unknown scheme or one not yet in force. */
export function collectSheetData(
  db: Db,
  opts: { month: Month; scheme: string; variant: Variant; now: number; client?: string | null },
): SheetData {
  const { month, variant, now } = opts;
  const scheme = getScheme(db, opts.scheme, month);
  const client = opts.client?.trim() || null;
  if (client !== null) {
    if (variant !== 'client') throw new UserError('只有客户版可以按客户生成；薪资版包含方案范围内的全部客服');
    if (!db.prepare('SELECT 1 FROM clients WHERE name = ?').get(client))
      throw new UserError(`没有名为“${client}”的客户，请在 设置 → 店铺与客户 中查看客户名称`);
  }
  const shopClients = loadShopClients(db);
  const ownedBy = (c: string) => (p: Platform, shop: string) => shopClients.get(shopClientKey(p, shop)) === c;
  const only = client === null ? null : ownedBy(client);
  const scope: SheetScope = {
    within: (p, shop) => inScope(scheme, p, shop, shopClients) && (!only || only(p, shop)),
    only,
  };
  const lock = lockInfo(db, month);
  const notes: string[] = [];
  const scored = lock.locked
    ? scoreLocked(db, scheme, month, now, notes, scope)
    : scoreOpen(db, scheme, month, now, scope);

  const owners = monthOwners(db, month);
  const accounts: SheetAccount[] = scored.report.accounts
    .map((account) => ({
      account,
      owners:
        account.agent_id !== null
          ? [account.agent_id]
          : [...(owners.get(`${account.platform}|${account.shop}|${account.account}`) ?? [])].sort(
              (a, b) => a - b,
            ),
    }))
    .filter((a) => a.owners.length > 0);

  const employeeNo = new Map(
    (
      db.prepare('SELECT id, employee_no FROM agents').all() as { id: number; employee_no: string | null }[]
    ).map((a) => [a.id, a.employee_no]),
  );
  // one client's 客户版: the agents who served its shops this month
  const serving = new Set(accounts.flatMap((a) => a.owners));
  const agents = scored.agents
    .filter(({ agent }) => !only || serving.has(agent.agent_id))
    .map(({ agent, kpi, platforms, sales }): SheetAgent => {
      const served = new Map<string, { platform: Platform; shop: string }>();
      for (const a of accounts)
        if (a.owners.includes(agent.agent_id))
          served.set(`${a.account.platform}|${a.account.shop}`, {
            platform: a.account.platform,
            shop: a.account.shop,
          });
      return {
        agent_id: agent.agent_id,
        agent: agent.agent,
        employee_no: employeeNo.get(agent.agent_id) ?? null,
        team: agent.team,
        shops: [...served.values()].sort(
          (x, y) =>
            platformOrder(x.platform) - platformOrder(y.platform) ||
            x.shop.localeCompare(y.shop, 'zh-Hans-CN'),
        ),
        kpi,
        items: sheetItems(scheme, kpi, platforms),
        sales_amount: sales,
      };
    })
    .sort(byRank);

  const order = new Map(agents.map((a, i) => [a.agent_id, i]));
  const pos = (a: SheetAccount): number =>
    Math.min(...a.owners.map((o) => order.get(o) ?? Number.MAX_SAFE_INTEGER));
  accounts.sort(
    (a, b) =>
      pos(a) - pos(b) ||
      platformOrder(a.account.platform) - platformOrder(b.account.platform) ||
      a.account.shop.localeCompare(b.account.shop, 'zh-Hans-CN') ||
      a.account.account.localeCompare(b.account.account, 'zh-Hans-CN'),
  );

  // a scope shop without data this month is still listed for the client, with empty values: the listed shops and the
  // shops of the client the scheme (or this sheet) names
  const named = [client, scheme.scope.client ?? null].filter((c): c is string => c !== null);
  const scopeShops = [
    ...scheme.scope.shops,
    ...[...shopClients].flatMap(([k, c]) => {
      if (!named.includes(c)) return [];
      const i = k.indexOf('|');
      return [{ platform: k.slice(0, i) as Platform, shop: k.slice(i + 1) }];
    }),
  ].filter((s) => scope.within(s.platform, s.shop));
  const shops = [...scored.report.shops];
  for (const s of scopeShops) {
    if (!shops.some((x) => x.platform === s.platform && x.shop === s.shop))
      shops.push({ platform: s.platform, shop: s.shop, metrics: {} });
  }
  shops.sort(
    (a, b) =>
      platformOrder(a.platform) - platformOrder(b.platform) || a.shop.localeCompare(b.shop, 'zh-Hans-CN'),
  );

  const platforms = new Set<Platform>([
    ...shops.map((s) => s.platform),
    ...scopeShops.map((s) => s.platform),
  ]);
  const shown = platforms.size ? PLATFORMS.filter((p) => platforms.has(p)) : [...PLATFORMS];
  const allRules = loadRules(db);
  const me = monthEnd(month);
  const rules = shown.flatMap((p) =>
    [...new Set(allRules.filter((r) => r.platform === p).map((r) => r.key))]
      .sort(ruleKeyOrder)
      .map((k) => versionAt(allRules, p, k, me))
      .filter((r): r is RuleVersion => r !== null),
  );

  const ms = monthStart(month);
  const active = listBatches(db, Number.MAX_SAFE_INTEGER).filter((b) => b.status === 'active');
  // after sign-off, later imports are pending changes, not the numbers in a locked sheet
  const beforeLock = (b: ImportBatchInfo): boolean =>
    !lock.locked || lock.locked_at === null || b.imported_at <= lock.locked_at;
  const batches = active
    .filter((b) => b.period_from !== null && b.period_to !== null && b.period_from <= me && b.period_to >= ms)
    .filter((b) => b.platform === null || b.shop === null || scope.within(b.platform, b.shop))
    .filter(beforeLock)
    .sort((a, b) => a.id - b.id);
  const roster_batches = active
    .filter((b) => b.layout === 'roster' && beforeLock(b))
    .sort((a, b) => a.id - b.id);

  const events = eventSources(db, { month, scheme, variant, now, within: scope.within });
  return {
    month,
    scheme,
    variant,
    client,
    now,
    lock,
    agents,
    accounts,
    shops,
    rules,
    batches,
    roster_batches,
    events,
    notes,
  };
}

/** Thresholds first (in the metric catalogue's order), then windows, then the rest. */
function ruleKeyOrder(a: string, b: string): number {
  const rank = (k: string): number => {
    if (k.startsWith('threshold.')) {
      const id = k.slice('threshold.'.length);
      const i = Object.keys(METRICS).indexOf(id);
      return i < 0 ? 100 : i;
    }
    return k.startsWith('window.') ? 200 : 300;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
