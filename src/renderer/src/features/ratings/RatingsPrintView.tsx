/**
 * 中差评 on paper (打印 / 导出 PDF): the month, each shop's 服务态度差中差评率 against the line with its counts, the
 * accounts, and every rating row shown (the screen's filters, all pages) — plain tables that fit A4 portrait, mounted
 * only while printing. The screen itself is hidden on paper (ui/print.css).
 */
import type { ReactNode } from 'react';
import {
  aboveLimit,
  fractionPercent,
  fractionText,
  limitPercent,
  reachesThreshold,
} from '../../../../shared/charts-events';
import { PLATFORM_ZH, type Month } from '../../../../shared/domain';
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';
import { countedText, screenOrder } from './ratings-export';
import { APPEAL_ZH, isCountable, levelSplit, pendingAppeals, shortTime, summaryKey } from './rating-utils';

function Rate({ f, fail }: { f: { num: number; den: number } | null; fail: boolean | null }): ReactNode {
  return (
    <>
      <b className={fail ? 'sd-print-fail' : undefined}>{fractionPercent(f)}</b>
      {f && f.den > 0 && <span className="sd-print-sub"> {fractionText(f)}</span>}
    </>
  );
}

function Levels({
  s,
  all,
  which,
}: {
  s: RatingSummary;
  all: RatingRowView[];
  which: 'neutral' | 'dissatisfied';
}): ReactNode {
  const split = levelSplit(s, all);
  return (
    <>
      {s.attitude[which]}
      {split && split[which] > 0 && <span className="sd-print-fail">（服务态度差 {split[which]}）</span>}
    </>
  );
}

function IfAppeals({ s, all }: { s: RatingSummary; all: RatingRowView[] }): ReactNode {
  const n = pendingAppeals(all, s);
  if (n === 0) return <span className="sd-print-sub">无申诉中</span>;
  return (
    <>
      {fractionPercent(s.projection?.if_appeals_succeed.bad_attitude_ratio)}
      <span className="sd-print-sub">（{n} 条申诉中）</span>
    </>
  );
}

function Good({ s, notes }: { s: RatingSummary; notes?: boolean }): ReactNode {
  return (
    <>
      <Rate f={s.good_rate} fail={reachesThreshold(s.good_rate, s.good_threshold) === false} />
      {s.good_threshold !== null && (
        <div className="sd-print-sub">
          考核线 ≥ {limitPercent(s.good_threshold)}
          {s.recovery ? `，还需 ${s.recovery} 个满意评价` : ''}
        </div>
      )}
      {notes && s.reconciliation?.good_rate && (
        <div className="sd-print-sub">{s.reconciliation.good_rate}</div>
      )}
    </>
  );
}

export function RatingsPrintView({
  month,
  asOf,
  monthOver,
  filters,
  shops,
  accounts,
  allRatings,
  rows,
  agents,
}: {
  month: Month;
  asOf: string;
  monthOver: boolean;
  /** the filters in force, in words (empty: none) */
  filters: string[];
  shops: RatingSummary[];
  accounts: RatingSummary[];
  allRatings: RatingRowView[];
  rows: RatingRowView[];
  agents: Map<string, string | null>;
}): ReactNode {
  const counted = rows.filter(isCountable);
  const attitude = counted.filter((r) => r.cites_attitude).length;
  const multiShop = shops.length > 1;
  return (
    <div className="sd-print-only sd-rt-print" data-testid="rt-print">
      <h1>
        中差评 · {month.slice(0, 4)}年{Number(month.slice(5, 7))}月
      </h1>
      <div className="sd-print-sub" data-testid="rt-print-month">
        {monthOver ? '全月数据' : `数据截至 ${asOf}`} · 服务态度差中差评率 = 引用“服务态度差”的中差评 /
        全部中差评， 比率按条数合计
        {filters.length > 0 && ` · 筛选：${filters.join('，')}`}
      </div>

      <h2>店铺</h2>
      <table className="sd-print-table" data-testid="rt-print-shops">
        <thead>
          <tr>
            <th>店铺</th>
            <th>服务态度差中差评率</th>
            <th>一般</th>
            <th>失望</th>
            <th>好评率</th>
            {!monthOver && <th>月末预计</th>}
            <th>若申诉全部成功</th>
          </tr>
        </thead>
        <tbody>
          {shops.map((s) => {
            const over = aboveLimit(s.bad_attitude_ratio, s.attitude_limit);
            return (
              <tr key={summaryKey(s)} data-shop={s.shop}>
                <td className="sd-print-nowrap">
                  {PLATFORM_ZH[s.platform]} · {s.shop}
                </td>
                <td>
                  <Rate f={s.bad_attitude_ratio} fail={over} />
                  <div className={over ? 'sd-print-fail' : 'sd-print-sub'}>
                    {over === null
                      ? '本月无中差评'
                      : `${over ? '超过' : '未超'}红线 ≤ ${limitPercent(s.attitude_limit)}`}
                  </div>
                  {s.reconciliation?.bad_attitude_ratio && (
                    <div className="sd-print-sub">{s.reconciliation.bad_attitude_ratio}</div>
                  )}
                </td>
                <td className="sd-print-num">
                  <Levels s={s} all={allRatings} which="neutral" />
                </td>
                <td className="sd-print-num">
                  <Levels s={s} all={allRatings} which="dissatisfied" />
                </td>
                <td>
                  <Good s={s} notes />
                </td>
                {!monthOver && (
                  <td>
                    {fractionPercent(s.projection?.bad_attitude_ratio)}
                    {s.projection && (
                      <div className="sd-print-sub">还可承受 {s.projection.budget_now} 条</div>
                    )}
                  </td>
                )}
                <td>
                  <IfAppeals s={s} all={allRatings} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>按客服账号 {accounts.length}</h2>
      <table className="sd-print-table" data-testid="rt-print-accounts">
        <thead>
          <tr>
            <th>账号</th>
            <th>客服</th>
            <th>服务态度差中差评率</th>
            <th>一般</th>
            <th>失望</th>
            <th>好评率</th>
            {!monthOver && <th>月末预计</th>}
            <th>若申诉全部成功</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((s) => (
            <tr key={summaryKey(s)}>
              <td className="sd-print-nowrap">
                {s.account}
                {multiShop && <div className="sd-print-sub">{s.shop}</div>}
              </td>
              <td className="sd-print-nowrap">{s.agent ?? '未绑定'}</td>
              <td>
                <Rate f={s.bad_attitude_ratio} fail={aboveLimit(s.bad_attitude_ratio, s.attitude_limit)} />
              </td>
              <td className="sd-print-num">
                <Levels s={s} all={allRatings} which="neutral" />
              </td>
              <td className="sd-print-num">
                <Levels s={s} all={allRatings} which="dissatisfied" />
              </td>
              <td>
                <Good s={s} />
              </td>
              {!monthOver && <td>{fractionPercent(s.projection?.bad_attitude_ratio)}</td>}
              <td>
                <IfAppeals s={s} all={allRatings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>
        中差评明细 {rows.length}
        <span className="sd-print-sub">
          {' '}
          计入 {counted.length} 条，其中引用服务态度差 {attitude} 条
        </span>
      </h2>
      <table className="sd-print-table" data-testid="rt-print-rows">
        <thead>
          <tr>
            <th>归属日</th>
            <th>评价时间</th>
            <th>账号</th>
            <th>买家</th>
            <th>等级</th>
            <th>原因</th>
            <th>是否计入</th>
            <th>申诉</th>
          </tr>
        </thead>
        <tbody>
          {screenOrder(rows).map((r) => {
            const agent = r.robot ? null : agents.get(`${r.platform}|${r.shop}|${r.account}`);
            return (
              <tr key={r.key} className={isCountable(r) ? undefined : 'sd-print-muted'}>
                <td className="sd-print-num">{r.day.slice(5)}</td>
                <td className="sd-print-num">{shortTime(r.rated_at)}</td>
                <td className="sd-print-nowrap">
                  {r.account || '（无账号）'}
                  {agent && <div className="sd-print-sub">{agent}</div>}
                </td>
                <td>{r.buyer}</td>
                <td>{r.level}</td>
                <td className={r.cites_attitude ? 'sd-print-fail' : undefined}>{r.reasons || '未填写'}</td>
                <td>{countedText(r)}</td>
                <td>{r.appeal ? APPEAL_ZH[r.appeal] : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
