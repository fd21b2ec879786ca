/**
 * The scheme form (product.md screen 5): scope, KPI/KCI shares, the scored items with their scoring functions, KCI
 * items, deductions, grades and bonus. It edits a `Draft` in stored units and shows rates as percentages.
 */
import { type ReactNode } from 'react';
import { Alert, Card, Col, Radio, Row, Select, Space, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { METRICS } from '../../../../shared/metrics';
import { parseShopKey, shopLabel, type Draft } from './scheme-draft';
import { NumberBox, WeightSum } from './editor-parts';
import { ItemsCard } from './ItemsCard';
import { KciItemsCard } from './KciItemsCard';
import { DeductionsCard } from './DeductionsCard';
import { GradesCard } from './GradesCard';

export type DraftUpdate = (fn: (d: Draft) => Draft) => void;

export function SchemeEditor({
  draft,
  update,
  shopOptions,
  clientOptions = [],
  badMetrics,
}: {
  draft: Draft;
  update: DraftUpdate;
  /** `platform|shop` keys of the shops the roster knows */
  shopOptions: string[];
  /** client (甲方) names, for a scope by client */
  clientOptions?: string[];
  badMetrics: Set<string>;
}): ReactNode {
  const shops = [...new Set([...shopOptions, ...draft.shops])];
  const scopePlatforms = new Set(draft.shops.map((k) => parseShopKey(k).platform));
  const offScope =
    draft.scope_all || draft.shops.length === 0 || draft.client !== null
      ? []
      : draft.items.flatMap((i) =>
          i.metric && !METRICS[i.metric].platforms.some((p) => scopePlatforms.has(p))
            ? [METRICS[i.metric].zh]
            : [],
        );
  return (
    <div className="sd-scheme-editor" data-testid="scheme-editor">
      <Card size="small" className="sd-kpi-card" title="适用范围与占比">
        <div className="sd-scope-row">
          <span className="sd-field-label">适用店铺</span>
          <Radio.Group
            size="small"
            value={draft.scope_all ? 'all' : draft.client !== null ? 'client' : 'some'}
            onChange={(e) => {
              const mode = e.target.value as 'all' | 'some' | 'client';
              update((d) => ({
                ...d,
                scope_all: mode === 'all',
                client:
                  mode === 'client'
                    ? (d.client ?? (clientOptions.length === 1 ? clientOptions[0]! : ''))
                    : null,
              }));
            }}
            optionType="button"
            options={[
              { value: 'all', label: '全部店铺' },
              { value: 'some', label: '指定店铺' },
              { value: 'client', label: <span data-testid="scope-by-client">按客户</span> },
            ]}
          />
          {!draft.scope_all && draft.client !== null && (
            <Tooltip title="该客户的全部店铺，包括以后才归属该客户的店铺（设置 → 店铺与客户）">
              <Select
                size="small"
                style={{ width: 170 }}
                placeholder="选择客户"
                value={draft.client || undefined}
                options={[...new Set([...clientOptions, ...(draft.client ? [draft.client] : [])])].map(
                  (c) => ({
                    value: c,
                    label: c,
                  }),
                )}
                onChange={(v: string) => update((d) => ({ ...d, client: v }))}
                data-testid="scope-client"
                notFoundContent="还没有客户：在 设置 → 店铺与客户 中添加"
              />
            </Tooltip>
          )}
          {!draft.scope_all && (
            <Select
              mode="multiple"
              size="small"
              style={{ flex: 1, minWidth: 240 }}
              placeholder={draft.client !== null ? '另加店铺（可不选）' : '选择店铺（来自花名册中的账号）'}
              value={draft.shops}
              options={shops.map((k) => ({ value: k, label: shopLabel(k) }))}
              onChange={(v: string[]) => update((d) => ({ ...d, shops: v }))}
              data-testid="scope-shops"
              notFoundContent="花名册中还没有店铺，请先导入数据"
            />
          )}
        </div>
        <div className="sd-scope-row">
          <span className="sd-field-label">
            <Tooltip title="最终得分 = KPI 得分 × KPI 占比 + KCI 得分 × KCI 占比 − 扣分">
              得分构成 <QuestionCircleOutlined className="sd-muted" />
            </Tooltip>
          </span>
          <Space size={6}>
            <span>KPI（平台数据）</span>
            <NumberBox
              style={{ width: 86 }}
              min={0}
              max={100}
              value={draft.kpi_share}
              suffix="%"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  kpi_share: v,
                  kci_share: v !== null ? Math.max(0, 100 - v) : d.kci_share,
                }))
              }
              data-testid="kpi-share"
            />
            <span style={{ marginLeft: 8 }}>KCI（主管评分）</span>
            <NumberBox
              style={{ width: 86 }}
              min={0}
              max={100}
              value={draft.kci_share}
              suffix="%"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  kci_share: v,
                  kpi_share: v !== null ? Math.max(0, 100 - v) : d.kpi_share,
                }))
              }
              data-testid="kci-share"
            />
            <WeightSum values={[draft.kpi_share, draft.kci_share]} testId="share-sum" label="合计" />
          </Space>
        </div>
      </Card>

      <ItemsCard draft={draft} update={update} badMetrics={badMetrics} />

      <Row gutter={[12, 12]}>
        <Col span={12}>
          <KciItemsCard draft={draft} update={update} />
        </Col>
        <Col span={12}>
          <DeductionsCard draft={draft} update={update} />
        </Col>
        <Col span={24}>
          <GradesCard draft={draft} update={update} />
        </Col>
      </Row>
      {offScope.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={`${offScope.join('、')} 在所选店铺的平台上没有数据，计分时会被略去（其余项按权重重新归一）`}
        />
      )}
    </div>
  );
}
