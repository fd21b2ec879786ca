/**
 * 花名册 (product.md screen 8): agents, and which platform accounts each owns over which dates. Ownership is per China
 * day, so a hand-over is two ranges; the server warns when two agents would own one account on the same day.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, LinkOutlined, PlusOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { RosterAgent, RosterAssignment, RosterView } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { DASH, PLATFORM_COLOR } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { DeleteLink } from '../../ui/DeleteLink';
import { useModalTarget } from '../../ui/use-modal-target';
import { PlatformTag } from '../../ui/PlatformTag';
import { day, range } from './roster-dates';
import { AgentModal } from './AgentModal';
import { AssignModal, type AssignTarget } from './AssignModal';

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
