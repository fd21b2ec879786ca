/**
 * Renders a ready ECharts option (architecture.md #7: the option is built by a pure function in src/shared/charts.ts
 * or src/shared/charts-kpi.ts). Init on the div, `setOption(option, true)` whenever the option changes, resize with the
 * box, dispose on unmount. ECharts is imported piece by piece: only line and bar charts, their components and the
 * canvas renderer are bundled.
 */
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartOption } from '../../../shared/charts';
import type { KpiChartOption } from '../../../shared/charts-kpi';
import type { ScoreTrendOption } from '../../../shared/charts-agent';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export function EChart({
  option,
  height,
  width,
  className,
  style,
  testId,
}: {
  option: ChartOption | KpiChartOption | ScoreTrendOption;
  height: number | string;
  width?: number | string;
  className?: string;
  style?: CSSProperties;
  testId?: string;
}): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new option replaces the old one (a series that disappeared must not linger)
    chart.current?.setOption(option as unknown as echarts.EChartsCoreOption, true);
  }, [option]);

  return (
    <div
      ref={box}
      className={className}
      style={{ width: width ?? '100%', height, ...style }}
      data-testid={testId}
    />
  );
}
