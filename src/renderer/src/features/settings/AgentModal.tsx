/** 新增/编辑客服: name, 工号 and team of an agent of the roster. */
import type { ReactNode } from 'react';
import { App, AutoComplete, Form, Input } from 'antd';
import type { RosterAgent } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { containsInput } from '../../ui/FormFields';
import { FormModal } from '../../ui/FormModal';

interface AgentForm {
  name: string;
  employee_no?: string;
  team?: string;
}

export function AgentModal({
  open,
  agent,
  teams,
  onClose,
  onSaved,
}: {
  open: boolean;
  agent: RosterAgent | null;
  teams: string[];
  onClose: () => void;
  onSaved: (id: number) => void;
}): ReactNode {
  const saveAgent = useApiMutation('roster:saveAgent');
  const { message } = App.useApp();
  const [form] = Form.useForm<AgentForm>();

  const submit = async (v: AgentForm): Promise<string | null> => {
    const r = await saveAgent({
      ...(agent ? { id: agent.id } : {}),
      name: v.name.trim(),
      employee_no: v.employee_no?.trim() || null,
      team: v.team?.trim() || null,
    });
    if (!r.ok) return r.error.message;
    message.success(agent ? `已保存客服 ${v.name.trim()}` : `已添加客服 ${v.name.trim()}`);
    onSaved(r.data.id);
    return null;
  };

  // initial values, not a reset after the opening animation: a fast typist's input is never wiped
  return (
    <FormModal<AgentForm>
      open={open}
      title={agent ? `编辑客服 · ${agent.name}` : '新增客服'}
      form={form}
      name="agent"
      onSubmit={submit}
      onCancel={onClose}
      okTestId="agent-save"
      errorTestId="agent-error"
      formProps={{
        requiredMark: true,
        initialValues: {
          name: agent?.name ?? '',
          employee_no: agent?.employee_no ?? '',
          team: agent?.team ?? '',
        },
      }}
    >
      <Form.Item
        name="name"
        label="姓名"
        rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
      >
        <Input maxLength={100} placeholder="例如：李青" autoFocus />
      </Form.Item>
      <Form.Item name="employee_no" label="工号" extra="可不填；填写时不能与其他客服重复">
        <Input maxLength={100} placeholder="例如：E001" />
      </Form.Item>
      <Form.Item name="team" label="团队">
        <AutoComplete
          options={teams.map((t) => ({ value: t }))}
          placeholder="例如：一组"
          filterOption={containsInput}
        />
      </Form.Item>
    </FormModal>
  );
}
