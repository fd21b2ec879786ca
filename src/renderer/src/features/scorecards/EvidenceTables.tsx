/**
 * The events behind a month value (product.md screen 2, "why is this 76%?"): the rounds that were not answered in
 * time for chat metrics, the ratings themselves for rating metrics.
 */
import { useState, type ReactNode } from 'react';
import { Empty, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EXCLUSION_ZH, type EvidenceExclusion, type EvidenceView } from '../../../../shared/events-view';
import type { MetricId } from '../../../../shared/metrics';
import { DASH, formatWait } from '../../ui/format';
import { wholeTextColumn } from '../../ui/whole-text-column';

type Round = EvidenceView['rounds'][number];
type Rating = EvidenceView['ratings'][number];

/** Metrics whose failing rounds the engine keeps, with the limit a round had to meet. */
export const ROUND_LIMITS: Partial<Record<MetricId, { seconds: number; zh: string }>> = {
  reply_3min_rate: { seconds: 180, zh: '3 分钟' },
  reply_30s_rate: { seconds: 30, zh: '30 秒' },
  first_reply_30s_rate: { seconds: 30, zh: '30 秒' },
};

export const RATING_METRICS: readonly MetricId[] = ['good_rate', 'bad_attitude_ratio'];

/** `2026-10-05 10:05:00` on the row's own day shows as `10:05:00`; another day keeps its date. */
function timeOn(day: string, text: string | null): string {
  if (!text) return DASH;
  return text.startsWith(day) ? text.slice(11, 19) : text.slice(5, 19);
}

const UNIT_ZH: Record<EvidenceView['unit'], string> = {
  rounds: '通会话',
  sessions: '通会话',
  buyers: '位买家',
};

function ExclusionTag({ reason }: { reason: EvidenceExclusion }): ReactNode {
  const tip =
    reason === 'superseded'
      ? '这一天的数值以平台导出的汇总为准（设置 → 数据口径），明细只作参考，不计入'
      : `${EXCLUSION_ZH[reason]}，不计入考核`;
  return (
    <Tooltip title={tip}>
      <Tag className="sd-mini-tag" data-testid="evidence-excluded">
        {reason === 'superseded' ? '以导出为准' : EXCLUSION_ZH[reason]}
      </Tag>
    </Tooltip>
  );
}

export function RoundsEvidence({
  metric,
  rounds,
  unit = 'rounds',
}: {
  metric: MetricId;
  rounds: Round[];
  unit?: EvidenceView['unit'];
}): ReactNode {
  const [showExcluded, setShowExcluded] = useState(false);
  const limit = ROUND_LIMITS[metric];
  if (!limit) return null;
  if (rounds.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        style={{ margin: '8px 0 20px' }}
        data-testid="evidence-rounds-empty"
        description={
          <div>
            <div>没有未在 {limit.zh}内人工回复的轮次</div>
            <div className="sd-muted" style={{ fontSize: 12, marginTop: 4 }}>
              逐轮明细来自导入的聊天记录。只导入了平台汇总数据时，这里没有明细；已导入聊天记录时，说明本月每个轮次都及时回复了。
            </div>
          </div>
        }
      />
    );
  }
  const counted = rounds.filter((r) => r.excluded === null);
  const excluded = rounds.length - counted.length;
  const list = showExcluded ? rounds : counted;
  // one row per unit the metric counts; a Douyin session with two late rounds is one row (its first late round)
  const lateRounds = counted.reduce((n, r) => n + 1 + r.also_failed, 0);
  const units =
    unit === 'rounds'
      ? new Set(counted.map((r) => `${r.day}|${r.buyer}|${r.session_id ?? r.session_start}`)).size
      : counted.length;
  const unanswered = counted.filter((r) => !r.answered || r.wait === null).length;
  const columns: TableColumnsType<Round> = [
    {
      title: '日期',
      dataIndex: 'day',
      width: 104,
      render: (d: string) => <span className="sd-num">{d}</span>,
    },
    wholeTextColumn('买家', 'buyer', 120),
    {
      // whole and copyable (the lead searches the platform's chat log by it): long ids wrap instead of ending in …
      title: '会话ID',
      dataIndex: 'session_id',
      width: 130,
      render: (s: string | null) =>
        s ? (
          <Typography.Text
            className="sd-num sd-file-name"
            copyable={{ text: s, tooltips: ['复制会话ID', '已复制'] }}
          >
            {s}
          </Typography.Text>
        ) : (
          <span className="sd-muted">{DASH}</span>
        ),
    },
    {
      title: '会话开始',
      key: 'session_start',
      width: 100,
      render: (_: unknown, r) => <span className="sd-num">{timeOn(r.day, r.session_start)}</span>,
    },
    {
      title: (
        <Tooltip title="买家开始等待人工回复的时间（这一轮的第一条买家消息）">
          <span>轮次开始</span>
        </Tooltip>
      ),
      key: 'round_start',
      width: 100,
      render: (_: unknown, r) => <span className="sd-num">{timeOn(r.day, r.round_start)}</span>,
    },
    {
      title: '等待',
      key: 'wait',
      align: 'right',
      render: (_: unknown, r) => (
        <>
          {r.excluded && (
            <span style={{ marginRight: 6 }}>
              <ExclusionTag reason={r.excluded} />
            </span>
          )}
          {r.wait === null || !r.answered ? (
            <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="round-wait">
              未回复
            </Tag>
          ) : (
            <span className="sd-num sd-wait" data-testid="round-wait">
              {formatWait(r.wait)}
            </span>
          )}
          {r.also_failed > 0 && (
            <Tooltip
              title={`同一${unit === 'buyers' ? '位买家当天' : '通会话'}还有 ${r.also_failed} 个轮次超时，只算一次未达标`}
            >
              <span className="sd-muted" style={{ fontSize: 12, marginLeft: 6 }} data-testid="round-also">
                另 {r.also_failed} 轮
              </span>
            </Tooltip>
          )}
        </>
      ),
    },
  ];
  return (
    <>
      <div className="sd-evidence-count" data-testid="evidence-count">
        <span>
          {counted.length > 0 ? (
            <>
              本月 <b className="sd-bad">{lateRounds}</b> 个轮次未在 {limit.zh}内人工回复
              <span className="sd-muted">
                （涉及 {units} {UNIT_ZH[unit]}
                {unanswered > 0 ? `，其中 ${unanswered} 个轮次始终没有人工回复` : ''}）
              </span>
            </>
          ) : (
            <>计入本月值的聊天记录里，没有未在 {limit.zh}内人工回复的轮次</>
          )}
          {excluded > 0 && (
            <span className="sd-muted">；另有 {excluded} 条在以平台导出为准的日子，不计入</span>
          )}
        </span>
        {excluded > 0 && (
          <span className="sd-switch-label" style={{ marginLeft: 'auto' }}>
            <Switch
              size="small"
              checked={showExcluded}
              onChange={setShowExcluded}
              data-testid="show-excluded"
            />
            显示不计入的
          </span>
        )}
      </div>
      <Table<Round>
        size="small"
        rowKey={(r) => `${r.day}|${r.buyer}|${r.session_id ?? ''}|${r.round_start}`}
        columns={columns}
        dataSource={list}
        rowClassName={(r) => (r.excluded ? 'sd-row-muted' : '')}
        locale={{ emptyText: '计入本月值的日子里没有超时的轮次' }}
        pagination={list.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        style={{ marginBottom: 24 }}
        data-testid="evidence-rounds"
        expandable={{
          rowExpandable: (r) => r.messages.length > 0,
          expandedRowRender: (r) => <Conversation round={r} />,
        }}
      />
    </>
  );
}

const SENDER_ZH: Record<Round['messages'][number]['sender'], string> = {
  buyer: '买家',
  agent: '客服',
  bot: '机器人',
  system: '系统',
};

/** The failing session's messages, the round that waited marked (the chat text kept for drill-down). */
function Conversation({ round }: { round: Round }): ReactNode {
  return (
    <div className="sd-conversation" data-testid="evidence-conversation">
      {round.messages.map((m, i) => (
        <div
          key={i}
          className={`sd-msg sd-msg-${m.sender}${m.time === round.round_start ? ' sd-msg-waited' : ''}`}
        >
          <span className="sd-muted sd-msg-time">{m.time.slice(11)}</span>
          <Tag
            color={
              m.sender === 'buyer' ? 'blue' : m.sender === 'agent' && !m.auto_reply ? 'green' : 'default'
            }
          >
            {m.auto_reply ? '自动回复' : SENDER_ZH[m.sender]}
          </Tag>
          <span>{m.content ?? <span className="sd-muted">（内容未保存）</span>}</span>
        </div>
      ))}
    </div>
  );
}

const LEVEL_COLOR: Record<NonNullable<Rating['class']>, string> = {
  satisfied: 'success',
  neutral: 'warning',
  dissatisfied: 'error',
};

function Reasons({ text }: { text: string }): ReactNode {
  const parts = text
    .split(/[;；,，、|]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return <span className="sd-muted">{DASH}</span>;
  return (
    <span className="sd-reasons">
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && <span className="sd-muted">；</span>}
          {p === '服务态度差' ? <mark className="sd-attitude">{p}</mark> : p}
        </span>
      ))}
    </span>
  );
}

function RatingFlags({ r }: { r: Rating }): ReactNode {
  const tags: ReactNode[] = [];
  if (r.excluded === 'superseded' || r.excluded === 'excluded_channel' || r.excluded === 'unknown_level')
    tags.push(<ExclusionTag key="excluded" reason={r.excluded} />);
  if (r.removed)
    tags.push(
      <Tooltip key="removed" title="平台已剔除（恶意评价 / 举报成功），不计入考核">
        <Tag className="sd-mini-tag">已剔除</Tag>
      </Tooltip>,
    );
  if (r.outside_window)
    tags.push(
      <Tooltip key="window" title="邀评时间不在平台的评价考核时段内（快手 08:00–23:00），不计入考核">
        <Tag className="sd-mini-tag">考核时段外</Tag>
      </Tooltip>,
    );
  if (r.robot)
    tags.push(
      <Tooltip key="robot" title="机器人接待的评价，不计入客服个人">
        <Tag color="purple" className="sd-mini-tag">
          机器人
        </Tag>
      </Tooltip>,
    );
  if (r.appeal === 'pending')
    tags.push(
      <Tag key="appeal" color="processing" className="sd-mini-tag">
        申诉中
      </Tag>,
    );
  if (r.appeal === 'success')
    tags.push(
      <Tag key="appeal" color="success" className="sd-mini-tag">
        申诉成功
      </Tag>,
    );
  if (r.appeal === 'failed')
    tags.push(
      <Tag key="appeal" className="sd-mini-tag">
        申诉失败
      </Tag>,
    );
  return tags.length ? <span className="sd-flag-tags">{tags}</span> : null;
}

export function RatingsEvidence({ metric, ratings }: { metric: MetricId; ratings: Rating[] }): ReactNode {
  const [onlyBad, setOnlyBad] = useState(metric === 'bad_attitude_ratio');
  if (ratings.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        style={{ margin: '8px 0 20px' }}
        data-testid="evidence-ratings-empty"
        description={
          <div>
            <div>没有评价明细</div>
            <div className="sd-muted" style={{ fontSize: 12, marginTop: 4 }}>
              逐条评价来自导入的评价明细（导入 → 下载模板 → 评价明细）；只导入平台汇总数据时这里没有记录。
            </div>
          </div>
        }
      />
    );
  }
  // what the month value counts (the server decides: removed, outside the window, robot, a day the export decides)
  const counted = (r: Rating): boolean => r.excluded === null;
  const n = { satisfied: 0, neutral: 0, dissatisfied: 0, attitude: 0, excluded: 0 };
  for (const r of ratings) {
    if (!counted(r)) {
      n.excluded++;
      continue;
    }
    if (r.class) n[r.class]++;
    if (r.class !== 'satisfied' && r.cites_attitude) n.attitude++;
  }
  const list = onlyBad ? ratings.filter((r) => r.class === 'neutral' || r.class === 'dissatisfied') : ratings;
  const columns: TableColumnsType<Rating> = [
    {
      title: '评价日期',
      dataIndex: 'day',
      width: 104,
      render: (d: string) => <span className="sd-num">{d}</span>,
    },
    {
      title: (
        <Tooltip title="评价卡片发出的时间：评价计入发卡当天">
          <span>邀评时间</span>
        </Tooltip>
      ),
      key: 'sent_at',
      width: 100,
      render: (_: unknown, r) => (
        <Tooltip title={r.rated_at ? `评价时间 ${r.rated_at}` : undefined}>
          <span className="sd-num">{timeOn(r.day, r.sent_at ?? r.rated_at)}</span>
        </Tooltip>
      ),
    },
    wholeTextColumn('买家', 'buyer', 100),
    {
      title: '等级',
      dataIndex: 'level',
      width: 84,
      render: (l: string, r) => (
        <Tag color={r.class ? LEVEL_COLOR[r.class] : undefined} style={{ marginInlineEnd: 0 }}>
          {l || DASH}
        </Tag>
      ),
    },
    { title: '原因', dataIndex: 'reasons', render: (t: string) => <Reasons text={t} /> },
    { title: '', key: 'flags', width: 150, render: (_: unknown, r) => <RatingFlags r={r} /> },
  ];
  return (
    <>
      <div className="sd-evidence-count" data-testid="evidence-count">
        <span>
          计入考核：满意 <b>{n.satisfied}</b> · 一般 <b>{n.neutral}</b> · 不满意 <b>{n.dissatisfied}</b>
          {n.neutral + n.dissatisfied > 0 && (
            <>
              ，其中 <b className={n.attitude > 0 ? 'sd-bad' : undefined}>{n.attitude}</b>{' '}
              条中差评选了“服务态度差”
            </>
          )}
          {n.excluded > 0 && <span className="sd-muted">；另有 {n.excluded} 条不计入</span>}
        </span>
        <span className="sd-switch-label" style={{ marginLeft: 'auto' }}>
          <Switch size="small" checked={onlyBad} onChange={setOnlyBad} />
          只看中差评
        </span>
      </div>
      <Table<Rating>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={list}
        pagination={list.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        rowClassName={(r) => (counted(r) ? '' : 'sd-row-muted')}
        locale={{ emptyText: '本月没有中差评' }}
        style={{ marginBottom: 24 }}
        data-testid="evidence-ratings"
      />
    </>
  );
}
