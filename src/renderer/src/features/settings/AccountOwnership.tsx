/** 账号归属: every platform account with who owned it over which dates, unbound accounts first, with 绑定 for each. */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Empty, Input, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { LinkOutlined, SearchOutlined } from '@ant-design/icons';
import { PLATFORMS, type Platform } from '../../../../shared/domain';
import type { AccountInfo, RosterView } from '../../../../shared/settings';
import { useModalTarget } from '../../ui/use-modal-target';
import { PlatformTag } from '../../ui/PlatformTag';
import { range } from './roster-dates';
import { AssignModal, type AssignTarget } from './AssignModal';

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
