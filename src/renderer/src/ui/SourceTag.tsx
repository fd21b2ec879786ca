import type { CSSProperties, ReactNode } from 'react';
import { LazyTooltip } from './LazyTooltip';
import { SOURCE_ZH, type MetricValue } from '../../../shared/report';

const SHORT = { summary: '导出', events: '明细', mixed: '混合' } as const;
const COLOR = { summary: '#8c8c8c', events: '#1677ff', mixed: '#d46b08' } as const;
// styled here: the tag is self-contained (no shared stylesheet rule to keep in step); one object per source
const STYLE = Object.fromEntries(
  (Object.keys(COLOR) as (keyof typeof COLOR)[]).map((s) => [
    s,
    {
      fontSize: 11,
      lineHeight: '14px',
      padding: '0 3px',
      marginLeft: 4,
      borderRadius: 3,
      border: `1px solid ${COLOR[s]}`,
      color: COLOR[s],
      whiteSpace: 'nowrap',
    },
  ]),
) as Record<keyof typeof COLOR, CSSProperties>;

/**
 * The source of a value (metrics.md §5) as a small tag beside it: 导出 (平台导出), 明细 (明细计算) or 混合, with the
 * days from each on hover. Nothing for a value with no counted days.
 */
export function SourceTag({ value }: { value: MetricValue | undefined }): ReactNode {
  const s = value?.source;
  if (!s || value.value === null) return null;
  const d = value.source_days;
  const days = d ? `平台导出 ${d.summary} 天，明细计算 ${d.events} 天` : '';
  return (
    <LazyTooltip title={`来源：${SOURCE_ZH[s]}${days ? `（${days}）` : ''}`}>
      <span className={`sd-source sd-source-${s}`} data-testid="source-tag" data-source={s} style={STYLE[s]}>
        {SHORT[s]}
      </span>
    </LazyTooltip>
  );
}
