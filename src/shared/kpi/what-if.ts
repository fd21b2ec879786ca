/**
 * What-if (kpi.md §4): before a scheme edit is saved, each agent's old → new final, grade and rank, who crosses a
 * grade, and the score distribution for a bar chart. Values here are for display, so finals are round2'd.
 */
import { round2 } from '../exact';
import { DEFAULT_SCHEME } from './scheme';
import type { AgentScore } from './score';

/** An agent's score under one scheme, ranked with `rankAgents`. */
export type ScoredAgent = AgentScore & { agent_id: number; agent: string; rank: number | null };

export interface WhatIfSide {
  /** round2(final), null when unscored. */
  final: number | null;
  grade: string | null;
  rank: number | null;
}

export interface WhatIfRow {
  agent_id: number;
  agent: string;
  /** null when the agent is not in that list. */
  old: WhatIfSide | null;
  new: WhatIfSide | null;
  /** round2(new final − old final), null unless both are scored. */
  delta: number | null;
  /** The direction of a grade change; null when the grade is the same or either side has no grade. */
  crossed: 'up' | 'down' | null;
}

const side = (a: ScoredAgent): WhatIfSide => ({
  final: a.final === null ? null : round2(a.final),
  grade: a.grade,
  rank: a.rank,
});

function direction(old: WhatIfSide, now: WhatIfSide, order: readonly string[]): 'up' | 'down' | null {
  if (old.grade === null || now.grade === null || old.grade === now.grade) return null;
  const i = order.indexOf(old.grade);
  const j = order.indexOf(now.grade);
  if (i >= 0 && j >= 0) return j < i ? 'up' : 'down';
  // a grade renamed by the edit has no place in the order; the score's movement is the best evidence left
  if (old.final !== null && now.final !== null && now.final !== old.final)
    return now.final > old.final ? 'up' : 'down';
  return null;
}

/**
 * Pairs agents by id: rows in the order of `after`, then agents only in `before`. `gradeOrder` lists grades best
 * first (pass the edited scheme's `grades.map(g => g.grade)`); it decides whether a grade change is up or down.
 */
export function whatIf(
  before: readonly ScoredAgent[],
  after: readonly ScoredAgent[],
  gradeOrder: readonly string[] = DEFAULT_SCHEME.grades.map((g) => g.grade),
): WhatIfRow[] {
  const old = new Map(before.map((a) => [a.agent_id, a]));
  const seen = new Set<number>();
  const row = (o: ScoredAgent | undefined, n: ScoredAgent | undefined): WhatIfRow => {
    const a = (n ?? o)!;
    const os = o ? side(o) : null;
    const ns = n ? side(n) : null;
    return {
      agent_id: a.agent_id,
      agent: a.agent,
      old: os,
      new: ns,
      delta: os && ns && os.final !== null && ns.final !== null ? round2(ns.final - os.final) : null,
      crossed: os && ns ? direction(os, ns, gradeOrder) : null,
    };
  };
  const rows: WhatIfRow[] = [];
  for (const n of after) {
    seen.add(n.agent_id);
    rows.push(row(old.get(n.agent_id), n));
  }
  for (const o of before) if (!seen.has(o.agent_id)) rows.push(row(o, undefined));
  return rows;
}

export interface ScoreHistogram {
  /** '0–10', '10–20', … '90–100'; each bucket is [from, from + 10), the last one also holds 100. */
  labels: string[];
  counts: number[];
  /** Agents without a final score (every item left out). */
  unscored: number;
}

/** Buckets of 10 points over round2(final), plain data for an ECharts bar series. */
export function scoreHistogram(finals: readonly (number | null)[]): ScoreHistogram {
  const labels = Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}`);
  const counts = new Array<number>(10).fill(0);
  let unscored = 0;
  for (const f of finals) {
    if (f === null) {
      unscored++;
      continue;
    }
    const i = Math.min(9, Math.max(0, Math.floor(round2(f) / 10)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { labels, counts, unscored };
}
