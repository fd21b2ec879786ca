/**
 * One shop on the 中差评 screen: the natural month's 服务态度差中差评率 against the line with a light, the 一般/失望
 * counts and how many cite 服务态度差, the good rate with its recovery count, the end-of-month projection with the
 * remaining budget and the if-appeals-succeed figure, and the month-to-date trend.
 */
import { useMemo, type ReactNode } from 'react';
import { Card, Col, Empty, Row, Space, Tag, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  aboveLimit,
  attitudeTrendOption,
  fractionPercent,
  fractionText,
  limitPercent,
  reachesThreshold,
} from '../../../../shared/charts-events';
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';
import { EChart } from '../../ui/EChart';
import { levelSplit, pendingAppeals } from './rating-utils';
import { PlatformTag } from '../../ui/PlatformTag';

export interface ShopCardProps {
  shop: RatingSummary;
  /** the shop's accounts (their lines join the chart) */
  accounts: RatingSummary[];
  rows: RatingRowView[];
  days: string[];
  asOf: string;
  monthOver: boolean;
}

function Help({ title }: { title: ReactNode }): ReactNode {
  return (
    <Tooltip title={title}>
      <QuestionCircleOutlined className="sd-rt-help" />
    </Tooltip>
  );
}

/** The accounts drawn beside the shop: those with attitude-cited ratings first, at most three lines. */
function chartAccounts(accounts: RatingSummary[]): RatingSummary[] {
  return accounts
    .filter((a) => a.trend.some((v) => v !== null) && a.attitude.attitude > 0)
    .sort((a, b) => b.attitude.attitude - a.attitude.attitude)
    .slice(0, 3);
}

export function ShopRatingCard({ shop, accounts, rows, days, asOf, monthOver }: ShopCardProps): ReactNode {
  const limit = shop.attitude_limit;
  const ratio = shop.bad_attitude_ratio;
  const over = aboveLimit(ratio, limit);
  const light = over === null ? 'grey' : over ? 'red' : 'green';
  const split = levelSplit(shop, rows);
  const goodOk = reachesThreshold(shop.good_rate, shop.good_threshold);
  const pending = pendingAppeals(rows, shop);
  const proj = shop.projection;
  const a = shop.attitude;
  const midLow = a.neutral + a.dissatisfied;
  // kuaishou: the shop's ratio counts robot-served ratings, its good rate does not (seed 002, 2023-06-30 notice)
  const robotsDiffer = a.neutral + a.dissatisfied !== shop.good.neutral + shop.good.dissatisfied;

  const lines = useMemo(() => chartAccounts(accounts), [accounts]);
  const option = useMemo(
    () =>
      attitudeTrendOption({
        days,
        limit,
        series: [
          { name: `${shop.shop}（店铺）`, values: shop.trend },
          ...lines.map((l) => ({
            name: l.agent && l.agent !== '归属不明' ? `${l.agent}（${l.account ?? ''}）` : (l.account ?? ''),
            values: l.trend,
          })),
        ],
      }),
    [days, limit, shop, lines],
  );
  const hasTrend = shop.trend.some((v) => v !== null);

  return (
    <Card
      className="sd-rt-shop"
      data-testid="rt-shop-card"
      data-shop={shop.shop}
      title={
        <Space size={8}>
          <PlatformTag platform={shop.platform} tight />
          <span>{shop.shop}</span>
        </Space>
      }
      extra={
        over === null ? (
          <Tag style={{ marginInlineEnd: 0 }}>本月无中差评</Tag>
        ) : over ? (
          <Tag color="error" style={{ marginInlineEnd: 0 }}>
            超过 {limitPercent(limit)} 红线
          </Tag>
        ) : (
          <Tag color="success" style={{ marginInlineEnd: 0 }}>
            未超红线
          </Tag>
        )
      }
    >
      <Row gutter={32}>
        <Col span={10}>
          <div className="sd-rt-label">
            服务态度差中差评率{' '}
            <Help
              title={
                <div>
                  <div>= 引用“服务态度差”的中评和差评 / 全部中评和差评，按自然月累计。</div>
                  <div>评价按邀评卡片发出的日期归属；平台剔除的、考核时段外的不计入。</div>
                  {robotsDiffer && <div>快手店铺口径：机器人接待的评价也计入（好评率不计入）。</div>}
                </div>
              }
            />
          </div>
          <div className="sd-rt-big">
            <span
              className={`sd-light sd-light-${light}`}
              aria-label={light}
              data-testid="rt-light"
              data-light={light}
            />
            <span
              className={`sd-rt-big-value${over ? ' sd-fail' : ''}${over === null ? ' sd-none' : ''}`}
              data-testid="rt-shop-ratio"
            >
              {fractionPercent(ratio)}
            </span>
            <span className="sd-rt-sub">
              {fractionText(ratio)} · 红线 ≤ {limitPercent(limit)}
            </span>
          </div>
          {shop.reconciliation?.bad_attitude_ratio && (
            <div className="sd-rt-sub" data-testid="rt-shop-ratio-recon">
              {shop.reconciliation.bad_attitude_ratio}
            </div>
          )}
          <div className="sd-rt-counts" data-testid="rt-shop-counts">
            <span>
              一般<b>{a.neutral}</b>
              {split ? (
                <span className={split.neutral > 0 ? 'sd-rt-att' : 'sd-muted'}>
                  （其中服务态度差 {split.neutral}）
                </span>
              ) : null}
            </span>
            <span>
              失望<b>{a.dissatisfied}</b>
              {split ? (
                <span className={split.dissatisfied > 0 ? 'sd-rt-att' : 'sd-muted'}>
                  （其中 {split.dissatisfied}）
                </span>
              ) : null}
            </span>
            {!split && (
              <span>
                其中服务态度差<b className="sd-rt-att">{a.attitude}</b>
              </span>
            )}
          </div>

          <div className="sd-rt-block">
            <div className="sd-rt-line">
              <span>好评率</span>
              <span
                className={`sd-rt-num${goodOk === false ? ' sd-fail' : goodOk ? ' sd-ok' : ''}`}
                data-testid="rt-shop-good"
              >
                {fractionPercent(shop.good_rate)}
              </span>
              <span className="sd-rt-sub">
                {fractionText(shop.good_rate)}
                {shop.good_threshold !== null
                  ? ` · 考核线 ≥ ${limitPercent(shop.good_threshold)}`
                  : ' · 无考核线'}
              </span>
            </div>
            {shop.reconciliation?.good_rate && (
              <div className="sd-rt-sub" data-testid="rt-shop-good-recon">
                {shop.reconciliation.good_rate}
              </div>
            )}
            {!!shop.recovery && shop.good_threshold !== null && (
              <div className="sd-rt-recovery" data-testid="rt-shop-recovery">
                再获得 {shop.recovery} 个满意评价可回到 {limitPercent(shop.good_threshold)}
              </div>
            )}
          </div>

          {proj && (
            <div className="sd-rt-block" data-testid="rt-projection">
              {monthOver ? (
                <div className="sd-rt-line">
                  <span>本月已结束，全月</span>
                  <span className={`sd-rt-num${over ? ' sd-fail' : ' sd-ok'}`}>{fractionPercent(ratio)}</span>
                  <span className="sd-rt-sub">月末预计和还可承受条数只对进行中的月份测算</span>
                </div>
              ) : (
                <>
                  <div className="sd-rt-line">
                    <span>按当前节奏，月末预计</span>
                    <span
                      className={`sd-rt-num${aboveLimit(proj.bad_attitude_ratio, limit) ? ' sd-fail' : ' sd-ok'}`}
                      data-testid="rt-projected"
                    >
                      {fractionPercent(proj.bad_attitude_ratio)}
                    </span>
                    <Help
                      title={`按截至 ${asOf.slice(5)} 的每日平均评价数推算到月底（共 ${days.length} 天）：约 ${fractionText(proj.bad_attitude_ratio)}`}
                    />
                  </div>
                  <div className="sd-rt-line">
                    <span>本月还可承受</span>
                    <span
                      className={`sd-rt-num${proj.budget_now === 0 ? ' sd-fail' : ''}`}
                      data-testid="rt-budget-now"
                    >
                      {proj.budget_now}
                    </span>
                    <span>条服务态度差中差评</span>
                    <Help
                      title={
                        <div>
                          <div>
                            现在：以已有的 {midLow} 条中差评计，再来 {proj.budget_now}{' '}
                            条引用“服务态度差”的中差评，全月仍不超过 {limitPercent(limit)}。这是最保守的数。
                          </div>
                          <div style={{ marginTop: 4 }}>
                            到月底：其他中差评也会按当前节奏继续出现，分母变大，6%
                            对应的条数随之变多，预计可承受 {proj.budget_projected} 条。
                          </div>
                        </div>
                      }
                    />
                  </div>
                  <div className="sd-rt-hint" data-testid="rt-budget-projected">
                    {over
                      ? `已超过 ${limitPercent(limit)}，本月不能再有服务态度差中差评；平台剔除或申诉成功可以降低。`
                      : `按现有 ${midLow} 条中差评计；若其他中差评按节奏增加，到月底可承受 ${proj.budget_projected} 条。`}
                  </div>
                </>
              )}
              <div className="sd-rt-line" data-testid="rt-if-appeals">
                <span>
                  若申诉中的评价全部成功：
                  <span className="sd-rt-num">
                    {fractionPercent(proj.if_appeals_succeed.bad_attitude_ratio)}
                  </span>
                </span>
                <span className="sd-rt-sub">
                  {pending > 0 ? `${pending} 条申诉中` : '暂无申诉中的评价'}
                  {pending > 0 && proj.if_appeals_succeed.good_rate
                    ? ` · 好评率 ${fractionPercent(proj.if_appeals_succeed.good_rate)}`
                    : ''}
                </span>
              </div>
              <div className="sd-rt-hint">只有平台“剔除”才会改变官方数值；申诉状态在下方评价明细里标记。</div>
            </div>
          )}
        </Col>
        <Col span={14}>
          <div className="sd-rt-chart-title">
            <span>本月累计 服务态度差中差评率（按日）</span>
            <span className="sd-muted" style={{ fontSize: 12 }}>
              截至 {asOf.slice(5)}
            </span>
          </div>
          {hasTrend ? (
            <EChart option={option} height={280} testId="rt-trend-chart" />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              style={{ height: 248, margin: 0, paddingTop: 60 }}
              description="本月还没有中差评"
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
