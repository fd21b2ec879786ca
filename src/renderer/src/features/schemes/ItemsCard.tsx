/** KPI 考核项: the scored items with weight, direction, scoring, target, floor, minimum sample and veto. */
import { useMemo, type ReactNode } from 'react';
import { Button, Card, Checkbox, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { PLATFORM_ZH } from '../../../../shared/domain';
import { hasDefaultThreshold, type Direction, type Scoring } from '../../../../shared/kpi/scheme';
import { METRICS, METRIC_IDS, type MetricId } from '../../../../shared/metrics';
import { DIRECTION_ZH, SCORING_ZH, newKey, type Draft, type DraftItem } from './scheme-draft';
import { keyedRows, WeightBar, NumberBox, deleteColumn, MetricInput, WeightSum, sum } from './editor-parts';
import { BandsEditor, bandsSummary } from './BandsEditor';
import type { DraftUpdate } from './SchemeEditor';

export function ItemsCard({
  draft,
  update,
  badMetrics,
}: {
  draft: Draft;
  update: DraftUpdate;
  badMetrics: Set<string>;
}): ReactNode {
  const items = keyedRows<DraftItem>((fn) => update((d) => ({ ...d, items: fn(d.items) })));
  const setItem = (key: string, fn: (it: DraftItem) => DraftItem): void =>
    update((d) => ({ ...d, items: d.items.map((it) => (it.key === key ? fn(it) : it)) }));
  const used = new Set(draft.items.map((i) => i.metric));

  const metricOptions = useMemo(
    () =>
      METRIC_IDS.map((id) => {
        const def = METRICS[id];
        const only =
          def.platforms.length < 4 ? `仅${def.platforms.map((p) => PLATFORM_ZH[p]).join('、')}` : '';
        return { value: id, label: def.zh, only };
      }),
    [],
  );

  const columns: TableColumnsType<DraftItem> = [
    {
      // the one column without a width: it takes what the others leave (about 170px at 1280, enough for 服务态度差中差评率)
      title: '指标',
      key: 'metric',
      render: (_, it) => (
        <Select<MetricId>
          size="small"
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder="选择指标"
          value={it.metric ?? undefined}
          popupMatchSelectWidth={220}
          options={metricOptions.map((o) => ({
            value: o.value,
            label: o.label,
            disabled: used.has(o.value) && o.value !== it.metric,
            title: o.only ? `${o.label}（${o.only}）` : o.label,
          }))}
          optionRender={(o) => {
            const only = metricOptions.find((m) => m.value === o.value)?.only;
            return (
              <span>
                {o.label}
                {only && (
                  <span className="sd-muted" style={{ marginLeft: 6, fontSize: 12 }}>
                    {only}
                  </span>
                )}
              </span>
            );
          }}
          onChange={(m) =>
            setItem(it.key, (x) => ({
              ...x,
              metric: m,
              direction: METRICS[m].better ?? x.direction,
              // a target in seconds means nothing for a rate: the lead re-enters it in the new unit
              target: null,
              floor: null,
              bands: x.bands.map((b) => ({ ...b, at: null })),
              veto: x.veto && hasDefaultThreshold(m),
            }))
          }
          data-testid={`item-metric-${it.metric ?? it.key}`}
        />
      ),
    },
    {
      title: '权重',
      key: 'weight',
      width: 42,
      render: (_, it) => (
        <NumberBox
          controls={false}
          style={{ width: '100%' }}
          min={0}
          max={100}
          step={5}
          value={it.weight}
          onChange={(v) => items.patch(it.key, { weight: v })}
          data-testid={`item-weight-${it.metric ?? it.key}`}
        />
      ),
    },
    {
      title: (
        <Tooltip title="上升：数值越高越好（如回复率）；下降：数值越低越好（如响应时长）">
          方向 <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'direction',
      width: 60,
      render: (_, it) => (
        <Select<Direction>
          size="small"
          style={{ width: '100%' }}
          value={it.direction}
          options={(['up', 'down'] as const).map((d) => ({
            value: d,
            label: DIRECTION_ZH[d],
          }))}
          onChange={(v) => items.patch(it.key, { direction: v })}
          data-testid={`item-direction-${it.metric ?? it.key}`}
        />
      ),
    },
    {
      title: (
        <>
          评分
          <br />
          方式
        </>
      ),
      key: 'scoring',
      width: 60,
      render: (_, it) => (
        <Select<Scoring>
          size="small"
          style={{ width: '100%' }}
          value={it.scoring}
          options={(['linear', 'bands'] as const).map((s) => ({ value: s, label: SCORING_ZH[s] }))}
          onChange={(v) =>
            setItem(it.key, (x) => ({
              ...x,
              scoring: v,
              bands:
                v === 'bands' && x.bands.length === 0
                  ? [
                      { key: newKey(), at: x.target, score: 100 },
                      { key: newKey(), at: x.floor, score: 60 },
                    ]
                  : x.bands,
            }))
          }
          data-testid={`item-scoring-${it.metric ?? it.key}`}
        />
      ),
    },
    {
      title: (
        <Tooltip title="线性评分：达到目标得 100 分，达到底线及以下得 0 分，中间按比例">
          目标 <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'target',
      width: 74,
      onCell: (it) => ({ colSpan: it.scoring === 'bands' ? 2 : 1 }),
      render: (_, it) =>
        it.scoring === 'bands' ? (
          <div className="sd-bands-summary" data-testid={`bands-summary-${it.metric ?? it.key}`}>
            {bandsSummary(it).map((t, i) => (
              <span key={i}>{t}</span>
            ))}
          </div>
        ) : (
          <MetricInput
            metric={it.metric}
            value={it.target}
            onChange={(v) => items.patch(it.key, { target: v })}
            testId={`item-target-${it.metric ?? it.key}`}
          />
        ),
    },
    {
      title: '底线',
      key: 'floor',
      width: 74,
      onCell: (it) => ({ colSpan: it.scoring === 'bands' ? 0 : 1 }),
      render: (_, it) =>
        it.scoring === 'bands' ? null : (
          <MetricInput
            metric={it.metric}
            value={it.floor}
            onChange={(v) => items.patch(it.key, { floor: v })}
            testId={`item-floor-${it.metric ?? it.key}`}
          />
        ),
    },
    {
      title: (
        <Tooltip title="分母（评价数、询单人数、会话数…）低于这个数时，该项不计分，其余项按权重重新归一。留空用平台默认值">
          最小
          <br />
          样本 <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'min_sample',
      width: 50,
      render: (_, it) => (
        <NumberBox
          controls={false}
          style={{ width: '100%' }}
          min={0}
          precision={0}
          placeholder="默认"
          value={it.min_sample}
          onChange={(v) => items.patch(it.key, { min_sample: v })}
        />
      ),
    },
    {
      title: (
        <Tooltip title="一票否决：当月数值未达平台考核线时，该项记 0 分（只有设了平台考核线的指标可选）">
          否决
          <br />
          <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'veto',
      width: 38,
      align: 'center',
      render: (_, it) => {
        const can = it.metric !== null && hasDefaultThreshold(it.metric);
        const box = (
          <Checkbox
            checked={it.veto}
            disabled={!can && !it.veto}
            onChange={(e) => items.patch(it.key, { veto: e.target.checked })}
            data-testid={`item-veto-${it.metric ?? it.key}`}
          />
        );
        return can ? box : <Tooltip title="该指标没有平台考核线">{box}</Tooltip>;
      },
    },
    deleteColumn('删除考核项', items.remove, draft.items.length <= 1),
  ];

  return (
    <Card
      size="small"
      title="KPI 考核项"
      className="sd-kpi-card"
      extra={<WeightSum values={draft.items.map((i) => i.weight)} testId="weight-sum" />}
    >
      <WeightBar items={draft.items} />
      <Table<DraftItem>
        size="small"
        rowKey="key"
        pagination={false}
        columns={columns}
        dataSource={draft.items}
        tableLayout="fixed"
        className="sd-items-table"
        rowClassName={(it) => (it.metric && badMetrics.has(it.metric) ? 'sd-row-error' : '')}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: draft.items.filter((i) => i.scoring === 'bands').map((i) => i.key),
          rowExpandable: (it) => it.scoring === 'bands',
          expandedRowRender: (it) => <BandsEditor item={it} update={(fn) => setItem(it.key, fn)} />,
        }}
        data-testid="items-table"
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        disabled={draft.items.length >= METRIC_IDS.length}
        onClick={() =>
          items.append({
            key: newKey(),
            metric: null,
            weight:
              Math.max(0, Math.round((100 - sum(draft.items.map((i) => i.weight))) * 100) / 100) || null,
            direction: 'up',
            scoring: 'linear',
            target: null,
            floor: null,
            bands: [],
            min_sample: null,
            veto: false,
          })
        }
      >
        添加考核项
      </Button>
    </Card>
  );
}
