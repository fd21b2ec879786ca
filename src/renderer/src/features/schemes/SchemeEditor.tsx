/**
 * The scheme form (product.md screen 5): scope, KPI/KCI shares, the scored items with their scoring functions, KCI
 * items, deductions, grades and bonus. It edits a `Draft` in stored units and shows rates as percentages.
 */
import { useMemo, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tooltip,
  type InputNumberProps,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { PLATFORM_ZH } from '../../../../shared/domain';
import {
  DEDUCTION_KINDS,
  hasDefaultThreshold,
  type Direction,
  type Scoring,
} from '../../../../shared/kpi/scheme';
import { METRICS, METRIC_IDS, type MetricId } from '../../../../shared/metrics';
import {
  DEDUCTION_ZH,
  DIRECTION_ZH,
  SCORING_ZH,
  fromShown,
  newKey,
  parseShopKey,
  patchRow,
  shopLabel,
  shownText,
  toShown,
  unitOf,
  type Draft,
  type DraftBand,
  type DraftGrade,
  type DraftItem,
  type DraftKci,
} from './scheme-draft';

export type DraftUpdate = (fn: (d: Draft) => Draft) => void;

/**
 * The editing of one keyed list of the draft (the bands of an item, the KCI items, the grades, the items): change a
 * row, drop it, append one. `edit` replaces the list inside the draft.
 */
function keyedRows<T extends { key: string }>(
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

const sum = (xs: (number | null)[]): number =>
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
function WeightBar({ items }: { items: DraftItem[] }): ReactNode {
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
function NumberBox({
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
function deleteColumn<T extends { key: string }>(
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

function MetricInput({
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

function BandsEditor({
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
function bandsSummary(item: DraftItem): string[] {
  if (item.bands.length === 0) return ['未设置档位'];
  const op = item.direction === 'up' ? '≥' : '≤';
  return item.bands.map((b) => `${op}${shownText(item.metric, b.at)} ${b.score ?? '—'}分`);
}

function ItemsCard({
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

function KciItemsCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  const kci = keyedRows<DraftKci>((fn) => update((d) => ({ ...d, kci_items: fn(d.kci_items) })));
  const columns: TableColumnsType<DraftKci> = [
    {
      title: '名称',
      key: 'name',
      render: (_, k) => (
        <Input
          size="small"
          value={k.name}
          placeholder="如 出勤、质检"
          onChange={(e) => kci.patch(k.key, { name: e.target.value })}
        />
      ),
    },
    {
      title: '权重',
      key: 'weight',
      width: 90,
      render: (_, k) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          max={100}
          value={k.weight}
          onChange={(v) => kci.patch(k.key, { weight: v })}
        />
      ),
    },
    {
      title: '满分',
      key: 'max',
      width: 90,
      render: (_, k) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          value={k.max}
          onChange={(v) => kci.patch(k.key, { max: v })}
        />
      ),
    },
    deleteColumn('删除 KCI 项', kci.remove),
  ];
  return (
    <Card
      size="small"
      className="sd-kpi-card"
      title="KCI 项"
      extra={
        draft.kci_items.length > 0 && (
          <WeightSum values={draft.kci_items.map((k) => k.weight)} testId="kci-weight-sum" />
        )
      }
      style={{ height: '100%' }}
    >
      <div className="sd-muted sd-card-note">主管评分，在“KCI 录入”中按月填写</div>
      <Table<DraftKci>
        size="small"
        rowKey="key"
        pagination={false}
        columns={columns}
        dataSource={draft.kci_items}
        locale={{ emptyText: '没有 KCI 项：KCI 得分按 100 计' }}
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => kci.append({ key: newKey(), name: '', weight: null, max: 100 })}
      >
        添加 KCI 项
      </Button>
    </Card>
  );
}

function DeductionsCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  return (
    <Card size="small" className="sd-kpi-card" title="扣分项" style={{ height: '100%' }}>
      <div className="sd-deductions">
        {DEDUCTION_KINDS.map((kind) => (
          <div key={kind} className="sd-deduction">
            <Tooltip title={DEDUCTION_ZH[kind].hint}>
              <span className="sd-deduction-label">
                {DEDUCTION_ZH[kind].label} <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <span className="sd-muted">{DEDUCTION_ZH[kind].per}扣</span>
            <NumberBox
              style={{ width: 96 }}
              min={0}
              value={draft.deductions[kind]}
              placeholder="不扣分"
              suffix="分"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  deductions: { ...d.deductions, [kind]: v },
                }))
              }
              data-testid={`deduction-${kind}`}
            />
          </div>
        ))}
      </div>
    </Card>
  );
}

function GradesCard({ draft, update }: { draft: Draft; update: DraftUpdate }): ReactNode {
  const grades = keyedRows<DraftGrade>((fn) => update((d) => ({ ...d, grades: fn(d.grades) })));
  const columns: TableColumnsType<DraftGrade> = [
    {
      title: '等级',
      key: 'grade',
      width: 90,
      render: (_, g) => (
        <Input
          size="small"
          value={g.grade}
          onChange={(e) => grades.patch(g.key, { grade: e.target.value })}
        />
      ),
    },
    {
      title: '最低分',
      key: 'min',
      width: 110,
      render: (_, g) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          max={100}
          value={g.min}
          suffix="分"
          onChange={(v) => grades.patch(g.key, { min: v })}
          data-testid={`grade-min-${g.grade}`}
        />
      ),
    },
    {
      title: (
        <Tooltip title="奖金 = 基数 × 系数 × 出勤天数 ÷ 当月天数 + 提成比例 × 客服销售额">
          奖金系数 <QuestionCircleOutlined className="sd-muted" />
        </Tooltip>
      ),
      key: 'coefficient',
      width: 110,
      render: (_, g) => (
        <NumberBox
          style={{ width: '100%' }}
          min={0}
          step={0.1}
          value={g.coefficient}
          prefix="×"
          onChange={(v) => grades.patch(g.key, { coefficient: v })}
        />
      ),
    },
    deleteColumn('删除等级', grades.remove, draft.grades.length <= 1),
  ];
  return (
    <Card size="small" className="sd-kpi-card" title="等级与奖金" style={{ height: '100%' }}>
      <div className="sd-grades-layout">
        <div className="sd-grades-table">
          <Table<DraftGrade>
            size="small"
            rowKey="key"
            pagination={false}
            columns={columns}
            dataSource={draft.grades}
          />
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => grades.append({ key: newKey(), grade: '', min: 0, coefficient: 0 })}
          >
            添加等级
          </Button>
          <span className="sd-muted" style={{ marginLeft: 8, fontSize: 12 }}>
            按最低分从高到低排列，最后一级为 0 分
          </span>
        </div>
        <div className="sd-bonus">
          <label>
            <span>奖金基数</span>
            <NumberBox
              style={{ width: 120 }}
              min={0}
              step={100}
              value={draft.bonus_base}
              suffix="元"
              onChange={(v) => update((d) => ({ ...d, bonus_base: v }))}
            />
          </label>
          <label>
            <Tooltip title="按客服销售额计提">
              <span>
                提成比例 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <NumberBox
              style={{ width: 100 }}
              min={0}
              step={0.5}
              value={
                draft.commission_rate === null ? null : Number((draft.commission_rate * 100).toPrecision(12))
              }
              suffix="%"
              onChange={(v) =>
                update((d) => ({
                  ...d,
                  commission_rate: v !== null ? Number((v / 100).toPrecision(12)) : null,
                }))
              }
            />
          </label>
          <label>
            <Tooltip title="出勤天数（有任何接待数据的天数）少于此数的客服照常计分，但不参与排名">
              <span>
                参与排名最少出勤 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <NumberBox
              style={{ width: 96 }}
              min={0}
              max={31}
              precision={0}
              value={draft.min_working_days}
              suffix="天"
              onChange={(v) => update((d) => ({ ...d, min_working_days: v }))}
            />
          </label>
          <div className="sd-bonus-formula">
            奖金 = 基数 × 等级系数 × 出勤天数 ÷ 当月天数 + 提成比例 × 客服销售额（薪资版绩效表中列出）
          </div>
        </div>
      </div>
    </Card>
  );
}

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
