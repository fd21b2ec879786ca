import type { ReactNode } from 'react';
import { Button, Checkbox, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DeleteOutlined, QuestionCircleOutlined, TableOutlined } from '@ant-design/icons';
import type { MappingRequest } from '../../../../shared/imports';
import { DASH, PERIOD_SOURCE_ZH, formatBytes, formatCount, formatPeriod } from '../../ui/format';
import { FileDetail, StatusTag } from './FileDetail';
import type { PreviewRow } from './import-preview';
import type { ImportFlow } from './use-import-flow';
import { PlatformTag } from '../../ui/PlatformTag';

type Row = PreviewRow;

/** The preview (and, after 确认导入, the result) of every picked file, one row each; a row opens to its detail. */
export function PreviewTable({
  flow,
  onMapping,
}: {
  flow: ImportFlow;
  onMapping: (target: { file: string; request: MappingRequest }) => void;
}): ReactNode {
  const { busy, phase, confirmed, setConfirmed } = flow;
  const num = (n: number | undefined, danger = false): ReactNode =>
    n === undefined ? (
      <span className="sd-muted">{DASH}</span>
    ) : (
      <span style={danger && n > 0 ? { color: '#d92d20' } : undefined}>{formatCount(n)}</span>
    );

  const columns: TableColumnsType<Row> = [
    {
      title: '文件',
      key: 'file',
      width: 200,
      fixed: 'left',
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        return (
          <div>
            <div className="sd-file-name" style={r?.status === 'failed' ? { color: '#d92d20' } : undefined}>
              {f.file.name}
            </div>
            <div className="sd-file-sub">
              {f.path !== f.file.name && `${f.path} · `}
              {formatBytes(f.file.size)}
            </div>
            {r?.status === 'failed' && (
              <div className="sd-file-error" data-testid="file-error">
                {r.message}
              </div>
            )}
            {r?.status === 'failed' && r.mapping && f.outcome?.kind === 'preview' && (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<TableOutlined />}
                style={{ marginTop: 6 }}
                disabled={busy || phase === 'previewing'}
                onClick={() => onMapping({ file: f.file.name, request: r.mapping! })}
                data-testid="open-mapping"
              >
                设置列映射
              </Button>
            )}
          </div>
        );
      },
    },
    {
      title: '状态',
      key: 'status',
      width: 84,
      render: (_: unknown, f) => (
        <StatusTag outcome={f.outcome} pending={phase === 'previewing' || phase === 'importing'} />
      ),
    },
    {
      title: '检测结果',
      key: 'detect',
      width: 170,
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        if (!r) return <span className="sd-muted">{DASH}</span>;
        return (
          <div>
            <div>
              {r.layout_zh ?? (
                <span className="sd-muted">{r.status === 'failed' ? '未识别的格式' : DASH}</span>
              )}
            </div>
            <div style={{ marginTop: 2, display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}>
              {r.platform && <PlatformTag platform={r.platform} tight />}
              {(r.shop || r.layout_zh) && <span className="sd-file-sub">{r.shop ?? '店铺未知'}</span>}
            </div>
          </div>
        );
      },
    },
    {
      title: '统计期间',
      key: 'period',
      width: 190,
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        if (!r) return <span className="sd-muted">{DASH}</span>;
        if (!r.period) return <span className="sd-muted">未知</span>;
        const src = r.period.source;
        return (
          <div className="sd-num">
            <div>{formatPeriod(r.period.from, r.period.to)}</div>
            <Tag
              color={src === 'file_name' ? 'warning' : src === 'user' ? 'purple' : 'default'}
              style={{ marginTop: 2 }}
            >
              {PERIOD_SOURCE_ZH[src]}
            </Tag>
            {src === 'file_name' && f.outcome?.kind === 'preview' && r.status !== 'failed' && (
              <span data-testid="confirm-period">
                <Checkbox
                  checked={confirmed.has(f.uid)}
                  disabled={busy}
                  onChange={(e) => setConfirmed(f.uid, e.target.checked)}
                >
                  <span style={{ fontSize: 12 }}>已核对</span>
                </Checkbox>
              </span>
            )}
          </div>
        );
      },
    },
    {
      title: '行数',
      children: [
        {
          title: '读取',
          key: 'read',
          width: 60,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.read),
        },
        {
          title: '有效',
          key: 'accepted',
          width: 60,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.accepted),
        },
        {
          title: '拒绝',
          key: 'rejected',
          width: 56,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.rejected, true),
        },
        {
          title: (
            <Tooltip title="与数据库中已有数据相比：新增 / 更新 / 未变">
              新增/更新/未变
              <QuestionCircleOutlined className="sd-muted" />
            </Tooltip>
          ),
          key: 'changes',
          width: 112,
          align: 'right',
          render: (_: unknown, f) => {
            const r = f.outcome?.result.rows;
            return r ? (
              <span className="sd-num">
                {formatCount(r.new)} / {formatCount(r.updated)} / {formatCount(r.unchanged)}
              </span>
            ) : (
              <span className="sd-muted">{DASH}</span>
            );
          },
        },
      ],
    },
    {
      title: '账号',
      key: 'accounts',
      width: 52,
      align: 'right',
      render: (_: unknown, f) => num(f.outcome?.result.accounts.length),
    },
    {
      title: '冲突',
      key: 'conflicts',
      width: 52,
      align: 'right',
      render: (_: unknown, f) => {
        const n = f.outcome?.result.conflicts.length;
        if (n === undefined) return <span className="sd-muted">{DASH}</span>;
        return n > 0 ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {n}
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        );
      },
    },
    {
      title: '操作',
      key: 'op',
      width: 52,
      fixed: 'right',
      render: (_: unknown, f) => (
        <Tooltip title="从列表中移除">
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            disabled={busy}
            onClick={() => flow.removeFile(f.uid)}
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Table<Row>
      size="small"
      bordered
      rowKey="uid"
      columns={columns}
      dataSource={flow.rows}
      pagination={false}
      scroll={{ x: 1100, y: flow.files.length > 12 ? 620 : undefined }}
      expandable={{
        expandedRowKeys: flow.expanded,
        onExpandedRowsChange: (keys) => flow.setExpanded(keys.map(String)),
        rowExpandable: (f) =>
          !!f.outcome &&
          (f.outcome.result.status !== 'failed' ||
            f.outcome.result.rejections.length > 0 ||
            f.outcome.result.conflicts.length > 0),
        expandedRowRender: (f) => (f.outcome ? <FileDetail outcome={f.outcome} /> : null),
      }}
      rowClassName={(f) => (f.outcome?.result.status === 'failed' ? 'sd-row-failed' : '')}
    />
  );
}
