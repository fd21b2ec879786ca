/**
 * The 客服 page's shaping in shared/report-pages.ts that report:agents adds beside the rows: 对比上月 (the previous
 * month's values of the page's rows), the 考核方案 bar's figures and the counts above the table, on a small report
 * written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { agentRowsOf, previousRows, schemeStats, summaryOf } from '../../src/shared/report-pages';
import type { AgentKpi, MetricSet, MetricValue, MonthReport } from '../../src/shared/report';

const v = (value: number | null, pass: boolean | null = null): MetricValue =>
  ({ value, numerator: null, denominator: null, pass }) as unknown as MetricValue;

const kpi = (over: Partial<AgentKpi>): AgentKpi => ({
  scheme: '星河-标准方案',
  items: [],
  kpi_total: null,
  kci_total: 0,
  deductions: 0,
  deduction_detail: { exam_warning: 0, exam_overdue: 0, platform_breach: 0 },
  final: null,
  grade: null,
  rank: null,
  bonus: null,
  ranked: false,
  worked_days: 0,
  kci_missing: [],
  ...over,
});

/** 李青 on 抖音 and 淘宝, 王满 on 抖音; 阿青 and 小雨 are theirs, 散号 is bound to no one. */
function report(month: string, liDouyin: MetricSet, extra: Partial<MonthReport> = {}): MonthReport {
  return {
    month,
    accounts: [
      {
        platform: 'douyin',
        shop: '星河旗舰店',
        account: '星河旗舰店:阿青',
        nickname: '阿青',
        agent_id: 1,
        agent: '李青',
        metrics: { reply_3min_rate: v(0.78, false), avg_response_s: v(21, true) },
      },
      {
        platform: 'taobao',
        shop: '云朵美妆店',
        account: 'yunduo:qing',
        nickname: null,
        agent_id: 1,
        agent: '李青',
        metrics: { reply_3min_rate: v(0.95, true) },
      },
      {
        platform: 'douyin',
        shop: '星河旗舰店',
        account: '星河旗舰店:小雨',
        nickname: null,
        agent_id: 2,
        agent: '王满',
        metrics: { reply_3min_rate: v(0.6, false) },
      },
      {
        platform: 'douyin',
        shop: '星河旗舰店',
        account: '星河旗舰店:散号',
        nickname: null,
        agent_id: null,
        agent: null,
        metrics: { reply_3min_rate: v(null) },
      },
    ],
    shops: [
      { platform: 'douyin', shop: '星河旗舰店', metrics: {} },
      { platform: 'taobao', shop: '云朵美妆店', metrics: {} },
    ],
    agents: [
      {
        agent_id: 1,
        agent: '李青',
        team: '一组',
        total: {},
        platforms: [
          { platform: 'douyin', metrics: liDouyin },
          { platform: 'taobao', metrics: { reply_3min_rate: v(0.95) } },
        ],
      },
      {
        agent_id: 2,
        agent: '王满',
        team: '二组',
        total: {},
        platforms: [{ platform: 'douyin', metrics: { reply_3min_rate: v(0.6) } }],
      },
    ],
    notices: [],
    ...extra,
  };
}

describe('report:agents beside its rows', () => {
  it('gives each row of the page its own agent-and-platform values of last month, null where it had none', () => {
    const oct = agentRowsOf(report('2026-10', { reply_3min_rate: v(0.78) }));
    // September: 李青 only on 抖音 (72%), 王满 on 抖音 (50%); no 淘宝 row
    const sep = report('2026-09', { reply_3min_rate: v(0.72) });
    sep.agents[0]!.platforms.pop();
    sep.agents[1]!.platforms[0]!.metrics = { reply_3min_rate: v(0.5) };
    const sepRows = new Map(agentRowsOf(sep).map((r) => [r.key, r.metrics]));
    const sepKpi = new Map([[1, kpi({ final: 81.5, grade: 'B', rank: 2, ranked: true })]]);
    const prev = previousRows(
      oct,
      (k) => sepRows.get(k),
      (id) => sepKpi.get(id) ?? null,
    );
    expect(oct.map((r) => r.key)).toEqual(['agent|1|douyin', 'agent|1|taobao', 'agent|2|douyin']);
    expect(prev[0]!.metrics.reply_3min_rate!.value).toBe(0.72);
    expect(prev[0]!.kpi).toEqual({ final: 81.5, grade: 'B', rank: 2, ranked: true });
    // 李青 had no 淘宝 row in September: nothing to compare, although he had a score
    expect(prev[1]).toBeNull();
    // 王满 had a row but no score on the scheme
    expect(prev[2]).toEqual({ metrics: { reply_3min_rate: v(0.5) }, kpi: null });
  });

  it('counts the 考核方案 bar over all scores: ranked, not ranked, per grade, KCI missing', () => {
    const stats = schemeStats([
      kpi({ rank: 1, ranked: true, grade: 'A' }),
      kpi({ rank: 2, ranked: true, grade: 'B', kci_missing: ['质检'] }),
      kpi({ rank: 3, ranked: true, grade: 'A' }),
      // scored but below the minimum of worked days: graded, not ranked
      kpi({ rank: null, ranked: false, grade: 'C', kci_missing: ['质检', '考勤'] }),
      kpi({ rank: null, ranked: false }),
    ]);
    expect(stats).toEqual({
      ranked: 3,
      unranked: 2,
      grades: [
        ['A', 2],
        ['B', 1],
        ['C', 1],
      ],
      kci_missing: 2,
    });
    expect(schemeStats([])).toEqual({ ranked: 0, unranked: 0, grades: [], kci_missing: 0 });
  });

  it('counts accounts, the unbound, agents, shops with their platforms and the failed account values', () => {
    const notice = {
      kind: 'cross_month' as const,
      platform: 'douyin' as const,
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      from: '2026-09-28',
      to: '2026-10-04',
      message: '跨月数据未计入',
    };
    expect(summaryOf(report('2026-10', {}, { notices: [notice] }))).toEqual({
      accounts: 4,
      unbound: 1,
      agents: 2,
      shops: 2,
      platforms: ['douyin', 'taobao'],
      // 阿青's 3-minute rate and 小雨's: two values below the line (a null pass is not a failure)
      account_fails: 2,
      notices: [notice],
    });
  });
});
