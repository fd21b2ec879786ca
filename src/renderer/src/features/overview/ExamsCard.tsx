/** 考试预警 on 总览: the open Douyin exam warnings with their deadlines. */
import { type ReactNode } from 'react';
import { Card, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { OverviewReport } from '../../../../shared/overview';
import { hrefOf } from '../../app/router';
import { AllClear } from './RiskTables';

type OpenExam = OverviewReport['exams_open'][number];

/** `2026-10-19` → `10-19 ~ 10-25`: the natural week (Mon–Sun) the platform reviewed. */
export function weekText(monday: string): string {
  const start = dayjs(monday);
  return `${start.format('MM-DD')} ~ ${start.add(6, 'day').format('MM-DD')}`;
}

function ExamStatus({ e }: { e: OpenExam }): ReactNode {
  if (e.status === 'overdue') {
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="exam-status">
        逾期未考
      </Tag>
    );
  }
  const left = e.days_left;
  const text = left === null ? '待考试' : left <= 0 ? '待考试 · 今天截止' : `待考试 · 剩 ${left} 天`;
  return (
    <Tag
      color={left !== null && left <= 2 ? 'warning' : 'processing'}
      style={{ marginInlineEnd: 0 }}
      data-testid="exam-status"
    >
      {text}
    </Tag>
  );
}

/** Douyin exam warnings still to pass (open) or past their deadline (overdue), most urgent first. */
export function ExamsCard({ rows }: { rows: OpenExam[] }): ReactNode {
  const sorted = [...rows].sort(
    (a, b) =>
      (a.status === 'overdue' ? 0 : 1) - (b.status === 'overdue' ? 0 : 1) ||
      a.deadline.localeCompare(b.deadline),
  );
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  const columns: TableColumnsType<OpenExam> = [
    {
      title: '账号',
      key: 'account',
      width: 220,
      render: (_: unknown, r) => (
        <div>
          <div className="sd-file-name">{r.account}</div>
          <div className="sd-file-sub">
            {PLATFORM_ZH[r.platform]} · {r.shop}
          </div>
        </div>
      ),
    },
    {
      title: '客服',
      dataIndex: 'agent',
      width: 110,
      render: (a: string | null) =>
        a ?? (
          <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
            <Tag style={{ marginInlineEnd: 0 }}>未绑定</Tag>
          </Tooltip>
        ),
    },
    {
      title: (
        <Tooltip title="平台每周二审核上一自然周（周一至周日）的服务">
          <span>预警周</span>
        </Tooltip>
      ),
      dataIndex: 'week_start',
      width: 130,
      render: (d: string) => <span className="sd-num">{weekText(d)}</span>,
    },
    {
      title: '截止',
      dataIndex: 'deadline',
      width: 110,
      render: (d: string, r) => (
        <span className="sd-num" style={r.status === 'overdue' ? { color: '#d92d20' } : undefined}>
          {d}
        </span>
      ),
    },
    { title: '状态', key: 'status', render: (_: unknown, r) => <ExamStatus e={r} /> },
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space size={8}>
          <AlertOutlined style={{ color: rows.length ? '#d92d20' : '#98a2b3' }} />
          <span>考试预警</span>
          {rows.length > 0 && (
            <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
              待考试 {rows.length - overdue} · 逾期未考{' '}
              <span style={overdue ? { color: '#d92d20', fontWeight: 500 } : undefined}>{overdue}</span>
            </span>
          )}
        </Space>
      }
      extra={<a href={hrefOf('exams')}>查看全部考试预警</a>}
      data-testid="overview-exams"
    >
      {rows.length === 0 ? (
        <AllClear text="没有待考试或逾期的考试预警" />
      ) : (
        <Table<OpenExam>
          size="small"
          rowKey={(r) => `${r.platform}|${r.shop}|${r.account}|${r.week_start}`}
          columns={columns}
          dataSource={sorted}
          pagination={sorted.length > 6 ? { pageSize: 6, size: 'small' } : false}
          rowClassName={(r) => (r.status === 'overdue' ? 'sd-row-failed' : '')}
          data-testid="overview-exams-table"
        />
      )}
    </Card>
  );
}
