/**
 * KCI 录入: the supervisor's judged scores (出勤, 质检 …) for every agent scored in a month, one cell per KCI item of the
 * schemes in force. A cell saves on Enter or when it loses focus; an empty cell is 未录入 (counts 0, blocks the lock).
 */
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  InputNumber,
  Progress,
  Space,
  Table,
  Tag,
  Tooltip,
  Upload,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { Month } from '../../../../shared/domain';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';
import { MonthPicker } from '../../ui/MonthPicker';

interface KciColumn {
  name: string;
  /** the largest max among the schemes that have the item */
  max: number;
  schemes: string[];
}

interface AgentRow {
  agent_id: number;
  agent: string;
  team: string | null;
  schemes: string[];
  /** KCI item names this agent needs (items of the schemes scoring them) */
  needs: Set<string>;
}

const cellKey = (agent: number, item: string): string => `${agent}|${item}`;

function KciCell({
  agent,
  item,
  max,
  month,
  saved,
  onSaved,
}: {
  agent: AgentRow;
  item: string;
  max: number;
  month: Month;
  saved: number | null;
  onSaved: (value: number | null) => void;
}): ReactNode {
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(saved);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const saveKci = useApiMutation('kci:save');
  const [last, setLast] = useState(saved);
  // a reload brought a different saved value: show it
  if (saved !== last) {
    setLast(saved);
    setValue(saved);
  }

  const commit = async (): Promise<void> => {
    if (value === saved || busy) return;
    // out of range is refused, never clamped: a clamped 120 → 100 would be saved as if the lead had typed it
    if (value !== null && (value < 0 || value > max)) {
      message.error(`${item} 的分数应在 0–${max} 之间，${value} 未保存`);
      setValue(saved);
      return;
    }
    setBusy(true);
    const r = await saveKci({ agent_id: agent.agent_id, month, item, value });
    setBusy(false);
    if (!r.ok) {
      message.error(r.error.message);
      setValue(saved);
      return;
    }
    onSaved(value);
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  };

  const missing = value === null;
  return (
    <div className="sd-kci-cell" data-missing={missing}>
      {/* no min/max on the input: antd would clamp silently; commit() refuses instead */}
      <InputNumber<number>
        size="small"
        value={value}
        placeholder="未录入"
        className={missing ? 'sd-kci-missing' : undefined}
        style={{ width: 92 }}
        disabled={busy}
        onChange={(v) => setValue(typeof v === 'number' ? v : null)}
        // typing into a filled cell replaces its value (95, then 9 5 → 95, not 9595)
        onFocus={(e) => e.currentTarget.select()}
        onBlur={() => void commit()}
        onPressEnter={() => void commit()}
        data-testid={`kci-${agent.agent}-${item}`}
        aria-label={`${agent.agent} ${item}`}
      />
      <span className="sd-kci-state">{done && <CheckOutlined style={{ color: '#12b76a' }} />}</span>
    </div>
  );
}

export function KciEntry({
  months,
  month,
  onMonth: setMonth,
}: {
  months: Month[];
  /** the app's month (the URL's), shared with every screen */
  month: Month | null;
  onMonth: (month: Month) => void;
}): ReactNode {
  const { message: kciMessage } = App.useApp();
  const scoresQ = useApiQuery('kpi:month', month ? { month } : null);
  const kciQ = useApiQuery('kci:list', month ? { month } : null);
  const lockQ = useApiQuery('month:info', month ? { month } : null);
  const importKci = useApiMutation('kci:import');
  // cells saved on this screen show at once; the reload after the save brings the same values
  const [typed, setTyped] = useState<{ month: Month | null; values: Map<string, number | null> }>({
    month,
    values: new Map(),
  });
  const data = useMemo(() => {
    if (!month) return null;
    const error = scoresQ.error ?? kciQ.error;
    if (error)
      return {
        month,
        scores: [],
        values: new Map<string, number | null>(),
        locked: false,
        error: error.message,
      };
    if (!scoresQ.data || !kciQ.data) return null;
    const values = new Map(kciQ.data.map((e) => [cellKey(e.agent_id, e.item), e.value]));
    if (typed.month === month) for (const [k, v] of typed.values) values.set(k, v);
    return { month, scores: scoresQ.data, values, locked: lockQ.data?.locked ?? false, error: null };
  }, [month, scoresQ.data, scoresQ.error, kciQ.data, kciQ.error, lockQ.data, typed]);
  const reload = (): void => {
    scoresQ.reload();
    kciQ.reload();
    lockQ.reload();
  };

  const { columns, rows } = useMemo(() => {
    const cols = new Map<string, KciColumn>();
    const agents = new Map<number, AgentRow>();
    for (const s of data?.scores ?? []) {
      for (const k of s.scheme.kci_items) {
        const c = cols.get(k.name);
        if (c) {
          c.max = Math.max(c.max, k.max);
          c.schemes.push(s.scheme.name);
        } else cols.set(k.name, { name: k.name, max: k.max, schemes: [s.scheme.name] });
      }
      for (const a of s.agents) {
        const row = agents.get(a.agent_id) ?? {
          agent_id: a.agent_id,
          agent: a.agent,
          team: a.team,
          schemes: [],
          needs: new Set<string>(),
        };
        row.schemes.push(s.scheme.name);
        for (const k of s.scheme.kci_items) row.needs.add(k.name);
        agents.set(a.agent_id, row);
      }
    }
    return {
      columns: [...cols.values()],
      rows: [...agents.values()].sort((a, b) => a.agent.localeCompare(b.agent, 'zh-CN')),
    };
  }, [data]);

  const values = data?.values ?? new Map<string, number | null>();
  const needed = rows.reduce((n, r) => n + r.needs.size, 0);
  const entered = rows.reduce(
    (n, r) => n + [...r.needs].filter((i) => (values.get(cellKey(r.agent_id, i)) ?? null) !== null).length,
    0,
  );

  const setValue = (agent: number, item: string, v: number | null): void => {
    setTyped((t) => ({
      month,
      values: new Map(t.month === month ? t.values : []).set(cellKey(agent, item), v),
    }));
  };

  const tableColumns: TableColumnsType<AgentRow> = [
    { title: '客服', dataIndex: 'agent', key: 'agent', width: 110, fixed: 'left' },
    {
      title: '团队',
      dataIndex: 'team',
      key: 'team',
      width: 100,
      render: (t: string | null) => t ?? <span className="sd-muted">—</span>,
    },
    {
      title: '适用方案',
      key: 'schemes',
      width: 240,
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.schemes.map((s) => (
            <Tag key={s} style={{ marginInlineEnd: 0 }}>
              {s}
            </Tag>
          ))}
        </Space>
      ),
    },
    ...columns.map((c): TableColumnsType<AgentRow>[number] => ({
      title: (
        <Tooltip title={`方案：${c.schemes.join('、')}`}>
          <span>
            {c.name} <span className="sd-muted sd-card-sub">满分 {c.max}</span>
          </span>
        </Tooltip>
      ),
      key: `kci-${c.name}`,
      width: 140,
      render: (_, r) =>
        r.needs.has(c.name) && data ? (
          <KciCell
            agent={r}
            item={c.name}
            max={c.max}
            month={data.month}
            saved={values.get(cellKey(r.agent_id, c.name)) ?? null}
            onSaved={(v) => setValue(r.agent_id, c.name, v)}
          />
        ) : (
          <Tooltip title="该客服适用的方案没有这一项">
            <span className="sd-muted">不适用</span>
          </Tooltip>
        ),
    })),
    {
      title: '状态',
      key: 'state',
      render: (_, r) => {
        const miss = [...r.needs].filter((i) => (values.get(cellKey(r.agent_id, i)) ?? null) === null);
        if (r.needs.size === 0) return <span className="sd-muted">无 KCI 项</span>;
        return miss.length === 0 ? (
          <Tag color="success">已录齐</Tag>
        ) : (
          <Tooltip title={`未录入：${miss.join('、')}`}>
            <Tag color="warning">缺 {miss.length} 项</Tag>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <div data-testid="kci-entry">
      <Card
        size="small"
        className="sd-kpi-card"
        title={
          <Space size={12}>
            <span>KCI 录入</span>
            {data && needed > 0 && (
              <span className="sd-kci-progress" data-testid="kci-progress">
                <Progress
                  percent={Math.round((entered / needed) * 100)}
                  size="small"
                  showInfo={false}
                  strokeColor={entered === needed ? '#12b76a' : '#f79009'}
                  style={{ width: 120, margin: 0 }}
                />
                <span className={entered === needed ? 'sd-delta-good' : 'sd-kci-warn-text'}>
                  已录入 {entered} / {needed} 项{entered < needed ? `，还缺 ${needed - entered} 项` : ''}
                </span>
              </span>
            )}
          </Space>
        }
        extra={
          <Space>
            <MonthPicker
              value={month}
              months={months}
              onChange={setMonth}
              width={120}
              size="small"
              testId="kci-month"
            />
            <Upload
              accept=".xlsx,.xls,.csv"
              showUploadList={false}
              beforeUpload={(file) => {
                void (async () => {
                  const r = await importKci({
                    file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
                  });
                  if (!r.ok) {
                    void kciMessage.error(r.error.message);
                    return;
                  }
                  const first = r.data.rejections[0];
                  void (r.data.rows.rejected
                    ? kciMessage.warning(
                        `已导入 ${r.data.rows.accepted} 行（${r.data.items.join('、')}）；${r.data.rows.rejected} 行未导入${first ? `，如第 ${first.row} 行：${first.reason}` : ''}`,
                        8,
                      )
                    : kciMessage.success(
                        `已导入 ${r.data.rows.accepted} 行 KCI（${r.data.items.join('、')}）`,
                      ));
                })();
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} data-testid="kci-import">
                从表格导入
              </Button>
            </Upload>
            <Tooltip title="重新读取">
              <Button size="small" icon={<ReloadOutlined />} onClick={reload} />
            </Tooltip>
          </Space>
        }
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="在格子里输入分数，按回车或点到别处即保存；清空 = 未录入（按 0 分计，且当月不能锁定）。"
          description={
            <span>
              也可以批量导入：准备一张表格，列为 <b>姓名</b>、<b>月份</b>（如 2026-10），每个 KCI 项一列（如
              出勤、质检），点右上角“从表格导入”。
            </span>
          }
        />
        {data?.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={data.error} />}
        {data?.locked && data.month === month && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="kci-locked"
            title={`${data.month} 已锁定：这里的修改会保存，但已锁定的得分和绩效表不变，解锁后才生效。`}
          />
        )}
        {months.length === 0 ? (
          <Empty description="还没有导入数据" />
        ) : (
          <Table<AgentRow>
            size="small"
            rowKey="agent_id"
            className="sd-num"
            pagination={false}
            loading={!data || data.month !== month}
            columns={tableColumns}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText:
                columns.length === 0 && (data?.scores.length ?? 0) > 0
                  ? '本月适用的方案都没有 KCI 项'
                  : `${month ?? ''} 没有按方案计分的客服`,
            }}
            onRow={(r) => ({ 'data-testid': `kci-row-${r.agent}` }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
    </div>
  );
}
