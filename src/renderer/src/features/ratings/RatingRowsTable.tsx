/**
 * The month's 中评 and 差评 themselves (the evidence): when and how each was rated, its reasons with 服务态度差
 * highlighted, why it does not count (已剔除 / 考核时段外 / 机器人), and its appeal, set by hand.
 */
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { App, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { RatingRowView } from '../../../../shared/events-view';
import { useApiMutation } from '../../data/use-api-mutation';
import { AgentCell } from './AccountRatingsTable';
import { AgentNameLink } from '../agent/AgentLink';
import { APPEAL_ZH, isCountable, shortTime, splitReasons } from './rating-utils';

type Appeal = RatingRowView['appeal'];
const NONE = 'none';

const APPEAL_OPTIONS = [
  { value: 'pending', label: APPEAL_ZH.pending },
  { value: 'success', label: APPEAL_ZH.success },
  { value: 'failed', label: APPEAL_ZH.failed },
  { value: NONE, label: '—（未申诉）' },
];

function LevelTag({ r }: { r: RatingRowView }): ReactNode {
  const color = r.class === 'dissatisfied' ? 'error' : r.class === 'neutral' ? 'warning' : 'default';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {r.level}
    </Tag>
  );
}

function Reasons({ text }: { text: string }): ReactNode {
  const parts = splitReasons(text);
  if (parts.length === 0) return <span className="sd-muted">未填写</span>;
  return (
    <span>
      {parts.map((p, i) => (
        <span key={`${p}-${i}`} className={`sd-rt-reason${p === '服务态度差' ? ' sd-rt-reason-att' : ''}`}>
          {p}
        </span>
      ))}
    </span>
  );
}

function Flags({ r }: { r: RatingRowView }): ReactNode {
  const tags: ReactNode[] = [];
  if (r.removed)
    tags.push(
      <Tooltip key="removed" title="平台已剔除（恶意评价 / 举报成功），不计入任何指标">
        <Tag>已剔除</Tag>
      </Tooltip>,
    );
  if (r.outside_window)
    tags.push(
      <Tooltip key="window" title="邀评卡片不是在平台考核时段内发出的（快手默认 08:00–23:00），不计入">
        <Tag color="default">考核时段外</Tag>
      </Tooltip>,
    );
  if (r.robot)
    tags.push(
      <Tooltip
        key="robot"
        title="机器人接待的评价不计入客服本人；快手店铺的服务态度差中差评率仍计入（平台规则）"
      >
        <Tag color="purple">机器人</Tag>
      </Tooltip>,
    );
  if (tags.length === 0) return <span className="sd-muted">计入</span>;
  return <span className="sd-rt-tags">{tags}</span>;
}

export function RatingRowsTable({
  rows,
  agents,
  onChanged,
}: {
  rows: RatingRowView[];
  /** `platform|shop|account` → agent (null: not bound) */
  agents: Map<string, string | null>;
  onChanged: () => void;
}): ReactNode {
  const appeal = useApiMutation('ratings:appeal');
  const { message } = App.useApp();
  const [saving, setSaving] = useState<string | null>(null);

  const setAppeal = async (r: RatingRowView, status: Appeal): Promise<void> => {
    setSaving(r.key);
    const res = await appeal({ key: r.key, status });
    setSaving(null);
    if (!res.ok) {
      message.error(res.error.message);
      return;
    }
    message.success(
      status ? `已标记为${APPEAL_ZH[status]}（买家 ${r.buyer}）` : `已清除申诉标记（买家 ${r.buyer}）`,
    );
    onChanged();
  };

  const columns: TableColumnsType<RatingRowView> = [
    {
      title: (
        <Tooltip title="评价按邀评卡片发出的日期归属（没有邀评时间时按评价时间）">
          <span>评价归属日</span>
        </Tooltip>
      ),
      dataIndex: 'day',
      width: 104,
      defaultSortOrder: 'descend',
      sortDirections: ['descend', 'ascend'],
      sorter: (a, b) => a.day.localeCompare(b.day) || a.rated_at.localeCompare(b.rated_at),
      render: (d: string) => <span className="sd-num">{d.slice(5)}</span>,
    },
    // one column for both times (the table fits 1280 wide): the rating, and under it the card that asked for it
    {
      title: '评价 / 邀评时间',
      key: 'times',
      width: 120,
      render: (_: unknown, r) => (
        <Tooltip title={`评价 ${r.rated_at}；邀评 ${r.sent_at ?? '没有邀评时间'}`}>
          <div className="sd-num" style={{ whiteSpace: 'nowrap' }}>
            <div>{shortTime(r.rated_at)}</div>
            <div className="sd-file-sub">邀评 {shortTime(r.sent_at)}</div>
          </div>
        </Tooltip>
      ),
    },
    {
      title: '账号',
      key: 'account',
      width: 140,
      render: (_: unknown, r) => {
        const agent = agents.get(`${r.platform}|${r.shop}|${r.account}`);
        return (
          <div>
            <div className="sd-file-name">{r.account || <span className="sd-muted">（无账号）</span>}</div>
            {!r.robot && agent === '归属不明' && (
              <div style={{ marginTop: 2 }}>
                <AgentCell agent={agent} />
              </div>
            )}
            {!r.robot && agent && agent !== '归属不明' && (
              <div className="sd-file-sub">
                <AgentNameLink name={agent} />
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: '买家',
      dataIndex: 'buyer',
      width: 72,
      render: (b: string) => <span data-testid="rt-buyer">{b}</span>,
    },
    { title: '等级', key: 'level', width: 64, render: (_: unknown, r) => <LevelTag r={r} /> },
    { title: '原因', dataIndex: 'reasons', width: 160, render: (t: string) => <Reasons text={t} /> },
    {
      title: '渠道',
      dataIndex: 'channel',
      width: 90,
      render: (c: string | null) =>
        c ? <span className="sd-cells">{c}</span> : <span className="sd-muted">—</span>,
    },
    { title: '是否计入', key: 'flags', width: 110, render: (_: unknown, r) => <Flags r={r} /> },
    {
      title: (
        <Tooltip title="手动记录申诉进度；只有平台剔除后重新导入才会改变官方数值">
          <span>申诉</span>
        </Tooltip>
      ),
      key: 'appeal',
      width: 126,
      render: (_: unknown, r) => (
        <Select<string>
          size="small"
          value={r.appeal ?? NONE}
          options={APPEAL_OPTIONS}
          loading={saving === r.key}
          disabled={saving === r.key}
          style={{ width: 110 }}
          data-testid="rt-appeal"
          onChange={(v) => void setAppeal(r, v === NONE ? null : (v as Exclude<Appeal, null>))}
          labelRender={({ value, label }) =>
            value === 'pending' ? (
              <span style={{ color: '#1f5fd1' }}>{label}</span>
            ) : value === 'success' ? (
              <span style={{ color: '#079455' }}>{label}</span>
            ) : value === 'failed' ? (
              <span style={{ color: '#d92d20' }}>{label}</span>
            ) : (
              <span className="sd-muted">—</span>
            )
          }
        />
      ),
    },
  ];

  return (
    <Table<RatingRowView>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (isCountable(r) ? '' : 'sd-rt-uncounted')}
      locale={{ emptyText: '没有符合条件的中差评' }}
      data-testid="rt-ratings"
      onRow={(r) => ({ 'data-buyer': r.buyer }) as HTMLAttributes<HTMLTableRowElement>}
    />
  );
}
