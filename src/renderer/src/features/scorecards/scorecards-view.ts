/** Pure shaping for the 客服 table: counts, search, team filter, the saved column choice, the expand anchors. */

/** What these helpers need of a table row. */
export interface ViewRow {
  key: string;
  name: string;
  agentId: number | null;
  agent: string | null;
  team: string | null;
  shop: string;
  /** extra words a search also finds: the nicknames and account names behind the row */
  words: readonly string[];
}

/** The 客服 tab counts people: an agent on two platforms is two rows but one 客服. */
export function agentCount(rows: readonly ViewRow[]): number {
  return new Set(rows.map((r) => r.agentId ?? r.key)).size;
}

const ZH_DIGIT: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** 十一组 → 11组: team names count in Chinese, and pinyin order would put 二组 before 一组. */
function teamSortKey(team: string): string {
  return team
    .replace(/([一二三四五六七八九]?)十([一二三四五六七八九]?)/g, (_m, a: string, b: string) =>
      String((a ? Number(ZH_DIGIT[a]) : 1) * 10 + (b ? Number(ZH_DIGIT[b]) : 0)),
    )
    .replace(/[一二三四五六七八九]/g, (d) => ZH_DIGIT[d]!);
}

/** Teams of the agents' rows, 一组 before 二组 before 十组; rows without a team are left out. */
export function teamsOf(rows: readonly ViewRow[]): string[] {
  return [...new Set(rows.map((r) => r.team).filter((t): t is string => !!t))].sort((a, b) =>
    teamSortKey(a).localeCompare(teamSortKey(b), 'zh-CN', { numeric: true }),
  );
}

/** Case-insensitive search over name, agent, shop, team, platform and the nicknames/accounts behind the row. */
export function matchesQuery(r: ViewRow, platformZh: string, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  return [r.name, r.agent ?? '', r.shop, r.team ?? '', platformZh, ...r.words].some((t) =>
    t.toLowerCase().includes(s),
  );
}

/** Where the lead's column choice is kept (this computer's profile: one lead per installation). */
export const HIDDEN_COLUMNS_KEY = 'scoredesk.scorecards.hiddenColumns';

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The hidden metric columns; anything unreadable (first start, a hand-edited value) hides nothing. */
export function loadHiddenColumns(store: KeyValueStore | null): string[] {
  try {
    const raw = store?.getItem(HIDDEN_COLUMNS_KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHiddenColumns(store: KeyValueStore | null, hidden: readonly string[]): void {
  try {
    store?.setItem(HIDDEN_COLUMNS_KEY, JSON.stringify([...new Set(hidden)].sort()));
  } catch {
    // a full or disabled storage only loses the choice for the next start
  }
}

/**
 * An agent's platform rows are shown together, the KPI cells merged across them: the expand button sits on the
 * agent's first row (where the name is) while the breakdown opens below the last one, so it never splits the merged
 * cells. Returns, per row key, the group's first and last row keys; rows not grouped are their own group.
 */
export function agentGroups(
  ordered: readonly Pick<ViewRow, 'key' | 'agentId'>[],
  grouped: boolean,
): Map<string, { first: string; last: string; size: number }> {
  const out = new Map<string, { first: string; last: string; size: number }>();
  for (let i = 0; i < ordered.length;) {
    let j = i + 1;
    if (grouped && ordered[i]!.agentId !== null)
      while (j < ordered.length && ordered[j]!.agentId === ordered[i]!.agentId) j++;
    const g = { first: ordered[i]!.key, last: ordered[j - 1]!.key, size: j - i };
    for (let k = i; k < j; k++) out.set(ordered[k]!.key, g);
    i = j;
  }
  return out;
}
