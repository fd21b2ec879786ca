/**
 * 总览 (product.md screen 1): the month at a glance — each platform's team metrics against the platform's lines with
 * a traffic light, daily trends, the shops and agents at risk, and how fresh each shop's data is.
 */
import { useMemo, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { PLATFORMS, type Platform } from '../../../../shared/domain';
import type { ScheduleInfo } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';
import { MonthPicker } from '../../ui/MonthPicker';
import { PageHead } from '../../ui/PageHead';
import { useMonths } from '../../data/use-months';
import { hrefOf } from '../../app/router';
import { LightDot, PlatformCard } from './PlatformCard';
import { TrendCard } from './TrendCard';
import { AgentRisk, ShopRisk } from './RiskTables';
import { Freshness } from './Freshness';
import { ExamsCard } from './ExamsCard';
import { FreshnessExtra } from './FreshnessExtra';
import { EmptyState } from './EmptyState';

export function OverviewPage(): ReactNode {
  const { months, error: monthsError, month, setMonth } = useMonths();
  const scheduleQ = useApiQuery('schedule:info', {});
  const schedule: ScheduleInfo | null = scheduleQ.data;
  // the screen shows no per-account series: the answer without them is a few kB instead of MBs at 200 agents
  const reportQ = useApiQuery('report:overview', month ? { month, accounts: false } : null);
  const report = useMemo(
    () =>
      month && (reportQ.data || reportQ.error)
        ? { month, data: reportQ.data, error: reportQ.error?.message ?? null }
        : null,
    [month, reportQ.data, reportQ.error],
  );
  const reload = (): void => {
    scheduleQ.reload();
    reportQ.reload();
  };

  const head = (extra?: ReactNode): ReactNode => (
    <PageHead
      title="总览"
      description="本月各平台团队指标对照平台考核线，按日趋势，风险店铺与客服，以及每个店铺的数据是否齐全、是否已定稿。"
      extra={extra}
    />
  );

  if (months === null) {
    return (
      <div>
        {head()}
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (months.length === 0) {
    return (
      <div data-testid="overview-page">
        {head()}
        <EmptyState error={monthsError} onLoaded={() => reload()} />
      </div>
    );
  }

  const data = report && report.month === month ? report.data : null;
  const loading = !!month && (!report || report.month !== month);
  const platforms = data ? PLATFORMS.flatMap((p) => data.platforms.filter((x) => x.platform === p)) : [];
  const shopCount = (p: Platform): number => data?.shops.filter((s) => s.platform === p).length ?? 0;
  const span = platforms.length >= 4 ? 6 : platforms.length === 3 ? 8 : 12;
  const sc = data?.status_counts;

  return (
    <div data-testid="overview-page">
      {head(
        <>
          <MonthPicker
            value={month}
            months={months}
            onChange={setMonth}
            width={140}
            testId="overview-month"
          />
          <Tooltip title="重新读取">
            <Button icon={<ReloadOutlined />} onClick={() => reload()} />
          </Tooltip>
        </>,
      )}

      {report?.error && report.month === month && (
        <Alert
          type="error"
          showIcon
          title="读取本月数据失败"
          description={report.error}
          style={{ marginBottom: 16 }}
        />
      )}

      {loading && (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      )}

      {data && (
        <>
          {sc && sc.reimport_needed + sc.provisional > 0 && (
            <Alert
              type={sc.reimport_needed > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                sc.reimport_needed > 0
                  ? `有 ${sc.reimport_needed} 项数据需要重新导入，${sc.provisional} 项为暂定数据`
                  : `有 ${sc.provisional} 项为暂定数据，平台定稿后请重新导入`
              }
              description="见下方“数据新鲜度”：平台的评价等数据要过几天才完整，早导入的数据标为暂定（黄灯）。"
            />
          )}

          {platforms.length === 0 ? (
            <Card style={{ marginBottom: 16 }}>
              <Empty description="这个月没有平台数据" />
            </Card>
          ) : (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {platforms.map((p) => (
                <Col key={p.platform} span={span}>
                  <PlatformCard p={p} shops={shopCount(p.platform)} />
                </Col>
              ))}
            </Row>
          )}

          <div className="sd-legend">
            <span>
              <LightDot light="green" /> 达标
            </span>
            <span>
              <LightDot light="red" /> 未达标
            </span>
            <span>
              <LightDot light="amber" /> 样本少或暂定，仅供参考
            </span>
            <span>
              <LightDot light="grey" /> 无考核线或无数据
            </span>
            <span className="sd-muted">比率均按分子、分母合计计算，不是每日百分比的平均。</span>
          </div>

          {platforms.length > 0 && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {platforms.map((p) => (
                <Col key={p.platform} span={platforms.length === 1 ? 24 : 12}>
                  <TrendCard days={data.days} p={p} />
                </Col>
              ))}
            </Row>
          )}

          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col span={12}>
              <Card
                size="small"
                title={
                  <span>
                    店铺风险 <span className="sd-muted">{data.shops_at_risk.length}</span>
                  </span>
                }
                extra={<a href={hrefOf('scorecards')}>查看全部店铺</a>}
                style={{ height: '100%' }}
              >
                <ShopRisk rows={data.shops_at_risk} />
              </Card>
            </Col>
            <Col span={12}>
              <Card
                size="small"
                title={
                  <span>
                    客服风险 <span className="sd-muted">{data.agents_at_risk.length}</span>
                  </span>
                }
                extra={<a href={hrefOf('scorecards')}>查看全部客服</a>}
                style={{ height: '100%' }}
              >
                <AgentRisk rows={data.agents_at_risk} month={data.month} />
              </Card>
            </Col>
          </Row>

          {(data.exams_open.length > 0 || data.platforms.some((p) => p.platform === 'douyin')) && (
            <ExamsCard rows={data.exams_open} />
          )}

          <Card
            size="small"
            title="数据新鲜度"
            extra={<FreshnessExtra sc={sc} schedule={schedule} />}
            data-testid="freshness-card"
          >
            <Freshness rows={data.freshness} month={data.month} />
          </Card>
        </>
      )}
    </div>
  );
}
