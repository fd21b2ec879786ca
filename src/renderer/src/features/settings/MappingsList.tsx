/** 列映射: the column mappings the lead saved for unknown layouts, remembered per header hash. */
import type { ReactNode } from 'react';
import { App, Empty, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { LayoutMapping, MappingTarget } from '../../../../shared/api';
import { parsePlatform } from '../../../../shared/domain';
import { useApiMutation } from '../../data/use-api-mutation';
import { hrefOf } from '../../app/router';
import { DeleteLink } from '../../ui/DeleteLink';
import { PlatformTag } from '../../ui/PlatformTag';

export function MappingsList({
  rows,
  targets,
  reload,
}: {
  rows: LayoutMapping[];
  targets: MappingTarget[];
  reload: () => Promise<void>;
}): ReactNode {
  const deleteMapping = useApiMutation('mapping:delete');
  const { message } = App.useApp();

  const remove = async (m: LayoutMapping): Promise<void> => {
    const r = await deleteMapping({ hash: m.hash });
    if (r.ok) message.success(`已删除列映射“${m.name}”`);
    else message.error(r.error.message);
    await reload();
  };

  const columns: TableColumnsType<LayoutMapping> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 180,
      render: (n: string) => <span className="sd-file-name">{n}</span>,
    },
    {
      title: '按此格式导入',
      key: 'target',
      width: 260,
      render: (_: unknown, m) => {
        const t = targets.find((x) => x.id === m.base_layout);
        const p = parsePlatform(t?.platform);
        return (
          <Space size={4}>
            {p && <PlatformTag platform={p} />}
            <span>{t?.zh ?? m.base_layout}</span>
          </Space>
        );
      },
    },
    {
      title: '列对应',
      key: 'columns',
      render: (_: unknown, m) => {
        const t = targets.find((x) => x.id === m.base_layout);
        const entries = Object.entries(m.columns);
        const mapped = entries.filter(([, f]) => f);
        const skipped = entries.length - mapped.length;
        return (
          <Space size={[4, 4]} wrap>
            {mapped.map(([h, f]) => (
              <Tag key={h} style={{ marginInlineEnd: 0 }}>
                {h} → {t?.fields.find((x) => x.field === f)?.label ?? f}
              </Tag>
            ))}
            {skipped > 0 && <span className="sd-muted">另有 {skipped} 列不导入</span>}
          </Space>
        );
      },
    },
    {
      title: '表头指纹',
      dataIndex: 'hash',
      width: 110,
      render: (h: string) => (
        <Tooltip title={h}>
          <span className="sd-num sd-muted">{h.slice(0, 8)}</span>
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_: unknown, m) => (
        <DeleteLink title={`删除列映射“${m.name}”？`} width={280} onConfirm={() => void remove(m)}>
          已经导入的数据不受影响；之后同样表头的文件需要重新设置映射。
        </DeleteLink>
      ),
    },
  ];

  return (
    <div data-testid="mappings-list">
      <div className="sd-muted" style={{ marginBottom: 12 }}>
        无法自动识别格式的文件，可在<a href={hrefOf('import')}>导入</a>
        页点“设置列映射”指定每一列对应的字段。映射按表头记住，表头相同的文件以后会自动识别。
      </div>
      <Table<LayoutMapping>
        size="middle"
        rowKey="hash"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有保存的列映射" />,
        }}
      />
    </div>
  );
}
