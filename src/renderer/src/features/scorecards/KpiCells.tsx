/**
 * The KPI pieces of the 客服 scorecards (kpi.md §3): grade tag, rank (or 不参与排名 and why), KCI with 未录入,
 * deductions with their detail, and the per-agent breakdown of every scheme item.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { LazyTooltip } from '../../ui/LazyTooltip';
import { formatMetric, METRICS } from '../../../../shared/metrics';
import type { AgentKpi } from '../../../../shared/report';
import type { Scheme } from '../../../../shared/kpi/scheme';
import { DASH, formatMoney, formatPoints, formatScore, gradeColor } from '../../ui/format';
import { PlatformTag } from '../../ui/PlatformTag';

export type KpiItem = AgentKpi['items'][number];

/**
 * The shown scheme's definition (scheme:get), read where it is drawn: the tooltips of 不参与排名 and 未录入 and the
 * opened breakdowns. It loads after the rows; as a context the table's cells need not redraw when it arrives.
 */
export const SchemeContext = createContext<Scheme | null>(null);

export function GradeTag({ grade }: { grade: string | null }): ReactNode {
  if (!grade) return <span className="sd-muted">{DASH}</span>;
  return (
    <Tag color={gradeColor(grade)} className="sd-grade" data-testid="kpi-grade">
      {grade}
    </Tag>
  );
}

/** Why an agent has no rank: nothing scored, or fewer worked days than the scheme's minimum. */
export function unrankedReason(k: AgentKpi, scheme: Scheme | null): string {
  if (k.final === null) return '没有可计分的考核项：方案中的指标本月都没有数据或样本太少';
  const min = scheme?.min_working_days;
  if (min !== undefined && k.worked_days < min) {
    return `本月出勤 ${k.worked_days} 天，少于方案要求的 ${min} 天：照常计分，但不参与排名`;
  }
  return `本月出勤 ${k.worked_days} 天，少于方案要求的最少出勤天数：照常计分，但不参与排名`;
}

function UnrankedReason({ kpi }: { kpi: AgentKpi }): ReactNode {
  return unrankedReason(kpi, useContext(SchemeContext));
}

export function RankCell({ kpi }: { kpi: AgentKpi }): ReactNode {
  if (kpi.ranked && kpi.rank !== null) {
    return (
      <span
        className={`sd-rank${kpi.rank <= 3 ? ` sd-rank-top sd-rank-${kpi.rank}` : ''}`}
        data-testid="kpi-rank"
      >
        {kpi.rank}
      </span>
    );
  }
  return (
    <LazyTooltip title={<UnrankedReason kpi={kpi} />}>
      <Tag className="sd-unranked" data-testid="kpi-rank">
        不参与排名
      </Tag>
    </LazyTooltip>
  );
}

function KciMissingTip({ kpi }: { kpi: AgentKpi }): ReactNode {
  const share = useContext(SchemeContext)?.kci_share ?? null;
  return (
    <div>
      <div>未录入：{kpi.kci_missing.join('、')}</div>
      <div style={{ opacity: 0.8 }}>
        未录入的 KCI 项按 0 分计算{share !== null ? `（KCI 占 ${share}%）` : ''}
      </div>
    </div>
  );
}

export function KciCell({ kpi }: { kpi: AgentKpi }): ReactNode {
  return (
    <div className="sd-kpi-cell">
      <span className="sd-num" data-testid="kpi-kci">
        {formatScore(kpi.kci_total)}
      </span>
      {kpi.kci_missing.length > 0 && (
        <LazyTooltip title={<KciMissingTip kpi={kpi} />}>
          <Tag color="warning" className="sd-mini-tag sd-kci-missing" data-testid="kci-missing">
            未录入：{kpi.kci_missing.join('、')}
          </Tag>
        </LazyTooltip>
      )}
    </div>
  );
}

const DEDUCTION_ZH: { key: keyof AgentKpi['deduction_detail']; zh: string }[] = [
  { key: 'exam_warning', zh: '考试预警' },
  { key: 'exam_overdue', zh: '逾期考试' },
  { key: 'platform_breach', zh: '平台违规' },
];

export function DeductionCell({ kpi }: { kpi: AgentKpi }): ReactNode {
  if (kpi.deductions <= 0) {
    return (
      <span className="sd-muted sd-num" data-testid="kpi-deductions">
        0
      </span>
    );
  }
  return (
    <LazyTooltip
      title={
        <div className="sd-deduct-tip">
          {DEDUCTION_ZH.map((d) => (
            <div key={d.key} className="sd-deduct-line">
              <span>{d.zh}</span>
              <span className="sd-num">{formatPoints(kpi.deduction_detail[d.key])} 分</span>
            </div>
          ))}
          {kpi.deduction_detail.platform_breach > 0 && (
            <div className="sd-deduct-note">平台违规：本月有指标未达到平台考核线</div>
          )}
        </div>
      }
    >
      <span className="sd-num sd-deduct" data-testid="kpi-deductions">
        −{formatPoints(kpi.deductions)}
      </span>
    </LazyTooltip>
  );
}

export function BonusCell({ kpi }: { kpi: AgentKpi }): ReactNode {
  return (
    <span className={`sd-num${kpi.bonus === null ? ' sd-muted' : ''}`} data-testid="kpi-bonus">
      {formatMoney(kpi.bonus)}
    </span>
  );
}

function ReasonTag({ item }: { item: KpiItem }): ReactNode {
  switch (item.reason) {
    case 'small_sample':
      return (
        <Tooltip title="本月样本量低于最小样本要求：这一项不计分，它的权重按比例分给其他项">
          <Tag color="warning" className="sd-mini-tag">
            样本少，不计分
          </Tag>
        </Tooltip>
      );
    case 'no_data':
      return (
        <Tooltip title="本月没有这个指标的数据：这一项不计分，它的权重按比例分给其他项">
          <Tag className="sd-mini-tag">无数据，不计分</Tag>
        </Tooltip>
      );
    case 'veto':
      return (
        <Tooltip title="本月值未达到平台考核线，按方案一票否决：这一项计 0 分">
          <Tag color="error" className="sd-mini-tag">
            一票否决
          </Tag>
        </Tooltip>
      );
    default:
      return null;
  }
}

function weightText(item: KpiItem): ReactNode {
  const same = Math.abs(item.weight - item.effective_weight) < 0.005;
  if (same) return <span className="sd-num">{formatPoints(item.weight)}</span>;
  return (
    <span className="sd-num">
      <span className="sd-muted">{formatPoints(item.weight)} → </span>
      <span style={{ fontWeight: 500, color: item.counted ? undefined : '#98a2b3' }}>
        {formatPoints(item.effective_weight)}
      </span>
    </span>
  );
}

/** The expanded row: every scheme item with value, score and weight → effective weight, and the total's arithmetic. */
export function KpiBreakdown({ kpi }: { kpi: AgentKpi }): ReactNode {
  const scheme = useContext(SchemeContext);
  const columns: TableColumnsType<KpiItem> = [
    {
      title: '指标',
      key: 'metric',
      width: 190,
      render: (_: unknown, i) => <span className="sd-file-name">{METRICS[i.metric]?.zh ?? i.metric}</span>,
    },
    {
      title: '平台',
      key: 'platform',
      width: 80,
      render: (_: unknown, i) =>
        i.platform === 'all' ? (
          <span className="sd-muted">{i.value === null ? DASH : '合计'}</span>
        ) : (
          <PlatformTag platform={i.platform} tight />
        ),
    },
    {
      title: '本月值',
      key: 'value',
      width: 120,
      align: 'right',
      render: (_: unknown, i) => (
        <span className={`sd-num${i.value === null ? ' sd-muted' : ''}`}>
          {formatMetric(i.metric, i.value)}
        </span>
      ),
    },
    {
      title: '得分',
      key: 'score',
      width: 90,
      align: 'right',
      render: (_: unknown, i) => (
        <span
          className="sd-num"
          style={{
            fontWeight: 500,
            color: i.score === 0 ? '#d92d20' : i.score === null ? '#98a2b3' : undefined,
          }}
          data-testid="item-score"
        >
          {formatScore(i.score)}
        </span>
      ),
    },
    {
      title: (
        <Tooltip title="方案中配置的权重 → 去掉不计分的项后按比例重新分配的有效权重">
          <span>权重 → 有效权重</span>
        </Tooltip>
      ),
      key: 'weight',
      width: 140,
      align: 'right',
      render: (_: unknown, i) => <span data-testid="item-weight">{weightText(i)}</span>,
    },
    {
      title: '说明',
      key: 'reason',
      render: (_: unknown, i) => <ReasonTag item={i} />,
    },
  ];

  const kpiShare = scheme?.kpi_share ?? null;
  const kciShare = scheme?.kci_share ?? null;
  return (
    <div className="sd-kpi-breakdown" data-testid="kpi-breakdown">
      <div className="sd-kpi-formula sd-num">
        {kpi.kpi_total === null ? (
          <span>没有可计分的考核项，本月不计算最终得分。</span>
        ) : (
          <>
            <span>
              KPI <b>{formatScore(kpi.kpi_total)}</b>
              {kpiShare !== null && <span className="sd-muted"> × {kpiShare}%</span>}
            </span>
            <span className="sd-muted">+</span>
            <span>
              KCI <b>{formatScore(kpi.kci_total)}</b>
              {kciShare !== null && <span className="sd-muted"> × {kciShare}%</span>}
            </span>
            {kpi.deductions > 0 && (
              <>
                <span className="sd-muted">−</span>
                <span>
                  扣分 <b>{formatPoints(kpi.deductions)}</b>
                </span>
              </>
            )}
            <span className="sd-muted">=</span>
            <span>
              最终得分 <b>{formatScore(kpi.final)}</b>
            </span>
            <GradeTag grade={kpi.grade} />
          </>
        )}
        <span className="sd-muted sd-kpi-days">本月出勤 {kpi.worked_days} 天</span>
      </div>
      <Table<KpiItem>
        size="small"
        rowKey={(i) => `${i.metric}|${i.platform}`}
        columns={columns}
        dataSource={kpi.items}
        pagination={false}
        rowClassName={(i) => (i.counted ? '' : 'sd-row-muted')}
        data-testid="kpi-items"
      />
      {kpi.kci_missing.length > 0 && (
        <div className="sd-kpi-note">
          <Tag color="warning" className="sd-mini-tag">
            未录入
          </Tag>
          KCI {kpi.kci_missing.join('、')} 还没有录入，按 0 分计算。可在
          <a href="#/schemes?tab=kci">考核方案 → KCI 录入</a>中填写。
        </div>
      )}
    </div>
  );
}
