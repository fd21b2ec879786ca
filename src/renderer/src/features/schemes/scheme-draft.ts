/**
 * The scheme editor's working copy: the scheme JSON of kpi.md made editable (row keys, empty inputs as null, each
 * grade carrying its own bonus coefficient), converted back to the exact JSON for validation, what-if, save and export.
 * Stored units stay stored units here; the form converts rates to percentages only for display (`toShown`/`fromShown`).
 */
import { PLATFORM_ZH, type Month, type Platform } from '../../../../shared/domain';
import {
  DEDUCTION_KINDS,
  type DeductionKind,
  type Direction,
  type Scheme,
  type Scoring,
} from '../../../../shared/kpi/scheme';
import { METRICS, isMetricId, type MetricId } from '../../../../shared/metrics';

let seq = 0;
/** A row key for React lists; never written to the JSON. */
export const newKey = (): string => `k${++seq}`;

export interface DraftBand {
  key: string;
  at: number | null;
  score: number | null;
}

export interface DraftItem {
  key: string;
  metric: MetricId | null;
  weight: number | null;
  direction: Direction;
  scoring: Scoring;
  target: number | null;
  floor: number | null;
  bands: DraftBand[];
  min_sample: number | null;
  veto: boolean;
}

export interface DraftKci {
  key: string;
  name: string;
  weight: number | null;
  max: number | null;
}

export interface DraftGrade {
  key: string;
  grade: string;
  min: number | null;
  /** bonus.coefficient[grade], kept on the row so renaming a grade keeps its coefficient */
  coefficient: number | null;
}

export interface Draft {
  name: string;
  effective_from: Month;
  /** 全部店铺; when false, `shops` (and `client`) give the scope */
  scope_all: boolean;
  /** `platform|shop` */
  shops: string[];
  /** 按客户: every shop of this client (甲方), plus `shops`; '' while none is chosen; null = not by client */
  client: string | null;
  kpi_share: number | null;
  kci_share: number | null;
  items: DraftItem[];
  kci_items: DraftKci[];
  /** null = the kind is not in the scheme (no deduction) */
  deductions: Record<DeductionKind, number | null>;
  grades: DraftGrade[];
  bonus_base: number | null;
  commission_rate: number | null;
  min_working_days: number | null;
}

export const shopKey = (platform: Platform, shop: string): string => `${platform}|${shop}`;

export function parseShopKey(key: string): { platform: Platform; shop: string } {
  const i = key.indexOf('|');
  return { platform: key.slice(0, i) as Platform, shop: key.slice(i + 1) };
}

export function shopLabel(key: string): string {
  const { platform, shop } = parseShopKey(key);
  return `${PLATFORM_ZH[platform] ?? platform} · ${shop}`;
}

export function scopeText(s: Pick<Scheme, 'scope'>): string {
  const parts = [
    ...(s.scope.client ? [`客户：${s.scope.client}`] : []),
    ...s.scope.shops.map((x) => `${PLATFORM_ZH[x.platform] ?? x.platform}·${x.shop}`),
  ];
  return parts.length ? parts.join('、') : '全部店铺';
}

export function fromScheme(s: Scheme): Draft {
  const deductions = { exam_warning: null, exam_overdue: null, platform_breach: null } as Record<
    DeductionKind,
    number | null
  >;
  for (const d of s.deductions) deductions[d.kind] = d.points;
  return {
    name: s.name,
    effective_from: s.effective_from,
    scope_all: s.scope.shops.length === 0 && !s.scope.client,
    shops: s.scope.shops.map((x) => shopKey(x.platform, x.shop)),
    client: s.scope.client ?? null,
    kpi_share: s.kpi_share,
    kci_share: s.kci_share,
    items: s.items.map((it) => ({
      key: newKey(),
      metric: isMetricId(it.metric) ? it.metric : null,
      weight: it.weight,
      direction: it.direction,
      scoring: it.scoring,
      target: it.target ?? null,
      floor: it.floor ?? null,
      bands: (it.bands ?? []).map((b) => ({ key: newKey(), at: b.at, score: b.score })),
      min_sample: it.min_sample ?? null,
      veto: it.veto === true,
    })),
    kci_items: s.kci_items.map((k) => ({ key: newKey(), name: k.name, weight: k.weight, max: k.max })),
    deductions,
    grades: s.grades.map((g) => ({
      key: newKey(),
      grade: g.grade,
      min: g.min,
      coefficient: s.bonus.coefficient[g.grade] ?? null,
    })),
    bonus_base: s.bonus.base,
    commission_rate: s.bonus.commission_rate,
    min_working_days: s.min_working_days,
  };
}

/** Drops null/undefined so the validator reports "缺少字段" for what was left empty, not "应为数字". */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as Partial<T>;
}

/** The scheme JSON of kpi.md, key order as in the spec, for validation, what-if, save and export. */
export function toSchemeJson(d: Draft): unknown {
  const coefficient: Record<string, number | null> = {};
  for (const g of d.grades) if (g.grade.trim()) coefficient[g.grade.trim()] = g.coefficient ?? 0;
  return {
    name: d.name.trim(),
    effective_from: d.effective_from,
    scope: d.scope_all
      ? { shops: [] }
      : { shops: d.shops.map(parseShopKey), ...(d.client !== null ? { client: d.client } : {}) },
    kpi_share: d.kpi_share,
    kci_share: d.kci_share,
    items: d.items.map((it) =>
      compact({
        metric: it.metric ?? '',
        weight: it.weight,
        direction: it.direction,
        scoring: it.scoring,
        ...(it.scoring === 'linear'
          ? { target: it.target, floor: it.floor }
          : { bands: it.bands.map((b) => compact({ at: b.at, score: b.score })) }),
        min_sample: it.min_sample,
        veto: it.veto ? true : null,
      }),
    ),
    kci_items: d.kci_items.map((k) => compact({ name: k.name.trim(), weight: k.weight, max: k.max })),
    deductions: DEDUCTION_KINDS.filter((k) => d.deductions[k] !== null).map((kind) => ({
      kind,
      points: d.deductions[kind],
    })),
    grades: d.grades.map((g) => compact({ grade: g.grade.trim(), min: g.min })),
    bonus: compact({ base: d.bonus_base, coefficient, commission_rate: d.commission_rate }),
    min_working_days: d.min_working_days,
  };
}

/** What the form knows and the JSON cannot say: an empty shop list means every shop, so 指定店铺 needs one. */
export function formErrors(d: Draft): string[] {
  const errors: string[] = [];
  if (!d.scope_all && d.client === null && d.shops.length === 0)
    errors.push('适用店铺：请选择至少一个店铺，或改为“全部店铺”');
  if (!d.scope_all && d.client === '') errors.push('适用店铺：请选择客户，或改为“全部店铺”');
  return errors;
}

/** Metric ids named by validateScheme's item messages (`考核项「…（reply_3min_rate）」`), to mark their rows. */
export function metricsWithErrors(errors: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const e of errors) {
    const m = /^考核项「.+?（([a-z0-9_]+)）」/.exec(e);
    if (m?.[1]) out.add(m[1]);
  }
  return out;
}

export const DEDUCTION_ZH: Record<DeductionKind, { label: string; per: string; hint: string }> = {
  exam_warning: { label: '考试预警', per: '每次', hint: '抖音消极服务考试预警，每收到一次扣分' },
  exam_overdue: { label: '逾期考试', per: '每次', hint: '考试预警逾期未考，每次扣分' },
  platform_breach: {
    label: '平台违规',
    per: '每项',
    hint: '客服在某平台的某项指标当月未达平台考核线，每个（平台, 指标）扣一次',
  },
};

/** How a metric's value is edited: rates as percentages, durations in seconds, money in yuan. */
export interface MetricUnit {
  /** stored value × factor = shown value */
  factor: number;
  suffix: string;
  step: number;
  precision: number;
}

export function unitOf(metric: MetricId | null): MetricUnit {
  if (!metric) return { factor: 1, suffix: '', step: 1, precision: 2 };
  switch (METRICS[metric].kind) {
    case 'rate':
    case 'ratio':
      return { factor: 100, suffix: '%', step: 1, precision: 2 };
    case 'duration':
      return { factor: 1, suffix: '秒', step: 1, precision: 1 };
    case 'money':
    case 'money_per':
      return { factor: 1, suffix: '元', step: 100, precision: 2 };
    case 'hours':
      return { factor: 1, suffix: '时', step: 1, precision: 1 };
    case 'count':
      return { factor: 1, suffix: '次', step: 1, precision: 0 };
    case 'per_hour':
      return { factor: 1, suffix: '', step: 0.5, precision: 2 };
  }
}

// 0.95 × 100 is 95.00000000000001 in floating point: neither the input nor the saved JSON may show that noise
const clean = (x: number): number => Number(x.toPrecision(12));

export function toShown(metric: MetricId | null, v: number | null): number | null {
  return v === null ? null : clean(v * unitOf(metric).factor);
}

export function fromShown(metric: MetricId | null, v: number | null): number | null {
  return v === null ? null : clean(v / unitOf(metric).factor);
}

/** A stored value as the lead reads it: `95%`, `30秒`, `¥1,000`. */
export function shownText(metric: MetricId | null, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const u = unitOf(metric);
  const n = clean(v * u.factor);
  return `${n.toLocaleString('zh-CN', { maximumFractionDigits: u.precision })}${u.suffix}`;
}

export const DIRECTION_ZH: Record<Direction, string> = { up: '上升', down: '下降' };
export const SCORING_ZH: Record<Scoring, string> = { linear: '线性', bands: '分档' };

const FIELD_ZH: Record<string, string> = {
  name: '名称',
  effective_from: '生效月份',
  scope: '适用店铺',
  shops: '店铺',
  kpi_share: 'KPI 占比',
  kci_share: 'KCI 占比',
  metric: '指标',
  weight: '权重',
  direction: '方向',
  scoring: '评分方式',
  target: '目标',
  floor: '底线',
  bands: '分档',
  at: '达到值',
  score: '得分',
  min_sample: '最小样本',
  veto: '一票否决',
  max: '满分',
  kind: '类型',
  points: '扣分',
  grade: '等级',
  min: '最低分',
  base: '奖金基数',
  coefficient: '奖金系数',
  commission_rate: '提成比例',
  min_working_days: '参与排名最少出勤天数',
  platform: '平台',
  shop: '店铺',
};

const SILENT = new Set(['items', 'kci_items', 'grades', 'deductions', 'bonus', 'scope']);

/** `items[1].weight` → `考核项第 2 行「平均响应时长」权重`. */
function pathZh(path: string, d: Draft): string {
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  const out: string[] = [];
  let list: string | null = null;
  for (const p of parts) {
    const idx = /^\[(\d+)\]$/.exec(p);
    if (idx) {
      const i = Number(idx[1]);
      if (list === 'items') {
        const m = d.items[i]?.metric;
        out.push(`考核项第 ${i + 1} 行${m ? `「${METRICS[m].zh}」` : ''}`);
      } else if (list === 'kci_items') out.push(`KCI 项第 ${i + 1} 行`);
      else if (list === 'grades') out.push(`等级第 ${i + 1} 行`);
      else if (list === 'deductions') out.push(`扣分项第 ${i + 1} 行`);
      else if (list === 'bands') out.push(`第 ${i + 1} 档`);
      else out.push(`第 ${i + 1} 项`);
      continue;
    }
    list = p;
    if (SILENT.has(p)) continue;
    out.push(FIELD_ZH[p] ?? p);
  }
  return out.join(' ');
}

const NUM = String.raw`(-?\d+(?:\.\d+)?(?:e-?\d+)?)`;

/**
 * validateScheme's messages name JSON fields (floor, target, up) and stored units (0.6 for 60%), which is right for a
 * file and foreign to the form. This rewrites them in the form's words and units; anything unrecognised passes as is.
 */
export function errorZh(msg: string, d: Draft): string {
  // shape errors: `items[0].weight：缺少字段`
  const shape = /^([a-z_]+(?:\[\d+\]|\.[a-z_]+)*)：(.*)$/.exec(msg);
  if (shape?.[1] && shape[2] !== undefined && shape[1] !== '方案') {
    let rest = shape[2];
    if (rest === '缺少字段') rest = '未填写';
    rest = rest.replace('应为数字', '应填写数字');
    return `${pathZh(shape[1], d)}：${rest}`;
  }
  const noMetric = /^考核项 #(\d+)「」：未知指标\s*$/.exec(msg);
  if (noMetric) return `考核项第 ${noMetric[1]} 行：请选择指标`;
  const label = /^考核项「(.+?)（([a-z0-9_]+)）」/.exec(msg);
  const metric = label?.[2] && isMetricId(label[2]) ? label[2] : null;
  let out = msg.replace(/^考核项「(.+?)（[a-z0-9_]+）」/, '考核项「$1」');
  out = out
    .replace(
      new RegExp(`方向为 (up|down) 时保底值 floor（${NUM}）应(小于|大于)目标值 target（${NUM}）`),
      (_m, dir: string, f: string, rel: string, t: string) =>
        `方向为${DIRECTION_ZH[dir as Direction]}时，底线 ${shownText(metric, Number(f))} 应${rel === '小于' ? '低于' : '高于'}目标 ${shownText(metric, Number(t))}`,
    )
    .replace('线性评分需要目标值 target 和保底值 floor', '线性评分需要填写目标和底线')
    .replace('分档评分需要至少一个档位 bands', '分档评分至少需要一个档位')
    .replace(
      new RegExp(`方向为 (up|down) 时档位 at 应(.+?)排列（第 (\\d+) 档 ${NUM}，第 (\\d+) 档 ${NUM}）`),
      (_m, dir: string, order: string, k1: string, a: string, k2: string, b: string) =>
        `方向为${DIRECTION_ZH[dir as Direction]}时档位应${order}排列（第 ${k1} 档 ${shownText(metric, Number(a))}，第 ${k2} 档 ${shownText(metric, Number(b))}）`,
    )
    .replace('不能设置一票否决 veto', '不能设置一票否决')
    .replace(/生效月份 effective_from「(.*?)」/, '生效月份「$1」')
    .replace(
      /扣分项「(exam_warning|exam_overdue|platform_breach)」/,
      (_m, k: DeductionKind) => `扣分项「${DEDUCTION_ZH[k].label}」`,
    );
  return out;
}

/** The list with the row of this key changed by `patch` (the other rows, and the order, as they were). */
export function patchRow<T extends { key: string }>(rows: readonly T[], key: string, patch: Partial<T>): T[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r));
}
