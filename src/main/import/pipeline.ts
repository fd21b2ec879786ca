import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { PLATFORM_ZH, type Platform } from '../../shared/domain';
import {
  emptyRows,
  type FileResult,
  type ImportOptions,
  type ImportRunResult,
  type PeriodSource,
} from '../../shared/imports';
import { LAYOUTS, layoutById } from './layouts';
import { mappedLayouts, mappedRosters, mappingRequest } from './mappings';
import { importEvents } from '../events/import';
import type { Db } from '../db/open';
import { listMonths, markDirty, recalcDirty } from '../report/report';
import { commitSummary } from './commit';
import { detectLayouts } from './detect';
import { mapRows, mergeRecords, periodLabel, type MapContext } from './map';
import { periodFromFileName } from './period';
import { readFile } from './read';
import { defaultDateWindow, outsideWindow } from './date-window';
import { ImportFileError } from './types';
import { commitRoster, detectRoster, mapRoster, ROSTER_LAYOUT, type RosterDetection } from './roster';
import { commitOrderLines, mapOrderLines } from './order-lines';
import type { Detection } from './detect';
import type { DateWindow } from './date-window';

export interface RunContext {
  now: number;
  progress?: (stage: string, done: number, total: number, file?: string) => void;
  signal?: AbortSignal;
}

/** Thrown inside the transaction to roll a dry run (or a strict failure) back after computing its counts. */
class Rollback extends Error {}

export function failed(file: string, message: string, extra: Partial<FileResult> = {}): FileResult {
  return {
    file,
    status: 'failed',
    layout: null,
    layout_zh: null,
    platform: null,
    shop: null,
    period: null,
    rows: emptyRows(),
    rejections: [],
    conflicts: [],
    accounts: [],
    message,
    batch_id: null,
    ...extra,
  };
}

/**
 * Imports one file through the named stages: read → detect → map/validate → version → commit. A dry run does
 * everything but keep the commit (it rolls back), so its counts (new/updated/unchanged, conflicts) are exact.
 */
export function importFile(
  db: Db,
  name: string,
  bytes: Uint8Array,
  options: ImportOptions,
  now: number,
  /** hashes of the files already handled in the same run, for duplicates within one selection */
  seen?: Map<string, string>,
): FileResult {
  const file = basename(name);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (seen && !options.force) {
    const first = seen.get(sha256);
    if (first !== undefined)
      return { ...failed(file, `与本次选择的“${first}”内容相同，已跳过`), status: 'skipped' };
    seen.set(sha256, file);
  }
  if (!options.force) {
    const dup = db
      .prepare(
        `SELECT b.id, b.layout, b.platform, s.name AS shop, b.period_from, b.period_to, b.period_source
           FROM import_batches b LEFT JOIN shops s ON s.id = b.shop_id
          WHERE b.sha256 = ? AND b.status = 'active' ORDER BY b.id DESC LIMIT 1`,
      )
      .get(sha256) as
      | {
          id: number;
          layout: string;
          platform: Platform | null;
          shop: string | null;
          period_from: string | null;
          period_to: string | null;
          period_source: PeriodSource | null;
        }
      | undefined;
    if (dup) {
      return {
        ...failed(file, `已导入过相同的文件（批次 ${dup.id}），已跳过；如需重新导入请选择“强制重新导入”`),
        status: 'skipped',
        batch_id: dup.id,
        layout: dup.layout,
        layout_zh: dup.layout
          .split('+')
          .map((id) => layoutById(id)?.zh ?? (id === ROSTER_LAYOUT.id ? ROSTER_LAYOUT.zh : id))
          .join('、'),
        platform: dup.platform,
        shop: dup.shop,
        period:
          dup.period_from && dup.period_to
            ? { from: dup.period_from, to: dup.period_to, source: dup.period_source ?? 'column' }
            : null,
      };
    }
  }

  let read;
  try {
    read = readFile(file, bytes);
  } catch (e) {
    if (e instanceof ImportFileError) return failed(file, e.message);
    throw e;
  }
  const roster = detectRoster(read, mappedRosters(db));
  if (roster) return importRoster(db, file, sha256, bytes.length, roster, options, now);

  const det = detectLayouts(read, [...LAYOUTS, ...mappedLayouts(db)]);
  if (!det.ok) {
    const hint = det.nearMisses
      .map((m) => `${m.layout.zh}（工作表“${m.sheet}”缺少列：${m.missing.join('、')}）`)
      .join('；');
    const mapping = mappingRequest(read) ?? undefined;
    return failed(
      file,
      `文件“${file}”的格式无法识别${hint ? `。最接近的格式：${hint}` : '：没有找到已知的表头'}。请检查是否为平台导出的原始文件，或使用列映射。`,
      { mapping },
    );
  }
  const { detections } = det;
  const dup = detections.find((d) => d.duplicate);
  if (dup?.duplicate) {
    const col = (i: number): string => columnLetter(i);
    return failed(
      file,
      `文件“${file}”工作表“${dup.sheet.name}”的表头“${dup.duplicate.header}”出现了两次（第 ${col(dup.duplicate.columns[0])} 列和第 ${col(dup.duplicate.columns[1])} 列），无法确定用哪一列：请删除重复的列后再导入`,
      { layout: dup.layout.id, layout_zh: dup.layout.zh },
    );
  }
  const window = options.dateWindow ?? defaultDateWindow(now);
  const first = detections[0]!;
  if (first.layout.kind === 'order_lines') {
    if (options.platform && options.platform !== first.layout.platform)
      return failed(
        file,
        `文件“${file}”是${PLATFORM_ZH[first.layout.platform]}的导出，与指定的平台（${PLATFORM_ZH[options.platform]}）不符`,
        { layout: first.layout.id, layout_zh: first.layout.zh },
      );
    return importLines(db, { file, sha256, size: bytes.length, detection: first, options, now, window });
  }
  if (first.layout.kind && first.layout.kind !== 'summary') {
    return importEvents(db, { file, sha256, size: bytes.length, detection: first, options, now });
  }
  const layoutId = [...new Set(detections.map((d) => d.layout.id))].join('+');
  const layoutZh = [...new Set(detections.map((d) => d.layout.zh))].join('、');
  const platform: Platform = detections[0]!.layout.platform;
  if (options.platform && options.platform !== platform) {
    return failed(
      file,
      `文件“${file}”是${PLATFORM_ZH[platform]}的导出，与指定的平台（${PLATFORM_ZH[options.platform]}）不符`,
      {
        layout: layoutId,
        layout_zh: layoutZh,
      },
    );
  }

  const fromName = periodFromFileName(file);
  let period: MapContext['period'] = null;
  if (detections.some((d) => !d.columns.has('date') && !d.columns.has('period'))) {
    if (options.period) period = { ...options.period, source: 'user' };
    else if (fromName) period = { ...fromName, source: 'file_name' };
    if (period) {
      const why = outsideWindow(period.from, window) ?? outsideWindow(period.to, window);
      if (why)
        return failed(
          file,
          `文件“${file}”的统计期间${period.source === 'file_name' ? '（来自文件名）' : ''}不可用：${why}`,
          { layout: layoutId, layout_zh: layoutZh, platform },
        );
    } else
      return failed(
        file,
        `文件“${file}”没有日期列，文件名中也没有日期：请指定统计期间（界面中选择期间，命令行使用 --date YYYY-MM-DD 或 --period YYYY-MM-DD~YYYY-MM-DD）`,
        { layout: layoutId, layout_zh: layoutZh, platform },
      );
  }
  const maps = detections.map((d) => mapRows(d, { period, shop: options.shop ?? null, window }));
  const refused = maps.find((m) => m.refused)?.refused;
  if (refused)
    return failed(file, `文件“${file}”未导入：${refused}`, {
      layout: layoutId,
      layout_zh: layoutZh,
      platform,
    });
  const mapped = {
    records: mergeRecords(maps.map((m) => m.records)),
    rejections: maps.flatMap((m) => m.rejections),
    summaryRows: maps.reduce((n, m) => n + m.summaryRows, 0),
    read: maps.reduce((n, m) => n + m.read, 0),
  };
  const base: FileResult = {
    file,
    status: options.dryRun ? 'previewed' : 'imported',
    layout: layoutId,
    layout_zh: layoutZh,
    platform,
    shop: [...new Set(mapped.records.map((r) => r.shop))].join('、') || options.shop || null,
    period: period ?? spanOf(mapped.records),
    rows: {
      ...emptyRows(),
      read: mapped.read,
      accepted: mapped.records.length,
      rejected: mapped.rejections.length,
    },
    rejections: mapped.rejections,
    conflicts: [],
    accounts: [...new Set(mapped.records.map((r) => r.account))],
    message: '',
    batch_id: null,
  };
  if (options.strict && mapped.rejections.length > 0) {
    return {
      ...base,
      status: 'failed',
      message: `严格模式：文件“${file}”有 ${mapped.rejections.length} 行无法导入，整个文件未导入（第一处：工作表“${mapped.rejections[0]!.sheet}”第 ${mapped.rejections[0]!.row} 行 ${mapped.rejections[0]!.column} “${mapped.rejections[0]!.value}” ${mapped.rejections[0]!.reason}）`,
    };
  }
  if (mapped.records.length === 0) {
    return {
      ...base,
      status: 'failed',
      message: `文件“${file}”没有可导入的数据行${mapped.rejections.length ? `（${mapped.rejections.length} 行有错误）` : ''}`,
    };
  }

  let out: FileResult = base;
  try {
    db.transaction(() => {
      const c = commitSummary(db, {
        fileName: file,
        sha256,
        size: bytes.length,
        layout: layoutId,
        platform,
        period,
        records: mapped.records,
        rejections: mapped.rejections,
        rowsRead: mapped.read,
        now,
      });
      out = { ...base, rows: c.rows, conflicts: c.conflicts, batch_id: options.dryRun ? null : c.batchId };
      if (options.dryRun) throw new Rollback();
      markDirty(db, c.months);
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const parts = [
    `${options.dryRun ? '预览' : '已导入'} ${out.rows.accepted} 行（新增 ${out.rows.new}，更新 ${out.rows.updated}，未变 ${out.rows.unchanged}）`,
  ];
  if (out.rows.rejected) parts.push(`${out.rows.rejected} 行被拒绝`);
  if (mapped.summaryRows) parts.push(`已忽略 ${mapped.summaryRows} 行汇总行`);
  if (out.period)
    parts.push(
      `期间 ${periodLabel(out.period.from, out.period.to)}${out.period.source === 'file_name' ? '（来自文件名，请确认）' : ''}`,
    );
  if (out.conflicts.length) parts.push(`${out.conflicts.length} 处期间重叠`);
  out.message = parts.join('；');
  return out;
}

/** Excel's column letters: 0 → A, 26 → AA. */
function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function spanOf(records: { from: string; to: string }[]): FileResult['period'] {
  if (records.length === 0) return null;
  let from = records[0]!.from;
  let to = records[0]!.to;
  for (const r of records) {
    if (r.from < from) from = r.from;
    if (r.to > to) to = r.to;
  }
  return { from, to, source: 'column' };
}

/** Imports several files one after another; a failure of one file never touches the others. */
export async function runImport(
  db: Db,
  files: { name: string; bytes: Uint8Array }[],
  options: ImportOptions,
  ctx: RunContext,
): Promise<ImportRunResult> {
  const results: FileResult[] = [];
  const seen = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if (ctx.signal?.aborted) {
      results.push(failed(f.name, '已取消'));
      continue;
    }

    ctx.progress?.('import', i, files.length, f.name);
    // yield between files so progress events and cancel requests get through
    await new Promise((r) => setImmediate(r));
    results.push(importFile(db, f.name, f.bytes, options, ctx.now, seen));
  }
  ctx.progress?.('recalc', files.length, files.length);
  // one recomputation for the whole run, not one per file
  recalcDirty(db, ctx.now);
  return { files: results };
}

/** The roster (客服花名册): agents ↔ accounts; every month with data is recomputed, ownership may have moved. */
function importRoster(
  db: Db,
  file: string,
  sha256: string,
  size: number,
  det: RosterDetection,
  options: ImportOptions,
  now: number,
): FileResult {
  const mapped = mapRoster(det, options.shop ?? null);
  const base: FileResult = {
    file,
    status: options.dryRun ? 'previewed' : 'imported',
    layout: ROSTER_LAYOUT.id,
    layout_zh: ROSTER_LAYOUT.zh,
    platform: null,
    shop: null,
    period: null,
    rows: {
      ...emptyRows(),
      read: mapped.read,
      accepted: mapped.rows.length,
      rejected: mapped.rejections.length,
    },
    rejections: mapped.rejections,
    conflicts: [],
    accounts: [...new Set(mapped.rows.map((r) => r.account))],
    message: '',
    batch_id: null,
  };
  if (options.strict && mapped.rejections.length > 0) {
    return {
      ...base,
      status: 'failed',
      message: `严格模式：花名册“${file}”有 ${mapped.rejections.length} 行无法导入，整个文件未导入`,
    };
  }
  if (mapped.rows.length === 0)
    return { ...base, status: 'failed', message: `花名册“${file}”没有可导入的行` };
  let out = base;
  try {
    db.transaction(() => {
      const batchId = Number(
        db
          .prepare(
            `INSERT INTO import_batches (file_name, sha256, size, layout, rows_read, rows_rejected, rejections_json, imported_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            file,
            sha256,
            size,
            ROSTER_LAYOUT.id,
            mapped.read,
            mapped.rejections.length,
            JSON.stringify(mapped.rejections),
            now,
          ).lastInsertRowid,
      );
      const rows = commitRoster(db, batchId, mapped.rows);
      db.prepare(
        'UPDATE import_batches SET rows_accepted = ?, rows_new = ?, rows_updated = ?, rows_unchanged = ? WHERE id = ?',
      ).run(rows.accepted, rows.new, rows.updated, rows.unchanged, batchId);
      out = {
        ...base,
        rows: { ...rows, read: mapped.read, rejected: mapped.rejections.length },
        batch_id: options.dryRun ? null : batchId,
      };
      if (options.dryRun) throw new Rollback();
      markDirty(db, listMonths(db));
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const agents = new Set(mapped.rows.map((r) => r.employeeNo ?? r.name)).size;
  out.message = `${options.dryRun ? '预览' : '已导入'}花名册：${agents} 位客服，${out.rows.accepted} 条账号归属（新增 ${out.rows.new}，更新 ${out.rows.updated}，未变 ${out.rows.unchanged}）${out.rows.rejected ? `；${out.rows.rejected} 行被拒绝` : ''}`;
  return out;
}

/**
 * Per-order credit exports (促成订单, 魔方 客服销售分析): lines versioned by their key, written as account-day facts
 * (order-lines.ts). A period from the file name or the user only labels the batch: every line carries its own day.
 */
function importLines(
  db: Db,
  a: {
    file: string;
    sha256: string;
    size: number;
    detection: Detection;
    options: ImportOptions;
    now: number;
    window: DateWindow;
  },
): FileResult {
  const { file, detection: det, options } = a;
  const layout = det.layout;
  const fromName = periodFromFileName(file);
  const period: MapContext['period'] = options.period
    ? { ...options.period, source: 'user' }
    : fromName
      ? { ...fromName, source: 'file_name' }
      : null;
  if (period) {
    const why = outsideWindow(period.from, a.window) ?? outsideWindow(period.to, a.window);
    if (why)
      return failed(
        file,
        `文件“${file}”的统计期间${period.source === 'file_name' ? '（来自文件名）' : ''}不可用：${why}`,
        {
          layout: layout.id,
          layout_zh: layout.zh,
          platform: layout.platform,
        },
      );
  }
  const mapped = mapOrderLines(det, { shop: options.shop ?? null, window: a.window });
  const days = mapped.lines.map((l) => l.day).sort();
  const base: FileResult = {
    file,
    status: options.dryRun ? 'previewed' : 'imported',
    layout: layout.id,
    layout_zh: layout.zh,
    platform: layout.platform,
    shop: [...new Set(mapped.lines.map((l) => l.shop))].join('、') || options.shop || null,
    period: period ?? (days.length ? { from: days[0]!, to: days[days.length - 1]!, source: 'column' } : null),
    rows: {
      ...emptyRows(),
      read: mapped.read,
      accepted: mapped.lines.length,
      rejected: mapped.rejections.length,
    },
    rejections: mapped.rejections,
    conflicts: [],
    accounts: [...new Set(mapped.lines.map((l) => l.account))],
    message: '',
    batch_id: null,
  };
  if (options.strict && mapped.rejections.length > 0) {
    const r = mapped.rejections[0]!;
    return {
      ...base,
      status: 'failed',
      message: `严格模式：文件“${file}”有 ${mapped.rejections.length} 行无法导入，整个文件未导入（第一处：工作表“${r.sheet}”第 ${r.row} 行 ${r.column} “${r.value}” ${r.reason}）`,
    };
  }
  if (mapped.lines.length === 0) {
    return {
      ...base,
      status: 'failed',
      message: `文件“${file}”没有可导入的数据行${mapped.rejections.length ? `（${mapped.rejections.length} 行有错误）` : ''}`,
    };
  }
  let out = base;
  try {
    db.transaction(() => {
      const c = commitOrderLines(db, {
        fileName: file,
        sha256: a.sha256,
        size: a.size,
        layout,
        platform: layout.platform,
        period,
        lines: mapped.lines,
        rejections: mapped.rejections,
        rowsRead: mapped.read,
        now: a.now,
      });
      out = { ...base, rows: c.rows, batch_id: options.dryRun ? null : c.batchId };
      if (options.dryRun) throw new Rollback();
      markDirty(db, c.months);
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const credited = mapped.lines.filter((l) => l.credited).length;
  const inferred = mapped.lines.filter((l) => l.inferred).length;
  const parts = [
    `${options.dryRun ? '预览' : '已导入'} ${out.rows.accepted} 行订单（新增 ${out.rows.new}，更新 ${out.rows.updated}，未变 ${out.rows.unchanged}），其中 ${credited} 行计入销售额`,
  ];
  if (inferred) parts.push(`${inferred} 行为系统推算归属（销售额标为近似）`);
  if (out.rows.rejected) parts.push(`${out.rows.rejected} 行被拒绝`);
  if (mapped.duplicates) parts.push(`${mapped.duplicates} 行完全重复，只计一次`);
  if (mapped.summaryRows) parts.push(`已忽略 ${mapped.summaryRows} 行汇总行`);
  if (out.period)
    parts.push(
      `期间 ${periodLabel(out.period.from, out.period.to)}${out.period.source === 'file_name' ? '（来自文件名，请确认）' : ''}`,
    );
  out.message = parts.join('；');
  return out;
}
