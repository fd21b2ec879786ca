import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { LazyTooltip as Tooltip } from './LazyTooltip';
import { formatMetric, METRICS, SMALL_SAMPLE_MIN, type MetricId } from '../../../shared/metrics';
import type { MetricValue } from '../../../shared/report';
import { recoveryForRate } from '../../../shared/recovery';
import { DASH, formatFraction, formatThreshold, metricDelta, shortPercent } from './format';

/** What the lead reads on a number's hover: the target and whether it was met. */
function targetText(id: MetricId, v: MetricValue): string | null {
  if (!v.threshold) return null;
  const t = `考核线 ${formatThreshold(id, v.threshold)}`;
  if (v.pass === false) return `${t}，未达标`;
  if (v.pass === true) return `${t}，已达标`;
  return t;
}

/**
 * "再获得 N 个满意评价可回到 80%" (metrics.md §4) for a good rate under its line, only from exact counts: an
 * approximate value (rebuilt from rates) has no integer numerator to count from.
 */
export function recovery(id: MetricId, v: MetricValue | undefined): { n: number; text: string } | null {
  if (id !== 'good_rate' || !v || v.pass !== false || v.approximate) return null;
  if (!v.threshold || v.threshold.op !== '>=' || v.numerator === null || v.denominator === null) return null;
  const n = recoveryForRate(v.numerator, v.denominator, v.threshold.value);
  if (n === null || n <= 0) return null;
  return { n, text: `再获得 ${n} 个满意评价可回到 ${shortPercent(v.threshold.value)}` };
}

/**
 * One metric value in a table: the formatted value (red with 未达标 when it fails), its flags (样本少 / 约 / 暂定),
 * and the numerator/denominator it was computed from. `onOpen` makes the value a button that opens the drill-down.
 */
export function MetricCell({
  id,
  value,
  onOpen,
  compare,
  prev,
}: {
  id: MetricId;
  value: MetricValue | undefined;
  onOpen?: () => void;
  /** show the change from last month (`prev`, undefined when the row did not exist last month) */
  compare?: boolean;
  prev?: MetricValue;
}): ReactNode {
  const deltaEl = compare ? <DeltaLine id={id} value={value} prev={prev} /> : null;
  if (!value || value.value === null) {
    return (
      <div className="sd-metric">
        <span className="sd-muted" data-testid="metric-value" data-metric={id}>
          {DASH}
        </span>
        {deltaEl}
      </div>
    );
  }
  const fail = value.pass === false;
  const text = formatMetric(id, value.value);
  const rec = recovery(id, value);
  const lines = [targetText(id, value), rec?.text, onOpen ? '点击查看明细' : null].filter(
    (t): t is string => !!t,
  );
  const cls = `sd-metric-value${fail ? ' sd-fail' : ''}`;
  const showFrac = value.numerator !== null && value.denominator !== null && METRICS[id].kind !== 'count';
  const valueEl = onOpen ? (
    <button type="button" className={cls} onClick={onOpen} data-testid="metric-value" data-metric={id}>
      {text}
    </button>
  ) : (
    <span className={cls} data-testid="metric-value" data-metric={id}>
      {text}
    </span>
  );
  return (
    <div className="sd-metric">
      <div className="sd-metric-line">
        {lines.length > 0 ? (
          <Tooltip
            title={
              <div data-testid="metric-tooltip">
                {lines.map((t) => (
                  <div key={t}>{t}</div>
                ))}
              </div>
            }
          >
            {valueEl}
          </Tooltip>
        ) : (
          valueEl
        )}
      </div>
      {(fail || value.small_sample || value.approximate || (value.status && value.status !== 'final')) && (
        <div className="sd-tags">
          {fail && value.threshold && (
            <Tooltip title={`考核线 ${formatThreshold(id, value.threshold)}`}>
              <Tag color="error">未达标</Tag>
            </Tooltip>
          )}
          {value.small_sample && (
            <Tooltip title={`样本量少（不足 ${sampleHint(id)}），数值波动大，仅供参考`}>
              <Tag color="gold">样本少</Tag>
            </Tooltip>
          )}
          {value.approximate && (
            <Tooltip title="部分数据是按比例推算的近似值">
              <Tag color="blue">约</Tag>
            </Tooltip>
          )}
          {value.status === 'provisional' && (
            <Tooltip title="平台数据还可能修订（例如评价 T+2 才完整），稍后重新导入会更新">
              <Tag color="purple">暂定</Tag>
            </Tooltip>
          )}
          {value.status === 'reimport_needed' && (
            <Tooltip title="这几天的数据导入得太早，平台已更新，请重新下载并导入">
              <Tag color="volcano">需重新导入</Tag>
            </Tooltip>
          )}
        </div>
      )}
      {showFrac && <div className="sd-metric-frac">{formatFraction(value.numerator, value.denominator)}</div>}
      {rec && (
        <Tooltip title={rec.text}>
          <div className="sd-metric-recovery" data-testid="recovery">
            还差 {rec.n} 个好评
          </div>
        </Tooltip>
      )}
      {deltaEl}
    </div>
  );
}

/** ▲/▼ against last month; green when better by the metric's direction, red when worse. */
function DeltaLine({
  id,
  value,
  prev,
}: {
  id: MetricId;
  value: MetricValue | undefined;
  prev: MetricValue | undefined;
}): ReactNode {
  // nothing to compare with: the row says so once (上月无数据), not every cell
  if (!prev || prev.value === null) return null;
  const d = metricDelta(id, value?.value, prev.value);
  if (!d) {
    return (
      <Tooltip title="本月没有这项数据，无法对比">
        <div className="sd-delta sd-delta-none" data-testid="delta" data-metric={id}>
          上月 {formatMetric(id, prev.value)}
        </div>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={d.title}>
      <div className={`sd-delta sd-delta-${d.tone}`} data-testid="delta" data-metric={id}>
        {d.text}
      </div>
    </Tooltip>
  );
}

function sampleHint(id: MetricId): string {
  switch (id) {
    case 'good_rate':
    case 'bad_attitude_ratio':
      return `${SMALL_SAMPLE_MIN.ratings} 条评价`;
    case 'conversion_rate':
      return `${SMALL_SAMPLE_MIN.inquirers} 个询单人`;
    case 'reply_30s_rate':
      return `${SMALL_SAMPLE_MIN.rounds} 轮`;
    default:
      return '最低样本量';
  }
}
