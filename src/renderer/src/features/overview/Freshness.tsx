/** 数据新鲜度 on 总览: per shop, the last import, the days with data, missing and provisional days. */
import { type ReactNode } from 'react';
import { Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { compactDayRanges } from '../../../../shared/charts';
import { type Month } from '../../../../shared/domain';
import type { ShopFreshness } from '../../../../shared/overview';
import { formatDateTime } from '../../ui/format';
import { platformCell } from './RiskTables';

export function Freshness({ rows, month }: { rows: ShopFreshness[]; month: Month }): ReactNode {
  const columns: TableColumnsType<ShopFreshness> = [
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    {
      title: '店铺',
      dataIndex: 'shop',
      width: 170,
      render: (s: string) => (
        <span className="sd-file-name" data-testid="freshness-shop">
          {s}
        </span>
      ),
    },
    {
      title: '最近导入',
      dataIndex: 'last_import',
      width: 170,
      render: (t: string | null) => <span className="sd-num">{formatDateTime(t)}</span>,
    },
    {
      title: '有数据天数',
      dataIndex: 'days_with_data',
      width: 100,
      align: 'right',
      render: (n: number) => <span className="sd-num">{n} 天</span>,
    },
    {
      title: (
        <Tooltip title={`${month} 截至今天（中国时间）还没有按日数据的日期`}>
          <span>缺失日期</span>
        </Tooltip>
      ),
      key: 'missing',
      render: (_: unknown, r) => {
        if (r.days_missing.length === 0) return <span style={{ color: '#12b76a' }}>无</span>;
        const ranges = compactDayRanges(r.days_missing);
        const shown = ranges.slice(0, 6);
        return (
          <Tooltip title={ranges.join('、')}>
            <Space size={[4, 4]} wrap>
              <span className="sd-num" style={{ color: '#b54708' }}>
                {r.days_missing.length} 天
              </span>
              {shown.map((x) => (
                <Tag key={x} className="sd-num" style={{ marginInlineEnd: 0 }}>
                  {x}
                </Tag>
              ))}
              {ranges.length > shown.length && <span className="sd-muted">…</span>}
            </Space>
          </Tooltip>
        );
      },
    },
    {
      title: (
        <Tooltip title="导入得早于平台定稿（如评价 D+2），之后还可能修订">
          <span>暂定天数</span>
        </Tooltip>
      ),
      dataIndex: 'provisional_days',
      width: 96,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {n} 天
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        ),
    },
    {
      title: (
        <Tooltip title="已过定稿日期但没有重新导入：请重新下载这些天的数据并导入">
          <span>需重新导入</span>
        </Tooltip>
      ),
      dataIndex: 'reimport_days',
      width: 104,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {n} 天
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        ),
    },
  ];
  return (
    <Table<ShopFreshness>
      size="small"
      rowKey={(r) => `${r.platform}|${r.shop}`}
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '没有店铺数据' }}
      data-testid="freshness"
    />
  );
}
