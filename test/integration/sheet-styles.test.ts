import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/open';
import { runDemo } from '../../src/main/demo/run';
import { sharedStyles } from '../../src/main/sheet/cells';
import { buildMonthlySheet } from '../../src/main/sheet/monthly-sheet';
import { chinaEpoch } from '../../src/shared/china-time';
import { tempDb } from './helpers';

const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const MONTH = '2026-10';

/** Every part of an xlsx file (worksheets, shared strings, styles, comments…) as text, by path. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort())
    if (!zip.files[name]!.dir) out[name] = await zip.files[name]!.async('string');
  return out;
}

describe('the monthly sheet written with shared styles (issue 8 item 6)', () => {
  let db: Db;
  beforeAll(() => {
    db = openDb(tempDb());
    runDemo(db, { now: NOW });
  }, 180_000);
  afterAll(() => {
    sharedStyles(true);
    db.close();
  });

  it('writes the demo month exactly as one style object per cell did: every part of the file the same', async () => {
    for (const variant of ['payroll', 'client'] as const) {
      const opts = { month: MONTH, scheme: '星河-标准方案', variant, now: NOW };
      sharedStyles(false);
      const perCell = await parts((await buildMonthlySheet(db, opts)).bytes);
      sharedStyles(true);
      const shared = await parts((await buildMonthlySheet(db, opts)).bytes);
      expect(Object.keys(shared)).toEqual(Object.keys(perCell));
      // the demo month's sheets: values, number formats, marks (fills and fonts), notes and borders
      expect(Object.keys(shared).filter((p) => p.startsWith('xl/worksheets/sheet'))).toHaveLength(5);
      // 0.00% (built-in format 10) and the red mark of a failing value are among the styles
      expect(shared['xl/styles.xml']).toContain('numFmtId="10"');
      expect(shared['xl/styles.xml']).toContain('FFFFC7CE');
      for (const p of Object.keys(perCell)) expect(shared[p], p).toBe(perCell[p]);
    }
  });
});
