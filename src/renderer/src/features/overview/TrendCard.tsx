/** A platform's daily trend on 总览 (3分钟人工回复率 and 好评率 against their lines). */
import { useMemo, type ReactNode } from 'react';
import { Card, Empty, Space } from 'antd';
import { CHART_COLORS, hasData, trendOption, type TrendSeries } from '../../../../shared/charts';
import { METRICS } from '../../../../shared/metrics';
import type { OverviewReport } from '../../../../shared/overview';
import { EChart } from '../../ui/EChart';
import { PlatformTag } from '../../ui/PlatformTag';

export function TrendCard({
  days,
  p,
}: {
  days: string[];
  p: OverviewReport['platforms'][number];
}): ReactNode {
  const option = useMemo(
    () =>
      trendOption({
        days,
        unit: 'percent',
        // a metric without daily values (Taobao's good rate comes monthly) gets no line, so no legend entry either;
        // the colours stay fixed per metric whichever lines are drawn
        series: (
          [
            {
              name: METRICS.reply_3min_rate.zh,
              values: p.daily.reply_3min_rate ?? [],
              threshold: p.metrics.reply_3min_rate?.threshold ?? null,
              color: CHART_COLORS[0],
            },
            {
              name: METRICS.good_rate.zh,
              values: p.daily.good_rate ?? [],
              threshold: p.metrics.good_rate?.threshold ?? null,
              color: CHART_COLORS[1],
            },
          ] satisfies TrendSeries[]
        ).filter((s) => hasData(s.values)),
      }),
    [days, p],
  );
  const any = hasData(p.daily.reply_3min_rate) || hasData(p.daily.good_rate);
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <PlatformTag platform={p.platform} tight />
          <span>每日 3分钟人工回复率 / 好评率</span>
        </Space>
      }
      data-testid={`trend-${p.platform}`}
    >
      {any ? (
        <EChart option={option} height={230} testId={`trend-chart-${p.platform}`} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ height: 198, margin: 0, paddingTop: 40 }}
          description="没有按日数据（只导入了月度汇总）"
        />
      )}
    </Card>
  );
}
