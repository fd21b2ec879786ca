/** Per-account rows of the 中差评 screen: who, good rate, 服务态度差中差评率 against the line, counts, recovery. */
import type { HTMLAttributes, ReactNode } from 'react';
import { Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import {
  aboveLimit,
  fractionPercent,
  fractionText,
  fractionValue,
  limitPercent,
  reachesThreshold,
} from '../../../../shared/charts-events';
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';
import { hrefOf } from '../../app/router';
import { AgentNameLink } from '../agent/AgentLink';
import { levelSplit, pendingAppeals, summaryKey } from './rating-utils';

export function AgentCell({ agent }: { agent: string | null }): ReactNode {
  if (agent === '归属不明')
    return (
      <Tooltip title="这个月里账号有不止一位客服负责，无法整月归属到一个人：到“设置 → 账号归属”核对日期">
        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
          归属不明
        </Tag>
      </Tooltip>
    );
  if (!agent)
    return (
      <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
        <a href={`${hrefOf('settings')}?tab=accounts`}>
          <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
        </a>
      </Tooltip>
    );
  return <AgentNameLink name={agent} className="sd-file-name" />;
}

function RateCell({
  f,
  fail,
  testId,
}: {
  f: { num: number; den: number } | null;
  fail: boolean | null;
  testId: string;
}): ReactNode {
  return (
    <div className="sd-rt-cell">
      <div className={`sd-rt-cell-value${fail ? ' sd-fail' : ''}`} data-testid={testId}>
        {fractionPercent(f)}
      </div>
      <div className="sd-rt-cell-sub">{fractionText(f)}</div>
    </div>
  );
}

export function AccountRatingsTable({
  accounts,
  rows,
  multiShop,
  monthOver,
}: {
  accounts: RatingSummary[];
  rows: RatingRowView[];
  multiShop: boolean;
  /** a finished month has no projection column */
  monthOver: boolean;
}): ReactNode {
  const columns: TableColumnsType<RatingSummary> = [
    {
      title: '账号',
      key: 'account',
      width: 150,
      render: (_: unknown, s) => (
        <div>
          <div className="sd-file-name" data-testid="rt-account-name">
            {s.account}
          </div>
          {multiShop && (
            <div className="sd-file-sub">
              {PLATFORM_ZH[s.platform]} · {s.shop}
            </div>
          )}
        </div>
      ),
    },
    { title: '客服', dataIndex: 'agent', width: 100, render: (a: string | null) => <AgentCell agent={a} /> },
    {
      title: (
        <Tooltip title="引用“服务态度差”的中差评 / 全部中差评；客服口径不含机器人接待的评价">
          {/* two even lines in the 150 px column, not 服务态度差中差评 and a lone 率 */}
          <span>
            服务态度差
            <br />
            中差评率
          </span>
        </Tooltip>
      ),
      key: 'ratio',
      width: 150,
      align: 'right',
      sorter: (a, b) =>
        (fractionValue(a.bad_attitude_ratio) ?? -1) - (fractionValue(b.bad_attitude_ratio) ?? -1),
      render: (_: unknown, s) => (
        <Tooltip title={`红线 ≤ ${limitPercent(s.attitude_limit)}`}>
          <span>
            <RateCell
              f={s.bad_attitude_ratio}
              fail={aboveLimit(s.bad_attitude_ratio, s.attitude_limit)}
              testId="rt-account-ratio"
            />
          </span>
        </Tooltip>
      ),
    },
    {
      title: '一般',
      key: 'neutral',
      width: 104,
      align: 'right',
      render: (_: unknown, s) => {
        const split = levelSplit(s, rows);
        return (
          <div className="sd-rt-cell">
            <div className="sd-rt-cell-value">{s.attitude.neutral}</div>
            {split && (
              <div className={split.neutral ? 'sd-rt-cell-att' : 'sd-rt-cell-sub'}>
                服务态度差 {split.neutral}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: '失望',
      key: 'dissatisfied',
      width: 104,
      align: 'right',
      render: (_: unknown, s) => {
        const split = levelSplit(s, rows);
        return (
          <div className="sd-rt-cell">
            <div className="sd-rt-cell-value">{s.attitude.dissatisfied}</div>
            {split ? (
              <div className={split.dissatisfied ? 'sd-rt-cell-att' : 'sd-rt-cell-sub'}>
                服务态度差 {split.dissatisfied}
              </div>
            ) : (
              <div className="sd-rt-cell-sub">共 {s.attitude.attitude} 条服务态度差</div>
            )}
          </div>
        );
      },
    },
    {
      title: '好评率',
      key: 'good',
      width: 110,
      align: 'right',
      sorter: (a, b) => (fractionValue(a.good_rate) ?? 2) - (fractionValue(b.good_rate) ?? 2),
      render: (_: unknown, s) => (
        <Tooltip
          title={s.good_threshold !== null ? `考核线 ≥ ${limitPercent(s.good_threshold)}` : '无考核线'}
        >
          <span>
            <RateCell
              f={s.good_rate}
              fail={reachesThreshold(s.good_rate, s.good_threshold) === false}
              testId="rt-account-good"
            />
          </span>
        </Tooltip>
      ),
    },
    {
      title: '回到考核线还需',
      key: 'recovery',
      width: 124,
      render: (_: unknown, s) =>
        s.recovery && s.good_threshold !== null ? (
          <Tooltip title={`再获得 ${s.recovery} 个满意评价可回到 ${limitPercent(s.good_threshold)}`}>
            <span className="sd-rt-recovery" data-testid="rt-account-recovery">
              {s.recovery} 个满意评价
            </span>
          </Tooltip>
        ) : s.good_rate ? (
          <span style={{ color: '#079455' }}>已达标</span>
        ) : (
          <span className="sd-muted">—</span>
        ),
    },
    ...(monthOver
      ? []
      : ([
          {
            title: (
              <Tooltip title="按截至今天的每日平均评价数推算到月底">
                <span>月末预计</span>
              </Tooltip>
            ),
            key: 'projection',
            width: 110,
            align: 'right',
            render: (_: unknown, s) => (
              <span
                className={`sd-num${aboveLimit(s.projection?.bad_attitude_ratio, s.attitude_limit) ? ' sd-rt-red' : ''}`}
              >
                {fractionPercent(s.projection?.bad_attitude_ratio)}
              </span>
            ),
          },
        ] as TableColumnsType<RatingSummary>)),
    {
      title: (
        <Tooltip title="若申诉中的评价全部成功（被平台剔除）后的服务态度差中差评率；只有平台剔除才会改变官方数值">
          <span>若申诉全部成功</span>
        </Tooltip>
      ),
      key: 'appeals',
      width: 130,
      align: 'right',
      render: (_: unknown, s) => {
        const n = pendingAppeals(rows, s);
        if (n === 0) return <span className="sd-muted">无申诉中</span>;
        const f = s.projection?.if_appeals_succeed.bad_attitude_ratio ?? null;
        return (
          <Tooltip title={`若申诉中的评价全部成功：${fractionPercent(f)}（${fractionText(f)}）`}>
            <div className="sd-rt-cell" data-testid="rt-account-if-appeals">
              <div className="sd-rt-cell-value">{fractionPercent(f)}</div>
              <div className="sd-rt-cell-sub">{n} 条申诉中</div>
            </div>
          </Tooltip>
        );
      },
    },
  ];
  return (
    <Table<RatingSummary>
      size="small"
      rowKey={summaryKey}
      columns={columns}
      dataSource={accounts}
      pagination={accounts.length > 20 ? { pageSize: 20, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有账号数据' }}
      data-testid="rt-accounts"
      onRow={(s) => ({ 'data-account': s.account ?? '' }) as HTMLAttributes<HTMLTableRowElement>}
    />
  );
}
