/** The 客服 screen's table: one component for its three tabs (客服, 账号, 店铺), metric columns with data, KPI columns on 客服. */
import { memo, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Empty,
  Table,
  Tag,
  Tooltip,
  type TableColumnType,
  type TablePaginationConfig,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Month, Platform } from '../../../../shared/domain';
import { PLATFORM_ZH } from '../../../../shared/domain';
import { METRICS, type MetricId } from '../../../../shared/metrics';
import type { AgentKpi } from '../../../../shared/report';
import type { AgentSortKey, SortOrder } from '../../../../shared/report-pages';
import { saveBytes } from '../../ui/save-bytes';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { scorecardsTable } from './scorecards-export';
import { MetricCell } from '../../ui/MetricCell';
import { LazyTooltip } from '../../ui/LazyTooltip';
import { SourceTag } from '../../ui/SourceTag';
import { Sparkline } from '../../ui/Sparkline';
import { DASH as DASH_TEXT, formatScore } from '../../ui/format';
import { AgentLink } from '../agent/AgentLink';
import { hrefOf } from '../../app/router';
import { BonusCell, DeductionCell, GradeTag, KciCell, KpiBreakdown, RankCell } from './KpiCells';
import { agentGroups } from './scorecards-view';

import {
  type Extras,
  type Options,
  type Row,
  type Sort,
  type TabKey,
  type Filters,
  type KpiMode,
} from './scorecard-rows';
import { PlatformTag } from '../../ui/PlatformTag';

/** a metric cell's value and its source tag on one line (one object for every cell) */
const VALUE_LINE: React.CSSProperties = { display: 'inline-flex', alignItems: 'baseline' };

const COLUMN_WIDTH: Partial<Record<MetricId, number>> = {
  reply_3min_rate: 168,
  first_reply_30s_rate: 144,
  bad_attitude_ratio: 172,
  sales_amount: 150,
  fcr_3d_rate: 128,
  exam_warnings: 132,
  exam_overdue: 132,
};

/**
 * A column whose cells redraw their content only when their row is a new object or the columns were rebuilt. antd
 * otherwise redraws the content of every cell on screen whenever the table renders (its render counter is a
 * dependency of each cell): twice more after mounting (the measured widths), again when the scheme loads.
 */
function drawnOnce(column: TableColumnType<Row>): TableColumnType<Row> {
  const render = column.render;
  if (!render) return column;
  // the rows this column's content was drawn for (the columns are new whenever what a cell shows changes)
  const drawn = new WeakSet<Row>();
  return {
    ...column,
    render: (value, r, i) => {
      drawn.add(r);
      return render(value, r, i);
    },
    shouldCellUpdate: (r, prev) => r !== prev || !drawn.has(r),
  };
}

/** The table itself; memoised: a re-render of the page (a loaded scheme, a switch) does not redraw it. */
export const MetricTable = memo(function MetricTable({
  tab,
  rows,
  onOpen,
  extras,
  kpi,
  hidden,
  month,
  grouped,
  sort,
  filters,
  options,
  onQuery,
  pagination,
  virtualHeight,
  loading,
  exportRows,
}: {
  /** for the export's file name */
  month: Month | null;
  tab: TabKey;
  /** the rows on screen, searched, filtered, sorted and paged */
  rows: Row[];
  /** metric columns the lead switched off (列设置) */
  hidden: readonly string[];
  onOpen: (row: Row, id: MetricId) => void;
  extras: Extras;
  /** the agents tab's scheme (KPI columns and a breakdown per agent) */
  kpi?: KpiMode | null;
  /** an agent's platform rows are adjacent: their KPI cells merge */
  grouped: boolean;
  sort: Sort | null;
  filters: Filters;
  options: Options;
  onQuery: (sort: Sort | null, filters: Filters) => void;
  pagination: TablePaginationConfig | false;
  /** a virtual table's body height (the 客服 tab); absent: a plain table */
  virtualHeight?: number;
  loading?: boolean;
  /** every row matching the search and filters in the table's order (the export), null when reading failed */
  exportRows: () => Promise<Row[] | null>;
}): ReactNode {
  // columns that are empty for every row are hidden: a Douyin-only month shows no JD-only metric
  const groups = useMemo(() => agentGroups(rows, grouped), [rows, grouped]);
  const kpiOf = (r: Row): AgentKpi | undefined => (kpi ? (r.kpi ?? undefined) : undefined);
  const kpiName = kpi?.name ?? null;
  const kpiBonus = kpi?.bonus ?? false;
  // opened breakdowns by the group's first row; antd opens them below the group's last row
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (first: string): void =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(first)) next.add(first);
      return next;
    });
  const expandedKeys = [...open].flatMap((first) => {
    const g = groups.get(first);
    return g && g.first === first ? [g.last] : [];
  });
  // the columns are rebuilt only when what they show changes: a new array makes antd redraw every cell (the
  // loading spinner while the next page is read, an opened breakdown)
  const { columns, width, shown } = useMemo(() => {
    const shown = options.metrics.filter((id) => !hidden.includes(id));
    const { platforms, shops } = options;
    const nameTitle = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
    const kpiOf = (r: Row): AgentKpi | undefined => (kpiName !== null ? (r.kpi ?? undefined) : undefined);

    // The KPI cells of an agent's platform rows are one cell. In the virtual table (the 客服 tab) a cell's rowSpan is
    // drawn as an overlay as tall as the spanned lines, and a line there includes its expanded row — the merged cells
    // would cover the breakdown opened under the group's last row. So there the first row carries the cells and the
    // group's other rows have empty continuation cells without the border between them: the same look,
    // every line its own height. The plain table (accounts, shops) never groups.
    const merged = (r: Row): React.HTMLAttributes<HTMLElement> & { rowSpan?: number } => {
      if (!grouped) return {};
      const g = groups.get(r.key);
      if (!g || g.size === 1) return {};
      if (virtualHeight === undefined) return { rowSpan: g.first === r.key ? g.size : 0 };
      // no line under the group's cells but the last one's (its breakdown, when open, follows it)
      return g.last === r.key ? {} : { style: { borderBottomColor: 'transparent' } };
    };
    const isCont = (r: Row): boolean => {
      if (!grouped || virtualHeight === undefined) return false;
      const g = groups.get(r.key);
      return !!g && g.first !== r.key;
    };
    const sortState = (key: string): { sorter: true; sortOrder: SortOrder | null } => ({
      sorter: true,
      sortOrder: sort?.key === key ? sort.order : null,
    });

    const columns: TableColumnType<Row>[] = [];
    if (kpiName !== null) {
      columns.push({
        title: '排名',
        key: 'kpi-rank',
        fixed: 'left',
        width: 104,
        align: 'center',
        ...sortState('kpi-rank'),
        sortDirections: ['ascend', 'descend'],
        onCell: merged,
        render: (_: unknown, r) => {
          if (isCont(r)) return null;
          const k = kpiOf(r);
          return k ? (
            <RankCell kpi={k} />
          ) : (
            <LazyTooltip title={`不在方案“${kpiName}”的店铺范围内`}>
              <span className="sd-muted">{DASH_TEXT}</span>
            </LazyTooltip>
          );
        },
      });
    }
    columns.push({
      title: nameTitle,
      key: 'name',
      fixed: 'left',
      width: tab === 'accounts' ? 220 : 170,
      ...sortState('name'),
      onCell: kpiName !== null ? merged : undefined,
      render: (_: unknown, r) => {
        if (isCont(r)) return null;
        const noPrev = extras.compare && r.prev === null && (
          <LazyTooltip title="上月没有这一行的数据，无法对比">
            <Tag className="sd-no-prev" data-testid="no-prev">
              上月无数据
            </Tag>
          </LazyTooltip>
        );
        return (
          <div style={{ minWidth: 0 }}>
            <div className="sd-file-name" data-testid="row-name">
              {tab === 'agents' && r.agentId !== null ? (
                <AgentLink id={r.agentId} name={r.name} month={extras.month ?? undefined} />
              ) : (
                r.name
              )}
            </div>
            {tab === 'accounts' && (
              <div style={{ marginTop: 2, display: 'flex', gap: 4, alignItems: 'center', flexWrap: 'wrap' }}>
                {r.agent ? (
                  <span className="sd-file-sub">客服：{r.agent}</span>
                ) : (
                  <LazyTooltip title="这个账号还没有绑定到花名册中的客服，可在“设置 → 账号归属”中绑定">
                    <a href={`${hrefOf('settings')}?tab=accounts`}>
                      <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
                    </a>
                  </LazyTooltip>
                )}
                {r.team && <span className="sd-file-sub">{r.team}</span>}
                {noPrev}
              </div>
            )}
            {tab !== 'accounts' && noPrev}
            {tab === 'agents' && (r.team || r.accountCount > 1) && (
              <div className="sd-file-sub">
                {[r.team, r.accountCount > 1 ? `${r.accountCount} 个账号` : null].filter(Boolean).join(' · ')}
              </div>
            )}
            {tab === 'shops' && <div className="sd-file-sub">{r.accountCount} 个账号</div>}
          </div>
        );
      },
    });
    if (kpiName !== null) {
      const kpiCell = (render: (k: AgentKpi, r: Row) => ReactNode) => (_: unknown, r: Row) => {
        if (isCont(r)) return null;
        const k = kpiOf(r);
        return k ? render(k, r) : <span className="sd-muted">{DASH_TEXT}</span>;
      };
      // the sortable numbers: right-aligned, highest first on the first click, one cell per agent when grouped
      const scoreColumn = (
        key: string,
        title: string,
        width: number,
        render: (k: AgentKpi, r: Row) => ReactNode,
      ): TableColumnType<Row> => ({
        title,
        key,
        width,
        align: 'right',
        ...sortState(key),
        sortDirections: ['descend', 'ascend'],
        onCell: merged,
        render: kpiCell(render),
      });
      columns.push(
        scoreColumn('kpi-final', '最终得分', 96, (k, r) => (
          <>
            <span className="sd-num sd-final" data-testid="kpi-final">
              {formatScore(k.final)}
            </span>
            {extras.compare && r.prevFinal != null && (
              <div className="sd-file-sub" data-testid="kpi-final-prev">
                上月 {formatScore(r.prevFinal)}
              </div>
            )}
          </>
        )),
        {
          title: '等级',
          key: 'kpi-grade',
          width: 64,
          align: 'center',
          onCell: merged,
          render: kpiCell((k) => <GradeTag grade={k.grade} />),
        },
        scoreColumn('kpi-kpi', 'KPI得分', 96, (k) => (
          <span className="sd-num" data-testid="kpi-kpi">
            {formatScore(k.kpi_total)}
          </span>
        )),
        scoreColumn('kpi-kci', 'KCI得分', 132, (k) => <KciCell kpi={k} />),
        scoreColumn('kpi-ded', '扣分', 72, (k) => <DeductionCell kpi={k} />),
      );
      if (kpiBonus) columns.push(scoreColumn('kpi-bonus', '奖金', 108, (k) => <BonusCell kpi={k} />));
    }
    columns.push({
      title: '平台',
      key: 'platform',
      width: 76,
      filters: platforms.map((p) => ({ text: PLATFORM_ZH[p], value: p })),
      filteredValue: filters.platform ?? null,
      render: (_: unknown, r) => <PlatformTag platform={r.platform} />,
    });
    if (tab !== 'shops') {
      columns.push({
        title: '店铺',
        key: 'shop',
        width: 150,
        ellipsis: { showTitle: true },
        filters: shops.map((s) => ({ text: s, value: s })),
        filterSearch: shops.length > 8,
        filteredValue: filters.shop ?? null,
        render: (_: unknown, r) => r.shop,
      });
    }
    const withSpark = tab !== 'agents' && rows.some((r) => r.daily?.reply_3min_rate);
    for (const id of shown) {
      const def = METRICS[id];
      const spark = id === 'reply_3min_rate' && withSpark;
      columns.push({
        title: (
          <Tooltip title={def.better === 'down' ? '越低越好' : def.better === 'up' ? '越高越好' : undefined}>
            <span>{def.zh}</span>
          </Tooltip>
        ),
        key: id,
        width: (COLUMN_WIDTH[id] ?? 128) + (spark ? 92 : 0) + (extras.compare ? 8 : 0),
        align: 'right',
        ...sortState(id),
        sortDirections: ['descend', 'ascend'],
        onCell: () => ({ 'data-col': id }) as React.HTMLAttributes<HTMLElement>,
        render: (_: unknown, r) => {
          const cell = (
            <span style={VALUE_LINE}>
              <MetricCell
                id={id}
                value={r.metrics[id]}
                onOpen={r.account !== null && tab !== 'shops' ? () => onOpen(r, id) : undefined}
                compare={extras.compare}
                prev={r.prev?.[id]}
              />
              <SourceTag value={r.metrics[id]} />
            </span>
          );
          if (!spark) return cell;
          return (
            <div className="sd-spark-cell">
              <Sparkline
                days={extras.days}
                values={r.daily?.reply_3min_rate}
                unit="percent"
                threshold={r.metrics.reply_3min_rate?.threshold}
                label={def.zh}
              />
              {cell}
            </div>
          );
        },
      });
    }
    const width =
      columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 120), 0) +
      (kpiName !== null ? 48 : 0);

    return { columns: columns.map(drawnOnce), width, shown };
  }, [
    options,
    hidden,
    tab,
    kpiName,
    kpiBonus,
    rows,
    grouped,
    groups,
    virtualHeight,
    extras,
    sort,
    filters,
    onOpen,
  ]);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async (): Promise<void> => {
    setExporting(true);
    try {
      const all = await exportRows();
      if (!all) return;
      const t = scorecardsTable(tab, all, shown, kpi ? kpiOf : null);
      const title = tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺';
      saveBytes(
        exportFileName(`${title}指标`, month),
        tableXlsx(`${title} ${month ?? ''}`.trim(), t.columns, t.rows),
      );
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="sd-table-export">
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportXlsx()}
          data-testid={`export-${tab}`}
        >
          导出 Excel
        </Button>
      </div>
      {shown.length === 0 && rows.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="这个月还没有可计算的指标数据" />
      )}
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={loading}
        {...(virtualHeight !== undefined
          ? { virtual: true, scroll: { x: width, y: virtualHeight } }
          : { scroll: { x: width }, sticky: true })}
        onChange={(_p, f, s, extra) => {
          if (extra.action === 'paginate') return;
          const one = Array.isArray(s) ? s[0] : s;
          const key = one?.order ? (String(one.columnKey ?? '') as AgentSortKey) : null;
          onQuery(key ? { key, order: one!.order! } : null, {
            platform: (f.platform as Platform[] | null | undefined) ?? null,
            shop: (f.shop as string[] | null | undefined) ?? null,
          });
        }}
        expandable={
          kpi
            ? {
                rowExpandable: (r) => !!kpiOf(r) && groups.get(r.key)?.last === r.key,
                expandedRowKeys: expandedKeys,
                // the button sits on the agent's first row, next to the name, whatever row the breakdown opens under
                expandIcon: ({ record }) => {
                  const g = groups.get(record.key);
                  if (!g || g.first !== record.key || !kpiOf(record)) return null;
                  const isOpen = open.has(g.first);
                  return (
                    <button
                      type="button"
                      className={`ant-table-row-expand-icon ant-table-row-expand-icon-${isOpen ? 'expanded' : 'collapsed'}`}
                      aria-label={isOpen ? '收起得分明细' : '展开得分明细'}
                      aria-expanded={isOpen}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(g.first);
                      }}
                    />
                  );
                },
                expandedRowRender: (r) => {
                  const k = kpiOf(r);
                  return k ? <KpiBreakdown kpi={k} /> : null;
                },
                columnWidth: 40,
              }
            : undefined
        }
        pagination={pagination}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有数据" /> }}
        data-testid={`table-${tab}`}
      />
    </>
  );
});
