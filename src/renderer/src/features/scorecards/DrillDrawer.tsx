import { type ReactNode } from 'react';
import {
  Alert,
  Descriptions,
  Drawer,
  Empty,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { DrillInput, DrillResult } from '../../../../shared/api';
import type { MetricValue } from '../../../../shared/report';
import { METRICS, formatMetric } from '../../../../shared/metrics';
import { useApiQuery } from '../../data/use-api-query';
import { formatFraction, formatPeriod, formatThreshold } from '../../ui/format';
import { DrillCoverageNote, DrillDaysTable } from './DrillDays';
import { RATING_METRICS, ROUND_LIMITS, RatingsEvidence, RoundsEvidence } from './EvidenceTables';
import { wholeTextColumn } from '../../ui/whole-text-column';
import { PlatformTag } from '../../ui/PlatformTag';

export interface DrillTarget extends DrillInput {
  /** The month value the lead clicked, shown on top. */
  value: MetricValue | undefined;
  agent: string | null;
}

type SourceRow = DrillResult['rows'][number];

/**
 * "Why is this 76%?": the events behind a month value (the rounds not answered in time, the ratings), the days, and
 * the import rows behind the days.
 */
export function DrillDrawer({
  target,
  onClose,
}: {
  target: DrillTarget | null;
  onClose: () => void;
}): ReactNode {
  const key = target
    ? JSON.stringify([target.month, target.platform, target.shop, target.account, target.metric])
    : '';
  const input: DrillInput | null = target
    ? {
        month: target.month,
        platform: target.platform,
        shop: target.shop,
        account: target.account,
        metric: target.metric,
      }
    : null;
  const drillQ = useApiQuery('report:drill', input);
  const hasEvidence = !!input && (!!ROUND_LIMITS[input.metric] || RATING_METRICS.includes(input.metric));
  const evidenceQ = useApiQuery('report:evidence', hasEvidence ? input : null);
  const state = { data: drillQ.data, error: drillQ.error?.message ?? null };
  const evidence = { error: evidenceQ.error?.message ?? null };

  const loading = !!target && drillQ.data === null && drillQ.error === null;
  const id = target?.metric;
  const def = id ? METRICS[id] : null;
  const evidenceKind = id
    ? ROUND_LIMITS[id]
      ? 'rounds'
      : RATING_METRICS.includes(id)
        ? 'ratings'
        : null
    : null;
  const evidenceLoading = !!evidenceKind && evidenceQ.data === null && evidenceQ.error === null;
  const ev = evidenceQ.data;

  const evidenceBlock =
    evidenceKind && id ? (
      <div data-testid="drill-evidence">
        <Typography.Title level={5}>
          {evidenceKind === 'rounds' ? `未在 ${ROUND_LIMITS[id]!.zh}内人工回复的轮次` : '评价明细'}
        </Typography.Title>
        {evidenceLoading ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : evidence.error ? (
          <Alert
            type="error"
            showIcon
            title="读取事件明细失败"
            description={evidence.error}
            style={{ marginBottom: 20 }}
          />
        ) : evidenceKind === 'rounds' ? (
          <RoundsEvidence metric={id} rounds={ev?.rounds ?? []} unit={ev?.unit} />
        ) : (
          <RatingsEvidence key={key} metric={id} ratings={ev?.ratings ?? []} />
        )}
      </div>
    ) : null;

  const rowColumns: TableColumnsType<SourceRow> = [
    // whole names, wrapped: …_2026-10-01.xlsx and …_2026-10-02.xlsx differ at the end
    wholeTextColumn('文件', 'file_name', 200),
    wholeTextColumn('工作表', 'sheet', 100),
    {
      title: '行号',
      dataIndex: 'row',
      width: 64,
      align: 'right',
      render: (n: number) => <span className="sd-num">{n}</span>,
    },
    {
      title: '期间',
      width: 190,
      render: (_: unknown, r) => <span className="sd-num">{formatPeriod(r.from, r.to)}</span>,
    },
    {
      title: '内容',
      render: (_: unknown, r) => {
        const entries = Object.entries(r.values);
        return (
          <span className="sd-cells">
            {entries
              .slice(0, 3)
              .map(([k, v]) => `${k}: ${v}`)
              .join('；')}
            {entries.length > 3 ? ' …' : ''}
          </span>
        );
      },
    },
  ];

  const v = target?.value;
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={880}
      title={def ? `${def.zh} · 明细` : '明细'}
      destroyOnHidden
      data-testid="drill-drawer"
    >
      {target && def && (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 20 }}
            items={[
              { key: 'account', label: '账号', children: target.account },
              { key: 'agent', label: '客服', children: target.agent ?? <Tag>未绑定</Tag> },
              {
                key: 'platform',
                label: '平台',
                children: <PlatformTag platform={target.platform} />,
              },
              { key: 'shop', label: '店铺', children: target.shop },
              { key: 'month', label: '月份', children: target.month },
              {
                key: 'value',
                label: def.zh,
                children: (
                  <>
                    <span
                      className="sd-num"
                      style={{ fontWeight: 600, color: v?.pass === false ? '#d92d20' : undefined }}
                    >
                      {formatMetric(target.metric, v?.value)}
                    </span>
                    {v && v.numerator !== null && v.denominator !== null && (
                      <span className="sd-muted sd-num">
                        {'  '}
                        {formatFraction(v.numerator, v.denominator)}
                      </span>
                    )}
                    {v?.threshold && (
                      <span className="sd-muted">
                        （考核线 {formatThreshold(target.metric, v.threshold)}）
                      </span>
                    )}
                  </>
                ),
              },
            ]}
          />

          {loading && <Skeleton active />}
          {!loading && state.error && (
            <Alert type="error" showIcon title="读取明细失败" description={state.error} />
          )}
          {/* what part of the value the rows below explain, and where the rest comes from */}
          {!loading && <DrillCoverageNote data={state.data} />}
          {/* the events answer "why" best: they come first */}
          {evidenceBlock}
          {!loading && state.data && (
            <>
              <Typography.Title level={5}>按日明细</Typography.Title>
              <DrillDaysTable metric={target.metric} data={state.data} />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                来源数据行
              </Typography.Title>
              {state.data.rows.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无来源数据行" />
              ) : (
                <Table<SourceRow>
                  size="small"
                  rowKey={(r) => `${r.batch_id}|${r.sheet}|${r.row}`}
                  columns={rowColumns}
                  dataSource={state.data.rows}
                  pagination={state.data.rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
                  scroll={{ x: 760 }}
                  expandable={{
                    expandedRowRender: (r) => (
                      <Descriptions
                        size="small"
                        column={2}
                        bordered
                        items={Object.entries(r.values).map(([k, val]) => ({
                          key: k,
                          label: k,
                          children: val === '' ? <span className="sd-muted">（空）</span> : val,
                        }))}
                      />
                    ),
                  }}
                  data-testid="drill-rows"
                />
              )}
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
