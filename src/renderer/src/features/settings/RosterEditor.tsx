/**
 * 花名册 (product.md screen 8): agents, and which platform accounts each owns over which dates. Ownership is per China
 * day, so a hand-over is two ranges; the server warns when two agents would own one account on the same day.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, LinkOutlined, PlusOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { AccountInfo, RosterAgent, RosterAssignment, RosterView } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { DASH, PLATFORM_COLOR } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { AccountField, containsInput, notBefore, ShopField, shopsAndAccounts } from '../../ui/FormFields';
import { DeleteLink } from '../../ui/DeleteLink';
import { FormModal } from '../../ui/FormModal';
import { useModalTarget } from '../../ui/use-modal-target';
import { PlatformTag } from '../../ui/PlatformTag';

const OPEN_END = '长期';

function day(d: string | null): ReactNode {
  return d ? <span className="sd-num">{d}</span> : <span className="sd-muted">{OPEN_END}</span>;
}

function range(from: string | null, to: string | null): string {
  return `${from ?? OPEN_END} ~ ${to ?? OPEN_END}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Agent modal

interface AgentForm {
  name: string;
  employee_no?: string;
  team?: string;
}

function AgentModal({
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

// ---------------------------------------------------------------------------------------------------------------
// Assignment modal

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

function AssignModal({
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

// ---------------------------------------------------------------------------------------------------------------
// The agents tab

function AccountRanges({
  agent,
  onEdit,
  onRemove,
  onAdd,
}: {
  agent: RosterAgent;
  onEdit: (a: RosterAssignment) => void;
  onRemove: (a: RosterAssignment) => Promise<void>;
  onAdd: () => void;
}): ReactNode {
  const columns: TableColumnsType<RosterAssignment> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 80,
      render: (p: Platform) => <PlatformTag platform={p} />,
    },
    { title: '店铺', dataIndex: 'shop', width: 200, ellipsis: true },
    {
      title: '客服账号',
      dataIndex: 'account',
      width: 240,
      render: (a: string) => <span className="sd-file-name">{a}</span>,
    },
    { title: '生效日期', dataIndex: 'valid_from', width: 120, render: day },
    { title: '失效日期', dataIndex: 'valid_to', width: 120, render: day },
    {
      title: '操作',
      key: 'op',
      width: 130,
      render: (_: unknown, a) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(a)}>
            编辑
          </Button>
          <DeleteLink title="移除这个账号归属？" action="移除" width={280} onConfirm={() => void onRemove(a)}>
            {a.account}（{range(a.valid_from, a.valid_to)}）将不再计入 {agent.name}，相关月份会重新计算。
          </DeleteLink>
        </Space>
      ),
    },
  ];
  return (
    <div className="sd-nested" data-testid={`agent-accounts-${agent.id}`}>
      <Table<RosterAssignment>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={agent.accounts}
        pagination={false}
        locale={{ emptyText: '还没有绑定账号' }}
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={onAdd}
        style={{ marginTop: 8 }}
        data-testid="assign-add"
      >
        添加账号
      </Button>
    </div>
  );
}

export function RosterAgents({ view, reload }: { view: RosterView; reload: () => Promise<void> }): ReactNode {
  const deleteAgent = useApiMutation('roster:deleteAgent');
  const unassign = useApiMutation('roster:unassign');
  const { message } = App.useApp();
  const [agentModal, agentSerial, setAgentModal] = useModalTarget<{ agent: RosterAgent | null }>();
  const [assign, assignSerial, setAssign] = useModalTarget<AssignTarget>();
  const [expanded, setExpanded] = useState<number[]>([]);
  const [query, setQuery] = useState('');
  const teams = useMemo(
    () => [...new Set(view.agents.map((a) => a.team).filter((t): t is string => !!t))].sort(),
    [view.agents],
  );

  const removeAgent = async (a: RosterAgent): Promise<void> => {
    const r = await deleteAgent({ id: a.id });
    if (r.ok) message.success(`已删除客服 ${a.name}`);
    else message.error(r.error.message);
    await reload();
  };

  const removeAssignment = async (a: RosterAssignment): Promise<void> => {
    const r = await unassign({ id: a.id });
    if (r.ok) message.success(`已移除 ${a.account}`);
    else message.error(r.error.message);
    await reload();
  };

  const q = query.trim().toLowerCase();
  const rows = view.agents.filter(
    (a) =>
      !q ||
      [a.name, a.employee_no ?? '', a.team ?? '', ...a.accounts.map((x) => x.account)].some((t) =>
        t.toLowerCase().includes(q),
      ),
  );

  const columns: TableColumnsType<RosterAgent> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 180,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (n: string) => (
        <span className="sd-file-name" data-testid="agent-name">
          {n}
        </span>
      ),
    },
    {
      title: '工号',
      dataIndex: 'employee_no',
      width: 140,
      render: (t: string | null) =>
        t ? <span className="sd-num">{t}</span> : <span className="sd-muted">{DASH}</span>,
    },
    {
      title: '团队',
      dataIndex: 'team',
      width: 140,
      filters: teams.map((t) => ({ text: t, value: t })),
      onFilter: (v, a) => a.team === v,
      render: (t: string | null) => t ?? <span className="sd-muted">{DASH}</span>,
    },
    {
      title: '账号',
      key: 'accounts',
      render: (_: unknown, a) =>
        a.accounts.length === 0 ? (
          <Tag color="warning">未绑定账号</Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            <span className="sd-num" style={{ marginRight: 4 }}>
              {a.accounts.length} 个
            </span>
            {a.accounts.slice(0, 4).map((x) => (
              <Tooltip
                key={x.id}
                title={`${PLATFORM_ZH[x.platform]} · ${x.shop} · ${range(x.valid_from, x.valid_to)}`}
              >
                <Tag color={PLATFORM_COLOR[x.platform]} style={{ marginInlineEnd: 0 }}>
                  {x.account}
                </Tag>
              </Tooltip>
            ))}
            {a.accounts.length > 4 && <span className="sd-muted">…</span>}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'op',
      width: 240,
      render: (_: unknown, a) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<LinkOutlined />}
            onClick={() => {
              setExpanded((e) => (e.includes(a.id) ? e : [...e, a.id]));
              setAssign({ agentId: a.id });
            }}
          >
            绑定账号
          </Button>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setAgentModal({ agent: a })}
          >
            编辑
          </Button>
          <DeleteLink title={`删除客服 ${a.name}？`} onConfirm={() => void removeAgent(a)}>
            他的 {a.accounts.length}{' '}
            条账号归属也会一并删除，这些账号的数据会变成“未绑定”，所有月份会重新计算。
          </DeleteLink>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="roster-agents">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="客服 ↔ 平台账号，按日期归属"
        description={
          <>
            <div>
              一个客服可以有多个平台的多个账号；账号换人时，给旧客服填“失效日期”、给新客服填“生效日期”即可，数据按天归属。
            </div>
            <div>
              人多时可以在<a href={hrefOf('import')}>导入</a>页直接导入
              <Typography.Text strong style={{ whiteSpace: 'nowrap', margin: '0 2px' }}>
                “客服花名册.xlsx”
              </Typography.Text>
              ，列为：姓名、工号、团队、平台、店铺、客服账号、生效日期、失效日期。
            </div>
          </>
        }
      />
      <div style={{ display: 'flex', gap: 12, marginBottom: 12, alignItems: 'center' }}>
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          onClick={() => setAgentModal({ agent: null })}
          data-testid="roster-add-agent"
        >
          新增客服
        </Button>
        <Input
          allowClear
          prefix={<SearchOutlined className="sd-muted" />}
          placeholder="搜索姓名、工号、团队、账号"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 260 }}
        />
        <span className="sd-muted" style={{ marginLeft: 'auto' }}>
          共 {view.agents.length} 位客服，{view.agents.reduce((n, a) => n + a.accounts.length, 0)} 条账号归属
        </span>
      </div>
      <Table<RosterAgent>
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(Number)),
          expandedRowRender: (a) => (
            <AccountRanges
              agent={a}
              onEdit={(x) => setAssign({ agentId: a.id, assignment: x })}
              onRemove={removeAssignment}
              onAdd={() => setAssign({ agentId: a.id })}
            />
          ),
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q ? '没有匹配的客服' : '还没有客服。点“新增客服”，或在导入页导入客服花名册.xlsx'}
            />
          ),
        }}
        data-testid="roster-table"
      />
      <AgentModal
        key={`agent-${agentSerial}`}
        open={!!agentModal}
        agent={agentModal?.agent ?? null}
        teams={teams}
        onClose={() => setAgentModal(null)}
        onSaved={(id) => {
          const isNew = !agentModal?.agent;
          setAgentModal(null);
          void reload().then(() => {
            // a new agent goes straight on to its first account
            if (isNew) {
              setExpanded((e) => [...e, id]);
              setAssign({ agentId: id });
            }
          });
        }}
      />
      <AssignModal
        key={`assign-${assignSerial}`}
        target={assign}
        view={view}
        onClose={() => setAssign(null)}
        onSaved={() => {
          setAssign(null);
          void reload();
        }}
      />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The accounts tab

export function AccountOwnership({
  view,
  reload,
}: {
  view: RosterView;
  reload: () => Promise<void>;
}): ReactNode {
  const [onlyUnowned, setOnlyUnowned] = useState(false);
  const [assign, assignSerial, setAssign] = useModalTarget<AssignTarget>();
  const [query, setQuery] = useState('');
  const unowned = view.accounts.filter((a) => a.owners.length === 0).length;
  const q = query.trim().toLowerCase();
  const rows = view.accounts
    .filter((a) => !onlyUnowned || a.owners.length === 0)
    .filter(
      (a) =>
        !q ||
        [a.account, a.shop, a.nickname ?? '', ...a.owners.map((o) => o.agent)].some((t) =>
          t.toLowerCase().includes(q),
        ),
    )
    .sort(
      (a, b) =>
        Number(a.owners.length > 0) - Number(b.owners.length > 0) ||
        PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) ||
        a.account.localeCompare(b.account, 'zh-CN'),
    );
  const columns: TableColumnsType<AccountInfo> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 80,
      render: (p: Platform) => <PlatformTag platform={p} />,
    },
    { title: '店铺', dataIndex: 'shop', width: 180, ellipsis: true },
    {
      title: '客服账号',
      dataIndex: 'account',
      width: 260,
      render: (acc: string, a) => (
        <div>
          <div className="sd-file-name">{acc}</div>
          {a.nickname && a.nickname !== acc && <div className="sd-file-sub">昵称：{a.nickname}</div>}
        </div>
      ),
    },
    {
      title: '归属客服',
      key: 'owners',
      render: (_: unknown, a) =>
        a.owners.length === 0 ? (
          <Tag color="warning" data-testid="unowned">
            未绑定
          </Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            {a.owners.map((o, i) => (
              <Tag key={`${o.agent_id}-${i}`} color="blue" style={{ marginInlineEnd: 0 }}>
                {o.agent}
                <span className="sd-num" style={{ opacity: 0.75, marginLeft: 6 }}>
                  {range(o.valid_from, o.valid_to)}
                </span>
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '操作',
      key: 'op',
      width: 120,
      render: (_: unknown, a) => (
        <Button
          type={a.owners.length ? 'link' : 'primary'}
          ghost={a.owners.length === 0}
          size="small"
          icon={<LinkOutlined />}
          onClick={() => setAssign({ agentId: null, account: a })}
        >
          {a.owners.length ? '再绑定' : '绑定客服'}
        </Button>
      ),
    },
  ];
  return (
    <div data-testid="roster-accounts">
      {unowned > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${unowned} 个账号还没有绑定客服`}
          description="未绑定账号的数据只计入店铺，不计入任何客服。点“绑定客服”选择归属的客服和日期。"
        />
      ) : (
        view.accounts.length > 0 && (
          <Alert type="success" showIcon style={{ marginBottom: 16 }} title="所有账号都已绑定客服" />
        )
      )}
      <div style={{ display: 'flex', gap: 16, marginBottom: 12, alignItems: 'center' }}>
        <Input
          allowClear
          prefix={<SearchOutlined className="sd-muted" />}
          placeholder="搜索账号、店铺、客服"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 260 }}
        />
        <span className="sd-switch-label">
          <Switch size="small" checked={onlyUnowned} onChange={setOnlyUnowned} />
          只看未绑定
        </span>
        <span className="sd-muted" style={{ marginLeft: 'auto' }}>
          共 {view.accounts.length} 个账号（来自已导入的数据和花名册）
        </span>
      </div>
      <Table<AccountInfo>
        size="middle"
        rowKey={(a) => `${a.platform}|${a.shop}|${a.account}`}
        columns={columns}
        dataSource={rows}
        rowClassName={(a) => (a.owners.length === 0 ? 'sd-row-warn' : '')}
        pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                onlyUnowned || q ? '没有匹配的账号' : '还没有账号。导入平台数据后，账号会出现在这里'
              }
            />
          ),
        }}
      />
      <AssignModal
        key={`assign-${assignSerial}`}
        target={assign}
        view={view}
        onClose={() => setAssign(null)}
        onSaved={() => {
          setAssign(null);
          void reload();
        }}
      />
    </div>
  );
}
