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
  /**
   * Rate fields: the count field of the same layout that is this rate's numerator (3分钟回复会话数 for
   * 3分钟人工回复率). The mapping step offers it when a mapped column holds the count, and a plain-number column
   * mapped onto the rate is refused rather than read as a percentage.
   */
  numerator?: string;
}

export interface LayoutDef {
  id: string;
  zh: string;
  platform: Platform;
  /** Sheet names the export uses (a hint, not required). */
  sheetNames?: string[];
  /** Per-agent summary (the default) or one of the event templates (imports.md §3). */
  kind?: 'summary' | 'messages' | 'ratings' | 'orders' | 'exams' | 'order_lines';
  /**
   * `order_lines` layouts (one row per credited order or order line): the fields forming a line's key, versioned
   * across files like events, and how a line is credited. See order-lines.ts.
   */
  lines?: OrderLinesDef;
  /** A lead's saved column mapping built this layout: its columns are checked against their fields' kinds. */
  mapped?: { name: string; percent: string[] };
  /** The header spans two rows (group over field, joined `group/field`). */
  twoRowHeader?: boolean;
  /** Fields whose headers must all be present for the layout to be detected. */
  required: string[];
  /** Besides `required`, at least one of these must be present (千牛 员工绩效: 询单人数 or 延询单人数). */
  oneOf?: string[];
  fields: FieldDef[];
}

export interface OrderLinesDef {
  /** Fields whose values identify a line across files: (所属订单编号, 商品编号) or 订单编号. */
  key: string[];
  /** The field whose day is the line's day (下单时间). */
  day: string;
  /** Credited amount: unit price × quantity, or a whole order amount. */
  amount: { price: string; quantity?: string };
  /** A line is credited only when this field has a time (付款时间); absent: every line that is not cancelled. */
  paid?: string;
  /** Status field: a status containing 取消 is not credited. */
  status: string;
}
