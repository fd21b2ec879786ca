import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../src/shared/report';
import { DEFAULT_SCHEME, type Scheme } from '../../src/shared/kpi/scheme';
import { rankAgents, scoreAgent, type AgentScore } from '../../src/shared/kpi/score';
import { scoreHistogram, whatIf, type ScoredAgent } from '../../src/shared/kpi/what-if';

/** A scored agent with only what what-if reads filled in. */
function agent(
  agent_id: number,
  final: number | null,
  grade: string | null,
  rank: number | null,
): ScoredAgent {
  const score: AgentScore = {
    items: [],
    kpi_total: final,
    kci_total: 100,
    kci_missing: [],
    deductions: { exam_warning: 0, exam_overdue: 0, platform_breach: 0, total: 0 },
    breaches: [],
    before: final,
    final,
    grade,
    bonus: null,
    ranked: rank !== null,
  };
  return { ...score, agent_id, agent: `客服${agent_id}`, rank };
}

describe('whatIf', () => {
  it('pairs agents by id and shows old → new final, grade, rank and the grade crossed', () => {
    const before = [
      agent(1, 89.995, 'A', 1),
      agent(2, 85, 'B', 2),
      agent(3, 70, 'C', 3),
      agent(4, 60, 'D', 4),
    ];
    const after = [
      agent(2, 91.2, 'A', 1),
      agent(1, 88, 'B', 2),
      agent(3, 70.004, 'C', 3),
      agent(5, 75, 'C', null),
    ];
    const rows = whatIf(before, after);
    expect(rows).toEqual([
      // 85 → 91.2: B → A, up; delta 6.2
      {
        agent_id: 2,
        agent: '客服2',
        old: { final: 85, grade: 'B', rank: 2 },
        new: { final: 91.2, grade: 'A', rank: 1 },
        delta: 6.2,
        crossed: 'up',
      },
      // 89.995 shows as 90.00 (round2); 90 → 88: A → B, down
      {
        agent_id: 1,
        agent: '客服1',
        old: { final: 90, grade: 'A', rank: 1 },
        new: { final: 88, grade: 'B', rank: 2 },
        delta: -2,
        crossed: 'down',
      },
      // same grade: nothing crossed; 70.004 → 70.00, delta 0
      {
        agent_id: 3,
        agent: '客服3',
        old: { final: 70, grade: 'C', rank: 3 },
        new: { final: 70, grade: 'C', rank: 3 },
        delta: 0,
        crossed: null,
      },
      // new under the edited scheme only
      {
        agent_id: 5,
        agent: '客服5',
        old: null,
        new: { final: 75, grade: 'C', rank: null },
        delta: null,
        crossed: null,
      },
      // gone under the edited scheme
      {
        agent_id: 4,
        agent: '客服4',
        old: { final: 60, grade: 'D', rank: 4 },
        new: null,
        delta: null,
        crossed: null,
      },
    ]);
  });

  it('does not call a change to or from "no score" a crossing', () => {
    const rows = whatIf([agent(1, 92, 'A', 1)], [agent(1, null, null, null)]);
    expect(rows[0]).toMatchObject({
      old: { grade: 'A' },
      new: { final: null, grade: null, rank: null },
      delta: null,
      crossed: null,
    });
  });

  it('orders grades by the given list, and falls back to the score for a grade not in it', () => {
    const order = ['优', '良', '中', '差'];
    expect(whatIf([agent(1, 85, '良', 1)], [agent(1, 85, '优', 1)], order)[0]!.crossed).toBe('up');
    expect(whatIf([agent(1, 85, '良', 1)], [agent(1, 85, '差', 1)], order)[0]!.crossed).toBe('down');
    // 'B' is not in the order: 85 → 80 went down
    expect(whatIf([agent(1, 85, '良', 1)], [agent(1, 80, 'B', 1)], order)[0]!.crossed).toBe('down');
    // and with an unchanged score there is no evidence of a direction
    expect(whatIf([agent(1, 85, '良', 1)], [agent(1, 85, 'B', 1)], order)[0]!.crossed).toBeNull();
  });

  it('runs end to end over a scheme edit', () => {
    // one item, conversion, KPI only: final = (v − floor)/(target − floor) × 100
    const mv = (value: number): MetricValue => ({
      value,
      numerator: value * 100,
      denominator: 100,
      approximate: false,
      small_sample: false,
      threshold: null,
      pass: null,
      status: 'final',
    });
    const scheme = (floor: number, target: number): Scheme => ({
      ...DEFAULT_SCHEME,
      kpi_share: 100,
      kci_share: 0,
      kci_items: [],
      items: [{ metric: 'conversion_rate', weight: 100, direction: 'up', scoring: 'linear', target, floor }],
    });
    const values: [number, string, number][] = [
      [1, '甲', 0.28],
      [2, '乙', 0.27],
      [3, '丙', 0.26],
    ];
    const run = (s: Scheme): ScoredAgent[] =>
      rankAgents(
        values.map(([agent_id, name, v]) => ({
          agent_id,
          agent: name,
          ...scoreAgent({
            scheme: s,
            platforms: [{ platform: 'douyin', metrics: { conversion_rate: mv(v) } }],
            kci: {},
            exam_warnings: 0,
            exam_overdue: 0,
            sales_amount: 0,
            worked_days: 22,
            days_in_month: 31,
          }),
        })),
      );
    // before (floor 0.10, target 0.30): 甲 0.18/0.20 = 90 A, 乙 0.17/0.20 = 85 B, 丙 0.16/0.20 = 80 B
    // after  (floor 0.15, target 0.28): 甲 0.13/0.13 = 100 A, 乙 0.12/0.13 = 92.31 A, 丙 0.11/0.13 = 84.62 B
    const rows = whatIf(run(scheme(0.1, 0.3)), run(scheme(0.15, 0.28)), ['A', 'B', 'C', 'D']);
    expect(
      rows.map((r) => [
        r.agent,
        r.old?.final,
        r.new?.final,
        r.old?.grade,
        r.new?.grade,
        r.new?.rank,
        r.crossed,
      ]),
    ).toEqual([
      ['甲', 90, 100, 'A', 'A', 1, null],
      ['乙', 85, 92.31, 'B', 'A', 2, 'up'],
      ['丙', 80, 84.62, 'B', 'B', 3, null],
    ]);
  });
});

describe('scoreHistogram', () => {
  it('buckets round2(final) into tens, 100 in the last bucket, and counts the unscored', () => {
    // 9.995 → 10.00 (second bucket); 89.995 → 90.00 (last bucket); 89.994 → 89.99 (ninth)
    const h = scoreHistogram([0, 9.99, 9.995, 55, 89.994, 89.995, 100, null]);
    expect(h.labels).toEqual([
      '0–10',
      '10–20',
      '20–30',
      '30–40',
      '40–50',
      '50–60',
      '60–70',
      '70–80',
      '80–90',
      '90–100',
    ]);
    expect(h.counts).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 2]);
    expect(h.unscored).toBe(1);
  });

  it('is all zeros for no agents', () => {
    expect(scoreHistogram([])).toMatchObject({ counts: new Array(10).fill(0), unscored: 0 });
  });
});
