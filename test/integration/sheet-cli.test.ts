import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { cli, FIX, NOW_NOV, tempDb } from './helpers';

const fx = (...p: string[]): string => join(FIX, ...p);

describe('sheet from the CLI, with event records', () => {
  it('asks for --scheme when several schemes are in force, and lists the month’s attitude-cited ratings and exam warnings', async () => {
    const db = tempDb();
    const run = (args: string[]) => cli([...args, '--db', db], NOW_NOV);
    await run([
      'import',
      fx('roster', '客服花名册.xlsx'),
      fx('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fx('events', '评价明细_快手_2026-10-05.xlsx'),
      fx('events', '考试预警_抖音.xlsx'),
    ]);
    await run(['scheme', 'import', fx('kpi', '测试方案.json')]);
    const out = db.replace(/test\.db$/, 'sheet.xlsx');
    const ambiguous = await run(['sheet', '--month', '2026-10', '--variant', 'client', '--out', out]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('星河-标准方案、星河-测试方案');
    const ok = await run([
      'sheet',
      '--month',
      '2026-10',
      '--scheme',
      '星河-标准方案',
      '--variant',
      'client',
      '--out',
      out,
    ]);
    expect(ok.code).toBe(0);
    const wb = XLSX.read(readFileSync(out));
    const ratings = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets['服务态度差']!);
    // 小美 (李青's account): U3 (neutral, cites it, counted), U5 (removed), U2 (sent 23:05, outside the window);
    // the robot's K6 is listed for the shop with 机器人接待; buyer ids masked in 客户版
    expect(ratings.map((r) => [r['客服'], r['买家'], r['计入']])).toEqual([
      ['李青', 'U***', '是'],
      ['李青', 'U***', '否'],
      ['李青', 'U***', '否'],
      ['未绑定', 'U***', '否'],
    ]);
    expect(ratings.map((r) => r['说明'] ?? '')).toEqual(['', '已剔除', '邀评时间在考核时段外', '机器人接待']);
    const exams = XLSX.utils.sheet_to_json<Record<string, string>>(wb.Sheets['考试预警']!);
    // October: the warning notified 10-27 (its 11-04 pass is after the deadline 11-03)
    expect(exams).toEqual([
      expect.objectContaining({
        客服: '李青',
        账号: '星河旗舰店:阿青',
        // the whole reviewed week
        预警周: '2026-10-19~2026-10-25',
        通知日期: '2026-10-27',
        考试截止: '2026-11-03',
        状态: '逾期后通过',
        重复预警: '是',
      }),
    ]);
    // the whole week and the reasons read without widening a column by hand
    const styled = XLSX.read(readFileSync(out), { cellStyles: true });
    const header = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['考试预警']!, { header: 1 })[0]!;
    const cols = styled.Sheets['考试预警']!['!cols']!;
    expect(cols[header.indexOf('预警周')]!.width).toBeGreaterThanOrEqual('2026-10-19~2026-10-25'.length);
    expect(cols[header.indexOf('预警原因')]!.width).toBeGreaterThanOrEqual(20);
    // 服务态度差 names platforms in Chinese, and its date-times fit
    expect(new Set(ratings.map((r) => r['平台']))).toEqual(new Set(['快手']));
    const rHeader = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['服务态度差']!, { header: 1 })[0]!;
    const rCols = styled.Sheets['服务态度差']!['!cols']!;
    expect(rCols[rHeader.indexOf('评价时间')]!.width).toBeGreaterThanOrEqual('2026-10-03 23:05'.length);
  });
});
