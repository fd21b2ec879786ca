import { chinaDateTime } from '../../shared/china-time';
import type { Platform } from '../../shared/domain';
import type { ImportBatchInfo, PeriodSource } from '../../shared/imports';
import type { Db } from '../db/open';
import { layoutById } from './layouts';

interface BatchRow {
  id: number;
  file_name: string;
  sha256: string;
  layout: string;
  platform: Platform | null;
  shop: string | null;
  period_from: string | null;
  period_to: string | null;
  period_source: PeriodSource | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_new: number;
  rows_updated: number;
  rows_unchanged: number;
  imported_at: number;
  status: 'active' | 'undone';
}

/** Import history, newest first; times in China time. */
export function listBatches(db: Db, limit = 500): ImportBatchInfo[] {
  const rows = db
    .prepare(
      `SELECT b.*, s.name AS shop FROM import_batches b LEFT JOIN shops s ON s.id = b.shop_id ORDER BY b.id DESC LIMIT ?`,
    )
    .all(limit) as BatchRow[];
  return rows.map((r) => ({
    id: r.id,
    file_name: r.file_name,
    sha256: r.sha256,
    layout: r.layout,
    layout_zh: r.layout
      .split('+')
      .map((id) => layoutById(id)?.zh ?? id)
      .join('、'),
    platform: r.platform,
    shop: r.shop,
    period_from: r.period_from,
    period_to: r.period_to,
    period_source: r.period_source,
    rows: {
      read: r.rows_read,
      accepted: r.rows_accepted,
      rejected: r.rows_rejected,
      new: r.rows_new,
      updated: r.rows_updated,
      unchanged: r.rows_unchanged,
    },
    imported_at: chinaDateTime(r.imported_at),
    status: r.status,
  }));
}
