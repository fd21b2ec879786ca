import type { ReactNode } from 'react';
import { Alert, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, LoadingOutlined, MinusCircleFilled } from '@ant-design/icons';
import type { PeriodConflict, Rejection } from '../../../../shared/imports';
import { formatPeriod } from '../../ui/format';
import type { Outcome } from './import-preview';

export function StatusTag({
  outcome,
  pending,
}: {
  outcome: Outcome | undefined;
  pending: boolean;
}): ReactNode {
  if (!outcome) {
    return pending ? (
      <Tag icon={<LoadingOutlined />} color="processing">
        检测中
      </Tag>
    ) : (
      <Tag>待检测</Tag>
    );
  }
  const { kind, result } = outcome;
  switch (result.status) {
    case 'previewed':
      return (
        <Tag icon={<CheckCircleFilled />} color="blue">
          可导入
        </Tag>
      );
    case 'imported':
      return (
        <Tag icon={<CheckCircleFilled />} color="success">
          已导入
        </Tag>
      );
    case 'skipped':
      return (
        <Tag icon={<MinusCircleFilled />} color="default">
          {kind === 'preview' ? '将跳过' : '已跳过'}
        </Tag>
      );
    case 'failed':
      return (
        <Tag icon={<CloseCircleFilled />} color="error">
          失败
        </Tag>
      );
  }
}

function RejectionTable({ rows }: { rows: Rejection[] }): ReactNode {
  const columns: TableColumnsType<Rejection> = [
    { title: '工作表', dataIndex: 'sheet', width: 140, ellipsis: true },
    {
      title: '行号',
      dataIndex: 'row',
      width: 80,
      align: 'right',
      render: (n: number) => <span className="sd-num">{n}</span>,
    },
    { title: '列', dataIndex: 'column', width: 160, ellipsis: true },
    {
      title: '值',
      dataIndex: 'value',
      width: 200,
      ellipsis: true,
      render: (v: string) => (v === '' ? <span className="sd-muted">（空）</span> : v),
    },
    { title: '原因', dataIndex: 'reason' },
  ];
  return (
    <Table<Rejection>
      size="small"
      rowKey={(r) => `${r.sheet}|${r.row}|${r.column}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      data-testid="rejections"
    />
  );
}

function ConflictTable({ rows }: { rows: PeriodConflict[] }): ReactNode {
  const columns: TableColumnsType<PeriodConflict> = [
    { title: '账号', dataIndex: 'account', width: 180, ellipsis: true },
    { title: '字段', dataIndex: 'field', width: 140 },
    {
      title: '已有数据',
      width: 230,
      render: (_: unknown, c) =>
        `${formatPeriod(c.existing.from, c.existing.to)}（批次 #${c.existing.batch_id}）`,
    },
    { title: '本文件', width: 190, render: (_: unknown, c) => formatPeriod(c.incoming.from, c.incoming.to) },
    { title: '说明', dataIndex: 'message' },
  ];
  return (
    <Table<PeriodConflict>
      size="small"
      rowKey={(c, i) => `${c.account}|${c.field}|${i ?? 0}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
    />
  );
}

/** Under a file's row: its message, period conflicts, accounts and rejected rows. */
export function FileDetail({ outcome }: { outcome: Outcome }): ReactNode {
  const r = outcome.result;
  const shown = r.accounts.slice(0, 40);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', padding: '4px 8px 8px' }}>
      {r.message && (
        <Alert
          type={
            r.status === 'failed'
              ? 'error'
              : r.rows.rejected > 0 || r.conflicts.length > 0
                ? 'warning'
                : 'info'
          }
          showIcon
          title={r.message}
        />
      )}
      {r.conflicts.length > 0 && (
        <div>
          <Typography.Text strong>期间重叠（{r.conflicts.length}）</Typography.Text>
          <div className="sd-muted" style={{ marginBottom: 6 }}>
            已有数据的期间与本文件部分重叠：两者都会保留，请核对是否重复。
          </div>
          <ConflictTable rows={r.conflicts} />
        </div>
      )}
      <div>
        <Typography.Text strong>账号（{r.accounts.length}）</Typography.Text>
        <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {shown.length === 0 && <span className="sd-muted">无</span>}
          {shown.map((a) => (
            <Tag key={a} style={{ marginInlineEnd: 0 }}>
              {a}
            </Tag>
          ))}
          {r.accounts.length > shown.length && <span className="sd-muted">等 {r.accounts.length} 个</span>}
        </div>
      </div>
      <div>
        <Typography.Text strong>被拒绝的行（{r.rejections.length}）</Typography.Text>
        {r.rejections.length > 0 ? (
          <div style={{ marginTop: 6 }}>
            <RejectionTable rows={r.rejections} />
          </div>
        ) : (
          <div className="sd-muted" style={{ marginTop: 4 }}>
            没有被拒绝的行。
          </div>
        )}
      </div>
    </Space>
  );
}
