/** 店铺风险 and 客服风险 on 总览: what misses its line this month. */
import { type ReactNode } from 'react';
import { Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { PLATFORM_ZH, type Month, type Platform } from '../../../../shared/domain';
import { METRICS, formatMetric } from '../../../../shared/metrics';
import type { AtRisk } from '../../../../shared/overview';
import { formatThreshold } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { AgentLink } from '../agent/AgentLink';
import { PlatformTag } from '../../ui/PlatformTag';

function FailTags({ r }: { r: AtRisk }): ReactNode {
  return (
    <Space size={[4, 4]} wrap>
      {r.failing.map((f) => (
        <Tag key={f.metric} color="error" style={{ marginInlineEnd: 0 }} data-testid="fail-tag">
          {METRICS[f.metric].zh} <b className="sd-num">{formatMetric(f.metric, f.value)}</b>
          <span className="sd-fail-line">
            {' '}
            / {formatThreshold(f.metric, { op: f.op, value: f.threshold })}
          </span>
        </Tag>
      ))}
    </Space>
  );
}

export function platformCell(p: Platform): ReactNode {
  return <PlatformTag platform={p} />;
}

export function ShopRisk({ rows }: { rows: AtRisk[] }): ReactNode {
  const columns: TableColumnsType<AtRisk> = [
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    {
      title: '店铺',
      dataIndex: 'shop',
      width: 160,
      render: (s: string) => <span className="sd-file-name">{s}</span>,
    },
    { title: '未达标指标（本月值 / 考核线）', key: 'failing', render: (_: unknown, r) => <FailTags r={r} /> },
  ];
  return (
    <Table<AtRisk>
      size="small"
      rowKey={(r) => `${r.platform}|${r.shop}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: <AllClear text="本月没有未达标的店铺" /> }}
      data-testid="shops-at-risk"
    />
  );
}

export function AgentRisk({ rows, month }: { rows: AtRisk[]; month: Month }): ReactNode {
  const columns: TableColumnsType<AtRisk> = [
    {
      title: '客服 / 账号',
      key: 'who',
      width: 190,
      render: (_: unknown, r) =>
        r.agent ? (
          <div>
            <div className="sd-file-name">
              <AgentLink id={r.agent_id} name={r.agent} month={month} />
            </div>
            <div className="sd-file-sub">{r.shop || `${PLATFORM_ZH[r.platform]}全部账号`}</div>
          </div>
        ) : (
          <div>
            <div className="sd-file-name">{r.account}</div>
            <div style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
              <Tooltip title="账号还没有绑定客服：到“设置 → 账号归属”绑定">
                <a href={`${hrefOf('settings')}?tab=accounts`}>
                  <Tag style={{ marginInlineEnd: 0, cursor: 'pointer' }}>未绑定</Tag>
                </a>
              </Tooltip>
              <span className="sd-file-sub">{r.shop}</span>
            </div>
          </div>
        ),
    },
    { title: '平台', dataIndex: 'platform', width: 72, render: platformCell },
    { title: '未达标指标（本月值 / 考核线）', key: 'failing', render: (_: unknown, r) => <FailTags r={r} /> },
  ];
  return (
    <Table<AtRisk>
      size="small"
      rowKey={(r) => `${r.platform}|${r.agent_id ?? ''}|${r.shop}|${r.account ?? ''}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
      locale={{ emptyText: <AllClear text="本月没有未达标的客服" /> }}
      data-testid="agents-at-risk"
    />
  );
}

export function AllClear({ text }: { text: string }): ReactNode {
  return (
    <div style={{ padding: '20px 0', color: '#12b76a' }}>
      <CheckCircleFilled /> <span style={{ color: '#475467' }}>{text}</span>
    </div>
  );
}
