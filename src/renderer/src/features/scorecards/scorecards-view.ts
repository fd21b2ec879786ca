/**
 * Pure shaping for the 客服 screen that stays in the renderer: the saved column choice, the expand anchors of grouped
 * rows (the search, filters and sort of every tab are the back end's: report:agents and report:scopes).
 */
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
