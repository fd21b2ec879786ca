import type { ReactNode } from 'react';
import { Button, Popconfirm, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { ImportBatchInfo } from '../../../../shared/imports';
import { DASH, formatCount, formatDateTime, formatPeriod, formatPeriodShort } from '../../ui/format';
import { PlatformTag } from '../../ui/PlatformTag';

/** 导入记录: every batch with the number refusals cite, its period and counts, and 撤销. */
export function HistoryTable({
  rows,
  loading,
  onUndo,
}: {
  rows: ImportBatchInfo[];
  loading: boolean;
  onUndo: (b: ImportBatchInfo) => Promise<void>;
}): ReactNode {
  const columns: TableColumnsType<ImportBatchInfo> = [
    {
      // the number refusals and 对账 cite (“已被批次 #12 导入”): findable here
      title: '批次',
      dataIndex: 'id',
      width: 64,
      render: (id: number) => (
        <span className="sd-num" data-testid="batch-id">
          #{id}
        </span>
      ),
    },
    {
      title: '导入时间',
      dataIndex: 'imported_at',
      width: 150,
      render: (t: string) => <span className="sd-num">{formatDateTime(t)}</span>,
    },
    {
      title: '文件',
      dataIndex: 'file_name',
      width: 140,
      render: (name: string, b) => (
        <span className="sd-file-name" style={b.status === 'undone' ? { color: '#98a2b3' } : undefined}>
          {name}
        </span>
      ),
    },
    {
      // what was detected, as in the preview: the layout, then the platform and the shop
      title: '类型 / 店铺',
      key: 'layout',
      width: 180,
      render: (_: unknown, b) => (
        <div>
          <div>{b.layout_zh || DASH}</div>
          <div style={{ marginTop: 2, display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}>
            {b.platform && <PlatformTag platform={b.platform} tight />}
            <span className="sd-file-sub">{b.shop ?? DASH}</span>
          </div>
        </div>
      ),
    },
    {
      title: '统计期间',
      width: 180,
      render: (_: unknown, b) => (
        <span className="sd-num" title={formatPeriod(b.period_from, b.period_to)}>
          {formatPeriodShort(b.period_from, b.period_to)}
          {b.period_source === 'file_name' && (
            <Tag color="warning" style={{ marginLeft: 6 }}>
              来自文件名
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '行数',
      width: 120,
      align: 'right',
      render: (_: unknown, b) => (
        <Tooltip
          title={`读取 ${b.rows.read}，有效 ${b.rows.accepted}，拒绝 ${b.rows.rejected}，新增 ${b.rows.new}，更新 ${b.rows.updated}，未变 ${b.rows.unchanged}`}
        >
          <span className="sd-num">
            {formatCount(b.rows.accepted)}
            <span className="sd-muted"> / {formatCount(b.rows.read)}</span>
            {b.rows.rejected > 0 && <span style={{ color: '#d92d20' }}> 拒{b.rows.rejected}</span>}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 70,
      // with 操作, always in view: on a narrow window the middle of the row scrolls
      fixed: 'right',
      render: (s: ImportBatchInfo['status']) =>
        s === 'active' ? <Tag color="success">有效</Tag> : <Tag>已撤销</Tag>,
    },
    {
      title: '操作',
      width: 64,
      fixed: 'right',
      render: (_: unknown, b) =>
        b.status === 'active' ? (
          <Popconfirm
            title="撤销这次导入？"
            description={
              <div style={{ maxWidth: 300 }}>
                “{b.file_name}”导入的数据将被删除，被它替换的旧数据会恢复，相关月份会重新计算。
              </div>
            }
            okText="撤销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => {
              void onUndo(b);
            }}
          >
            <Button type="link" size="small" danger data-testid="undo-batch">
              撤销
            </Button>
          </Popconfirm>
        ) : (
          <span className="sd-muted">—</span>
        ),
    },
  ];
  return (
    <Table<ImportBatchInfo>
      size="middle"
      rowKey="id"
      loading={loading}
      columns={columns}
      dataSource={rows}
      // the columns add up to 968 px: the whole table fits the content area at 1280 wide
      scroll={{ x: 968 }}
      pagination={{
        pageSize: 10,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => `共 ${n} 次导入`,
      }}
      locale={{ emptyText: '还没有导入记录' }}
      data-testid="import-history"
    />
  );
}
