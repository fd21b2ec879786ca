import { describe, expect, it } from 'vitest';
import type { AgentPageView, AgentTrendPoint } from '../../src/shared/agent-page';
import { monthZh, scorecardModel } from '../../src/shared/agent-page';
import {
  agentMetricTrendOption,
  agentScoreTrendOption,
  chartUnitOf,
  monthLabel,
  RANK_COLOR,
  SCORE_COLOR,
} from '../../src/shared/charts-agent';

const point = (
  month: string,
  rate: number | null,
  final: number | null,
  rank: number | null,
): AgentTrendPoint => ({
  month,
  platforms:
    rate === null ? [] : [{ platform: 'douyin', values: { reply_3min_rate: rate, avg_response_s: 21.16 } }],
  kpi: final === null ? [] : [{ scheme: '星河-标准方案', final, rank, grade: 'B' }],
});

// Dec 2025 → Mar 2026, the agent away in January
const trend = [
  point('2025-12', 0.9343536, 90.86269, 4),
  point('2026-01', null, null, null),
  point('2026-02', 0.78, 69.6, 21),
  point('2026-03', 0.81, 88.094, 7),
];

describe('metric trend of one agent', () => {
  it('draws months as categories, rates in percent, the away month as a gap and the threshold as a line', () => {
    const o = agentMetricTrendOption(trend, 'douyin', 'reply_3min_rate', { op: '>=', value: 0.8 });
    expect(o.xAxis.data).toEqual(['25年12月', '26年1月', '26年2月', '26年3月']);
    expect(o.series).toHaveLength(1);
    expect(o.series[0]!.name).toBe('3分钟人工回复率');
    expect(o.series[0]!.data).toEqual([{ value: 93.44, symbol: 'circle', symbolSize: 7 }, null, 78, 81]);
    expect(o.series[0]!.markLine!.data).toEqual([{ yAxis: 80, name: '考核线' }]);
    expect(o.legend?.show).toBe(false);
  });

  it('reads the other platform as no data, and durations in seconds', () => {
    expect(agentMetricTrendOption(trend, 'kuaishou', 'reply_3min_rate', null).series[0]!.data).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(chartUnitOf('avg_response_s')).toBe('seconds');
    expect(chartUnitOf('answer_ratio')).toBe('percent');
    expect(chartUnitOf('exam_warnings')).toBe('plain');
    expect(chartUnitOf('good_rate')).toBe('percent');
  });
});

describe('final score and rank trend', () => {
  const o = agentScoreTrendOption(trend, '星河-标准方案', 24);
  it('puts the score on a 0–100 left axis and the rank on an inverted right axis spanning the team', () => {
    expect(o.yAxis.map((y) => [y.name, y.min, y.max, y.inverse ?? false, y.position])).toEqual([
      ['得分', 0, 100, false, 'left'],
      ['名次', 1, 24, true, 'right'],
    ]);
    expect(o.series.map((s) => [s.name, s.yAxisIndex ?? 0, s.itemStyle?.color])).toEqual([
      ['综合得分', 0, SCORE_COLOR],
      ['名次', 1, RANK_COLOR],
    ]);
  });

  it('rounds scores to two decimals and keeps the month without a score as a gap, a lone month as a dot', () => {
    expect(o.series[0]!.data).toEqual([{ value: 90.86, symbolSize: 9 }, null, 69.6, 88.09]);
    expect(o.series[1]!.data).toEqual([{ value: 4, symbolSize: 9 }, null, 21, 7]);
    expect(o.tooltip?.valueFormatter?.(88.09)).toBe('88.09');
    expect(o.tooltip?.valueFormatter?.(null)).toBe('无数据');
  });

  it('widens the rank axis when a past month ranked lower than today’s team size', () => {
    expect(agentScoreTrendOption(trend, '星河-标准方案', 12).yAxis[1]!.max).toBe(21);
    expect(agentScoreTrendOption([], '星河-标准方案', 1).yAxis[1]!.max).toBe(2);
    expect(monthLabel('2026-10')).toBe('26年10月');
  });
});

describe('shareable scorecard content', () => {
  const page = {
    agent_id: 3,
    agent: '赵磊',
    team: '一组',
    employee_no: 'E003',
    month: '2026-10',
    locked: true,
    months: ['2026-10'],
    has_data: true,
    platforms: [
      {
        platform: 'douyin',
        metrics: {
          reply_3min_rate: {
            value: 0.9343536,
            numerator: 2320,
            denominator: 2483,
            approximate: false,
            small_sample: false,
            threshold: { op: '>=', value: 0.8 },
            pass: true,
            status: 'final',
          },
          avg_response_s: {
            value: 41.25,
            numerator: 100,
            denominator: 2,
            approximate: false,
            small_sample: false,
            threshold: { op: '<=', value: 30 },
            pass: false,
            status: 'final',
          },
          first_response_s: {
            value: 11.5,
            numerator: 23,
            denominator: 2,
            approximate: false,
            small_sample: false,
            threshold: null,
            pass: null,
            status: 'final',
          },
        },
      },
    ],
    total: {},
    accounts: [],
    kpi: [
      {
        scheme: '星河-标准方案',
        items: [],
        kpi_total: 50,
        kci_total: 40,
        deductions: 4,
        deduction_detail: { exam_warning: 2, exam_overdue: 2, platform_breach: 0 },
        final: 42.5445,
        grade: 'D',
        rank: 24,
        bonus: null,
        ranked: true,
        worked_days: 31,
        kci_missing: [],
        ranked_of: 24,
      },
    ],
    trend: [],
    exams: [],
    ratings: [],
  } satisfies AgentPageView;

  it('shows name, team, month, final, grade, rank of the team, and the failing threshold metric first', () => {
    const m = scorecardModel(page);
    expect([m.title, m.subtitle, m.month, m.final, m.grade, m.rank, m.scheme]).toEqual([
      '赵磊',
      '一组 · 抖音',
      '2026年10月',
      '42.54',
      'D',
      '24 / 24',
      '星河-标准方案',
    ]);
    // the metric without a threshold is not on the card
    expect(m.metrics).toEqual([
      { label: '平均响应时长', value: '41.3秒', threshold: '≤ 30.0秒', pass: false },
      { label: '3分钟人工回复率', value: '93.44%', threshold: '≥ 80.00%', pass: true },
    ]);
    expect(m.footer).toBe('ScoreDesk 客服绩效台 · 2026年10月 · 已锁定');
  });

  it('says 不参与排名 and — for an agent without a score, and 未分组 without a team', () => {
    const m = scorecardModel({ ...page, team: null, kpi: [], platforms: [] });
    expect([m.subtitle, m.final, m.grade, m.rank, m.metrics]).toEqual([
      '未分组',
      '—',
      null,
      '不参与排名',
      [],
    ]);
    expect(monthZh('2027-01')).toBe('2027年1月');
  });
});
