/** A 分档 item's bands: edited in the row under the item, summed up one band per line in its 目标/底线 cell. */
import { type ReactNode } from 'react';
import { Button, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { newKey, shownText, type DraftBand, type DraftItem } from './scheme-draft';
import { keyedRows, NumberBox, MetricInput } from './editor-parts';

export function BandsEditor({
  item,
  update,
}: {
  item: DraftItem;
  update: (fn: (it: DraftItem) => DraftItem) => void;
}): ReactNode {
  const op = item.direction === 'up' ? '≥' : '≤';
  const bands = keyedRows<DraftBand>((fn) => update((it) => ({ ...it, bands: fn(it.bands) })));
  return (
    <div className="sd-bands" data-testid={`bands-${item.metric ?? item.key}`}>
      <div className="sd-bands-title">
        分档（{item.direction === 'up' ? '从高到低' : '从低到高'}排列，取第一个达到的档位；都未达到得 0 分）
      </div>
      <Space wrap size={[12, 6]}>
        {item.bands.map((b, i) => (
          <span key={b.key} className="sd-band">
            <span className="sd-muted">第 {i + 1} 档</span>
            <span>{op}</span>
            <MetricInput
              metric={item.metric}
              value={b.at}
              width={104}
              onChange={(v) => bands.patch(b.key, { at: v })}
            />
            <span>得</span>
            <NumberBox
              style={{ width: 84 }}
              min={0}
              max={100}
              value={b.score}
              suffix="分"
              onChange={(v) => bands.patch(b.key, { score: v })}
            />
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label="删除档位"
              onClick={() => bands.remove(b.key)}
            />
          </span>
        ))}
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            const last = item.bands[item.bands.length - 1];
            bands.append({
              key: newKey(),
              at: null,
              score: last?.score != null ? Math.max(0, last.score - 20) : 100,
            });
          }}
        >
          加一档
        </Button>
      </Space>
    </div>
  );
}

/** The bands, one text each (`≥95% 100分`), for the row's 目标/底线 cell; the editor is the row below. */
export function bandsSummary(item: DraftItem): string[] {
  if (item.bands.length === 0) return ['未设置档位'];
  const op = item.direction === 'up' ? '≥' : '≤';
  return item.bands.map((b) => `${op}${shownText(item.metric, b.at)} ${b.score ?? '—'}分`);
}
