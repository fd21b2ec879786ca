/**
 * 绑定账号: a platform account owned by an agent from a date to a date (either open); the server warns when two agents
 * would own one account on the same day.
 */
import { type ReactNode } from 'react';
import { App, DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { AccountInfo, RosterAssignment, RosterView } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { AccountField, notBefore, ShopField, shopsAndAccounts } from '../../ui/FormFields';
import { FormModal } from '../../ui/FormModal';
import { OPEN_END } from './roster-dates';

interface AssignForm {
  agent_id?: number;
  platform?: Platform;
  shop?: string;
  account?: string;
  valid_from?: Dayjs | null;
  valid_to?: Dayjs | null;
}

export interface AssignTarget {
  /** fixed agent (from the agent's row), or null to pick one (from the account list) */
  agentId: number | null;
  /** editing an existing range */
  assignment?: RosterAssignment;
  /** prefilled account (from the account list) */
  account?: AccountInfo;
}

export function AssignModal({
  target,
  view,
  onClose,
  onSaved,
}: {
  target: AssignTarget | null;
  view: RosterView;
  onClose: () => void;
  onSaved: () => void;
}): ReactNode {
  const assign = useApiMutation('roster:assign');
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignForm>();
  const platform = Form.useWatch('platform', form);
  const shop = Form.useWatch('shop', form);
  const agent = target?.agentId ? view.agents.find((a) => a.id === target.agentId) : null;

  const { shops, accounts } = shopsAndAccounts(
    view.accounts.filter((a) => !platform || a.platform === platform),
    shop,
  );

  const submit = async (v: AssignForm): Promise<string | null> => {
    const agentId = target?.agentId ?? v.agent_id;
    if (!agentId || !v.platform || !v.shop || !v.account) return null;
    const r = await assign({
      ...(target?.assignment ? { id: target.assignment.id } : {}),
      agent_id: agentId,
      platform: v.platform,
      shop: v.shop.trim(),
      account: v.account.trim(),
      valid_from: v.valid_from ? v.valid_from.format('YYYY-MM-DD') : null,
      valid_to: v.valid_to ? v.valid_to.format('YYYY-MM-DD') : null,
    });
    if (!r.ok) return r.error.message;
    if (r.data.warning) message.warning({ content: r.data.warning, duration: 8 });
    else message.success('账号归属已保存，相关月份已重新计算');
    onSaved();
    return null;
  };

  return (
    <FormModal<AssignForm>
      open={!!target}
      title={
        target?.assignment
          ? '编辑账号归属'
          : agent
            ? `为 ${agent.name} 绑定账号`
            : target?.account
              ? `绑定账号 · ${target.account.account}`
              : '绑定账号'
      }
      form={form}
      name="assign"
      onSubmit={submit}
      onCancel={onClose}
      width={560}
      okTestId="assign-save"
      errorTestId="assign-error"
      // Enter picks an option in the account and shop lists: the OK button saves
      enterSubmits={false}
      formProps={{
        requiredMark: true,
        initialValues: {
          agent_id: target?.agentId ?? undefined,
          platform: target?.assignment?.platform ?? target?.account?.platform,
          shop: target?.assignment?.shop ?? target?.account?.shop,
          account: target?.assignment?.account ?? target?.account?.account,
          valid_from: target?.assignment?.valid_from ? dayjs(target.assignment.valid_from) : null,
          valid_to: target?.assignment?.valid_to ? dayjs(target.assignment.valid_to) : null,
        },
      }}
    >
      {!target?.agentId && (
        <Form.Item name="agent_id" label="客服" rules={[{ required: true, message: '请选择客服' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={view.agents.length ? '选择客服' : '请先在“花名册”中新增客服'}
            options={view.agents.map((a) => ({
              value: a.id,
              label: `${a.name}${a.employee_no ? `（${a.employee_no}）` : ''}${a.team ? ` · ${a.team}` : ''}`,
            }))}
          />
        </Form.Item>
      )}
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item
          name="platform"
          label="平台"
          rules={[{ required: true, message: '请选择平台' }]}
          style={{ width: 130 }}
        >
          <Select<Platform>
            placeholder="平台"
            options={PLATFORMS.map((p) => ({ value: p, label: PLATFORM_ZH[p] }))}
            onChange={() => form.setFieldsValue({ account: undefined })}
          />
        </Form.Item>
        <ShopField shops={shops} placeholder="选择或输入店铺名称" />
      </div>
      <AccountField
        extra="可从已导入数据中的账号里选择，也可以直接输入新账号（导入数据时按账号名称匹配）。"
        accounts={accounts}
        note={(a) => (
          <>
            {PLATFORM_ZH[a.platform]} · {a.owners.length ? a.owners.map((o) => o.agent).join('、') : '未绑定'}
          </>
        )}
        placeholder="选择或输入账号，例如 星河旗舰店:阿青"
        onSelect={(value: string) => {
          const hit = view.accounts.find(
            (a) => a.account === value && (!platform || a.platform === platform),
          );
          if (hit) form.setFieldsValue({ platform: hit.platform, shop: hit.shop });
        }}
      />
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item name="valid_from" label="生效日期" extra="不填表示一直有效（长期）">
          <DatePicker placeholder={OPEN_END} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="valid_to"
          label="失效日期"
          extra="含当天；不填表示长期"
          dependencies={['valid_from']}
          rules={[notBefore('valid_from')]}
        >
          <DatePicker placeholder={OPEN_END} style={{ width: 200 }} />
        </Form.Item>
      </div>
    </FormModal>
  );
}
