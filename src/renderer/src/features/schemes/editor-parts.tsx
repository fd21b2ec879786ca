/** Small pieces the scheme editor's cards share: keyed-list editing, the weight sum and bar, number and metric inputs. */
import { type ReactNode } from 'react';
import { Button, InputNumber, Tooltip, type InputNumberProps, type TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { METRICS, type MetricId } from '../../../../shared/metrics';
import { fromShown, patchRow, toShown, unitOf, type DraftItem } from './scheme-draft';

/**
 * The editing of one keyed list of the draft (the bands of an item, the KCI items, the grades, the items): change a
 * row, drop it, append one. `edit` replaces the list inside the draft.
 */
export function keyedRows<T extends { key: string }>(
  edit: (fn: (rows: T[]) => T[]) => void,
): {
  patch: (key: string, patch: Partial<T>) => void;
  remove: (key: string) => void;
  append: (row: T) => void;
} {
  return {
    patch: (key, patch) => edit((rows) => patchRow(rows, key, patch)),
    remove: (key) => edit((rows) => rows.filter((r) => r.key !== key)),
    append: (row) => edit((rows) => [...rows, row]),
  };
}

export const sum = (xs: (number | null)[]): number =>
  Math.round(xs.reduce<number>((a, b) => a + (b ?? 0), 0) * 1e6) / 1e6;

/** `权重合计 100` in green, or the gap in red: the first thing a lead checks after moving a weight. */
export function WeightSum({
  values,
  testId,
  label = '权重合计',
}: {
  values: (number | null)[];
  testId: string;
  label?: string;
}): ReactNode {
  const total = sum(values);
  const ok = Math.abs(total - 100) < 1e-9;
  const gap = Math.round((100 - total) * 100) / 100;
  return (
    <span
      className={`sd-kpi-sum ${ok ? 'sd-kpi-sum-ok' : 'sd-kpi-sum-bad'}`}
      data-testid={testId}
      data-ok={ok}
    >
      {label} <b>{total}</b>
      {ok ? ' ✓' : gap > 0 ? `，还差 ${gap}` : `，超出 ${-gap}`}
    </span>
  );
}

/** A thin stacked bar of the item weights: what the client is paying for, at a glance. */
export function WeightBar({ items }: { items: DraftItem[] }): ReactNode {
  const total = sum(items.map((i) => i.weight));
  if (total <= 0) return null;
  const colors = ['#1f5fd1', '#12b76a', '#f79009', '#7a5af8', '#ee46bc', '#06aed4', '#667085'];
  return (
    <div className="sd-weight-bar" aria-hidden>
      {items.map((it, i) =>
        (it.weight ?? 0) > 0 ? (
          <Tooltip key={it.key} title={`${it.metric ? METRICS[it.metric].zh : '未选指标'} ${it.weight}`}>
            <div style={{ flexGrow: it.weight ?? 0, background: colors[i % colors.length] }}>
              <span>{it.metric ? METRICS[it.metric].zh : '?'}</span>
            </div>
          </Tooltip>
        ) : null,
      )}
    </div>
  );
}

/** The editor's number box: small, and what it reports is a number, or null once cleared. */
export function NumberBox({
  onChange,
  ...props
}: Omit<InputNumberProps<number>, 'size' | 'onChange'> & {
  onChange: (v: number | null) => void;
}): ReactNode {
  return (
    <InputNumber<number>
      size="small"
      {...props}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
    />
  );
}

/** The last column of the editor's tables: a bin that removes the row (`disabled` keeps the last one). */
export function deleteColumn<T extends { key: string }>(
  label: string,
  remove: (key: string) => void,
  disabled?: boolean,
): TableColumnsType<T>[number] {
  return {
    title: '',
    key: 'del',
    width: 28,
    render: (_, row) => (
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={label}
        disabled={disabled}
        onClick={() => remove(row.key)}
      />
    ),
  };
}

export function MetricInput({
  metric,
  value,
  onChange,
  testId,
  placeholder,
  width = '100%',
}: {
  metric: MetricId | null;
  value: number | null;
  onChange: (v: number | null) => void;
  testId?: string;
  placeholder?: string;
  width?: number | string;
}): ReactNode {
  const u = unitOf(metric);
  return (
    <NumberBox
      style={{ width }}
      controls={false}
      value={toShown(metric, value)}
      step={u.step}
      suffix={u.suffix || undefined}
      placeholder={placeholder}
      onChange={(v) => onChange(fromShown(metric, v))}
      data-testid={testId}
    />
  );
}
