/**
 * Formula injection into every sheet of the exported 月度绩效表 (both variants): names, teams, accounts and notes
 * that start with `=`, `+`, `-`, `@`, a tab or a CR stay text. Read back with `xlsx`: no cell carries a formula (`f`)
 * and every such cell is a string cell.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { Backend } from '../../src/main/backend';
import { cli, FIX, NOW_NOV, tempDb } from '../integration/helpers';

const fx = (...p: string[]): string => join(FIX, ...p);
const PAYLOADS = [
  '=1+1',
  '+SUM(A1:A2)',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://x","y")',
];

describe('formula injection into the exported sheets', () => {
  it('keeps =, +, -, @, tab and CR prefixes as text in every sheet of both variants', async () => {
    const db = tempDb();
    const run = (args: string[]) => cli([...args, '--db', db], NOW_NOV);
    expect(
      (
        await run([
          'import',
          fx('roster', '客服花名册.xlsx'),
          fx('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
          fx('events', '评价明细_快手_2026-10-05.xlsx'),
          fx('events', '考试预警_抖音.xlsx'),
        ])
      ).code,
    ).toBe(0);
    const backend = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    try {
      const agents = backend.db.prepare('SELECT id FROM agents ORDER BY id').all() as { id: number }[];
      expect(agents.length).toBeGreaterThan(1);
      agents.forEach((a, i) =>
        backend.db
          .prepare('UPDATE agents SET name = ?, team = ?, employee_no = ? WHERE id = ?')
          .run(
            `${PAYLOADS[i % PAYLOADS.length]}#${i}`,
            PAYLOADS[(i + 1) % PAYLOADS.length],
            PAYLOADS[(i + 2) % PAYLOADS.length],
            a.id,
          ),
      );
      const schemes = await backend.dispatch('scheme:list', {});
      if (!schemes.ok) throw new Error(schemes.error.message);
      const scheme = (schemes.data as { name: string }[])[0]!.name;
      let checked = 0;
      for (const variant of ['client', 'payroll'] as const) {
        const r = await backend.dispatch('sheet:export', { month: '2026-10', scheme, variant });
        if (!r.ok) throw new Error(r.error.message);
        const wb = XLSX.read((r.data as { bytes: Uint8Array }).bytes, { cellFormula: true });
        for (const name of wb.SheetNames) {
          const sheet = wb.Sheets[name]!;
          for (const [ref, cell] of Object.entries(sheet)) {
            if (ref.startsWith('!')) continue;
            const c = cell as XLSX.CellObject;
            expect([variant, name, ref, c.f]).toEqual([variant, name, ref, undefined]);
            if (
              typeof c.v === 'string' &&
              /^[=+\-@\t\r]/.test(c.v) &&
              PAYLOADS.some((p) => String(c.v).includes(p))
            ) {
              expect([variant, name, ref, c.t]).toEqual([variant, name, ref, 's']);
              checked++;
            }
          }
        }
      }
      // the payloads did reach the sheets (a test that finds no payload checks nothing)
      expect(checked).toBeGreaterThan(4);
    } finally {
      backend.close();
    }
  });
});
