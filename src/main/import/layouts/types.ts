import type { Platform } from '../../../shared/domain';

/** How a column's cells are parsed (imports.md §1). */
export type FieldKind =
  | 'text'
  | 'id'
  | 'count'
  | 'rate'
  | 'ratio'
  | 'duration'
  | 'money'
  | 'hours'
  | 'decimal'
  | 'day'
  | 'datetime';

/**
 * Identity columns locate a row; value columns become facts; `period` is a range column (统计周期); `info`
 * columns are kept in the row for drill-down only.
 */
export type FieldRole =
  'shop' | 'account' | 'nickname' | 'date' | 'period' | 'value' | 'info' | 'platform' | 'event';

export interface FieldDef {
  /** Canonical field name stored in `facts.field`; shared by layouts where the meaning is the same. */
  field: string;
  /** Header strings as seen in real exports (compared after normalisation, unit suffixes allowed). */
  aliases: readonly string[];
  kind: FieldKind;
  role: FieldRole;
}

export interface LayoutDef {
  id: string;
  zh: string;
  platform: Platform;
  /** Sheet names the export uses (a hint, not required). */
  sheetNames?: string[];
  /** Per-agent summary (the default) or one of the event templates (imports.md §3). */
  kind?: 'summary' | 'messages' | 'ratings' | 'orders' | 'exams';
  /** The header spans two rows (group over field, joined `group/field`). */
  twoRowHeader?: boolean;
  /** Fields whose headers must all be present for the layout to be detected. */
  required: string[];
  fields: FieldDef[];
}
