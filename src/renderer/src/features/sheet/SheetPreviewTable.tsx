/**
 * A 绩效汇总 preview table (SheetPreview): the display strings exactly as the xlsx shows them, failing cells red,
 * small samples and KCI 未录入 amber with the cell's note on hover, numbers right-aligned.
 */
import { useMemo, type ReactNode, type TdHTMLAttributes } from 'react';
import { Table, Tooltip, type TableColumnsType } from 'antd';
import type { PreviewTable, SheetMark } from '../../../../shared/sheet-preview';
import { previewOrder } from './preview-order';

interface Row {
  key: number;
  cells: string[];
}

const NUMERIC = /^(?:[≥≤]\s?)?[-+−]?[¥$]?[\d,]+(\.\d+)?(%|秒|元|时)?$/;

/** A column is numeric when most of its filled cells are numbers (排名 mixes numbers with 不参与排名). */
function numericColumns(t: PreviewTable): boolean[] {
  return t.header.map((_, c) => {
    const filled = t.rows.map((r) => r[c] ?? '').filter((v) => v !== '');
    return filled.length > 0 && filled.filter((v) => NUMERIC.test(v)).length * 2 >= filled.length;
  });
}

function textWidth(text: string): number {
  // at 14px a CJK character is about 14px wide and a digit or Latin letter about 8px
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 14 : 8;
  return w;
}

/**
 * Fits a column to its values; a header longer than that (「3分钟人工回复率得分」) wraps onto two lines instead of
 * widening the column, so more of the 20-odd columns fit on screen.
 */
function widthOf(header: string, values: string[], extra: number): number {
  const pad = 26;
  const value = Math.max(0, ...values.map(textWidth)) + extra + pad;
  const head = textWidth(header) + pad;
  if (head <= Math.max(value, 84)) return Math.max(value, head, 56);
  return Math.max(value, Math.ceil(textWidth(header) / 2) + pad, 56);
}

export function SheetPreviewTable({
  table,
  fixedLeft = 0,
  pinned = [],
  testId,
}: {
  table: PreviewTable;
  /** columns kept in view while scrolling (the sheet freezes 排名 and 姓名) */
  fixedLeft?: number;
  /**
   * headers moved next to the fixed columns and kept in view with them (最终得分, 等级: what the lead reads first,
   * the last columns of a 20-odd column sheet); the xlsx keeps its own order
   */
  pinned?: readonly string[];
  testId?: string;
}): ReactNode {
  const marks = useMemo(() => {
    const m = new Map<string, SheetMark[]>();
    for (const x of table.marks) {
      const k = `${x.row}:${x.col}`;
      m.set(k, [...(m.get(k) ?? []), x]);
    }
    return m;
  }, [table.marks]);
  const numeric = useMemo(() => numericColumns(table), [table]);
  const rows: Row[] = useMemo(() => table.rows.map((cells, key) => ({ key, cells })), [table.rows]);

  const { order, frozen } = previewOrder(table.header, fixedLeft, pinned);
  const columns: TableColumnsType<Row> = order.map((c, at) => ({
    title: table.header[c]!,
    key: String(c),
    width: widthOf(
      table.header[c]!,
      table.rows.map((r) => r[c] ?? ''),
      table.marks.some((m) => m.col === c && m.kind === 'kci_missing') ? 44 : 0,
    ),
    fixed: at < frozen ? 'left' : undefined,
    align: numeric[c] ? 'right' : 'left',
    onCell: (r: Row) => {
      const ms = marks.get(`${r.key}:${c}`) ?? [];
      const fail = ms.some((m) => m.kind === 'fail');
      const amber = !fail && ms.length > 0;
      const cls = [numeric[c] ? 'sd-cell-num' : '', fail ? 'sd-cell-fail' : '', amber ? 'sd-cell-amber' : '']
        .filter(Boolean)
        .join(' ');
      return {
        className: cls || undefined,
        'data-mark': ms.map((m) => m.kind).join(' ') || undefined,
        'data-col': table.header[c],
      } as TdHTMLAttributes<HTMLTableCellElement>;
    },
    render: (_: unknown, r: Row) => {
      const v = r.cells[c] ?? '';
      const ms = marks.get(`${r.key}:${c}`) ?? [];
      const notes = ms
        .map(
          (m) =>
            m.note ??
            (m.kind === 'kci_missing' ? 'KCI 未录入' : m.kind === 'small_sample' ? '样本少' : '未达标'),
        )
        .filter(Boolean);
      const missing = ms.some((m) => m.kind === 'kci_missing');
      const text = v === '' ? <span className="sd-muted">—</span> : v;
      const body = missing ? (
        <span>
          {text}{' '}
          <span className="sd-kci-warn-text" style={{ fontSize: 12 }}>
            未录入
          </span>
        </span>
      ) : (
        text
      );
      return notes.length > 0 ? (
        <Tooltip title={notes.join('；')}>
          <span className="sd-cell-note">{body}</span>
        </Tooltip>
      ) : (
        body
      );
    },
  }));

  return (
    <Table<Row>
      size="small"
      rowKey="key"
      bordered
      className="sd-sheet-table"
      pagination={false}
      columns={columns}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      locale={{ emptyText: '没有数据' }}
    />
  );
}
