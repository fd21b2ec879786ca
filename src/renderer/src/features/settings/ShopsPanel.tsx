/**
 * 店铺与客户: clients (甲方) with their shops, and every shop with its platform, client, accounts and imports. A shop
 * can be given to a client, renamed, or merged into another shop of its platform (one shop spelled two ways in the
 * exports). Shops appear by themselves when their data is imported.
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Empty,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { ClientInfo, ShopInfo } from '../../../../shared/clients';
import type { RosterView } from '../../../../shared/settings';
import { DASH, PLATFORM_COLOR, formatDateTime } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { shopRows, type ShopRow } from './shops-view';
import { useClients } from './use-clients';
import { ClientModal, MergeShopModal, RenameShopModal } from './ShopModals';
import { PlatformTag } from '../../ui/PlatformTag';

interface Row extends ShopInfo {
  stats: ShopRow | undefined;
}

export function ShopsPanel({ roster }: { roster: RosterView | null }): ReactNode {
  const { message } = App.useApp();
  const clients = useClients();
  const [editing, setEditing] = useState<ClientInfo | 'new' | null>(null);
  const [renaming, setRenaming] = useState<ShopInfo | null>(null);
  const [merging, setMerging] = useState<ShopInfo | null>(null);

  const rows = useMemo((): Row[] | null => {
    if (!clients.data) return null;
    const stats = new Map(
      (roster && clients.history ? shopRows(roster.accounts, clients.history) : []).map((s) => [s.key, s]),
    );
    return clients.data.shops.map((s) => ({ ...s, stats: stats.get(`${s.platform}|${s.name}`) }));
  }, [clients.data, roster, clients.history]);

  const assign = async (shop: ShopInfo, clientId: number | null): Promise<void> => {
    const r = await clients.assignClient(shop.id, clientId);
    if (!r.ok) message.error(r.error);
    else {
      const name = clients.data?.clients.find((c) => c.id === clientId)?.name;
      message.success(name ? `“${shop.name}”已归属客户“${name}”` : `“${shop.name}”已改为未指定客户`);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 76,
      render: (_: unknown, r) => <PlatformTag platform={r.platform} />,
    },
    {
      title: '店铺',
      dataIndex: 'name',
      render: (_: unknown, r) => (
        <div>
          <span className="sd-file-name" data-testid="shop-name">
            {r.name}
          </span>
          {r.aliases.length > 0 && (
            <Tooltip title="以这些名称导入的数据也进入这家店铺（合并或改名前的名称）">
              <div className="sd-muted" style={{ fontSize: 12 }} data-testid="shop-aliases">
                别名：{r.aliases.join('、')}
              </div>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: '客户（甲方）',
      dataIndex: 'client',
      width: 170,
      render: (_: unknown, r) => (
        <Select<number | 'none'>
          size="small"
          style={{ width: '100%' }}
          value={r.client_id ?? 'none'}
          onChange={(v) => void assign(r, v === 'none' ? null : v)}
          options={[
            { value: 'none', label: <span className="sd-muted">未指定客户</span> },
            ...(clients.data?.clients ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          data-testid="shop-client"
        />
      ),
    },
    {
      title: '客服账号',
      width: 136,
      align: 'right',
      render: (_: unknown, r) => (
        <span className="sd-num">
          {r.accounts}
          {(r.stats?.unbound ?? 0) > 0 && (
            <a href={`${hrefOf('settings')}?tab=accounts`} style={{ marginLeft: 6 }}>
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {r.stats!.unbound} 个未绑定
              </Tag>
            </a>
          )}
        </span>
      ),
    },
    {
      title: '最近导入',
      width: 150,
      render: (_: unknown, r) =>
        r.stats?.lastImport ? (
          <span className="sd-num">{formatDateTime(r.stats.lastImport)}</span>
        ) : (
          <span className="sd-muted">{DASH}</span>
        ),
    },
    {
      title: '导入次数',
      width: 80,
      align: 'right',
      render: (_: unknown, r) => r.stats?.imports ?? 0,
    },
    {
      title: '操作',
      width: 150,
      render: (_: unknown, r) => (
        <Space size={0}>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setRenaming(r)}
            data-testid="shop-rename"
          >
            改名
          </Button>
          <Tooltip title="同一家店在不同导出里写法不同时，把这家并入另一家">
            <Button
              size="small"
              type="link"
              icon={<MergeCellsOutlined />}
              onClick={() => setMerging(r)}
              data-testid="shop-merge"
            >
              合并到…
            </Button>
          </Tooltip>
        </Space>
      ),
    },
  ];

  const error = clients.error;
  return (
    <div data-testid="settings-shops">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <ClientsCard
        clients={clients.data?.clients ?? null}
        onAdd={() => setEditing('new')}
        onEdit={setEditing}
        onDelete={async (c) => {
          const r = await clients.deleteClient(c.id);
          if (r.ok) message.success(`已删除客户“${c.name}”`);
          else message.error({ content: r.error, duration: 8 });
        }}
      />
      <Card
        title={
          <span>
            <ShopOutlined /> 店铺
          </span>
        }
        size="small"
        className="sd-kpi-card"
        style={{ marginTop: 12 }}
      >
        <div className="sd-muted" style={{ marginBottom: 10 }}>
          导入数据时自动登记店铺和账号；账号归属在“账号归属”中维护。同一家店在不同导出文件里写法不同时，用“合并到…”把它们合为一家。
        </div>
        <Table<Row>
          size="small"
          rowKey="id"
          loading={rows === null}
          columns={columns}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: '还没有店铺：导入平台数据后会自动出现' }}
          data-testid="shops-table"
        />
        {clients.data && clients.data.log.length > 0 && (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'log',
                label: <span className="sd-muted">合并与改名记录（{clients.data.log.length}）</span>,
                children: (
                  <ul className="sd-error-list" data-testid="shop-log">
                    {clients.data.log.map((l, i) => (
                      <li key={i}>
                        <span className="sd-num">{l.at}</span> {PLATFORM_ZH[l.platform]}：
                        {l.action === 'merge'
                          ? `“${l.from_name}”并入“${l.to_name}”`
                          : `“${l.from_name}”改名为“${l.to_name}”`}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        )}
      </Card>

      <ClientModal
        client={editing}
        actions={clients}
        onClose={() => setEditing(null)}
        onSaved={(name) => {
          message.success(editing === 'new' ? `已添加客户“${name}”` : `已保存客户“${name}”`);
          setEditing(null);
        }}
      />
      <RenameShopModal
        shop={renaming}
        actions={clients}
        onClose={() => setRenaming(null)}
        onRenamed={(name) => {
          message.success(`店铺已改名为“${name}”，相关月份已重新计算`);
          setRenaming(null);
        }}
      />
      <MergeShopModal
        shop={merging}
        shops={clients.data?.shops ?? []}
        actions={clients}
        onClose={() => setMerging(null)}
        onMerged={(s) => {
          message.success(
            `已将“${s.from.name}”合并到“${s.into.name}”：${s.accounts} 个账号、${s.days} 天数据${
              s.duplicates ? `，${s.duplicates} 条重复数据以较新导入为准` : ''
            }`,
          );
          setMerging(null);
        }}
      />
    </div>
  );
}

function ClientsCard({
  clients,
  onAdd,
  onEdit,
  onDelete,
}: {
  clients: ClientInfo[] | null;
  onAdd: () => void;
  onEdit: (c: ClientInfo) => void;
  onDelete: (c: ClientInfo) => Promise<void>;
}): ReactNode {
  const columns: TableColumnsType<ClientInfo> = [
    {
      title: '客户',
      dataIndex: 'name',
      width: 200,
      render: (_: unknown, c) => (
        <div>
          <b data-testid="client-name-cell">{c.name}</b>
          {c.note && (
            <div className="sd-muted" style={{ fontSize: 12 }}>
              {c.note}
            </div>
          )}
        </div>
      ),
    },
    {
      title: '店铺',
      render: (_: unknown, c) =>
        c.shops.length ? (
          <Space size={[4, 4]} wrap data-testid="client-shops">
            {c.shops.map((s) => (
              <Tag key={s.id} color={PLATFORM_COLOR[s.platform]} variant="outlined">
                {PLATFORM_ZH[s.platform]}·{s.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="sd-muted">还没有店铺：在下方店铺列表中选择客户</span>
        ),
    },
    {
      title: '考核方案',
      width: 180,
      render: (_: unknown, c) =>
        c.schemes.length ? c.schemes.join('、') : <span className="sd-muted">{DASH}</span>,
    },
    {
      title: '操作',
      width: 140,
      render: (_: unknown, c) => (
        <Space size={0}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(c)}>
            编辑
          </Button>
          <Popconfirm
            title={`删除客户“${c.name}”？`}
            description="只删除客户本身；有店铺或考核方案用到它时不能删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => void onDelete(c)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid="client-delete">
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <Card
      size="small"
      className="sd-kpi-card"
      title={
        <span>
          <TeamOutlined /> 客户（甲方）
        </span>
      }
      extra={
        <Button type="primary" size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="client-add">
          新增客户
        </Button>
      }
    >
      <div className="sd-muted" style={{ marginBottom: 10 }}>
        客户拥有店铺。考核方案可以按客户设定范围（包括以后才归属该客户的店铺），月度绩效表的客户版可以只为一个客户生成。
      </div>
      {clients && clients.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有客户" />
      ) : (
        <Table<ClientInfo>
          size="small"
          rowKey="id"
          loading={clients === null}
          columns={columns}
          dataSource={clients ?? []}
          pagination={false}
          data-testid="clients-table"
        />
      )}
    </Card>
  );
}
