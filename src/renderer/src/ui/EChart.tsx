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

/** The widest a chart is drawn on paper: A4 portrait less the 12 mm margins and a card's padding, in CSS pixels. */
const PRINT_WIDTH = 660;

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
    // on paper the chart is drawn at most as wide as A4 allows: the print layout happens after `beforeprint` without
    // a resize callback, and a screen-wide canvas would be shrunk with its text
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
    let printing = media?.matches ?? false;
    const fit = (): void => {
      if (c.isDisposed()) return;
      if (printing) c.resize({ width: Math.min(el.clientWidth || PRINT_WIDTH, PRINT_WIDTH) });
      else c.resize();
      // draw now: no animation frame runs before the page is printed
      c.getZr().flush();
    };
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    const before = (): void => {
      printing = true;
      fit();
    };
    const after = (): void => {
      printing = media?.matches ?? false;
      fit();
    };
    const change = (e: MediaQueryListEvent): void => (e.matches ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener('change', change);
    return () => {
      ro.disconnect();
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener('change', change);
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
