/**
 * The parts a month value was summed from (issue 8, "drill-downs add up"): one row per export row or computed day with
 * its source, a 合计 row equal to the header's numerator/denominator, and the sentence saying how much of the value
 * the listed rows explain and where the rest comes from.
 */
import type { ReactNode } from 'react';
import { Alert, Empty, Table, Tooltip, type TableColumnsType } from 'antd';
import type { DrillResult } from '../../../../shared/api';
import { DRILL_SOURCE_ZH, type DrillDay, type DrillSource } from '../../../../shared/drill';
import { formatMetric, type MetricId } from '../../../../shared/metrics';
import { DASH, formatCount } from '../../ui/format';

const SOURCE_COLOR: Record<DrillSource, string> = { summary: '#8c8c8c', events: '#1677ff' };
const SOURCE_TIP: Record<DrillSource, string> = {
  summary: '平台导出的汇总数据（按平台口径，没有逐条明细）',
  events: '由导入的明细（聊天记录、评价明细、订单）按平台规则计算',
};

function SourceLabel({ source }: { source: DrillSource }): ReactNode {
  return (
    <Tooltip title={SOURCE_TIP[source]}>
      <span
        className="sd-drill-source"
        data-source={source}
        style={{ color: SOURCE_COLOR[source], borderColor: SOURCE_COLOR[source] }}
      >
        {DRILL_SOURCE_ZH[source]}
      </span>
    </Tooltip>
  );
}

/** "752 次未达标中，明细可见 221 次（…的聊天记录），其余 531 次来自平台导出的日汇总" above the rows. */
export function DrillCoverageNote({ data }: { data: DrillResult | null }): ReactNode {
  const sentence = data?.coverage.sentence;
  if (!sentence) return null;
  const complete = sentence.startsWith('明细逐条对应');
  return (
    <Alert
      type={complete ? 'success' : 'info'}
      showIcon
      title={<span data-testid="drill-coverage">{sentence}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}

function period(d: DrillDay): string {
  return d.day === d.to ? d.day : `${d.day} 至 ${d.to}`;
}

export function DrillDaysTable({ metric, data }: { metric: MetricId; data: DrillResult }): ReactNode {
  if (data.by_day.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月没有计入这个指标的数据" />;
  }
  const hasDen = data.by_day.some((d) => d.denominator !== null);
  const days = { summary: 0, events: 0 };
  for (const d of data.by_day) days[d.source] += d.day === d.to ? 1 : 0;
  const columns: TableColumnsType<DrillDay> = [
    {
      title: '日期',
      key: 'day',
      width: 200,
      render: (_: unknown, d) => <span className="sd-num">{period(d)}</span>,
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 96,
      render: (s: DrillSource) => <SourceLabel source={s} />,
    },
    {
      title: '值',
      dataIndex: 'value',
      align: 'right',
      render: (v: number | null) => <span className="sd-num">{formatMetric(metric, v)}</span>,
    },
    {
      title: '分子',
      dataIndex: 'numerator',
      align: 'right',
      render: (v: number) => <span className="sd-num">{formatCount(v)}</span>,
    },
    ...(hasDen
      ? [
          {
            title: '分母',
            dataIndex: 'denominator',
            align: 'right' as const,
            render: (v: number | null) => <span className="sd-num">{formatCount(v)}</span>,
          },
        ]
      : []),
  ];
  const t = data.total;
  return (
    <Table<DrillDay>
      size="small"
      rowKey={(d) => `${d.day}|${d.to}|${d.source}`}
      columns={columns}
      dataSource={data.by_day}
      pagination={false}
      style={{ marginBottom: 24 }}
      data-testid="drill-days"
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="sd-drill-total" data-testid="drill-total">
            <Table.Summary.Cell index={0}>
              <b>合计</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <span className="sd-muted" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {[
                  days.summary ? `导出 ${days.summary} 天` : null,
                  days.events ? `明细 ${days.events} 天` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <b className="sd-num">{t ? formatMetric(metric, t.value) : DASH}</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <b className="sd-num" data-testid="drill-total-numerator">
                {formatCount(t?.numerator)}
              </b>
            </Table.Summary.Cell>
            {hasDen && (
              <Table.Summary.Cell index={4} align="right">
                <b className="sd-num" data-testid="drill-total-denominator">
                  {formatCount(t?.denominator)}
                </b>
              </Table.Summary.Cell>
            )}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
