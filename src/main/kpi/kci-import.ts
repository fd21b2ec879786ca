import { basename } from 'node:path';
import { isMonth } from '../../shared/china-time';
import type { Rejection } from '../../shared/imports';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { findHeaderRow, matchesAlias } from '../import/headers';
import { readFile } from '../import/read';
import { cellText, isNullMarker, parseDecimalCell, parseDay } from '../import/values';
import { saveKci } from './store';

export interface KciImportResult {
  file: string;
  rows: { read: number; accepted: number; rejected: number };
  items: string[];
  rejections: Rejection[];
}

/**
 * KCI scores from a sheet: 姓名, 月份, then one column per KCI item (e.g. 出勤, 质检). An agent is found by name
 * (or 工号 when there is such a column); an empty cell leaves that entry as it was. All or nothing per file.
 */
export function importKci(db: Db, name: string, bytes: Uint8Array): KciImportResult {
  const file = basename(name);
  const read = readFile(file, bytes);
  for (const sheet of read.sheets) {
    const found = findHeaderRow(sheet.rows, ['姓名', '月份', '工号']);
    if (!found) continue;
    const headers = (sheet.rows[found.index] ?? []).map((c) => cellText(c));
    const col = (alias: string): number => headers.findIndex((h) => matchesAlias(h, alias));
    const nameCol = col('姓名');
    const monthCol = col('月份');
    const noCol = col('工号');
    if (nameCol < 0 || monthCol < 0) continue;
    const itemCols = headers
      .map((h, i) => ({ h, i }))
      .filter(({ h, i }) => h && ![nameCol, monthCol, noCol].includes(i));
    const result: KciImportResult = {
      file,
      rows: { read: 0, accepted: 0, rejected: 0 },
      items: itemCols.map((c) => c.h),
      rejections: [],
    };
    const writes: { agent: number; month: string; item: string; value: number }[] = [];
    sheet.rows.slice(found.index + 1).forEach((cells, k) => {
      const row = found.index + 2 + k;
      if (cells.every((c) => isNullMarker(cellText(c)))) return;
      result.rows.read++;
      const reject = (i: number, reason: string): void => {
        result.rows.rejected++;
        result.rejections.push({
          sheet: sheet.name,
          row,
          column: headers[i] ?? '',
          value: cellText(cells[i] ?? null),
          reason,
        });
      };
      const who = cellText(cells[nameCol] ?? null);
      const no = noCol >= 0 ? cellText(cells[noCol] ?? null) : '';
      const agents = (
        no
          ? db.prepare('SELECT id FROM agents WHERE employee_no = ?').all(no)
          : db.prepare('SELECT id FROM agents WHERE name = ?').all(who)
      ) as { id: number }[];
      if (agents.length !== 1)
        return reject(
          nameCol,
          agents.length ? `有 ${agents.length} 位客服叫“${who}”，请加工号列区分` : `花名册中没有客服“${who}”`,
        );
      const monthText = cellText(cells[monthCol] ?? null)
        .replace(/[年/.]/g, '-')
        .replace(/月$/, '');
      let month = /^\d{4}-\d{1,2}$/.test(monthText)
        ? `${monthText.slice(0, 4)}-${monthText.slice(5).padStart(2, '0')}`
        : '';
      if (!month) {
        const d = parseDay(cells[monthCol] ?? null);
        if (d.ok && d.value) month = d.value.slice(0, 7);
      }
      if (!isMonth(month)) return reject(monthCol, '不是有效月份（应为 YYYY-MM）');
      const rowWrites: typeof writes = [];
      for (const c of itemCols) {
        const cell = cells[c.i] ?? null;
        if (isNullMarker(cellText(cell))) continue;
        const v = parseDecimalCell(cell);
        if (!v.ok || v.value === null || v.value.n < 0)
          return reject(c.i, v.ok ? '分数应为不小于 0 的数字' : v.reason);
        rowWrites.push({ agent: agents[0]!.id, month, item: c.h, value: v.value.n / v.value.d });
      }
      writes.push(...rowWrites);
      result.rows.accepted++;
    });
    db.transaction(() => {
      for (const w of writes) saveKci(db, w.agent, w.month, w.item, w.value);
    })();
    return result;
  }
  throw new UserError(`文件“${file}”不是 KCI 表：需要 姓名、月份 两列，以及每个 KCI 项一列（如 出勤、质检）`);
}
