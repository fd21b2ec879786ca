import { describe, expect, it } from 'vitest';
import {
  AFTER_COLOR,
  BEFORE_COLOR,
  bucketLabel,
  formatPeople,
  isEmptyDistribution,
  scoreDistributionOption,
  UNSCORED_LABEL,
} from '../../src/shared/charts-kpi';
import { scoreHistogram } from '../../src/shared/kpi/what-if';

// 李青 53.79 → 47.58, 赵六 96 → 96, 王满 unscored on both sides (kpi.test.ts)
const before = scoreHistogram([53.792, 96, null]);
const after = scoreHistogram([47.584, 96, null]);

describe('what-if score distribution option', () => {
  const option = scoreDistributionOption({ before, after, beforeName: '当前版本', afterName: '修改后' });

  it('puts the saved version beside the draft, grey then blue, named for the legend', () => {
    expect(option.series.map((s) => [s.type, s.name, s.itemStyle.color])).toEqual([
      ['bar', '当前版本', BEFORE_COLOR],
      ['bar', '修改后', AFTER_COLOR],
    ]);
    expect(option.legend.show).toBe(true);
  });

  it('counts agents per 10-point bucket from the lowest occupied one, labelled in points', () => {
    // 李青 is in 40–50 after the edit and 50–60 before: the buckets under 40 are left out
    expect(option.xAxis.data.slice(0, 6)).toEqual([
      '40–50分',
      '50–60分',
      '60–70分',
      '70–80分',
      '80–90分',
      '90–100分',
    ]);
    expect(option.series[0]!.data.slice(0, 6)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(option.series[1]!.data.slice(0, 6)).toEqual([1, 0, 0, 0, 0, 1]);
    // every bucket keeps its label (a skipped label reads as a missing bucket); the axis drops the 分
    expect(option.xAxis.axisLabel.interval).toBe(0);
    expect(option.xAxis.axisLabel.formatter('40–50分')).toBe('40–50');
    expect(option.xAxis.axisLabel.formatter(UNSCORED_LABEL)).toBe(UNSCORED_LABEL);
    expect(option.xAxis.axisLabel.rotate).toBe(0);
  });

  it('always draws 60–100, where the grades are, and every bucket when someone scores low', () => {
    const high = scoreDistributionOption({ before: null, after: scoreHistogram([95, 91]) });
    expect(high.xAxis.data).toEqual(['60–70分', '70–80分', '80–90分', '90–100分']);
    expect(high.series[0]!.data).toEqual([0, 0, 0, 2]);
    const empty = scoreDistributionOption({ before: null, after: scoreHistogram([]) });
    expect(empty.xAxis.data).toHaveLength(4);
    const low = scoreDistributionOption({ before: scoreHistogram([3]), after: scoreHistogram([85]) });
    expect(low.xAxis.data).toHaveLength(10);
    expect(low.xAxis.data[0]).toBe('0–10分');
    expect(low.series[0]!.data[0]).toBe(1);
    // ten buckets in a side panel: the labels tilt instead of running into each other
    expect(low.xAxis.axisLabel.rotate).toBeGreaterThan(0);
  });

  it('adds a 无得分 bucket when someone has no final score, so nobody disappears', () => {
    expect(option.xAxis.data[6]).toBe(UNSCORED_LABEL);
    expect(option.series.map((s) => s.data[6])).toEqual([1, 1]);
    const all = scoreDistributionOption({ before: scoreHistogram([80]), after: scoreHistogram([85]) });
    expect(all.xAxis.data).not.toContain(UNSCORED_LABEL);
    expect(all.series.every((s) => s.data.length === all.xAxis.data.length)).toBe(true);
  });

  it('counts whole people: integer ticks, "N 人" in the tooltip, no 0 labels on empty bars', () => {
    expect(option.yAxis.minInterval).toBe(1);
    expect(option.tooltip.trigger).toBe('axis');
    expect(option.tooltip.valueFormatter(3)).toBe('3 人');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
    const label = option.series[1]!.label;
    expect(label.formatter({ value: 2 })).toBe('2');
    expect(label.formatter({ value: 0 })).toBe('');
  });

  it('shows the draft alone for a new scheme (no saved version to compare with)', () => {
    const only = scoreDistributionOption({ before: null, after });
    expect(only.series).toHaveLength(1);
    expect(only.series[0]).toMatchObject({ name: '修改后', itemStyle: { color: AFTER_COLOR } });
    expect(only.xAxis.data).toContain(UNSCORED_LABEL);
  });

  it('puts a score of exactly 100 in the top bucket', () => {
    const top = scoreDistributionOption({ before: null, after: scoreHistogram([100, 99.995]) });
    expect(top.xAxis.data.at(-1)).toBe('90–100分');
    expect(top.series[0]!.data.at(-1)).toBe(2);
  });

  it('is plain data that survives a structured clone apart from the formatters', () => {
    const { tooltip, series, xAxis, ...rest } = option;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
    expect(typeof xAxis.axisLabel.formatter).toBe('function');
    expect(typeof tooltip.valueFormatter).toBe('function');
    expect(series.every((s) => typeof s.label.formatter === 'function')).toBe(true);
  });
});

describe('distribution helpers', () => {
  it('labels buckets in points and leaves 无得分 as is', () => {
    expect(bucketLabel('90–100')).toBe('90–100分');
    expect(bucketLabel(UNSCORED_LABEL)).toBe(UNSCORED_LABEL);
  });

  it('formats people counts', () => {
    expect(formatPeople(0)).toBe('0 人');
    expect(formatPeople('-')).toBe('—');
  });

  it('knows when nobody is in either distribution', () => {
    expect(isEmptyDistribution(null, scoreHistogram([]))).toBe(true);
    expect(isEmptyDistribution(scoreHistogram([]), scoreHistogram([null]))).toBe(false);
    expect(isEmptyDistribution(before, after)).toBe(false);
  });
});
