/** One agent's (or an unbound account's) exam warnings over time, with their statuses: is this a repeat offender? */
import type { ReactNode } from 'react';
import { Drawer, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { examWeekLabel } from '../../../../shared/charts-events';
import type { ExamRowView } from '../../../../shared/events-view';
import { Attempts, DayCell, RepeatTag, StatusTag } from './ExamBits';

export function AgentHistoryDrawer({
  rows,
  asOf,
  onClose,
}: {
  /** the owner's warnings (empty: closed) */
  rows: ExamRowView[];
  asOf: string;
  onClose: () => void;
}): ReactNode {
  const first = rows[0];
  const name = first ? (first.agent ?? first.account) : '';
  const sorted = [...rows].sort((a, b) => b.week_start.localeCompare(a.week_start));
  const overdue = rows.filter((r) => r.status === 'overdue' || r.status === 'passed_late').length;
  const open = rows.filter((r) => r.status === 'open').length;
  const accounts = [...new Set(rows.map((r) => r.account))];
  const repeat = rows.some((r) => r.repeat);

  const columns: TableColumnsType<ExamRowView> = [
    {
      title: '预警周',
      dataIndex: 'week_start',
      width: 110,
      render: (w: string) => (
        <Tooltip title={`${w} 起的自然周（周一至周日）`}>
          <span className="sd-num">{examWeekLabel(w)}</span>
        </Tooltip>
      ),
    },
    ...(accounts.length > 1
      ? [{ title: '账号', dataIndex: 'account', width: 150 } as TableColumnsType<ExamRowView>[number]]
      : []),
    {
      title: '预警原因',
      dataIndex: 'reasons',
      render: (t: string) => t || <span className="sd-muted">—</span>,
    },
    {
      title: '考试截止',
      dataIndex: 'deadline',
      width: 90,
      render: (d: string) => <DayCell day={d} asOf={asOf} title={`${d} 23:59 前`} />,
    },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, r) => <StatusTag r={r} asOf={asOf} /> },
    { title: '考试记录', key: 'attempts', width: 140, render: (_: unknown, r) => <Attempts r={r} /> },
  ];

  return (
    <Drawer
      open={rows.length > 0}
      onClose={onClose}
      size={760}
      title={
        <Space size={8}>
          <span>{name} · 考试预警记录</span>
          {repeat && <RepeatTag />}
          {first && first.agent === null && <Tag>未绑定客服</Tag>}
        </Space>
      }
      data-testid="ex-history"
    >
      <div className="sd-ex-schedule" style={{ marginTop: 0 }}>
        共 <b>{rows.length}</b> 次预警 · 逾期{' '}
        <b style={{ color: overdue ? '#d92d20' : undefined }}>{overdue}</b> 次 · 待考试 <b>{open}</b> 次
        {accounts.length > 0 && <span className="sd-muted"> · 账号：{accounts.join('、')}</span>}
        <div className="sd-muted" style={{ fontSize: 12 }}>
          状态按统计日期 {asOf} 计算；两次预警的周开始日相隔不超过 21 天即为重复预警。
        </div>
      </div>
      <Table<ExamRowView>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={sorted}
        pagination={false}
        data-testid="ex-history-table"
      />
    </Drawer>
  );
}
