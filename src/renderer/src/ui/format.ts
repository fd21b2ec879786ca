/** Display helpers shared by the pages (metrics.md §0: rates as %, "—" for no data). */
import { PLATFORM_ZH, type Platform } from '../../../shared/domain';
import type { PeriodSource } from '../../../shared/imports';
import { formatMetric, METRICS, type MetricId } from '../../../shared/metrics';
import type { Threshold } from '../../../shared/report';

export const DASH = '—';

/** Made once (a locale'd `toLocaleString` builds one per call, per table cell); the same text as toLocaleString. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const MONEY_FORMAT = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function platformZh(p: Platform | null | undefined): string {
  return p ? PLATFORM_ZH[p] : DASH;
}

export const PLATFORM_COLOR: Record<Platform, string> = {
  douyin: 'magenta',
  kuaishou: 'orange',
  jd: 'red',
  taobao: 'volcano',
};

export const PERIOD_SOURCE_ZH: Record<PeriodSource, string> = {
  column: '来自数据列',
  file_name: '来自文件名',
  user: '手动指定',
};

export function formatThreshold(id: MetricId, t: Threshold): string {
  return `${t.op === '>=' ? '≥' : '≤'} ${formatMetric(id, t.value)}`;
}

/**
 * Counts (sessions, ratings, rows): whole numbers with thousands separators. A count that is not whole (a numerator
 * rebuilt from a rate × sessions) is rounded: 2,561.35 个好评 means nothing to the lead.
 */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return COUNT_FORMAT.format(Math.round(n));
}

/**
 * A rate's numerator/denominator as counts: 2,246/2,423. When either side is not whole (rebuilt from a rate, or a
 * weighted sum), the pair is only approximately what the platform counted, and says so with 约.
 */
export function formatFraction(num: number | null | undefined, den: number | null | undefined): string {
  const whole = [num, den].every((n) => n === null || n === undefined || Number.isInteger(n));
  return `${whole ? '' : '约 '}${formatCount(num)}/${formatCount(den)}`;
}

export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return DASH;
  if (from === to || !to) return from ?? DASH;
  return `${from ?? '?'} ~ ${to}`;
}

/** A period in a narrow column: the end's year is left out when it is the start's (2026-10-01 ~ 10-31). */
export function formatPeriodShort(from: string | null | undefined, to: string | null | undefined): string {
  if (from && to && from !== to && from.slice(0, 5) === to.slice(0, 5)) return `${from} ~ ${to.slice(5)}`;
  return formatPeriod(from, to);
}

/** Import times: instants with a zone are shown in China time (metrics.md §0); plain wall-clock text as given. */
export function formatDateTime(text: string | null | undefined): string {
  if (!text) return DASH;
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) {
      const iso = new Date(ms + 8 * 3600_000).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    }
  }
  return text.replace('T', ' ').slice(0, 19);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const STAGE_ZH: Record<string, string> = {
  read: '读取文件',
  detect: '识别格式',
  map: '转换数据',
  validate: '校验数据',
  version: '比对版本',
  supersede: '比对版本',
  import: '导入文件',
  commit: '写入数据库',
  recalc: '重新计算',
  done: '完成',
};

/** A stage the table does not know yet is still shown in Chinese: the lead never sees the back end's word. */
export function stageZh(stage: string): string {
  return STAGE_ZH[stage] ?? '处理中';
}

/** Per-platform tag colours are antd presets; chart lines need a hex. */
export const PLATFORM_HEX: Record<Platform, string> = {
  douyin: '#c41d7f',
  kuaishou: '#d46b08',
  jd: '#cf1322',
  taobao: '#d4380d',
};

export interface Delta {
  /** `▲ 2.35pp`, `▼ 3.2秒`, `持平` */
  text: string;
  tone: 'good' | 'bad' | 'neutral';
  /** the sentence on hover */
  title: string;
}

/**
 * The change from last month: percentage points for rates, seconds for durations, the unit of the metric otherwise;
 * good or bad by the metric's direction (`METRICS[id].better`), neutral for volumes.
 */
export function metricDelta(
  id: MetricId,
  cur: number | null | undefined,
  prev: number | null | undefined,
): Delta | null {
  if (cur === null || cur === undefined || prev === null || prev === undefined) return null;
  if (!Number.isFinite(cur) || !Number.isFinite(prev)) return null;
  const def = METRICS[id];
  const diff = cur - prev;
  let amount: string;
  let long: string;
  switch (def.kind) {
    case 'rate':
    case 'ratio':
      amount = `${Math.abs(diff * 100).toFixed(2)}pp`;
      long = `${Math.abs(diff * 100).toFixed(2)} 个百分点`;
      break;
    case 'duration':
      amount = `${Math.abs(diff).toFixed(1)}秒`;
      long = `${Math.abs(diff).toFixed(1)} 秒`;
      break;
    case 'money':
    case 'money_per':
      amount = formatMetric(id, Math.abs(diff));
      long = amount;
      break;
    case 'hours':
      amount = `${Math.abs(diff).toFixed(1)}时`;
      long = `${Math.abs(diff).toFixed(1)} 小时`;
      break;
    case 'per_hour':
      amount = Math.abs(diff).toFixed(2);
      long = amount;
      break;
    case 'count':
      amount = formatCount(Math.abs(diff));
      long = amount;
      break;
  }
  const prevText = formatMetric(id, prev);
  if (amount.replace(/[^1-9]/g, '') === '') {
    return { text: '持平', tone: 'neutral', title: `与上月持平（上月 ${prevText}）` };
  }
  const up = diff > 0;
  const tone: Delta['tone'] = def.better === null ? 'neutral' : (def.better === 'up') === up ? 'good' : 'bad';
  return {
    text: `${up ? '▲' : '▼'} ${amount}`,
    tone,
    title: `较上月（${prevText}）${up ? '上升' : '下降'} ${long}${tone === 'good' ? '，变好' : tone === 'bad' ? '，变差' : ''}`,
  };
}

/** A threshold fraction as a short percent: 0.8 → `80%`, 0.825 → `82.5%`. */
export function shortPercent(v: number): string {
  return `${(Math.round(v * 10000) / 100).toString()}%`;
}

/** A chat wait in seconds as the lead says it: `3分12秒`, `45秒`, `1小时2分0秒`; null → `未回复`. */
export function formatWait(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '未回复';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}小时${m}分${rest}秒`;
  if (m > 0) return `${m}分${rest}秒`;
  return `${rest}秒`;
}

/** Half away from zero to 2 decimals (kpi.md §3: the rounding used for grade, rank and display). */
function round2(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9) / 100;
  return x < 0 ? -r : r;
}

/** A KPI score or total with two decimals (`53.79`), "—" for none. */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return round2(n).toFixed(2);
}

/** Points (weights, deductions): integers as is, else up to two decimals. */
export function formatPoints(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return String(round2(n));
}

export function formatMoney(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return `¥${MONEY_FORMAT.format(n)}`;
}

/** Grade tag colours: the usual A–D (and S/E) scale; any other grade name is neutral. */
const GRADE_COLOR: Record<string, string> = {
  S: 'purple',
  A: 'green',
  B: 'blue',
  C: 'gold',
  D: 'red',
  E: 'red',
};

export function gradeColor(grade: string | null | undefined): string | undefined {
  if (!grade) return undefined;
  return GRADE_COLOR[grade.trim().toUpperCase()] ?? 'default';
}

/** A `YYYY-MM-DD HH:mm:ss` China time without its seconds, for schedule times. */
export function formatMinute(text: string | null | undefined): string {
  if (!text) return DASH;
  return text.replace('T', ' ').slice(0, 16);
}
