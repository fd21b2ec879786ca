import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { formatMetric, METRICS, SMALL_SAMPLE_MIN, type MetricId } from '../../../shared/metrics';
import type { MetricValue } from '../../../shared/report';
import { DASH, formatCount, formatThreshold } from '../format';

/** What the lead reads on a number's hover: the target and whether it was met. */
function targetText(id: MetricId, v: MetricValue): string | null {
  if (!v.threshold) return null;
  const t = `考核线 ${formatThreshold(id, v.threshold)}`;
  if (v.pass === false) return `${t}，未达标`;
  if (v.pass === true) return `${t}，已达标`;
  return t;
}

/**
 * One metric value in a table: the formatted value (red with 未达标 when it fails), its flags (样本少 / 约 / 暂定),
 * and the numerator/denominator it was computed from. `onOpen` makes the value a button that opens the drill-down.
 */
export function MetricCell({
  id,
  value,
  onOpen,
}: {
  id: MetricId;
  value: MetricValue | undefined;
  onOpen?: () => void;
}): ReactNode {
  if (!value || value.value === null) {
    return (
      <div className="sd-metric" data-testid="metric-value" data-metric={id}>
        <span className="sd-muted">{DASH}</span>
      </div>
    );
  }
  const fail = value.pass === false;
  const text = formatMetric(id, value.value);
  const target = targetText(id, value);
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
        {target ? (
          <Tooltip title={`${target}${onOpen ? '（点击查看明细）' : ''}`}>{valueEl}</Tooltip>
        ) : onOpen ? (
          <Tooltip title="点击查看明细">{valueEl}</Tooltip>
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
      {showFrac && (
        <div className="sd-metric-frac">
          {formatCount(value.numerator)}/{formatCount(value.denominator)}
        </div>
      )}
    </div>
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
