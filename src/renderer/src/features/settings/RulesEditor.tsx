/**
 * 平台规则 (metrics.md, rule versions): every rule parameter of a platform — thresholds, service windows, the lag after
 * which a day is final — as versions with an effective date. Overlapping versions: the later 生效日期 wins. Saving
 * recalculates every month.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TimePicker,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import { METRIC_IDS, METRICS, isMetricId, type MetricId } from '../../../../shared/metrics';
import type { Threshold } from '../../../../shared/report';
import { RULE_KEYS, type RuleRow } from '../../../../shared/settings';
import { RULE_NAME_ZH, ruleNameZh, ruleSinceZh, ruleSourceZh } from '../../../../shared/rule-names';
import { BEGINNING } from '../../../../shared/rules';
import { useApiMutation } from '../../data/use-api-mutation';
import { DASH, formatThreshold } from '../../ui/format';
import { DeleteLink } from '../../ui/DeleteLink';
import { notBefore } from '../../ui/FormFields';
import { useModalTarget } from '../../ui/use-modal-target';
import { chinaToday } from '../../data/china-clock';

/** The seed versions start on this date: shown as 一直有效. */
const SINCE_ALWAYS = BEGINNING;

type KeyKind = 'threshold' | 'window' | 'days' | 'boolean' | 'list' | 'choice';

interface KeyInfo {
  key: string;
  zh: string;
  /** null: shown, but not editable here (the server's RULE_KEYS does not offer it) */
  kind: KeyKind | null;
  metric?: MetricId;
  order: number;
}

/**
 * Engine rule keys the editor cannot save yet (they are not in RULE_KEYS), named so the table reads in Chinese; their
 * values are shown by `otherValueText`.
 */
const OTHER_KEYS: Record<string, string> = RULE_NAME_ZH;

function otherValueText(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '无';
  if (key === 'orders.credit')
    return value === 'first' ? '首个接待的客服' : value === 'last' ? '最后接待的客服' : String(value);
  if (key.endsWith('_days') && typeof value === 'number')
    return key === 'fcr.final_days' ? `D+${value}` : `${value} 天`;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

function keyInfo(key: string): KeyInfo {
  const m = /^threshold\.(.+)$/.exec(key);
  if (m?.[1] && isMetricId(m[1])) {
    return { key, zh: METRICS[m[1]].zh, kind: 'threshold', metric: m[1], order: METRIC_IDS.indexOf(m[1]) };
  }
  const i = RULE_KEYS.findIndex((k) => k.key === key);
  if (i >= 0) return { key, zh: RULE_KEYS[i]!.zh, kind: RULE_KEYS[i]!.kind, order: 100 + i };
  const names = Object.keys(OTHER_KEYS);
  return {
    key,
    zh: OTHER_KEYS[key] ?? ruleNameZh(key),
    kind: null,
    order: 1000 + (names.includes(key) ? names.indexOf(key) : names.length),
  };
}

/** Rule keys offered for a platform: a threshold for every graded metric of the platform, and its windows and lag. */
function keysFor(platform: Platform, existing: RuleRow[]): KeyInfo[] {
  const thresholds = METRIC_IDS.filter(
    (id) => METRICS[id].platforms.includes(platform) && METRICS[id].better !== null,
  ).map((id) => keyInfo(`threshold.${id}`));
  const others = RULE_KEYS.filter(
    (k) =>
      (k.key !== 'window.reply_3min' || platform === 'taobao') &&
      (k.key !== 'window.rating' || platform === 'kuaishou'),
  ).map((k) => keyInfo(k.key));
  const seen = new Set([...thresholds, ...others].map((k) => k.key));
  const extra = existing
    .filter((r) => r.platform === platform && !seen.has(r.key))
    .map((r) => keyInfo(r.key))
    .filter((k) => k.kind !== null);
  return [...thresholds, ...others, ...extra.filter((k, i, a) => a.findIndex((x) => x.key === k.key) === i)];
}

function isThreshold(v: unknown): v is Threshold {
  const o = v as Partial<Threshold> | null;
  return !!o && typeof o === 'object' && (o.op === '>=' || o.op === '<=') && typeof o.value === 'number';
}

function isWindow(v: unknown): v is { start: string; end: string } {
  const o = v as { start?: unknown; end?: unknown } | null;
  return !!o && typeof o === 'object' && typeof o.start === 'string' && typeof o.end === 'string';
}

/** A rule value as a lead reads it: `≥ 80.00%`, `08:00–23:00`, `D+2`. */
export function ruleValueText(key: string, value: unknown): string {
  const info = keyInfo(key);
  if (info.kind === 'threshold' && info.metric && isThreshold(value))
    return formatThreshold(info.metric, value);
  if (info.kind === 'window' && isWindow(value)) return `${value.start}–${value.end}`;
  if (
    info.kind === 'days' &&
    typeof value === 'number' &&
    (key === 'lag.final_days' || key === 'fcr.final_days')
  )
    return `D+${value}`;
  return otherValueText(key, value);
}

type Status = 'current' | 'future' | 'expired' | 'overridden';

/** Which version of each key is in force today: among those covering today, the latest 生效日期. */
function statuses(rows: RuleRow[], today: string): Map<number, Status> {
  const out = new Map<number, Status>();
  const byKey = new Map<string, RuleRow[]>();
  for (const r of rows)
    byKey.set(`${r.platform}|${r.key}`, [...(byKey.get(`${r.platform}|${r.key}`) ?? []), r]);
  for (const list of byKey.values()) {
    const covering = list.filter(
      (r) => r.effective_from <= today && (r.effective_to === null || r.effective_to >= today),
    );
    const winner = covering.sort(
      (a, b) => b.effective_from.localeCompare(a.effective_from) || b.id - a.id,
    )[0];
    for (const r of list) {
      if (r === winner) out.set(r.id, 'current');
      else if (r.effective_from > today) out.set(r.id, 'future');
      else if (r.effective_to !== null && r.effective_to < today) out.set(r.id, 'expired');
      else out.set(r.id, 'overridden');
    }
  }
  return out;
}

const STATUS_TAG: Record<Status, ReactNode> = {
  current: <Tag color="success">当前生效</Tag>,
  future: <Tag color="processing">待生效</Tag>,
  expired: <Tag>已失效</Tag>,
  overridden: (
    <Tooltip title="有生效日期更晚的版本覆盖了今天">
      <Tag>被覆盖</Tag>
    </Tooltip>
  ),
};

// ---------------------------------------------------------------------------------------------------------------
// The version modal

interface RuleForm {
  key?: string;
  op?: '>=' | '<=';
  amount?: number | null;
  start?: Dayjs | null;
  end?: Dayjs | null;
  endOfDay?: boolean;
  days?: number | null;
  flag?: boolean;
  list?: string[];
  choice?: string;
  effective_from?: Dayjs | null;
  effective_to?: Dayjs | null;
  note?: string;
}

/** The number the lead types, in the unit of the metric: percent for rates, seconds for durations. */
function unitOf(metric: MetricId): { suffix: string; scale: number; precision: number; max?: number } {
  switch (METRICS[metric].kind) {
    case 'rate':
      return { suffix: '%', scale: 100, precision: 2, max: 100 };
    case 'ratio':
      return { suffix: '%', scale: 100, precision: 0 };
    case 'duration':
      return { suffix: '秒', scale: 1, precision: 1 };
    case 'money':
    case 'money_per':
      return { suffix: '元', scale: 1, precision: 2 };
    case 'hours':
      return { suffix: '小时', scale: 1, precision: 1 };
    case 'count':
      return { suffix: '次', scale: 1, precision: 0 };
    case 'per_hour':
      return { suffix: '个/时', scale: 1, precision: 2 };
  }
}

function toForm(row: Pick<RuleRow, 'key' | 'value'>): Partial<RuleForm> {
  const info = keyInfo(row.key);
  if (info.kind === 'threshold' && info.metric && isThreshold(row.value)) {
    const u = unitOf(info.metric);
    return { op: row.value.op, amount: Math.round(row.value.value * u.scale * 10000) / 10000 };
  }
  if (info.kind === 'window' && isWindow(row.value)) {
    const endOfDay = row.value.end === '24:00';
    return {
      start: dayjs(`2000-01-01 ${row.value.start}`),
      end: endOfDay ? null : dayjs(`2000-01-01 ${row.value.end}`),
      endOfDay,
    };
  }
  if (info.kind === 'days' && typeof row.value === 'number') return { days: row.value };
  if (info.kind === 'boolean' && typeof row.value === 'boolean') return { flag: row.value };
  if (info.kind === 'list' && Array.isArray(row.value)) return { list: row.value.map(String) };
  if (info.kind === 'choice' && typeof row.value === 'string') return { choice: row.value };
  return {};
}

function fromForm(info: KeyInfo, v: RuleForm): unknown {
  if (info.kind === 'threshold' && info.metric) {
    const u = unitOf(info.metric);
    const amount = v.amount ?? 0;
    // 75 → 0.75 without float residue: percent inputs have at most two decimals
    const value = u.scale === 100 ? Math.round(amount * 100) / 10000 : amount;
    return { op: v.op ?? '>=', value };
  }
  if (info.kind === 'window') {
    return {
      start: v.start?.format('HH:mm') ?? '',
      end: v.endOfDay ? '24:00' : (v.end?.format('HH:mm') ?? ''),
    };
  }
  if (info.kind === 'boolean') return v.flag ?? false;
  if (info.kind === 'list') return v.list ?? [];
  if (info.kind === 'choice') return v.choice ?? '';
  return v.days ?? 0;
}

function RuleModal({
  open,
  platform,
  editing,
  rows,
  onClose,
  onSaved,
}: {
  open: boolean;
  platform: Platform;
  editing: RuleRow | null;
  rows: RuleRow[];
  onClose: () => void;
  onSaved: () => void;
}): ReactNode {
  const saveRule = useApiMutation('rules:save');
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = Form.useWatch('key', form);
  const endOfDay = Form.useWatch('endOfDay', form);
  const info = key ? keyInfo(key) : null;
  const keys = keysFor(platform, rows);
  const today = chinaToday();
  const status = useMemo(() => statuses(rows, today), [rows, today]);

  /** Picking a key fills the value in force today, so the lead edits from the current line. */
  const prefill = (k: string): void => {
    const current = rows.find(
      (r) => r.platform === platform && r.key === k && status.get(r.id) === 'current',
    );
    const i = keyInfo(k);
    const base: Partial<RuleForm> = current
      ? toForm(current)
      : i.kind === 'threshold' && i.metric
        ? { op: METRICS[i.metric].better === 'down' ? '<=' : '>=', amount: null }
        : i.kind === 'window'
          ? { start: dayjs('2000-01-01 08:00'), end: dayjs('2000-01-01 23:00'), endOfDay: false }
          : { days: 2 };
    form.setFieldsValue({
      op: undefined,
      amount: null,
      start: null,
      end: null,
      endOfDay: false,
      days: null,
      ...base,
    });
  };

  const submit = async (): Promise<void> => {
    let v: RuleForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!v.key || !v.effective_from) return;
    const i = keyInfo(v.key);
    setSaving(true);
    setError(null);
    const r = await saveRule({
      ...(editing ? { id: editing.id } : {}),
      platform,
      key: v.key,
      value: fromForm(i, v),
      effective_from: v.effective_from.format('YYYY-MM-DD'),
      effective_to: v.effective_to ? v.effective_to.format('YYYY-MM-DD') : null,
      note: v.note?.trim() || null,
    });
    setSaving(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    message.success('规则已保存，所有月份已按新规则重新计算');
    onSaved();
  };

  const u = info?.metric ? unitOf(info.metric) : null;
  return (
    <Modal
      open={open}
      title={`${editing ? '编辑规则版本' : '新增规则版本'} · ${PLATFORM_ZH[platform]}`}
      okText="保存并重新计算"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      okButtonProps={{ 'data-testid': 'rule-save' }}
      afterOpenChange={(o) => {
        if (o) setError(null);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="同一条规则的多个版本时间重叠时，以生效日期较晚的版本为准。保存后会按新规则重新计算所有月份。"
      />
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="rule-error" />
      )}
      <Form
        form={form}
        name="rule"
        layout="vertical"
        requiredMark
        data-testid="rule-form"
        initialValues={
          editing
            ? {
                key: editing.key,
                ...toForm(editing),
                effective_from: dayjs(editing.effective_from),
                effective_to: editing.effective_to ? dayjs(editing.effective_to) : null,
                note: editing.note ?? '',
              }
            : { effective_from: dayjs(`${today.slice(0, 7)}-01`) }
        }
      >
        <Form.Item name="key" label="规则" rules={[{ required: true, message: '请选择规则' }]}>
          <Select
            showSearch={{
              // match rule names only: a group title matching would list its whole group
              filterOption: (input, o) => {
                const opt = o as { label?: unknown; options?: unknown } | undefined;
                return (
                  !!opt &&
                  opt.options === undefined &&
                  typeof opt.label === 'string' &&
                  opt.label.includes(input.trim())
                );
              },
            }}
            disabled={!!editing}
            placeholder="选择要设置的规则"
            onChange={(k: string) => prefill(k)}
            options={[
              {
                label: '考核线（未达到即标红）',
                options: keys
                  .filter((k) => k.kind === 'threshold')
                  .map((k) => ({ value: k.key, label: k.zh })),
              },
              {
                label: '统计时段与数据定稿',
                options: keys
                  .filter((k) => k.kind !== 'threshold')
                  .map((k) => ({ value: k.key, label: k.zh })),
              },
            ]}
          />
        </Form.Item>

        {info?.kind === 'threshold' && u && (
          <Form.Item label="考核线" required>
            <Space.Compact>
              <Form.Item name="op" noStyle rules={[{ required: true }]}>
                <Select
                  style={{ width: 110 }}
                  options={[
                    { value: '>=', label: '≥ 不低于' },
                    { value: '<=', label: '≤ 不高于' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="amount" noStyle rules={[{ required: true, message: '请输入数值' }]}>
                <InputNumber
                  style={{ width: 180 }}
                  min={0}
                  max={u.max}
                  precision={u.precision}
                  step={u.scale === 100 ? 1 : 1}
                  suffix={u.suffix}
                  placeholder="数值"
                  data-testid="rule-amount"
                />
              </Form.Item>
            </Space.Compact>
            <div className="sd-muted" style={{ fontSize: 12, marginTop: 6 }}>
              {METRICS[info.metric!].better === 'down' ? '越低越好' : '越高越好'}
              {u.suffix === '%' ? '；按百分比填写，例如 80 表示 80%' : ''}
            </div>
          </Form.Item>
        )}

        {info?.kind === 'window' && (
          <Form.Item
            label="时段"
            required
            extra="含开始时刻、不含结束时刻：08:00–23:00 表示 08:00:00 起、23:00:00 前。"
          >
            <Space align="center" wrap>
              <Form.Item name="start" noStyle rules={[{ required: true, message: '请选择开始时间' }]}>
                <TimePicker format="HH:mm" placeholder="开始" style={{ width: 120 }} needConfirm={false} />
              </Form.Item>
              <span>至</span>
              <Form.Item name="end" noStyle rules={[{ required: !endOfDay, message: '请选择结束时间' }]}>
                <TimePicker
                  format="HH:mm"
                  placeholder={endOfDay ? '24:00' : '结束'}
                  style={{ width: 120 }}
                  disabled={!!endOfDay}
                  needConfirm={false}
                />
              </Form.Item>
              <Form.Item name="endOfDay" valuePropName="checked" noStyle>
                <Checkbox>到 24:00（当天结束）</Checkbox>
              </Form.Item>
            </Space>
          </Form.Item>
        )}

        {info?.kind === 'days' && (
          <Form.Item
            name="days"
            label={info.key.startsWith('lag.') || info.key.startsWith('fcr.') ? '定稿天数' : '天数'}
            rules={[{ required: true, message: '请输入天数' }]}
            extra={
              info.key.startsWith('lag.') || info.key.startsWith('fcr.')
                ? '某天的数据在 D+N 当天 00:00 之后导入才算最终数据，之前导入的为“暂定”。'
                : undefined
            }
          >
            <InputNumber min={0} max={31} precision={0} suffix="天" style={{ width: 160 }} />
          </Form.Item>
        )}

        {info?.kind === 'boolean' && (
          <Form.Item name="flag" label="取值" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        )}

        {info?.kind === 'list' && (
          <Form.Item name="list" label="取值" extra="输入后回车；留空表示全部计入。">
            <Select mode="tags" placeholder="如：系统推送评价" style={{ width: '100%' }} />
          </Form.Item>
        )}

        {info?.kind === 'choice' && (
          <Form.Item name="choice" label="取值" rules={[{ required: true, message: '请选择' }]}>
            <Select
              style={{ width: 240 }}
              options={(RULE_KEYS.find((k) => k.key === info.key)?.choices ?? []).map((c) => ({
                value: c,
                label: otherValueText(info.key, c),
              }))}
            />
          </Form.Item>
        )}

        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="effective_from"
            label="生效日期"
            rules={[{ required: true, message: '请选择生效日期' }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} placeholder="生效日期" />
          </Form.Item>
          <Form.Item
            name="effective_to"
            label="失效日期（含当天）"
            style={{ flex: 1 }}
            dependencies={['effective_from']}
            rules={[notBefore('effective_from')]}
          >
            <DatePicker style={{ width: '100%' }} placeholder="长期" />
          </Form.Item>
        </div>
        <Form.Item name="note" label="备注" style={{ marginBottom: 0 }}>
          <Input maxLength={500} placeholder="例如：客户合同约定 / 平台 2026-10 新规" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The table

interface VersionRow extends RuleRow {
  info: KeyInfo;
  /** rows of the same key: the first carries the key cell across them */
  span: number;
}

function PlatformRules({
  platform,
  rows,
  status,
  onEdit,
  onDelete,
}: {
  platform: Platform;
  rows: RuleRow[];
  status: Map<number, Status>;
  onEdit: (r: RuleRow) => void;
  onDelete: (r: RuleRow) => Promise<void>;
}): ReactNode {
  const data: VersionRow[] = useMemo(() => {
    const mine = rows
      .filter((r) => r.platform === platform)
      .map((r) => ({ ...r, info: keyInfo(r.key), span: 0 }))
      .sort(
        (a, b) =>
          a.info.order - b.info.order ||
          a.key.localeCompare(b.key) ||
          b.effective_from.localeCompare(a.effective_from) ||
          b.id - a.id,
      );
    for (let i = 0; i < mine.length; i++) {
      if (i > 0 && mine[i - 1]!.key === mine[i]!.key) continue;
      let n = 1;
      while (i + n < mine.length && mine[i + n]!.key === mine[i]!.key) n++;
      mine[i]!.span = n;
    }
    return mine;
  }, [rows, platform]);

  const columns: TableColumnsType<VersionRow> = [
    {
      title: '规则',
      key: 'key',
      width: 210,
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_: unknown, r) => (
        <div>
          <div className="sd-file-name">
            {r.info.kind === 'threshold' ? `考核线 · ${r.info.zh}` : r.info.zh}
          </div>
        </div>
      ),
    },
    {
      title: '生效期间',
      key: 'period',
      width: 200,
      render: (_: unknown, r) => (
        <span className="sd-num">
          {r.effective_from === SINCE_ALWAYS ? (
            <Tooltip title="默认版本：没有更早的版本，一直有效">
              <span className="sd-muted">{ruleSinceZh(r.effective_from)}</span>
            </Tooltip>
          ) : (
            r.effective_from
          )}
          <span className="sd-muted"> → </span>
          {r.effective_to ?? <span className="sd-muted">长期</span>}
        </span>
      ),
    },
    {
      title: '值',
      key: 'value',
      width: 120,
      render: (_: unknown, r) => (
        <span className="sd-num" style={{ fontWeight: 600 }} data-testid="rule-value">
          {ruleValueText(r.key, r.value)}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 96,
      render: (_: unknown, r) => STATUS_TAG[status.get(r.id) ?? 'expired'],
    },
    {
      // wraps: a source is a sentence (系统默认值（可按合同修改）, 平台公开规则：最终付款人数/当日询单人数)
      title: '来源',
      dataIndex: 'source',
      width: 150,
      render: (s: string | null) => <span className="sd-muted">{ruleSourceZh(s)}</span>,
    },
    // the rest of the row: about 80 px at 1280 wide, more on a wider window
    {
      title: '备注',
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (n: string | null) => n ?? <span className="sd-muted">{DASH}</span>,
    },
    {
      title: '操作',
      key: 'op',
      width: 144,
      render: (_: unknown, r) => (
        <Space size={0}>
          {r.info.kind ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)}>
              编辑
            </Button>
          ) : (
            <Tooltip title="这一项暂时只能查看，不能在界面中修改">
              <Button type="link" size="small" icon={<EditOutlined />} disabled>
                编辑
              </Button>
            </Tooltip>
          )}
          <DeleteLink title="删除这个规则版本？" onConfirm={() => void onDelete(r)}>
            {r.info.zh} {ruleValueText(r.key, r.value)}（
            {r.effective_from === SINCE_ALWAYS ? '默认版本' : `${r.effective_from} 起`}
            ）。删除后由其他版本接替，所有月份会重新计算。
          </DeleteLink>
        </Space>
      ),
    },
  ];

  return (
    <Table<VersionRow>
      size="small"
      bordered
      rowKey="id"
      columns={columns}
      dataSource={data}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这个平台还没有规则" /> }}
      data-testid={`rules-table-${platform}`}
    />
  );
}

export function RulesEditor({ rows, reload }: { rows: RuleRow[]; reload: () => Promise<void> }): ReactNode {
  const deleteRule = useApiMutation('rules:delete');
  const { message } = App.useApp();
  const [platform, setPlatform] = useState<Platform>('douyin');
  const [modal, modalSerial, setModal] = useModalTarget<{ editing: RuleRow | null }>();
  const today = chinaToday();
  const status = useMemo(() => statuses(rows, today), [rows, today]);

  const remove = async (r: RuleRow): Promise<void> => {
    const res = await deleteRule({ id: r.id });
    if (res.ok) message.success('已删除，所有月份已重新计算');
    else message.error(res.error.message);
    await reload();
  };

  return (
    <div data-testid="rules-editor">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="每条规则可以有多个版本，按生效日期使用：每一天用当天有效的版本计算。同一条规则的版本时间重叠时，以生效日期较晚的为准。保存或删除后会重新计算所有月份。"
      />
      <Tabs
        activeKey={platform}
        onChange={(k) => setPlatform(k as Platform)}
        tabBarExtraContent={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal({ editing: null })}
            data-testid="rules-add"
          >
            新增规则版本
          </Button>
        }
        items={PLATFORMS.map((p) => ({
          key: p,
          label: (
            <span data-testid={`rules-tab-${p}`}>
              {PLATFORM_ZH[p]} <span className="sd-muted">{rows.filter((r) => r.platform === p).length}</span>
            </span>
          ),
          children: (
            <PlatformRules
              platform={p}
              rows={rows}
              status={status}
              onEdit={(r) => setModal({ editing: r })}
              onDelete={remove}
            />
          ),
        }))}
      />
      <RuleModal
        key={modalSerial}
        open={!!modal}
        platform={platform}
        editing={modal?.editing ?? null}
        rows={rows}
        onClose={() => setModal(null)}
        onSaved={() => {
          setModal(null);
          void reload();
        }}
      />
    </div>
  );
}
