import type { Month } from '../../shared/domain';
import { validateScheme } from '../../shared/kpi/scheme';
import {
  scoreHistogram,
  whatIf,
  type ScoreHistogram,
  type ScoredAgent,
  type WhatIfRow,
} from '../../shared/kpi/what-if';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { scoreScheme, type SchemeResult } from './compute';
import { storedKpi } from '../report/report';
import { schemesForMonth } from './store';

export interface WhatIfResult {
  month: Month;
  rows: WhatIfRow[];
  before: ScoreHistogram | null;
  after: ScoreHistogram;
}

function scored(r: SchemeResult): ScoredAgent[] {
  return r.agents.map((a) => ({ ...a.score, agent_id: a.agent_id, agent: a.agent, rank: a.rank }));
}

/**
 * kpi.md §4: a draft scheme scored on a month beside the saved version of the same name (if any), before saving:
 * each agent's old → new final, grade and rank, who crosses a grade, and both score distributions.
 */
export function schemeWhatIf(db: Db, draft: unknown, month: Month, now: number): WhatIfResult {
  const v = validateScheme(draft);
  if (!v.ok)
    throw new UserError(`考核方案无效：${v.errors.join('；')}`, v.errors.join('\n'), 'invalid_scheme');
  const saved = schemesForMonth(db, month).find((s) => s.name === v.scheme.name) ?? null;
  const after = scored(scoreScheme(db, v.scheme, month, now));
  // the saved side is what every screen shows: the stored results, not a second computation
  const stored = saved ? storedKpi(db, month, now).find((k) => k.scheme.name === saved.name) : undefined;
  const before = saved ? scored(stored ?? scoreScheme(db, saved, month, now)) : [];
  const order = v.scheme.grades.map((g) => g.grade);
  return {
    month,
    rows: whatIf(before, after, order),
    before: saved ? scoreHistogram(before.map((a) => a.final)) : null,
    after: scoreHistogram(after.map((a) => a.final)),
  };
}
