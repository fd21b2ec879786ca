import { useMemo, type ReactNode } from 'react';
import { Tooltip } from 'antd';
import { sparklineOption, trimNulls, type ChartUnit } from '../../../shared/charts';
import type { Threshold } from '../../../shared/report';
import { EChart } from './EChart';

/** A word-sized daily line (about 80×24) with the days it covers on hover; nothing when there is no day data. */
export function Sparkline({
  days,
  values,
  unit,
  threshold,
  label,
  width = 80,
  height = 24,
}: {
  days: readonly string[];
  values: readonly (number | null)[] | undefined;
  unit: ChartUnit;
  threshold?: Threshold | null;
  label: string;
  width?: number;
  height?: number;
}): ReactNode {
  const option = useMemo(
    () => (values ? sparklineOption({ values, unit, threshold: threshold ?? null }) : null),
    [values, unit, threshold],
  );
  if (!values || !option || option.series[0]!.data.length === 0) {
    return <span style={{ display: 'inline-block', width, height }} aria-hidden />;
  }
  const { start, values: shown } = trimNulls(values);
  const from = days[start]?.slice(5) ?? '';
  const to = days[start + shown.length - 1]?.slice(5) ?? '';
  const n = shown.filter((v) => v !== null).length;
  return (
    <Tooltip title={`${label} 每日走势：${from === to ? from : `${from} ~ ${to}`}，${n} 天有数据`}>
      <span className="sd-spark" data-testid="sparkline">
        <EChart option={option} width={width} height={height} />
      </span>
    </Tooltip>
  );
}
