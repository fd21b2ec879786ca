import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../../shared/report';
import { lightOf } from './overview-lights';

// 3分钟人工回复率 1,718/2,470 = 69.55% against the line ≥ 80%
const v = (over: Partial<MetricValue> = {}): MetricValue => ({
  value: 1718 / 2470,
  numerator: 1718,
  denominator: 2470,
  approximate: false,
  small_sample: false,
  threshold: { op: '>=', value: 0.8 },
  pass: false,
  status: 'final',
  ...over,
});

describe('总览 traffic lights', () => {
  it('is red for a final value under its line and green for one over it', () => {
    expect(lightOf(v())).toEqual({ light: 'red', why: '未达标' });
    expect(lightOf(v({ numerator: 2100, value: 2100 / 2470, pass: true }))).toEqual({
      light: 'green',
      why: '达标',
    });
  });

  it('is amber, with the verdict and every reason, when the value is not solid yet', () => {
    expect(lightOf(v({ small_sample: true, status: 'provisional' }))).toEqual({
      light: 'amber',
      why: '未达标（样本少，暂定数据，平台可能修订，仅供参考）',
    });
    expect(lightOf(v({ pass: true, status: 'reimport_needed' }))).toEqual({
      light: 'amber',
      why: '达标（需重新导入，仅供参考）',
    });
  });

  it('is grey without data (never a 0% red) and without a line', () => {
    expect(lightOf(undefined)).toEqual({ light: 'grey', why: '没有数据' });
    expect(lightOf(v({ value: null, numerator: 0, denominator: 0, pass: null }))).toEqual({
      light: 'grey',
      why: '没有数据',
    });
    expect(lightOf(v({ threshold: null, pass: null }))).toEqual({ light: 'grey', why: '没有考核线' });
  });
});
