/**
 * What-if (kpi.md §4): the draft scored on a month beside the saved version, refreshed ~400 ms after the last edit.
 * Old → new final, grade and rank per agent, grade crossings highlighted, and the score distribution before/after.
 */
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, Card, Empty, Skeleton, Space, Spin, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { isEmptyDistribution, scoreDistributionOption } from '../../../../shared/charts-kpi';
import type { Output } from '../../../../shared/api';
import type { Month } from '../../../../shared/domain';
import type { WhatIfRow, WhatIfSide } from '../../../../shared/kpi/what-if';
import { useApiQuery } from '../../data/use-api-query';
import { useDebounced } from '../../data/use-debounced';
import { EChart } from '../../ui/EChart';
import { MonthPicker } from '../../ui/MonthPicker';

type WhatIfData = Output<'scheme:whatif'>;

const DEBOUNCE_MS = 400;

export const f2 = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : x.toFixed(2);

function signed(x: number): string {
  if (Math.abs(x) < 0.005) return '0.00';
  return `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;
}

function FinalCell({ row }: { row: WhatIfRow }): ReactNode {
  const o = row.old?.final ?? null;
  const n = row.new?.final ?? null;
  if (o === null && n === null && row.old && row.new) {
    return (
      <Tooltip title="没有可计分的考核项（无数据或样本少）">
        <span className="sd-muted">无得分</span>
      </Tooltip>
    );
  }
  return (
    <span className="sd-whatif-final">
      <span className={row.old ? 'sd-whatif-old' : 'sd-muted'}>{row.old ? f2(o) : '新增'}</span>
      <span className="sd-whatif-arrow">→</span>
      <b className={n === null ? 'sd-muted' : undefined}>{row.new ? f2(n) : '移出'}</b>
    </span>
  );
}

function DeltaCell({ row }: { row: WhatIfRow }): ReactNode {
  if (row.delta === null) return <span className="sd-muted">—</span>;
  const tone = Math.abs(row.delta) < 0.005 ? 'neutral' : row.delta > 0 ? 'good' : 'bad';
  return <span className={`sd-delta sd-delta-${tone}`}>{signed(row.delta)}</span>;
}

function GradeCell({ row }: { row: WhatIfRow }): ReactNode {
  const o = row.old?.grade ?? null;
  const n = row.new?.grade ?? null;
  if (row.crossed) {
    const up = row.crossed === 'up';
    return (
      <Tooltip title={up ? '等级上升' : '等级下降'}>
        <Tag
          color={up ? 'success' : 'error'}
          className="sd-cross-tag"
          data-testid="grade-crossed"
          data-dir={row.crossed}
        >
          {up ? '▲' : '▼'} {o} → {n}
        </Tag>
      </Tooltip>
    );
  }
  if (o !== n && row.old && row.new) {
    return (
      <span>
        {o ?? '—'} → {n ?? '—'}
      </span>
    );
  }
  return <span className={n === null ? 'sd-muted' : undefined}>{n ?? '—'}</span>;
}

const rankText = (s: WhatIfSide | null): string =>
  s === null ? '—' : s.rank === null ? '不排名' : String(s.rank);

function RankCell({ row }: { row: WhatIfRow }): ReactNode {
  const o = row.old ? rankText(row.old) : null;
  const n = rankText(row.new);
  if (o === null || o === n)
    return <span className={row.new?.rank == null ? 'sd-muted' : undefined}>{n}</span>;
  const better = row.old?.rank != null && row.new?.rank != null ? row.new.rank < row.old.rank : null;
  return (
    <span>
      <span className="sd-muted">{o}</span>
      <span className="sd-whatif-arrow">→</span>
      <span className={better === null ? undefined : better ? 'sd-delta-good' : 'sd-delta-bad'}>{n}</span>
    </span>
  );
}

const byNewFinal = (a: WhatIfRow, b: WhatIfRow): number => {
  const x = a.new?.final ?? null;
  const y = b.new?.final ?? null;
  if (x === null && y === null) return a.agent.localeCompare(b.agent, 'zh-CN');
  if (x === null) return 1;
  if (y === null) return -1;
  return y - x || a.agent.localeCompare(b.agent, 'zh-CN');
};

// 358 px with 6 px cell padding (kpi.css): with the scroll bar, inside the 400 px column
const COLUMNS: TableColumnsType<WhatIfRow> = [
  { title: '客服', dataIndex: 'agent', key: 'agent', width: 60, ellipsis: true },
  {
    title: '最终得分',
    key: 'final',
    align: 'right',
    width: 100,
    render: (_, r) => <FinalCell row={r} />,
  },
  { title: '变化', key: 'delta', align: 'right', width: 54, render: (_, r) => <DeltaCell row={r} /> },
  { title: '等级', key: 'grade', align: 'center', width: 68, render: (_, r) => <GradeCell row={r} /> },
  // wide enough for a two-digit move (12 → 3) on one line
  {
    title: '排名',
    key: 'rank',
    align: 'right',
    width: 76,
    className: 'sd-nowrap',
    render: (_, r) => <RankCell row={r} />,
  },
];

export function WhatIfPanel({
  scheme,
  valid,
  months,
  month,
  onMonth: setMonth,
  name,
}: {
  /** the draft as scheme JSON; only sent when `valid` */
  scheme: unknown;
  valid: boolean;
  /** null while loading */
  months: Month[] | null;
  /** the app's month (the URL's), shared with every screen */
  month: Month | null;
  onMonth: (month: Month) => void;
  name: string;
}): ReactNode {
  const monthList = months ?? [];
  const json = useMemo(() => JSON.stringify(scheme), [scheme]);
  const settled = useDebounced(json, DEBOUNCE_MS);
  // the last scores stay while the lead types: the panel greys them (stale) until the new ones arrive
  const query = useApiQuery(
    'scheme:whatif',
    valid && month ? { scheme: JSON.parse(settled) as unknown, month } : null,
    { keepPreviousData: true },
  );
  const data: WhatIfData | null = query.data;
  const stale = !valid || settled !== json || query.loading;
  const rows = useMemo(() => (data ? [...data.rows].sort(byNewFinal) : []), [data]);
  const option = useMemo(
    () =>
      data
        ? scoreDistributionOption({
            before: data.before,
            after: data.after,
            beforeName: '已保存版本',
            afterName: data.before ? '修改后' : '按此方案',
          })
        : null,
    [data],
  );
  const up = rows.filter((r) => r.crossed === 'up').length;
  const down = rows.filter((r) => r.crossed === 'down').length;

  return (
    <Card
      size="small"
      className="sd-kpi-card sd-whatif"
      data-testid="whatif-panel"
      title={
        <Space size={8}>
          <span>改动试算</span>
          {valid && stale && <Spin size="small" />}
        </Space>
      }
      extra={
        <MonthPicker
          value={month}
          months={monthList}
          onChange={setMonth}
          width={120}
          size="small"
          testId="whatif-month"
        />
      }
    >
      {months === null ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : months.length === 0 ? (
        <Empty description="还没有导入数据，导入后可预览修改对得分的影响" />
      ) : (
        <>
          <div className="sd-whatif-sub">
            {data && data.before === null
              ? `“${name}”还没有已保存的版本：只显示按此方案计算的得分`
              : `与已保存的“${name}”（${month ?? ''} 适用版本）对比，保存前不会改变任何数据`}
          </div>
          {!valid && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title="方案还有错误，修正后自动更新预览"
            />
          )}
          {query.error && !stale && (
            <Alert type="error" showIcon style={{ marginBottom: 8 }} title={query.error.message} />
          )}
          <div className={stale ? 'sd-stale' : undefined}>
            {data && (
              <div className="sd-whatif-summary" data-testid="whatif-summary">
                <Tag color={up ? 'success' : 'default'}>等级上升 {up} 人</Tag>
                <Tag color={down ? 'error' : 'default'}>等级下降 {down} 人</Tag>
                <span className="sd-muted">共 {rows.length} 人</span>
              </div>
            )}
            {data && option && !isEmptyDistribution(data.before, data.after) && (
              <>
                <div className="sd-whatif-chart-title">得分分布（每 10 分一档）</div>
                <EChart option={option} height={170} testId="whatif-chart" />
              </>
            )}
            <Table<WhatIfRow>
              size="small"
              rowKey="agent_id"
              className="sd-num sd-whatif-table"
              pagination={false}
              columns={COLUMNS}
              dataSource={rows}
              loading={!data && valid && !query.error}
              scroll={rows.length > 12 ? { y: 420 } : undefined}
              locale={{ emptyText: `${month ?? ''} 没有可计分的客服（方案适用的店铺没有数据）` }}
              rowClassName={(r) =>
                r.crossed === 'up' ? 'sd-row-up' : r.crossed === 'down' ? 'sd-row-down' : ''
              }
              onRow={(r) => ({ 'data-testid': `whatif-row-${r.agent}` }) as HTMLAttributes<HTMLElement>}
            />
          </div>
        </>
      )}
    </Card>
  );
}
