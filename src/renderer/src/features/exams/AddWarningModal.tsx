/**
 * 新增预警: a Douyin exam warning entered by hand. Any day of the reviewed week is enough; the screen shows the week
 * (Monday–Sunday), the notice Tuesday after it and the deadline N days later, as the back end will compute them.
 */
import type { ReactNode } from 'react';
import { App, Collapse, DatePicker, Form, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { addDays } from '../../../../shared/china-time';
import { examScheduleFor, weekdayZh, type RuleRowLike } from '../../../../shared/charts-events';
import type { RosterView } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { PLATFORM_COLOR } from '../../ui/format';
import { FormModal } from '../../ui/FormModal';
import { AccountField, ShopField, shopsAndAccounts } from '../../ui/FormFields';
import { chinaToday, REASON_PRESETS } from './exam-utils';

interface WarningForm {
  shop?: string;
  account?: string;
  day?: Dayjs | null;
  reasons?: string[];
  notice_date?: Dayjs | null;
  deadline?: Dayjs | null;
}

/** The dates the platform may set otherwise than the rule says. */
const DATE_OVERRIDES = [
  { name: 'notice_date', label: '通知日期', extra: '不填则为预警周后的周二' },
  { name: 'deadline', label: '考试截止日期', extra: '不填则为通知日期 + N 天' },
] as const;

const md = (d: string): string => `${d.slice(5)}（${weekdayZh(d)}）`;

export function AddWarningModal({
  open,
  roster,
  rules,
  onClose,
  onSaved,
}: {
  open: boolean;
  roster: RosterView | null;
  rules: RuleRowLike[];
  onClose: () => void;
  onSaved: (weekStart: string) => void;
}): ReactNode {
  const save = useApiMutation('exams:add');
  const { message } = App.useApp();
  const [form] = Form.useForm<WarningForm>();
  const shop = Form.useWatch('shop', form);
  const day = Form.useWatch('day', form);
  const noticeOverride = Form.useWatch('notice_date', form);
  const deadlineOverride = Form.useWatch('deadline', form);

  const known = (roster?.accounts ?? []).filter((a) => a.platform === 'douyin');
  const { shops, accounts } = shopsAndAccounts(known, shop);
  const schedule = day ? examScheduleFor(day.format('YYYY-MM-DD'), rules) : null;
  const notice = noticeOverride ? noticeOverride.format('YYYY-MM-DD') : schedule?.notice;
  const deadline = deadlineOverride
    ? deadlineOverride.format('YYYY-MM-DD')
    : notice && schedule
      ? addDays(notice, schedule.deadlineDays)
      : undefined;

  const submit = async (v: WarningForm): Promise<string | null> => {
    if (!v.shop || !v.account || !v.day) return null;
    const week = v.day.format('YYYY-MM-DD');
    const r = await save({
      platform: 'douyin',
      shop: v.shop.trim(),
      account: v.account.trim(),
      week,
      reasons: (v.reasons ?? [])
        .map((s) => s.trim())
        .filter(Boolean)
        .join('；'),
      notice_date: v.notice_date ? v.notice_date.format('YYYY-MM-DD') : null,
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    });
    if (!r.ok) return r.error.message;
    message.success(`已新增 ${v.account.trim()} 的考试预警`);
    onSaved(schedule?.weekStart ?? week);
    return null;
  };

  // the week the platform reviews on the coming Tuesday: last week
  const lastWeek = dayjs(addDays(chinaToday(), -7));

  return (
    <FormModal<WarningForm>
      open={open}
      title="新增考试预警"
      form={form}
      name="warning"
      onSubmit={submit}
      onCancel={onClose}
      width={600}
      okTestId="ex-add-save"
      errorTestId="ex-add-error"
      // Enter adds a reason in the tags field and picks a shop or an account: the OK button saves
      enterSubmits={false}
      formProps={{ requiredMark: true, initialValues: { day: lastWeek, reasons: [] } }}
    >
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item label="平台" style={{ width: 90 }}>
          <Tag color={PLATFORM_COLOR.douyin} style={{ marginTop: 5 }}>
            抖音
          </Tag>
        </Form.Item>
        <ShopField
          shops={shops}
          placeholder="选择或输入抖音店铺"
          onChange={() => form.setFieldsValue({ account: undefined })}
          testId="ex-add-shop"
        />
      </div>
      <AccountField
        extra="从花名册和已导入数据里的抖音账号中选择，也可以直接输入。"
        accounts={accounts}
        note={(a) => (a.owners.length ? a.owners.map((o) => o.agent).join('、') : '未绑定客服')}
        placeholder="例如 星河旗舰店:阿青"
        onSelect={(value: string) => {
          const hit = known.find((a) => a.account === value);
          if (hit) form.setFieldsValue({ shop: hit.shop });
        }}
        data-testid="ex-add-account"
      />
      <Form.Item
        name="day"
        label="被复核的那一周（选这一周里的任意一天）"
        rules={[{ required: true, message: '请选择日期' }]}
      >
        <DatePicker style={{ width: 220 }} data-testid="ex-add-day" />
      </Form.Item>
      {schedule && (
        <div className="sd-ex-schedule" data-testid="ex-add-schedule">
          <div>
            预警周{' '}
            <b>
              {md(schedule.weekStart)} ~ {md(schedule.weekEnd)}
            </b>
          </div>
          <div>
            {noticeOverride ? '通知日期' : '预计通知'} <b>{notice ? md(notice) : '—'}</b>
            {' · '}考试截止 <b>{deadline ? `${md(deadline)} 23:59` : '—'}</b>
            {!deadlineOverride && <span className="sd-muted">（通知后 {schedule.deadlineDays} 天）</span>}
          </div>
        </div>
      )}
      <Form.Item
        name="reasons"
        label="预警原因"
        rules={[{ required: true, type: 'array', min: 1, message: '请填写至少一条预警原因' }]}
      >
        <Select
          mode="tags"
          placeholder="选择或输入原因，回车添加"
          options={REASON_PRESETS.map((r) => ({ value: r, label: r }))}
          tokenSeparators={['；', ';']}
          data-testid="ex-add-reasons"
        />
      </Form.Item>
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'dates',
            label: '平台通知的日期不同？手动填写通知日期 / 截止日期',
            children: (
              <div style={{ display: 'flex', gap: 12 }}>
                {DATE_OVERRIDES.map((d) => (
                  <Form.Item key={d.name} name={d.name} label={d.label} extra={d.extra} style={{ flex: 1 }}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                ))}
              </div>
            ),
          },
        ]}
      />
    </FormModal>
  );
}
