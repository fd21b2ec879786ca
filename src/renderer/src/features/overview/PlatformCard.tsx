/** One platform's card on 总览: its key metrics with a traffic light, value, line and source. */
import { SourceTag } from '../../ui/SourceTag';
import { type ReactNode } from 'react';
import { Card, Space, Tag, Tooltip } from 'antd';
import { PLATFORM_ZH } from '../../../../shared/domain';
import { METRICS, formatMetric, type MetricId } from '../../../../shared/metrics';
import type { OverviewReport } from '../../../../shared/overview';
import type { MetricValue } from '../../../../shared/report';
import { DASH, formatFraction, formatThreshold } from '../../ui/format';
import { KEY_METRICS, lightOf, type Light } from './overview-lights';
import { PlatformTag } from '../../ui/PlatformTag';

export function LightDot({ light }: { light: Light }): ReactNode {
  return <span className={`sd-light sd-light-${light}`} aria-label={light} />;
}

function KpiRow({ id, v }: { id: MetricId; v: MetricValue | undefined }): ReactNode {
  const { light, why } = lightOf(v);
  const def = METRICS[id];
  const frac =
    v && v.value !== null && v.numerator !== null && v.denominator !== null && def.kind !== 'count'
      ? formatFraction(v.numerator, v.denominator)
      : null;
  return (
    <Tooltip
      placement="left"
      title={
        <div>
          <div>
            {def.zh}：{formatMetric(id, v?.value)}
            {frac ? `（${frac}）` : ''}
          </div>
          {v?.threshold && <div>考核线 {formatThreshold(id, v.threshold)}</div>}
          <div>{why}</div>
          {v?.approximate && <div>部分数据按比例推算，为近似值</div>}
        </div>
      }
    >
      <div className="sd-kpi" data-testid={`kpi-${id}`} data-light={light}>
        <LightDot light={light} />
        <div className="sd-kpi-name">{def.zh}</div>
        <div className="sd-kpi-right">
          <div className={`sd-kpi-value${v?.pass === false ? ' sd-fail' : ''}`}>
            {v?.value === null || v === undefined ? (
              <span className="sd-muted" data-testid="kpi-value">
                {DASH}
              </span>
            ) : (
              <span data-testid="kpi-value">{formatMetric(id, v.value)}</span>
            )}
            {v?.approximate && v.value !== null && <span className="sd-kpi-approx">约</span>}
            <SourceTag value={v} />
          </div>
          <div className="sd-kpi-sub">
            {v?.threshold ? formatThreshold(id, v.threshold) : def.better === null ? '' : '无考核线'}
          </div>
        </div>
      </div>
    </Tooltip>
  );
}

export function PlatformCard({
  p,
  shops,
}: {
  p: OverviewReport['platforms'][number];
  shops: number;
}): ReactNode {
  const ids = KEY_METRICS.filter((id) => METRICS[id].platforms.includes(p.platform));
  const fails = ids.filter((id) => p.metrics[id]?.pass === false).length;
  return (
    <Card
      size="small"
      className="sd-platform-card"
      style={{ height: '100%' }}
      data-testid={`platform-card-${p.platform}`}
      title={
        <Space size={8}>
          <PlatformTag platform={p.platform} tight />
          {/* "团队合计" lives in the tooltip: four cards at 1280 leave no room for it beside the 未达标 tag */}
          <Tooltip title={`${PLATFORM_ZH[p.platform]}全部 ${shops} 个店铺的团队合计`}>
            <span className="sd-muted" style={{ fontWeight: 400, fontSize: 13 }}>
              {shops} 个店铺
            </span>
          </Tooltip>
        </Space>
      }
      extra={
        fails > 0 ? (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            {fails} 项未达标
          </Tag>
        ) : (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            无未达标
          </Tag>
        )
      }
    >
      {ids.map((id) => (
        <KpiRow key={id} id={id} v={p.metrics[id]} />
      ))}
    </Card>
  );
}
