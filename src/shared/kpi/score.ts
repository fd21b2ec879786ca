/**
 * KPI scoring (kpi.md §1–§3): item scores 0–100, the weighted total, KCI, deductions, grade, bonus and ranking.
 * Everything is computed in full precision; `round2` is applied only where kpi.md says (grade, rank, bonus).
 */
import type { Platform } from '../domain';
import { round2 } from '../exact';
import { METRICS, type MetricId } from '../metrics';
import type { MetricSet, MetricValue } from '../report';
import type { DeductionKind, Grade, Scheme, SchemeItem } from './scheme';

/** Why an item is left out (`no_data`, `small_sample`) or scored 0 by its veto (`veto`, still counted). */
export type ItemReason = 'no_data' | 'small_sample' | 'veto';

export interface ItemScore {
  counted: boolean;
  /** 0–100, null when the item is left out. */
  score: number | null;
  reason: ItemReason | null;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * One item's score for one value (kpi.md §2). Order: a null value or a small sample (denominator below
 * `item.min_sample`, else `unitMin`) leaves the item out; then `veto` (thresholdPass === false → 0); then linear or
 * bands. A null denominator (plain sums) is never a small sample.
 */
export function itemScore(
  item: SchemeItem,
  value: number | null,
  denominator: number | null,
  unitMin: number | null,
  thresholdPass: boolean | null,
): ItemScore {
  if (value === null) return { counted: false, score: null, reason: 'no_data' };
  const min = item.min_sample ?? unitMin ?? 0;
  if (denominator !== null && denominator < min)
    return { counted: false, score: null, reason: 'small_sample' };
  if (item.veto === true && thresholdPass === false) return { counted: true, score: 0, reason: 'veto' };
  return { counted: true, score: rawScore(item, value), reason: null };
}

function rawScore(item: SchemeItem, v: number): number {
  if (item.scoring === 'bands') {
    const up = item.direction === 'up';
    const band = (item.bands ?? []).find((b) => (up ? v >= b.at : v <= b.at));
    return band ? band.score : 0;
  }
  const target = item.target ?? 0;
  const floor = item.floor ?? 0;
  // validation guarantees floor ≠ target; the guard keeps an unvalidated scheme from producing NaN
  if (target === floor) return 0;
  const f = item.direction === 'up' ? (v - floor) / (target - floor) : (floor - v) / (floor - target);
  return clamp01(f) * 100;
}

/** The first grade whose min ≤ round2(final) (grades are listed by descending min, the last one at 0). */
export function gradeOf(grades: readonly Grade[], final: number): string | null {
  const r = round2(final);
  return grades.find((g) => g.min <= r)?.grade ?? null;
}

export interface AgentScoreInput {
  scheme: Scheme;
  /** The agent's metric set per platform, already restricted to the scheme's shops (kpi.md §1). */
  platforms: readonly { platform: Platform; metrics: MetricSet }[];
  /** KCI entries by item name; absent or null = 未录入. */
  kci: Readonly<Record<string, number | null>>;
  exam_warnings: number;
  exam_overdue: number;
  /** All-platform sales within the scope, for the commission. */
  sales_amount: number | null;
  worked_days: number;
  days_in_month: number;
}

export interface ItemPart {
  platform: Platform;
  value: number | null;
  denominator: number | null;
  score: number | null;
  counted: boolean;
  reason: ItemReason | null;
}

export interface ScoredItem {
  metric: MetricId;
  /** The platform when one platform's value is used, else 'all' (several, or none). */
  platform: Platform | 'all';
  value: number | null;
  score: number | null;
  weight: number;
  /** The weight re-normalised over the counted items (they sum to 100); 0 when left out. */
  effective_weight: number;
  counted: boolean;
  reason: ItemReason | null;
  /** Per-platform scores behind the item. */
  parts: ItemPart[];
}

export interface Breach {
  platform: Platform;
  metric: MetricId;
}

export interface AgentScore {
  items: ScoredItem[];
  kpi_total: number | null;
  kci_total: number;
  kci_missing: string[];
  /** Points deducted by kind, and their sum. */
  deductions: Record<DeductionKind, number> & { total: number };
  /** The (platform, metric) pairs counted as platform breaches. */
  breaches: Breach[];
  before: number | null;
  final: number | null;
  grade: string | null;
  bonus: number | null;
  /** False when fewer worked days than `min_working_days` or no item counted (不参与排名). */
  ranked: boolean;
}

// Plain sums have no denominator to weight by, and a volume target is about the agent's whole scope
const SUMMED_KINDS = new Set(['count', 'money', 'hours']);

// These metrics have their own deduction kinds; counting them as breaches too would charge one warning twice.
const OWN_DEDUCTION: ReadonlySet<MetricId> = new Set<MetricId>(['exam_warnings', 'exam_overdue']);

/**
 * The report already applied the unit's small-sample minimum (it knows the unit of each platform's denominator), so
 * without an item override its flag decides: an unreachable minimum when flagged, none otherwise.
 */
function unitMinOf(mv: MetricValue): number {
  return mv.small_sample ? Number.POSITIVE_INFINITY : 0;
}

function pooledValue(parts: readonly ItemPart[]): number | null {
  const withValue = parts.filter((p) => p.value !== null);
  if (withValue.length === 0) return null;
  // one platform's value is shown as the report has it: w·v/w is not always v in floating point
  if (withValue.length === 1) return withValue[0]!.value;
  let num = 0;
  let den = 0;
  for (const p of withValue) {
    const w = p.denominator ?? 1;
    num += w * p.value!;
    den += w;
  }
  return den > 0 ? num / den : null;
}

function scoreItem(
  item: SchemeItem,
  platforms: AgentScoreInput['platforms'],
): Omit<ScoredItem, 'effective_weight'> {
  const present = platforms
    .map((p) => ({ platform: p.platform, mv: p.metrics[item.metric] }))
    .filter((p): p is { platform: Platform; mv: MetricValue } => p.mv !== undefined && p.mv.value !== null);
  const base = { metric: item.metric, weight: item.weight };

  if (present.length > 1 && SUMMED_KINDS.has(METRICS[item.metric].kind)) {
    const value = present.reduce((a, p) => a + p.mv.value!, 0);
    const pass = present.some((p) => p.mv.pass === false)
      ? false
      : present.some((p) => p.mv.pass === true)
        ? true
        : null;
    const s = itemScore(item, value, null, null, pass);
    const parts = present.map((p) => ({ platform: p.platform, value: p.mv.value, denominator: null, ...s }));
    return { ...base, platform: 'all', value, ...s, parts };
  }

  const parts: ItemPart[] = present.map(({ platform, mv }) => ({
    platform,
    value: mv.value,
    denominator: mv.denominator,
    ...itemScore(item, mv.value, mv.denominator, unitMinOf(mv), mv.pass),
  }));
  const counted = parts.filter((p) => p.counted);
  if (counted.length === 0) {
    const reason: ItemReason = parts.some((p) => p.reason === 'small_sample') ? 'small_sample' : 'no_data';
    const platform = parts.length === 1 ? parts[0]!.platform : 'all';
    return { ...base, platform, value: pooledValue(parts), score: null, counted: false, reason, parts };
  }
  // kpi.md §1: per-platform scores, their mean weighted by the metric's denominators
  let num = 0;
  let den = 0;
  for (const p of counted) {
    const w = p.denominator ?? 1;
    num += w * p.score!;
    den += w;
  }
  const score =
    counted.length === 1
      ? counted[0]!.score!
      : den > 0
        ? num / den
        : counted.reduce((a, p) => a + p.score!, 0) / counted.length;
  const vetoed = counted.some((p) => p.reason === 'veto');
  return {
    ...base,
    platform: counted.length === 1 ? counted[0]!.platform : 'all',
    value: pooledValue(counted),
    score,
    counted: true,
    reason: vetoed ? 'veto' : null,
    parts,
  };
}

function breachesOf(platforms: AgentScoreInput['platforms']): Breach[] {
  const out: Breach[] = [];
  for (const { platform, metrics } of platforms) {
    for (const [metric, mv] of Object.entries(metrics) as [MetricId, MetricValue | undefined][]) {
      if (mv?.pass === false && !OWN_DEDUCTION.has(metric)) out.push({ platform, metric });
    }
  }
  return out;
}

/**
 * Scores one agent under one scheme (kpi.md §2–§3). Left-out items re-normalise the others; when every item is left
 * out, kpi_total, before, final, grade and bonus are null and the agent is unranked. A KCI entry not given counts 0
 * and is listed in `kci_missing`. Platform breaches are the (platform, metric) pairs whose month value fails its
 * platform threshold (`pass === false`) over every metric in the input, scheme item or not, except `exam_warnings`
 * and `exam_overdue`, which are charged by their own deduction kinds.
 */
export function scoreAgent(input: AgentScoreInput): AgentScore {
  const { scheme } = input;
  if (!(input.days_in_month > 0))
    throw new Error(`days_in_month must be positive, got ${input.days_in_month}`);

  const scored = scheme.items.map((item) => scoreItem(item, input.platforms));
  const countedWeight = scored.reduce((a, it) => a + (it.counted ? it.weight : 0), 0);
  const items: ScoredItem[] = scored.map((it) => ({
    ...it,
    effective_weight: it.counted && countedWeight > 0 ? (it.weight * 100) / countedWeight : 0,
  }));
  const kpi_total =
    countedWeight > 0
      ? items.reduce((a, it) => a + (it.counted ? it.weight * it.score! : 0), 0) / countedWeight
      : null;

  const kci_missing: string[] = [];
  let kci_total = 100;
  if (scheme.kci_items.length > 0) {
    let num = 0;
    let den = 0;
    for (const k of scheme.kci_items) {
      const entered = input.kci[k.name];
      if (entered === undefined || entered === null) kci_missing.push(k.name);
      // an entry above max or below 0 is a typing slip the form should catch; it must not push KCI outside 0–100
      const ratio = entered === undefined || entered === null ? 0 : clamp01(entered / k.max);
      num += k.weight * ratio * 100;
      den += k.weight;
    }
    kci_total = num / den;
  }

  const breaches = breachesOf(input.platforms);
  const points = (kind: DeductionKind): number => scheme.deductions.find((d) => d.kind === kind)?.points ?? 0;
  const exam_warning = points('exam_warning') * input.exam_warnings;
  const exam_overdue = points('exam_overdue') * input.exam_overdue;
  const platform_breach = points('platform_breach') * breaches.length;
  const deductions = {
    exam_warning,
    exam_overdue,
    platform_breach,
    total: exam_warning + exam_overdue + platform_breach,
  };

  if (kpi_total === null) {
    return {
      items,
      kpi_total,
      kci_total,
      kci_missing,
      deductions,
      breaches,
      before: null,
      final: null,
      grade: null,
      bonus: null,
      ranked: false,
    };
  }
  const before = (kpi_total * scheme.kpi_share) / 100 + (kci_total * scheme.kci_share) / 100;
  const final = Math.max(0, before - deductions.total);
  const grade = gradeOf(scheme.grades, final);
  const coefficient = grade === null ? 0 : (scheme.bonus.coefficient[grade] ?? 0);
  const bonus = round2(
    (scheme.bonus.base * coefficient * input.worked_days) / input.days_in_month +
      scheme.bonus.commission_rate * (input.sales_amount ?? 0),
  );
  const ranked = input.worked_days >= scheme.min_working_days;
  return {
    items,
    kpi_total,
    kci_total,
    kci_missing,
    deductions,
    breaches,
    before,
    final,
    grade,
    bonus,
    ranked,
  };
}

/**
 * Competition ranking by round2(final), descending (1, 1, 3). Unranked agents (ranked false or final null) get rank
 * null and take no place. The input order is kept.
 */
export function rankAgents<T extends { final: number | null; ranked: boolean }>(
  results: readonly T[],
): (T & { rank: number | null })[] {
  const keys = results.map((r) => (r.ranked && r.final !== null ? round2(r.final) : null));
  const ranked = keys.filter((k): k is number => k !== null);
  return results.map((r, i) => {
    const k = keys[i] ?? null;
    return { ...r, rank: k === null ? null : 1 + ranked.filter((x) => x > k).length };
  });
}
