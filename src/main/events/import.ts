import type { FileResult, ImportOptions } from '../../shared/imports';
import { emptyRows } from '../../shared/imports';
import { addMonths, eachMonth, monthOf } from '../../shared/china-time';
import type { Db } from '../db/open';
import type { Detection } from '../import/detect';
import { markDirty } from '../report/report';
import { defaultDateWindow } from '../import/date-window';
import { commitEvents } from './commit';
import { mapEvents, type EventKind } from './map';
import { markEventDays, widenMessageDays, widenOrderDays } from './recalc';
import { keyShopResolver } from '../import/shop-names';

const ZH: Record<EventKind, string> = {
  messages: '条消息',
  ratings: '条评价',
  orders: '个订单',
  exams: '条预警',
};

export interface EventImportInput {
  file: string;
  sha256: string;
  size: number;
  detection: Detection;
  options: ImportOptions;
  now: number;
}

class Rollback extends Error {}

/** Imports an event template (imports.md §3): map and validate, version by key, commit, recompute touched days. */
export function importEvents(db: Db, input: EventImportInput): FileResult {
  const { file, detection, options, now } = input;
  const kind = detection.layout.kind as EventKind;
  const mapped = mapEvents(
    kind,
    detection,
    options.platform ?? null,
    options.shop ?? null,
    options.dateWindow ?? defaultDateWindow(now),
    false,
    keyShopResolver(db),
  );
  const platforms = [...new Set(mapped.rows.map((r) => r.platform))];
  const days = mapped.rows.map((r) => ('day' in r ? r.day : r.week_start)).sort();
  const base: FileResult = {
    file,
    status: options.dryRun ? 'previewed' : 'imported',
    layout: detection.layout.id,
    layout_zh: detection.layout.zh,
    platform: platforms.length === 1 ? platforms[0]! : null,
    shop: [...new Set(mapped.rows.map((r) => r.shop))].join('、') || null,
    period: days.length ? { from: days[0]!, to: days[days.length - 1]!, source: 'column' } : null,
    rows: {
      ...emptyRows(),
      read: mapped.read,
      accepted: mapped.rows.length,
      rejected: mapped.rejections.length,
    },
    rejections: mapped.rejections,
    conflicts: [],
    accounts: [
      ...new Set(mapped.rows.map((r) => ('account' in r ? (r.account ?? '') : '')).filter(Boolean)),
    ] as string[],
    message: '',
    batch_id: null,
  };
  if (options.strict && mapped.rejections.length) {
    const j = mapped.rejections[0]!;
    return {
      ...base,
      status: 'failed',
      message: `严格模式：文件“${file}”有 ${mapped.rejections.length} 行无法导入，整个文件未导入（第一处：工作表“${j.sheet}”第 ${j.row} 行 ${j.column} “${j.value}” ${j.reason}）`,
    };
  }
  if (mapped.rows.length === 0)
    return {
      ...base,
      status: 'failed',
      message: `文件“${file}”没有可导入的数据行${mapped.rejections.length ? `（${mapped.rejections.length} 行有错误）` : ''}`,
    };

  let out = base;
  try {
    db.transaction(() => {
      const batchId = Number(
        db
          .prepare(
            `INSERT INTO import_batches (file_name, sha256, size, layout, platform, period_from, period_to, period_source, rows_read,
               rows_rejected, rejections_json, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'column', ?, ?, ?, ?)`,
          )
          .run(
            file,
            input.sha256,
            input.size,
            detection.layout.id,
            base.platform,
            base.period?.from ?? null,
            base.period?.to ?? null,
            mapped.read,
            mapped.rejections.length,
            JSON.stringify(mapped.rejections.slice(0, 1000)),
            now,
          ).lastInsertRowid,
      );
      const c = commitEvents(db, kind, mapped.rows, batchId);
      const shopId = c.touched.size === 1 ? [...c.touched.keys()][0]! : null;
      db.prepare(
        'UPDATE import_batches SET shop_id = ?, rows_accepted = ?, rows_new = ?, rows_updated = ?, rows_unchanged = ? WHERE id = ?',
      ).run(shopId, c.rows.accepted, c.rows.new, c.rows.updated, c.rows.unchanged, batchId);
      out = {
        ...base,
        rows: { ...c.rows, read: mapped.read, rejected: mapped.rejections.length },
        batch_id: options.dryRun ? null : batchId,
      };
      if (options.dryRun) throw new Rollback();
      const widened = new Map(
        [...c.touched].map(([shop, set]) => [
          shop,
          kind === 'orders' ? widenOrderDays(set) : widenMessageDays(set),
        ]),
      );
      markEventDays(db, widened);
      const months = new Set<string>();
      for (const set of widened.values()) for (const d of set) months.add(monthOf(d));
      if (kind === 'exams' && base.period)
        for (const m of eachMonth(monthOf(base.period.from), addMonths(monthOf(base.period.to), 1)))
          months.add(m);
      markDirty(db, months);
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const parts = [
    `${options.dryRun ? '预览' : '已导入'} ${out.rows.accepted} ${ZH[kind]}（新增 ${out.rows.new}，更新 ${out.rows.updated}，未变 ${out.rows.unchanged}）`,
  ];
  if (out.rows.rejected) parts.push(`${out.rows.rejected} 行被拒绝`);
  if (mapped.summaryRows) parts.push(`已忽略 ${mapped.summaryRows} 行汇总行`);
  if (mapped.duplicates) parts.push(`${mapped.duplicates} 行与前面的行完全相同，只计一次`);
  out.message = parts.join('；');
  return out;
}
