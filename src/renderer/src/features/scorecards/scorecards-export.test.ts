import { describe, expect, it } from 'vitest';
import type { AgentKpi } from '../../../../shared/report';
import { scorecardsTable, type ExportRow } from './scorecards-export';

const li: ExportRow = {
  name: '李青',
  agent: '李青',
  team: '一组',
  platform: 'douyin',
  shop: '星河旗舰店',
  metrics: { reply_3min_rate: { value: 0.78 } as never, sessions: { value: 50 } as never },
};

describe('客服 export', () => {
  it('has the screen columns: KPI on the 客服 tab, metrics with their formats, deductions negative', () => {
    const kpi = {
      rank: 2,
      ranked: true,
      final: 53.79,
      grade: 'D',
      kpi_total: 52.24,
      kci_total: 90,
      deductions: 6,
      bonus: null,
    } as unknown as AgentKpi;
    const t = scorecardsTable('agents', [li], ['reply_3min_rate', 'sessions'], () => kpi);
    expect(t.columns.map((c) => c.title)).toEqual([
      '排名',
      '客服',
      '团队',
      '最终得分',
      '等级',
      'KPI得分',
      'KCI得分',
      '扣分',
      '奖金',
      '平台',
      '店铺',
      '3分钟人工回复率',
      '接待会话量',
    ]);
    expect(t.rows[0]).toEqual([
      2,
      '李青',
      '一组',
      53.79,
      'D',
      52.24,
      90,
      -6,
      null,
      '抖音',
      '星河旗舰店',
      0.78,
      50,
    ]);
    expect(t.columns[11]!.format).toBe('0.00%');
    expect(t.columns[12]!.format).toBe('#,##0');
  });

  it('names the agent of an account, or 未绑定', () => {
    const t = scorecardsTable('accounts', [{ ...li, name: '星河旗舰店:阿青', agent: null }], [], null);
    expect(t.columns.map((c) => c.title)).toEqual(['账号', '客服', '平台', '店铺']);
    expect(t.rows[0]).toEqual(['星河旗舰店:阿青', '未绑定', '抖音', '星河旗舰店']);
  });
});
