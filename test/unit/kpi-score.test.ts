import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/shared/domain';
import type { MetricSet, MetricValue } from '../../src/shared/report';
import { DEFAULT_SCHEME, type Scheme, type SchemeItem } from '../../src/shared/kpi/scheme';
import { gradeOf, itemScore, rankAgents, scoreAgent, type AgentScoreInput } from '../../src/shared/kpi/score';

const [conversion, avgResponse, goodRate, badAttitude] = DEFAULT_SCHEME.items as [
  SchemeItem,
  SchemeItem,
  SchemeItem,
  SchemeItem,
  SchemeItem,
];

function mv(value: number | null, denominator: number | null, extra: Partial<MetricValue> = {}): MetricValue {
  return {
    value,
    numerator: value === null || denominator === null ? value : value * denominator,
    denominator,
    approximate: false,
    small_sample: false,
    threshold: null,
    pass: null,
    status: 'final',
    ...extra,
  };
}

function input(
  platforms: { platform: Platform; metrics: MetricSet }[],
  over: Partial<AgentScoreInput> = {},
): AgentScoreInput {
  return {
    scheme: DEFAULT_SCHEME,
    platforms,
    kci: { 出勤: 100, 质检: 90 },
    exam_warnings: 0,
    exam_overdue: 0,
    sales_amount: 0,
    worked_days: 20,
    days_in_month: 30,
    ...over,
  };
}

/** A scheme of one linear up item 0 → 1 scored 0–100, KPI only, no deductions: final = value × 100. */
const straight: Scheme = {
  ...DEFAULT_SCHEME,
  kpi_share: 100,
  kci_share: 0,
  kci_items: [],
  deductions: [],
  items: [{ metric: 'reply_rate', weight: 100, direction: 'up', scoring: 'linear', target: 1, floor: 0 }],
};
const straightAgent = (value: number, over: Partial<AgentScoreInput> = {}): AgentScoreInput =>
  input([{ platform: 'taobao', metrics: { reply_rate: mv(value, 100) } }], { scheme: straight, ...over });

describe('itemScore: linear', () => {
  it('up: (v − floor)/(target − floor) × 100', () => {
    // conversion 0.25, target 0.30, floor 0.10 → (0.25 − 0.10)/(0.30 − 0.10) × 100 = 75
    expect(itemScore(conversion, 0.25, 100, null, null).score).toBeCloseTo(75, 9);
    // at the target → 100; at the floor → 0
    expect(itemScore(conversion, 0.3, 100, null, null).score).toBeCloseTo(100, 9);
    expect(itemScore(conversion, 0.1, 100, null, null).score).toBeCloseTo(0, 9);
  });

  it('up: clamps above the target and below the floor', () => {
    // (0.35 − 0.10)/0.20 = 1.25 → 1 → 100; (0.05 − 0.10)/0.20 = −0.25 → 0
    expect(itemScore(conversion, 0.35, 100, null, null).score).toBe(100);
    expect(itemScore(conversion, 0.05, 100, null, null).score).toBe(0);
  });

  it('down: (floor − v)/(floor − target) × 100, clamped', () => {
    // avg response 45 s, target 30, floor 60 → (60 − 45)/(60 − 30) × 100 = 50
    expect(itemScore(avgResponse, 45, 200, null, null)).toEqual({ counted: true, score: 50, reason: null });
    // 20 s → (60 − 20)/30 = 1.33 → 100; 75 s → (60 − 75)/30 = −0.5 → 0
    expect(itemScore(avgResponse, 20, 200, null, null).score).toBe(100);
    expect(itemScore(avgResponse, 75, 200, null, null).score).toBe(0);
    expect(itemScore(avgResponse, 30, 200, null, null).score).toBe(100);
    expect(itemScore(avgResponse, 60, 200, null, null).score).toBe(0);
  });
});

describe('itemScore: bands', () => {
  it('up: the first band with v ≥ at wins, bounds inclusive, else 0', () => {
    // bands 0.95 → 100, 0.90 → 80, 0.80 → 60
    const s = (v: number): number | null => itemScore(goodRate, v, 50, null, null).score;
    expect(s(0.97)).toBe(100);
    expect(s(0.95)).toBe(100);
    expect(s(0.9499)).toBe(80);
    expect(s(0.9)).toBe(80);
    expect(s(0.85)).toBe(60);
    expect(s(0.8)).toBe(60);
    expect(s(0.7999)).toBe(0);
  });

  it('down: the first band with v ≤ at wins, bounds inclusive, else 0', () => {
    const item: SchemeItem = {
      metric: 'avg_response_s',
      weight: 20,
      direction: 'down',
      scoring: 'bands',
      bands: [
        { at: 20, score: 100 },
        { at: 40, score: 70 },
      ],
    };
    const s = (v: number): number | null => itemScore(item, v, 100, null, null).score;
    expect(s(12)).toBe(100);
    expect(s(20)).toBe(100);
    expect(s(20.1)).toBe(70);
    expect(s(40)).toBe(70);
    expect(s(40.5)).toBe(0);
  });
});

describe('itemScore: left out and veto', () => {
  it('leaves out a null value', () => {
    expect(itemScore(conversion, null, 0, null, null)).toEqual({
      counted: false,
      score: null,
      reason: 'no_data',
    });
  });

  it('leaves out a small sample: min_sample first, else the unit minimum', () => {
    // good_rate min_sample 20: 19 ratings is small, 20 is not
    expect(itemScore(goodRate, 0.96, 19, null, null)).toEqual({
      counted: false,
      score: null,
      reason: 'small_sample',
    });
    expect(itemScore(goodRate, 0.96, 20, null, null)).toEqual({ counted: true, score: 100, reason: null });
    // min_sample 20 overrides a unit minimum of 30
    expect(itemScore(goodRate, 0.96, 25, 30, null).counted).toBe(true);
    // conversion has no min_sample: the unit minimum (inquirers 20) decides
    expect(itemScore(conversion, 0.25, 10, 20, null).reason).toBe('small_sample');
    expect(itemScore(conversion, 0.25, 10, null, null).counted).toBe(true);
    // a plain sum has no denominator and is never a small sample
    expect(
      itemScore({ ...conversion, metric: 'sales_amount', target: 1000, floor: 0 }, 500, null, 20, null).score,
    ).toBe(50);
  });

  it('checks the sample before the veto', () => {
    // 5 mid/low ratings, failing the 6% line, but a small sample (unit minimum 20): left out, not vetoed
    expect(itemScore(badAttitude, 0.2, 5, 20, false)).toEqual({
      counted: false,
      score: null,
      reason: 'small_sample',
    });
  });

  it('veto: 0 when the month value fails its platform threshold', () => {
    // 7% > 6% kuaishou line → 0, and the item still counts
    expect(itemScore(badAttitude, 0.07, 40, 20, false)).toEqual({ counted: true, score: 0, reason: 'veto' });
    // passing: (0.06 − 0.045)/(0.06 − 0.03) × 100 = 50
    expect(itemScore(badAttitude, 0.045, 40, 20, true).score).toBeCloseTo(50, 9);
    // no threshold on that platform: scored normally
    expect(itemScore(badAttitude, 0.045, 40, 20, null).score).toBeCloseTo(50, 9);
    // a failing value without veto is scored normally: avg response 45 s fails ≤ 30 s but scores 50
    expect(itemScore(avgResponse, 45, 200, null, false)).toEqual({ counted: true, score: 50, reason: null });
  });
});

/** Kuaishou: every default item has a value, all passing. */
const fullKuaishou: MetricSet = {
  conversion_rate: mv(0.25, 100), // (0.25 − 0.10)/0.20 → 75
  avg_response_s: mv(24, 200, { pass: true }), // (60 − 24)/30 = 1.2 → 100
  good_rate: mv(0.96, 50, { pass: true }), // ≥ 0.95 → 100
  bad_attitude_ratio: mv(0.045, 40, { pass: true }), // (0.06 − 0.045)/0.03 → 50
  reply_3min_rate: mv(0.875, 200, { pass: true }), // (0.875 − 0.80)/0.15 → 50
  answer_ratio: mv(1.1, 200, { pass: false }), // not a scheme item, but fails ≥ 1.30: one breach
};

describe('scoreAgent: totals', () => {
  it('computes KPI, KCI, deductions, final, grade and pro-rated bonus', () => {
    const r = scoreAgent(
      input([{ platform: 'kuaishou', metrics: fullKuaishou }], { exam_warnings: 1, sales_amount: 12345.67 }),
    );
    expect(r.items.map((i) => [i.metric, i.platform, i.score, i.effective_weight])).toEqual([
      ['conversion_rate', 'kuaishou', expect.closeTo(75, 9), 30],
      ['avg_response_s', 'kuaishou', 100, 20],
      ['good_rate', 'kuaishou', 100, 20],
      ['bad_attitude_ratio', 'kuaishou', expect.closeTo(50, 9), 15],
      ['reply_3min_rate', 'kuaishou', expect.closeTo(50, 9), 15],
    ]);
    // KPI = (30·75 + 20·100 + 20·100 + 15·50 + 15·50)/100 = 7750/100 = 77.5
    expect(r.kpi_total).toBeCloseTo(77.5, 9);
    // KCI = (50·100/100·100 + 50·90/100·100)/100 = 95
    expect(r.kci_total).toBeCloseTo(95, 9);
    expect(r.kci_missing).toEqual([]);
    // before = 77.5 × 0.8 + 95 × 0.2 = 62 + 19 = 81
    expect(r.before).toBeCloseTo(81, 9);
    // 1 warning × 2 + 1 breach (answer_ratio) × 3 = 5
    expect(r.deductions).toEqual({ exam_warning: 2, exam_overdue: 0, platform_breach: 3, total: 5 });
    expect(r.breaches).toEqual([{ platform: 'kuaishou', metric: 'answer_ratio' }]);
    // final = 81 − 5 = 76 → C (70 ≤ 76 < 80)
    expect(r.final).toBeCloseTo(76, 9);
    expect(r.grade).toBe('C');
    // bonus = 1000 × 0.8 × 20/30 + 0.01 × 12345.67 = 533.333… + 123.4567 = 656.790… → 656.79
    expect(r.bonus).toBe(656.79);
    expect(r.ranked).toBe(true);
  });

  it('reports each item with its value, configured weight and reason', () => {
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics: fullKuaishou }]));
    expect(r.items[0]).toMatchObject({
      metric: 'conversion_rate',
      value: 0.25,
      weight: 30,
      counted: true,
      reason: null,
    });
    const [part, ...rest] = r.items[0]!.parts;
    expect(rest).toEqual([]);
    expect(part).toMatchObject({
      platform: 'kuaishou',
      value: 0.25,
      denominator: 100,
      counted: true,
      reason: null,
    });
    expect(part!.score).toBeCloseTo(75, 9);
  });
});

describe('scoreAgent: left-out items', () => {
  it('re-normalises the weights over the items that count', () => {
    const metrics: MetricSet = {
      ...fullKuaishou,
      conversion_rate: mv(null, 0), // no inquirers: no data
      good_rate: mv(0.96, 15, { small_sample: true }), // 15 < min_sample 20
    };
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics }]));
    expect(r.items.map((i) => [i.metric, i.counted, i.reason, i.effective_weight])).toEqual([
      ['conversion_rate', false, 'no_data', 0],
      // counted weights 20 + 15 + 15 = 50: 20·100/50 = 40, 15·100/50 = 30, 30
      ['avg_response_s', true, null, 40],
      ['good_rate', false, 'small_sample', 0],
      ['bad_attitude_ratio', true, null, 30],
      ['reply_3min_rate', true, null, 30],
    ]);
    // the left-out small sample still shows its value
    expect(r.items[2]!.value).toBe(0.96);
    // KPI = (20·100 + 15·50 + 15·50)/50 = 3500/50 = 70
    expect(r.kpi_total).toBeCloseTo(70, 9);
    expect(r.items.reduce((a, i) => a + i.effective_weight, 0)).toBeCloseTo(100, 9);
  });

  it('uses the report’s small-sample flag when the item has no min_sample', () => {
    // conversion over 12 inquirers, flagged by the report (inquirers minimum 20)
    const metrics: MetricSet = { ...fullKuaishou, conversion_rate: mv(0.25, 12, { small_sample: true }) };
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics }]));
    expect(r.items[0]).toMatchObject({ counted: false, reason: 'small_sample', score: null });
  });

  it('lets min_sample override the report’s flag both ways', () => {
    // 15 ratings flagged by the report's 20, but the item asks for only 10
    const low: Scheme = {
      ...DEFAULT_SCHEME,
      items: DEFAULT_SCHEME.items.map((i) => (i.metric === 'good_rate' ? { ...i, min_sample: 10 } : i)),
    };
    const r = scoreAgent(
      input(
        [
          {
            platform: 'kuaishou',
            metrics: { ...fullKuaishou, good_rate: mv(0.96, 15, { small_sample: true }) },
          },
        ],
        { scheme: low },
      ),
    );
    expect(r.items[2]).toMatchObject({ counted: true, score: 100 });
    // 25 ratings not flagged, but the default item asks for 20 — passes; with min_sample 30 it is left out
    const high: Scheme = {
      ...DEFAULT_SCHEME,
      items: DEFAULT_SCHEME.items.map((i) => (i.metric === 'good_rate' ? { ...i, min_sample: 30 } : i)),
    };
    const r2 = scoreAgent(
      input([{ platform: 'kuaishou', metrics: { ...fullKuaishou, good_rate: mv(0.96, 25) } }], {
        scheme: high,
      }),
    );
    expect(r2.items[2]).toMatchObject({ counted: false, reason: 'small_sample' });
  });

  it('when every item is left out: no KPI, final, grade or bonus, and unranked', () => {
    const r = scoreAgent(
      input([{ platform: 'kuaishou', metrics: { answer_ratio: mv(1.1, 200, { pass: false }) } }], {
        sales_amount: 5000,
      }),
    );
    expect(r.items.every((i) => !i.counted && i.reason === 'no_data' && i.effective_weight === 0)).toBe(true);
    expect(r.items[0]!.platform).toBe('all');
    expect(r).toMatchObject({
      kpi_total: null,
      before: null,
      final: null,
      grade: null,
      bonus: null,
      ranked: false,
    });
    // KCI and deductions are still shown
    expect(r.kci_total).toBeCloseTo(95, 9);
    expect(r.deductions.total).toBe(3);
  });
});

describe('scoreAgent: KCI', () => {
  it('counts an entry not given as 0 and lists it as missing', () => {
    // (50·80 + 50·0)/100 = 40
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics: fullKuaishou }], { kci: { 出勤: 80 } }));
    expect(r.kci_total).toBeCloseTo(40, 9);
    expect(r.kci_missing).toEqual(['质检']);
    const both = scoreAgent(
      input([{ platform: 'kuaishou', metrics: fullKuaishou }], { kci: { 出勤: null } }),
    );
    expect(both.kci_total).toBe(0);
    expect(both.kci_missing).toEqual(['出勤', '质检']);
    // before = 77.5 × 0.8 + 0 × 0.2 = 62
    expect(both.before).toBeCloseTo(62, 9);
  });

  it('divides by max and clamps an entry above it', () => {
    const s: Scheme = {
      ...DEFAULT_SCHEME,
      kci_items: [
        { name: '出勤', weight: 60, max: 26 },
        { name: '质检', weight: 40, max: 10 },
      ],
    };
    // 出勤 13/26 = 0.5, 质检 12/10 → 1: (60·50 + 40·100)/100 = 70
    const r = scoreAgent(
      input([{ platform: 'kuaishou', metrics: fullKuaishou }], { scheme: s, kci: { 出勤: 13, 质检: 12 } }),
    );
    expect(r.kci_total).toBeCloseTo(70, 9);
  });

  it('is 100 when the scheme has no KCI items', () => {
    const s: Scheme = { ...DEFAULT_SCHEME, kci_items: [] };
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics: fullKuaishou }], { scheme: s, kci: {} }));
    expect(r.kci_total).toBe(100);
    expect(r.kci_missing).toEqual([]);
    // before = 77.5 × 0.8 + 100 × 0.2 = 82
    expect(r.before).toBeCloseTo(82, 9);
  });
});

describe('scoreAgent: deductions', () => {
  it('charges each kind: per warning, per overdue exam, per failing (platform, metric)', () => {
    const r = scoreAgent(
      input(
        [
          {
            platform: 'kuaishou',
            metrics: {
              ...fullKuaishou,
              answer_ratio: mv(1.5, 200, { pass: true }),
              avg_response_s: mv(45, 200, { pass: false }),
            },
          },
          {
            platform: 'douyin',
            metrics: {
              reply_3min_rate: mv(0.7, 100, { pass: false }),
              sessions: mv(100, null),
              // failing their own thresholds, but charged through exam_warning / exam_overdue
              exam_warnings: mv(3, null, { pass: false }),
              exam_overdue: mv(2, null, { pass: false }),
            },
          },
        ],
        { exam_warnings: 3, exam_overdue: 2 },
      ),
    );
    // 3 × 2 = 6; 2 × 5 = 10; 2 breaches × 3 = 6; total 22
    expect(r.deductions).toEqual({ exam_warning: 6, exam_overdue: 10, platform_breach: 6, total: 22 });
    expect(r.breaches).toEqual([
      { platform: 'kuaishou', metric: 'avg_response_s' },
      { platform: 'douyin', metric: 'reply_3min_rate' },
    ]);
  });

  it('charges nothing for a kind the scheme does not list', () => {
    const s: Scheme = { ...DEFAULT_SCHEME, deductions: [{ kind: 'exam_overdue', points: 5 }] };
    const r = scoreAgent(
      input([{ platform: 'kuaishou', metrics: fullKuaishou }], {
        scheme: s,
        exam_warnings: 4,
        exam_overdue: 1,
      }),
    );
    expect(r.deductions).toEqual({ exam_warning: 0, exam_overdue: 5, platform_breach: 0, total: 5 });
  });

  it('never goes below 0', () => {
    // before 81, deductions 20 × 5 = 100 → max(0, −19) = 0 → D, bonus 0 + commission
    const r = scoreAgent(
      input([{ platform: 'kuaishou', metrics: fullKuaishou }], { exam_overdue: 20, sales_amount: 100 }),
    );
    expect(r.final).toBe(0);
    expect(r.grade).toBe('D');
    expect(r.bonus).toBe(1);
  });

  it('a vetoed item scores 0, still counts, and its failing value is also a breach', () => {
    const metrics: MetricSet = {
      ...fullKuaishou,
      answer_ratio: mv(1.5, 200, { pass: true }),
      bad_attitude_ratio: mv(0.07, 40, { pass: false }),
    };
    const r = scoreAgent(input([{ platform: 'kuaishou', metrics }]));
    expect(r.items[3]).toMatchObject({
      metric: 'bad_attitude_ratio',
      counted: true,
      score: 0,
      reason: 'veto',
      effective_weight: 15,
    });
    // KPI = (2250 + 2000 + 2000 + 15·0 + 750)/100 = 70; before = 56 + 19 = 75; − 3 = 72
    expect(r.kpi_total).toBeCloseTo(70, 9);
    expect(r.final).toBeCloseTo(72, 9);
  });
});

describe('scoreAgent: several platforms within a scope', () => {
  it('scores per platform and takes the mean weighted by denominators', () => {
    const r = scoreAgent(
      input([
        { platform: 'kuaishou', metrics: { ...fullKuaishou, conversion_rate: mv(0.25, 100) } }, // 75
        { platform: 'douyin', metrics: { conversion_rate: mv(0.35, 300) } }, // 1.25 → 100
      ]),
    );
    const item = r.items[0]!;
    // (100·75 + 300·100)/400 = 37500/400 = 93.75
    expect(item.score).toBeCloseTo(93.75, 9);
    expect(item.platform).toBe('all');
    // pooled value (100·0.25 + 300·0.35)/400 = 130/400 = 0.325
    expect(item.value).toBeCloseTo(0.325, 9);
    expect(item.parts.map((p) => [p.platform, p.score])).toEqual([
      ['kuaishou', expect.closeTo(75, 9)],
      ['douyin', 100],
    ]);
    // a metric present on one platform only keeps that platform's name
    expect(r.items[3]!.platform).toBe('kuaishou');
  });

  it('drops a platform whose sample is small and keeps the other', () => {
    const r = scoreAgent(
      input([
        { platform: 'kuaishou', metrics: { ...fullKuaishou, conversion_rate: mv(0.25, 100) } },
        { platform: 'douyin', metrics: { conversion_rate: mv(0.5, 10, { small_sample: true }) } },
      ]),
    );
    expect(r.items[0]).toMatchObject({ platform: 'kuaishou', value: 0.25, counted: true, reason: null });
    expect(r.items[0]!.score).toBeCloseTo(75, 9);
    expect(r.items[0]!.parts[1]).toMatchObject({
      platform: 'douyin',
      counted: false,
      reason: 'small_sample',
    });
  });

  it('is left out as a small sample when every platform is small', () => {
    const r = scoreAgent(
      input([
        {
          platform: 'kuaishou',
          metrics: { ...fullKuaishou, conversion_rate: mv(0.2, 10, { small_sample: true }) },
        },
        { platform: 'douyin', metrics: { conversion_rate: mv(0.5, 10, { small_sample: true }) } },
      ]),
    );
    // shown value pooled: (10·0.2 + 10·0.5)/20 = 0.35
    expect(r.items[0]).toMatchObject({
      platform: 'all',
      counted: false,
      reason: 'small_sample',
      score: null,
    });
    expect(r.items[0]!.value).toBeCloseTo(0.35, 9);
  });

  it('vetoes per platform: a failing platform scores 0 in the weighted mean', () => {
    const s: Scheme = {
      ...straight,
      items: [
        {
          metric: 'avg_response_s',
          weight: 100,
          direction: 'down',
          scoring: 'linear',
          target: 30,
          floor: 60,
          veto: true,
        },
      ],
    };
    const r = scoreAgent(
      input(
        [
          { platform: 'kuaishou', metrics: { avg_response_s: mv(24, 100, { pass: true }) } }, // 100
          { platform: 'douyin', metrics: { avg_response_s: mv(36, 300, { pass: false }) } }, // veto → 0
        ],
        { scheme: s },
      ),
    );
    // (100·100 + 300·0)/400 = 25
    expect(r.items[0]).toMatchObject({ platform: 'all', reason: 'veto', counted: true });
    expect(r.items[0]!.score).toBeCloseTo(25, 9);
  });

  it('sums a volume metric over platforms and scores the total', () => {
    const s: Scheme = {
      ...straight,
      items: [
        { metric: 'sales_amount', weight: 100, direction: 'up', scoring: 'linear', target: 100000, floor: 0 },
      ],
    };
    const r = scoreAgent(
      input(
        [
          { platform: 'kuaishou', metrics: { sales_amount: mv(30000, null) } },
          { platform: 'douyin', metrics: { sales_amount: mv(50000, null) } },
        ],
        { scheme: s },
      ),
    );
    // 30000 + 50000 = 80000 → 80000/100000 × 100 = 80
    expect(r.items[0]).toMatchObject({ platform: 'all', value: 80000, score: 80 });
  });
});

describe('grades on round2', () => {
  it('takes the first grade whose min ≤ round2(final)', () => {
    const g = DEFAULT_SCHEME.grades;
    // 89.995 → 90.00 → A; 89.994 → 89.99 → B
    expect(gradeOf(g, 89.995)).toBe('A');
    expect(gradeOf(g, 89.994)).toBe('B');
    expect(gradeOf(g, 90)).toBe('A');
    expect(gradeOf(g, 79.995)).toBe('B');
    expect(gradeOf(g, 69.99)).toBe('D');
    expect(gradeOf(g, 0)).toBe('D');
  });

  it('grades a computed final by its rounded value', () => {
    // final = 0.89995 × 100 = 89.995 → A; 0.89994 → 89.994 → B
    const a = scoreAgent(straightAgent(0.89995));
    expect(a.final).toBeCloseTo(89.995, 9);
    expect(a.grade).toBe('A');
    expect(scoreAgent(straightAgent(0.89994)).grade).toBe('B');
    // (0.28 − 0.10)/0.20 × 100 is 90.00000000000001 in floating point: still A, and 0.2799 → 89.95 → B
    const conv: Scheme = { ...straight, items: [{ ...conversion, weight: 100 }] };
    const c = (v: number): string | null =>
      scoreAgent(input([{ platform: 'taobao', metrics: { conversion_rate: mv(v, 100) } }], { scheme: conv }))
        .grade;
    expect(c(0.28)).toBe('A');
    expect(c(0.2799)).toBe('B');
  });
});

describe('bonus', () => {
  it('is pro-rated by worked days plus commission, round2 half away from zero', () => {
    // 95 → A: 1000 × 1.2 × 15/30 + 0.01 × 2500.5 = 600 + 25.005 = 625.005 → 625.01
    expect(scoreAgent(straightAgent(0.95, { worked_days: 15, sales_amount: 2500.5 })).bonus).toBe(625.01);
    // 85 → B: 1000 × 1.0 × 30/30 + 0 = 1000
    expect(scoreAgent(straightAgent(0.85, { worked_days: 30, sales_amount: null })).bonus).toBe(1000);
    // 50 → D: coefficient 0, commission only: 0.01 × 8000 = 80
    expect(scoreAgent(straightAgent(0.5, { sales_amount: 8000 })).bonus).toBe(80);
  });

  it('is still paid, pro-rated, to an agent below min_working_days, who is not ranked', () => {
    // 9 < 10 days: 1000 × 1.2 × 9/30 = 360
    const r = scoreAgent(straightAgent(0.95, { worked_days: 9 }));
    expect(r.ranked).toBe(false);
    expect(r.bonus).toBe(360);
    expect(r.final).toBeCloseTo(95, 9);
    expect(scoreAgent(straightAgent(0.95, { worked_days: 10 })).ranked).toBe(true);
  });

  it('refuses a month without days', () => {
    expect(() => scoreAgent(straightAgent(0.95, { days_in_month: 0 }))).toThrow(/days_in_month/);
  });
});

describe('rankAgents', () => {
  const a = (final: number | null, ranked = true): { final: number | null; ranked: boolean } => ({
    final,
    ranked,
  });

  it('ranks by round2(final) with competition ties (1, 1, 3)', () => {
    // 88.004 and 88.001 both round to 88.00 → 1 and 1; 87.5 is next → 3
    const r = rankAgents([a(87.5), a(88.004), a(88.001), a(60)]);
    expect(r.map((x) => x.rank)).toEqual([3, 1, 1, 4]);
  });

  it('separates finals that round apart', () => {
    // 88.005 → 88.01 beats 88.004 → 88.00
    expect(rankAgents([a(88.004), a(88.005)]).map((x) => x.rank)).toEqual([2, 1]);
  });

  it('gives unranked agents no rank and no place', () => {
    // 99 worked too few days, one has no final: the 88s are still 1 and 1, 70 is 3
    const r = rankAgents([a(99, false), a(88.004), a(null, false), a(88.001), a(70)]);
    expect(r.map((x) => x.rank)).toEqual([null, 1, null, 1, 3]);
  });

  it('keeps the input order and the other fields', () => {
    const r = rankAgents([
      { final: 50, ranked: true, agent: '乙' },
      { final: 80, ranked: true, agent: '甲' },
    ]);
    expect(r).toEqual([
      { final: 50, ranked: true, agent: '乙', rank: 2 },
      { final: 80, ranked: true, agent: '甲', rank: 1 },
    ]);
  });

  it('ranks real scores, leaving out the agent below min_working_days', () => {
    const scored = [
      { agent: '甲', ...scoreAgent(straightAgent(0.9)) },
      { agent: '乙', ...scoreAgent(straightAgent(0.95, { worked_days: 5 })) },
      { agent: '丙', ...scoreAgent(straightAgent(0.8)) },
    ];
    expect(rankAgents(scored).map((x) => [x.agent, x.rank])).toEqual([
      ['甲', 1],
      ['乙', null],
      ['丙', 2],
    ]);
  });
});
