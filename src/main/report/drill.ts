import { monthEnd, monthStart } from '../../shared/china-time';
import type { Day } from '../../shared/domain';
import type { DrillInput, DrillResult } from '../../shared/api';
import { drillCoverage, drillDays, drillTotal, EVIDENCE_SPEC, listedCounts } from '../../shared/drill';
import type { Db } from '../db/open';
import { evidence } from '../events/evidence';
import { countedParts } from './report';

/**
 * The parts behind one account's month value ("why is this 76%?"): by day with their source and exactly the
 * numerator and denominator the month's sum used, the 合计, how much of it the evidence rows explain, and the import
 * rows behind the export days.
 */
export function drill(db: Db, input: DrillInput, now = 0): DrillResult {
  // `now`: exam warnings count as known on that day (metrics.md §7), as in the month value
  const { accountId, parts } = countedParts(db, input, now);
  const ms = monthStart(input.month);
  const me = monthEnd(input.month);
  const byDay = drillDays(parts);
  // the evidence rows are computed on demand (not stored): count the ones the value counts, without their text
  const listed = EVIDENCE_SPEC[input.metric]
    ? listedCounts(input.metric, evidence(db, input, { messages: false, parts }))
    : {};
  const rows = (
    db
      .prepare(
        `SELECT r.batch_id, b.file_name, r.sheet, r.row, r.period_from, r.period_to, r.cells_json
           FROM batch_rows r JOIN import_batches b ON b.id = r.batch_id AND b.status = 'active'
          WHERE r.account_id = ? AND r.period_from <= ? AND r.period_to >= ?
          ORDER BY r.period_from, r.batch_id, r.row`,
      )
      .all(accountId, me, ms) as {
      batch_id: number;
      file_name: string;
      sheet: string;
      row: number;
      period_from: Day;
      period_to: Day;
      cells_json: string;
    }[]
  ).map((r) => ({
    batch_id: r.batch_id,
    file_name: r.file_name,
    sheet: r.sheet,
    row: r.row,
    from: r.period_from,
    to: r.period_to,
    values: JSON.parse(r.cells_json) as Record<string, string>,
  }));
  return {
    // the counted one-day parts, as before `by_day` carried their source
    days: byDay
      .filter((d) => d.day === d.to)
      .map((d) => ({ day: d.day, value: d.value, numerator: d.numerator, denominator: d.denominator })),
    by_day: byDay,
    total: drillTotal(input.metric, parts),
    coverage: drillCoverage(input.metric, parts, listed),
    rows,
  };
}
