import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { exportFileName, tablesXlsx, tableXlsx } from './table-xlsx';

describe('table export', () => {
  it('writes numbers as numbers with the screen format, blanks as empty cells, text as text', () => {
    const bytes = tableXlsx(
      '客服 2026/10',
      [
        { title: '客服' },
        { title: '3分钟人工回复率', format: '0.00%' },
        { title: '接待会话量', format: '#,##0' },
      ],
      [
        ['李青', 0.8931, 20969],
        ['=1+1 小王', null, 12],
      ],
    );
    const wb = XLSX.read(bytes, { cellStyles: true });
    expect(wb.SheetNames).toEqual(['客服 2026_10']);
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(ws['B2']).toMatchObject({ t: 'n', v: 0.8931, z: '0.00%', w: '89.31%' });
    expect(ws['C2']).toMatchObject({ t: 'n', v: 20969, w: '20,969' });
    // a name that looks like a formula stays text
    expect(ws['A3']).toMatchObject({ t: 's', v: '=1+1 小王' });
    expect((ws['A3'] as XLSX.CellObject).f).toBeUndefined();
    expect(ws['B3']).toBeUndefined();
    expect(ws['!autofilter']).toEqual({ ref: 'A1:C3' });
    // 3分钟人工回复率: 3 + 6 CJK × 2 = 15, + 2
    expect(ws['!cols']![1]!.wch).toBe(17);
  });

  it('writes several sheets in order, a number with its own format keeping it over the column’s', () => {
    const bytes = tablesXlsx([
      { name: '店铺', columns: [{ title: '店铺' }], rows: [['星河旗舰店']] },
      {
        name: '对账',
        columns: [{ title: '值', format: '0.00%' }],
        rows: [[0.5], [{ n: 1234.5, z: '#,##0.0"秒钟"' }]],
      },
    ]);
    const wb = XLSX.read(bytes, { cellStyles: true });
    expect(wb.SheetNames).toEqual(['店铺', '对账']);
    const ws = wb.Sheets['对账']!;
    expect(ws['A2']).toMatchObject({ t: 'n', v: 0.5, w: '50.00%' });
    expect(ws['A3']).toMatchObject({ t: 'n', v: 1234.5, z: '#,##0.0"秒钟"', w: '1,234.5秒钟' });
    // the widest shown value: 1,234.5秒钟 is 7 + 2 × 2 = 11, + 2
    expect(ws['!cols']![0]!.wch).toBe(13);
  });

  it('names the file by title and month', () => {
    expect(exportFileName('客服', '2026-10')).toBe('客服_2026-10.xlsx');
    expect(exportFileName('导入记录', null)).toBe('导入记录.xlsx');
    expect(exportFileName('a/b', null)).toBe('a_b.xlsx');
  });
});
