/** Detection of the layouts public importers read (issue 9 item 2), by header content only. */
import { describe, expect, it } from 'vitest';
import { detectLayouts } from '../../src/main/import/detect';
import { splitInferred } from '../../src/main/import/order-lines';
import type { ReadResult } from '../../src/main/import/types';

function sheet(name: string, header: string[]): ReadResult {
  return { format: 'xlsx', sheets: [{ name, rows: [header.map((v) => ({ t: 's' as const, v }))] }] };
}
function detected(name: string, header: string[]): string | null {
  const d = detectLayouts(sheet(name, header));
  return d.ok ? d.detections[0]!.layout.id : null;
}

describe('layouts from real importers', () => {
  it('each header row is detected as its own layout, not as a neighbour sharing columns', () => {
    expect(
      detected('Sheet1', [
        '客服昵称',
        '三分钟回复率（人维度）',
        '三分钟回复率（会话）',
        '咨询人数',
        '询单人数',
        '支付人数',
      ]),
    ).toBe('kuaishou_assessment_dims');
    expect(
      detected('Sheet1', [
        '客服账号',
        '接待会话量',
        '有效评价数',
        '有效好评数',
        '全天3分钟回复率',
        '客服询单支付额',
      ]),
    ).toBe('douyin_feige_performance');
    expect(
      detected('客服管家_促成订单', [
        '下单时间',
        '商品编号',
        '客服',
        '所属订单编号',
        '商品单价(?)',
        '购买数量',
        '订单状态',
      ]),
    ).toBe('jd_promoted_orders');
    expect(
      detected('Sheet1', ['订单编号', '订单状态', '下单时间', '付款时间', '订单金额（元）', '客服昵称']),
    ).toBe('jd_mofang_sales');
    expect(
      detected('Sheet1', ['旺旺', '咨询人数', '接待人数', '延询单人数', '延询单转化率', '客户满意率']),
    ).toBe('taobao_qianniu_performance');
    // 咨询接待分析 keeps its own layout although 千牛 员工绩效 shares most of its columns
    expect(
      detected('数据信息', [
        '旺旺昵称',
        '咨询人数',
        '接待人数',
        '未回复人数',
        '3分钟人工响应率',
        '旺旺回复率',
      ]),
    ).toBe('taobao_reception');
  });

  it('千牛 员工绩效 needs 询单人数 or 延询单人数: without either the columns are read as a 赤兔 report', () => {
    const header = ['旺旺', '咨询人数', '接待人数', '客户满意率', '首次响应时长'];
    expect(detected('Sheet1', header)).toBe('taobao_chitu_report');
    expect(detected('Sheet1', [...header, '询单人数'])).toBe('taobao_qianniu_performance');
  });

  it('(推算) and （推算） mark an inferred credit; the account stays as exported otherwise', () => {
    expect(splitInferred('jdxc--小李(推算)')).toEqual({ account: 'jdxc--小李', inferred: true });
    expect(splitInferred(' jdxc--阿明（推算） ')).toEqual({ account: 'jdxc--阿明', inferred: true });
    expect(splitInferred('jdxc--推算')).toEqual({ account: 'jdxc--推算', inferred: false });
  });
});
