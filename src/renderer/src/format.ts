/** Display helpers shared by the pages (metrics.md §0: rates as %, "—" for no data). */
import { PLATFORM_ZH, type Platform } from '../../shared/domain';
import type { PeriodSource } from '../../shared/imports';
import { formatMetric, type MetricId } from '../../shared/metrics';
import type { Threshold } from '../../shared/report';

export const DASH = '—';

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

/** Numerators and denominators: integers as is, sums of weighted values with at most two decimals. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return DASH;
  return n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

export function formatPeriod(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return DASH;
  if (from === to || !to) return from ?? DASH;
  return `${from ?? '?'} ~ ${to}`;
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
  commit: '写入数据库',
  recalc: '重新计算',
  done: '完成',
};

export function stageZh(stage: string): string {
  return STAGE_ZH[stage] ?? stage;
}
