/**
 * KPI schemes (考核方案, kpi.md): the JSON a lead exports and imports, its validation with Chinese messages, and the
 * choice of the version in force for a month.
 */
import { z } from 'zod';
import { PLATFORMS, type Month, type Platform } from '../domain';
import { METRICS, isMetricId, type MetricId } from '../metrics';
import { DEFAULT_RULES } from '../rules';

export type Direction = 'up' | 'down';
export type Scoring = 'linear' | 'bands';
export type DeductionKind = 'exam_warning' | 'exam_overdue' | 'platform_breach';

export const DEDUCTION_KINDS: readonly DeductionKind[] = ['exam_warning', 'exam_overdue', 'platform_breach'];

export interface SchemeShop {
  platform: Platform;
  shop: string;
}

/** `bands`: the first band reached wins (`up`: value ≥ at; `down`: value ≤ at), bounds inclusive. */
export interface Band {
  at: number;
  score: number;
}

/** One scored metric. Targets, floors and band bounds are in the metric's own unit (fractions, seconds, yuan). */
export interface SchemeItem {
  metric: MetricId;
  weight: number;
  direction: Direction;
  scoring: Scoring;
  target?: number;
  floor?: number;
  bands?: Band[];
  /** Overrides the unit's small-sample minimum (metrics.md §0). */
  min_sample?: number;
  /** The item scores 0 when the month value fails its platform threshold. */
  veto?: boolean;
}

export interface KciItem {
  name: string;
  weight: number;
  max: number;
}

export interface Deduction {
  kind: DeductionKind;
  points: number;
}

export interface Grade {
  grade: string;
  min: number;
}

export interface Bonus {
  base: number;
  coefficient: Record<string, number>;
  commission_rate: number;
}

/**
 * A scheme's shops: the listed shops plus, when `client` names a client (甲方), every shop that client owns at the
 * time of the calculation (shops assigned later included). No shops and no client = all shops.
 */
export interface SchemeScope {
  shops: SchemeShop[];
  client?: string;
}

/** A scheme version, exactly the JSON of kpi.md. `scope.shops` empty (and no `scope.client`) = all shops. */
export interface Scheme {
  name: string;
  effective_from: Month;
  scope: SchemeScope;
  kpi_share: number;
  kci_share: number;
  items: SchemeItem[];
  kci_items: KciItem[];
  deductions: Deduction[];
  grades: Grade[];
  bonus: Bonus;
  min_working_days: number;
}

/** The shipped default scheme: the kpi.md example with scope = all shops. */
export const DEFAULT_SCHEME: Scheme = {
  name: '星河-标准方案',
  effective_from: '2026-10',
  scope: { shops: [] },
  kpi_share: 80,
  kci_share: 20,
  items: [
    { metric: 'conversion_rate', weight: 30, direction: 'up', scoring: 'linear', target: 0.3, floor: 0.1 },
    { metric: 'avg_response_s', weight: 20, direction: 'down', scoring: 'linear', target: 30, floor: 60 },
    {
      metric: 'good_rate',
      weight: 20,
      direction: 'up',
      scoring: 'bands',
      bands: [
        { at: 0.95, score: 100 },
        { at: 0.9, score: 80 },
        { at: 0.8, score: 60 },
      ],
      min_sample: 20,
    },
    {
      metric: 'bad_attitude_ratio',
      weight: 15,
      direction: 'down',
      scoring: 'linear',
      target: 0.03,
      floor: 0.06,
      veto: true,
    },
    { metric: 'reply_3min_rate', weight: 15, direction: 'up', scoring: 'linear', target: 0.95, floor: 0.8 },
  ],
  kci_items: [
    { name: '出勤', weight: 50, max: 100 },
    { name: '质检', weight: 50, max: 100 },
  ],
  deductions: [
    { kind: 'exam_warning', points: 2 },
    { kind: 'exam_overdue', points: 5 },
    { kind: 'platform_breach', points: 3 },
  ],
  grades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 80 },
    { grade: 'C', min: 70 },
    { grade: 'D', min: 0 },
  ],
  bonus: { base: 1000, coefficient: { A: 1.2, B: 1.0, C: 0.8, D: 0 }, commission_rate: 0.01 },
  min_working_days: 10,
};

/** `platform|shop` → the name of the client (甲方) owning the shop: what a scope naming a client needs to know. */
export type ShopClients = ReadonlyMap<string, string>;

export const shopClientKey = (platform: Platform, shop: string): string => `${platform}|${shop}`;

/** Does the scheme cover every shop (no shop listed, no client named)? */
export function scopeIsAll(scheme: Pick<Scheme, 'scope'>): boolean {
  return scheme.scope.shops.length === 0 && !scheme.scope.client;
}

/**
 * Is (platform, shop) inside the scheme's scope? An empty shop list without a client is every shop; a listed shop is
 * in; with a client, a shop that client owns in `clients` is in (without `clients`, only the listed shops).
 */
export function inScope(
  scheme: Pick<Scheme, 'scope'>,
  platform: Platform,
  shop: string,
  clients?: ShopClients,
): boolean {
  const { shops, client } = scheme.scope;
  if (shops.length === 0 && !client) return true;
  if (shops.some((s) => s.platform === platform && s.shop === shop)) return true;
  return !!client && clients?.get(shopClientKey(platform, shop)) === client;
}

/** Does any platform have a threshold rule for the metric (the condition for `veto`)? */
export function hasDefaultThreshold(metric: MetricId): boolean {
  return DEFAULT_RULES.some((r) => r.key === `threshold.${metric}`);
}

// Strict objects: a misspelt key ("flor", "min_samples") in an imported file must fail, not be silently dropped.
const nonNegative = z.number().min(0);
const shape = z.strictObject({
  name: z.string().trim().min(1),
  effective_from: z.string(),
  scope: z.strictObject({
    shops: z.array(z.strictObject({ platform: z.enum(PLATFORMS), shop: z.string().trim().min(1) })),
    client: z.string().trim().min(1).max(100).optional(),
  }),
  kpi_share: z.number().min(0).max(100),
  kci_share: z.number().min(0).max(100),
  items: z
    .array(
      z.strictObject({
        // an unknown id is a semantic error with its own message, so the shape only asks for a string
        metric: z.string(),
        weight: z.number().positive(),
        direction: z.enum(['up', 'down']),
        scoring: z.enum(['linear', 'bands']),
        target: z.number().optional(),
        floor: z.number().optional(),
        bands: z.array(z.strictObject({ at: z.number(), score: z.number().min(0).max(100) })).optional(),
        min_sample: z.number().int().min(0).optional(),
        veto: z.boolean().optional(),
      }),
    )
    .min(1),
  kci_items: z.array(
    z.strictObject({
      name: z.string().trim().min(1),
      weight: z.number().positive(),
      max: z.number().positive(),
    }),
  ),
  deductions: z.array(
    z.strictObject({
      kind: z.enum(['exam_warning', 'exam_overdue', 'platform_breach']),
      points: nonNegative,
    }),
  ),
  grades: z.array(z.strictObject({ grade: z.string().trim().min(1), min: nonNegative })).min(1),
  bonus: z.strictObject({
    base: nonNegative,
    coefficient: z.record(z.string(), nonNegative),
    commission_rate: nonNegative,
  }),
  min_working_days: z.number().int().min(0).max(31),
});
type Shape = z.infer<typeof shape>;
type ShapeItem = Shape['items'][number];

const TYPE_ZH: Record<string, string> = {
  number: '数字',
  string: '文本',
  boolean: 'true/false',
  array: '数组',
  object: '对象',
  record: '对象',
};

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '方案' : s;
}

/** Fields whose path alone would not tell the lead what is meant. */
const FIELD_ZH: Record<string, string> = { 'scope.client': '适用客户 scope.client（客户名称）' };

function issueZh(issue: z.core.$ZodIssue): string {
  const path = pathText(issue.path);
  const at = FIELD_ZH[path] ?? path;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${at}：缺少字段`;
      return `${at}：应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array') return `${at}：至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return `${at}：不能为空`;
      return `${at}：应${issue.inclusive === false ? '大于' : '不小于'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${at}：应${issue.inclusive === false ? '小于' : '不大于'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${at}：应为 ${issue.values.map((v) => String(v)).join(' / ')} 之一`;
    case 'unrecognized_keys':
      return `${at}：未知字段 ${issue.keys.join('、')}`;
    case 'not_multiple_of':
      return `${at}：应为整数`;
    default:
      return `${at}：格式不正确`;
  }
}

function fmt(x: number): string {
  // sums of decimal weights (33.3 + 33.3 + 33.4) carry float noise that must not reach the message
  return String(Math.round(x * 1e9) / 1e9);
}

const sumsTo100 = (xs: number[]): boolean => Math.abs(xs.reduce((a, b) => a + b, 0) - 100) < 1e-9;

function itemLabel(item: ShapeItem, i: number): string {
  return isMetricId(item.metric)
    ? `考核项「${METRICS[item.metric].zh}（${item.metric}）」`
    : `考核项 #${i + 1}「${item.metric}」`;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function itemErrors(item: ShapeItem, i: number, hasThreshold: (metric: MetricId) => boolean): string[] {
  const errors: string[] = [];
  const label = itemLabel(item, i);
  if (!isMetricId(item.metric)) return [`${label}：未知指标 ${item.metric}`];
  if (item.scoring === 'linear') {
    if (item.target === undefined || item.floor === undefined) {
      errors.push(`${label}：线性评分需要目标值 target 和保底值 floor`);
    } else if (item.direction === 'up' && item.floor >= item.target) {
      errors.push(
        `${label}：方向为 up 时保底值 floor（${fmt(item.floor)}）应小于目标值 target（${fmt(item.target)}）`,
      );
    } else if (item.direction === 'down' && item.floor <= item.target) {
      errors.push(
        `${label}：方向为 down 时保底值 floor（${fmt(item.floor)}）应大于目标值 target（${fmt(item.target)}）`,
      );
    }
  } else {
    const bands = item.bands ?? [];
    if (bands.length === 0) errors.push(`${label}：分档评分需要至少一个档位 bands`);
    for (let k = 1; k < bands.length; k++) {
      const prev = bands[k - 1]!;
      const cur = bands[k]!;
      const atOk = item.direction === 'up' ? cur.at < prev.at : cur.at > prev.at;
      if (!atOk) {
        const order = item.direction === 'up' ? '从高到低（严格递减）' : '从低到高（严格递增）';
        errors.push(
          `${label}：分档不单调，方向为 ${item.direction} 时档位 at 应${order}排列（第 ${k} 档 ${fmt(prev.at)}，第 ${k + 1} 档 ${fmt(cur.at)}）`,
        );
        break;
      }
      if (cur.score > prev.score) {
        errors.push(
          `${label}：分档不单调，得分应逐档不增（第 ${k} 档 ${fmt(prev.score)} 分，第 ${k + 1} 档 ${fmt(cur.score)} 分）`,
        );
        break;
      }
    }
  }
  if (item.veto === true && !hasThreshold(item.metric)) {
    errors.push(`${label}：该指标没有平台考核线，不能设置一票否决 veto`);
  }
  return errors;
}

function semanticErrors(s: Shape, hasThreshold: (metric: MetricId) => boolean): string[] {
  const errors: string[] = [];
  if (!MONTH.test(s.effective_from))
    errors.push(`生效月份 effective_from「${s.effective_from}」格式应为 YYYY-MM`);
  if (!sumsTo100([s.kpi_share, s.kci_share])) {
    errors.push(
      `KPI 占比 ${fmt(s.kpi_share)} + KCI 占比 ${fmt(s.kci_share)} = ${fmt(s.kpi_share + s.kci_share)}，应为 100`,
    );
  }

  const weights = s.items.map((it) => it.weight);
  if (!sumsTo100(weights))
    errors.push(`考核项权重合计为 ${fmt(weights.reduce((a, b) => a + b, 0))}，应为 100`);
  const seen = new Set<string>();
  s.items.forEach((item, i) => {
    if (seen.has(item.metric)) errors.push(`${itemLabel(item, i)}：指标重复，每个指标只能设置一个考核项`);
    seen.add(item.metric);
    errors.push(...itemErrors(item, i, hasThreshold));
  });

  if (s.kci_items.length > 0) {
    const kw = s.kci_items.map((k) => k.weight);
    if (!sumsTo100(kw)) errors.push(`KCI 项权重合计为 ${fmt(kw.reduce((a, b) => a + b, 0))}，应为 100`);
  }
  const kciNames = new Set<string>();
  for (const k of s.kci_items) {
    if (kciNames.has(k.name)) errors.push(`KCI 项「${k.name}」重复`);
    kciNames.add(k.name);
  }

  const kinds = new Set<string>();
  for (const d of s.deductions) {
    if (kinds.has(d.kind)) errors.push(`扣分项「${d.kind}」重复`);
    kinds.add(d.kind);
  }

  const names = new Set<string>();
  s.grades.forEach((g, i) => {
    if (names.has(g.grade)) errors.push(`等级「${g.grade}」重复`);
    names.add(g.grade);
    const prev = s.grades[i - 1];
    if (prev && g.min >= prev.min) {
      errors.push(
        `等级应按最低分从高到低排列：「${prev.grade}」${fmt(prev.min)} 分之后是「${g.grade}」${fmt(g.min)} 分`,
      );
    }
  });
  const last = s.grades[s.grades.length - 1];
  if (last && last.min !== 0)
    errors.push(`最低等级「${last.grade}」的最低分应为 0（现为 ${fmt(last.min)}），否则有分数无等级`);

  for (const g of s.grades) {
    if (!Object.hasOwn(s.bonus.coefficient, g.grade)) errors.push(`奖金系数缺少等级「${g.grade}」`);
  }
  for (const key of Object.keys(s.bonus.coefficient)) {
    if (!names.has(key)) errors.push(`奖金系数中的等级「${key}」不在等级列表中`);
  }
  return errors;
}

export type SchemeValidation = { ok: true; scheme: Scheme } | { ok: false; errors: string[] };

/**
 * Validates an imported or edited scheme: the JSON shape, then the rules of kpi.md (weights sum to 100, shares sum to
 * 100, known metric ids, floor/target order, monotonic bands, veto only where a platform threshold exists, KCI weights,
 * grades descending with a 0 floor, a bonus coefficient per grade, `effective_from` as YYYY-MM). Messages are Chinese
 * and name the item. `hasThreshold` defaults to the shipped rule set.
 */
export function validateScheme(
  json: unknown,
  hasThreshold: (metric: MetricId) => boolean = hasDefaultThreshold,
): SchemeValidation {
  const parsed = shape.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(issueZh) };
  const errors = semanticErrors(parsed.data, hasThreshold);
  if (errors.length > 0) return { ok: false, errors };
  // every metric id was checked above, which is what the narrower type records
  return { ok: true, scheme: parsed.data as Scheme };
}

/** The version of the named scheme in force in a month: the latest `effective_from` ≤ month (later in the list wins a tie). */
export function schemeForMonth(versions: readonly Scheme[], name: string, month: Month): Scheme | null {
  let best: Scheme | null = null;
  for (const v of versions) {
    if (v.name !== name || v.effective_from > month) continue;
    if (!best || v.effective_from >= best.effective_from) best = v;
  }
  return best;
}
