/**
 * 对账: each metric of each account from the platform summary and from the events side by side, the difference, and
 * which one the month uses; exported as an xlsx.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Space, Switch, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ReconcileRow } from '../../../../shared/events-view';
import { formatMetric, isMetricId, METRICS } from '../../../../shared/metrics';
import { useApiQuery } from '../../data/use-api-query';
import { saveBytes } from '../../ui/save-bytes';
import { DASH, formatFraction, metricDelta } from '../../ui/format';
import { useMonths } from '../../data/use-months';
import { MonthPicker } from '../../ui/MonthPicker';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { RECONCILE_EXPORT_COLUMNS, reconcileExportRows } from './reconcile-export';
import type { Precedence } from './DataPanel';
import { PlatformTag } from '../../ui/PlatformTag';

function valueOf(metric: string, v: ReconcileRow['summary']): ReactNode {
  const id = isMetricId(metric) ? metric : null;
  const text = id
    ? formatMetric(id, v.value)
    : v.value === null
      ? DASH
      : v.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const frac =
    v.numerator !== null && v.denominator !== null ? formatFraction(v.numerator, v.denominator) : null;
  return (
    <div className="sd-num sd-rec-value">
      <span>{text}</span>
      {frac && <span className="sd-metric-frac">{frac}</span>}
    </div>
  );
}

function diffOf(r: ReconcileRow): { text: string; title: string; same: boolean } {
  if (!isMetricId(r.metric)) return { text: DASH, title: '', same: true };
  const d = metricDelta(r.metric, r.events.value, r.summary.value);
  if (!d) return { text: DASH, title: '有一方没有数值', same: false };
  const same = d.text === '持平';
  return {
    text: same ? '一致' : d.text.replace('▲ ', '+').replace('▼ ', '−'),
    title: same
      ? '两种来源的数值一致'
      : `明细计算值比汇总值${d.text.startsWith('▲') ? '高' : '低'} ${d.text.slice(2)}`,
    same,
  };
}

export function ReconcilePanel({ precedence }: { precedence: Precedence }): ReactNode {
  const [onlyDiff, setOnlyDiff] = useState(false);
  // new data (an import, the watched folder, a precedence change) changes both sides: the query reloads itself
  const { months, month, setMonth } = useMonths();
  const query = useApiQuery('report:reconcile', month ? { month } : null);
  const rows = query.data;
  const loading = !!month && query.loading;
  const error = query.error?.message ?? null;
  const diffCount = rows?.filter((r) => !diffOf(r).same).length ?? 0;
  const shown = rows ? (onlyDiff ? rows.filter((r) => !diffOf(r).same) : rows) : [];

  const columns: TableColumnsType<ReconcileRow> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 64,
      render: (p: ReconcileRow['platform']) => <PlatformTag platform={p} />,
    },
    { title: '店铺', dataIndex: 'shop', width: 120, ellipsis: { showTitle: true } },
    {
      title: '账号',
      dataIndex: 'account',
      width: 150,
      render: (a: string) => <span className="sd-file-name">{a}</span>,
    },
    {
      title: '指标',
      dataIndex: 'metric',
      width: 136,
      render: (m: string) => (isMetricId(m) ? METRICS[m].zh : m),
    },
    {
      title: (
        <Tooltip title="平台后台导出的汇总数据（分子/分母），只统计两种来源都有数据的日期">
          <span>汇总值</span>
        </Tooltip>
      ),
      key: 'summary',
      width: 140,
      align: 'right',
      onCell: (r) => ({ className: r.used === 'summary' ? 'sd-rec-used' : undefined }),
      render: (_: unknown, r) => valueOf(r.metric, r.summary),
    },
    {
      title: (
        <Tooltip title="按平台规则用聊天记录、评价明细计算的数值（分子/分母）">
          <span>明细计算值</span>
        </Tooltip>
      ),
      key: 'events',
      width: 140,
      align: 'right',
      onCell: (r) => ({ className: r.used === 'events' ? 'sd-rec-used' : undefined }),
      render: (_: unknown, r) => valueOf(r.metric, r.events),
    },
    {
      title: '差异',
      key: 'diff',
      width: 100,
      align: 'right',
      render: (_: unknown, r) => {
        const d = diffOf(r);
        return (
          <Tooltip title={d.title}>
            <span className={`sd-num ${d.same ? 'sd-muted' : 'sd-rec-diff'}`} data-testid="reconcile-diff">
              {d.text}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: '采用',
      dataIndex: 'used',
      width: 72,
      render: (u: ReconcileRow['used']) =>
        u === 'summary' ? (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            汇总
          </Tag>
        ) : (
          <Tag color="purple" style={{ marginInlineEnd: 0 }}>
            明细
          </Tag>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          对账
          <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
            平台汇总 与 明细计算 的对照
          </span>
        </Space>
      }
      extra={
        <Space size={12}>
          {rows && rows.length > 0 && (
            <span className="sd-switch-label">
              <Switch size="small" checked={onlyDiff} onChange={setOnlyDiff} />
              只看有差异的
            </span>
          )}
          <MonthPicker
            value={month}
            months={months ?? []}
            onChange={setMonth}
            width={130}
            testId="reconcile-month"
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={shown.length === 0}
            onClick={() =>
              saveBytes(
                exportFileName('对账', month),
                tableXlsx(`对账 ${month ?? ''}`.trim(), RECONCILE_EXPORT_COLUMNS, reconcileExportRows(shown)),
              )
            }
            data-testid="reconcile-export"
          >
            导出 Excel
          </Button>
        </Space>
      }
      data-testid="reconcile"
    >
      <div className="sd-muted sd-card-lead">
        同一账号同一天两种来源都有数据时才会出现在这里。当前采用
        <b style={{ color: '#344054' }}>{precedence === 'summary' ? '平台汇总数据' : '明细计算'}</b>
        （见上方“数据口径”）。
        {rows && rows.length > 0 && (
          <>
            {' '}
            本月 {rows.length} 项，其中
            <b style={{ color: diffCount > 0 ? '#b54708' : '#344054' }}> {diffCount} </b>项数值不一致。
          </>
        )}
      </div>
      {error ? (
        <Alert type="error" showIcon title="读取对账数据失败" description={error} />
      ) : months !== null && months.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有导入任何数据" />
      ) : (
        <Table<ReconcileRow>
          size="small"
          rowKey={(r) => `${r.platform}|${r.shop}|${r.account}|${r.metric}`}
          loading={loading}
          columns={columns}
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
          rowClassName={(r) => (diffOf(r).same ? '' : 'sd-row-warn')}
          // the columns' widths: the whole table fits 1280 wide, narrower windows scroll
          scroll={{ x: 922 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  onlyDiff
                    ? '两种来源的数值都一致'
                    : '这个月没有两种来源重叠的数据：只导入了平台汇总，或只导入了聊天记录 / 评价明细'
                }
              />
            ),
          }}
          data-testid="reconcile-table"
        />
      )}
    </Card>
  );
}
