/**
 * 新增/编辑规则版本: pick a rule key of the platform (the value in force today is filled in), its value in the metric's
 * unit, and the dates the version is in force. Saving recalculates every month.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  TimePicker,
} from 'antd';
import dayjs from 'dayjs';
import { PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import { METRICS } from '../../../../shared/metrics';
import { RULE_KEYS, type RuleRow } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { notBefore } from '../../ui/FormFields';
import { chinaToday } from '../../data/china-clock';
import {
  fromForm,
  keyInfo,
  keysFor,
  statuses,
  toForm,
  unitOf,
  type RuleForm,
  otherValueText,
} from './rule-values';

export function RuleModal({
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
