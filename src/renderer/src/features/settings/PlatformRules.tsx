/** One platform's rule versions: a row per version, the key cell spanning a key's versions, with its status today. */
import { useMemo, type ReactNode } from 'react';
import { Button, Empty, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Platform } from '../../../../shared/domain';
import type { RuleRow } from '../../../../shared/settings';
import { ruleSinceZh, ruleSourceZh } from '../../../../shared/rule-names';
import { DASH } from '../../ui/format';
import { DeleteLink } from '../../ui/DeleteLink';
import { SINCE_ALWAYS, keyInfo, type KeyInfo, type Status, ruleValueText } from './rule-values';

const STATUS_TAG: Record<Status, ReactNode> = {
  current: <Tag color="success">当前生效</Tag>,
  future: <Tag color="processing">待生效</Tag>,
  expired: <Tag>已失效</Tag>,
  overridden: (
    <Tooltip title="有生效日期更晚的版本覆盖了今天">
      <Tag>被覆盖</Tag>
    </Tooltip>
  ),
};

interface VersionRow extends RuleRow {
  info: KeyInfo;
  /** rows of the same key: the first carries the key cell across them */
  span: number;
}

export function PlatformRules({
  platform,
  rows,
  status,
  onEdit,
  onDelete,
}: {
  platform: Platform;
  rows: RuleRow[];
  status: Map<number, Status>;
  onEdit: (r: RuleRow) => void;
  onDelete: (r: RuleRow) => Promise<void>;
}): ReactNode {
  const data: VersionRow[] = useMemo(() => {
    const mine = rows
      .filter((r) => r.platform === platform)
      .map((r) => ({ ...r, info: keyInfo(r.key), span: 0 }))
      .sort(
        (a, b) =>
          a.info.order - b.info.order ||
          a.key.localeCompare(b.key) ||
          b.effective_from.localeCompare(a.effective_from) ||
          b.id - a.id,
      );
    for (let i = 0; i < mine.length; i++) {
      if (i > 0 && mine[i - 1]!.key === mine[i]!.key) continue;
      let n = 1;
      while (i + n < mine.length && mine[i + n]!.key === mine[i]!.key) n++;
      mine[i]!.span = n;
    }
    return mine;
  }, [rows, platform]);

  const columns: TableColumnsType<VersionRow> = [
    {
      title: '规则',
      key: 'key',
      width: 210,
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_: unknown, r) => (
        <div>
          <div className="sd-file-name">
            {r.info.kind === 'threshold' ? `考核线 · ${r.info.zh}` : r.info.zh}
          </div>
        </div>
      ),
    },
    {
      title: '生效期间',
      key: 'period',
      width: 200,
      render: (_: unknown, r) => (
        <span className="sd-num">
          {r.effective_from === SINCE_ALWAYS ? (
            <Tooltip title="默认版本：没有更早的版本，一直有效">
              <span className="sd-muted">{ruleSinceZh(r.effective_from)}</span>
            </Tooltip>
          ) : (
            r.effective_from
          )}
          <span className="sd-muted"> → </span>
          {r.effective_to ?? <span className="sd-muted">长期</span>}
        </span>
      ),
    },
    {
      title: '值',
      key: 'value',
      width: 120,
      render: (_: unknown, r) => (
        <span className="sd-num" style={{ fontWeight: 600 }} data-testid="rule-value">
          {ruleValueText(r.key, r.value)}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 96,
      render: (_: unknown, r) => STATUS_TAG[status.get(r.id) ?? 'expired'],
    },
    {
      // wraps: a source is a sentence (系统默认值（可按合同修改）, 平台公开规则：最终付款人数/当日询单人数)
      title: '来源',
      dataIndex: 'source',
      width: 150,
      render: (s: string | null) => <span className="sd-muted">{ruleSourceZh(s)}</span>,
    },
    // the rest of the row: about 80 px at 1280 wide, more on a wider window
    {
      title: '备注',
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (n: string | null) => n ?? <span className="sd-muted">{DASH}</span>,
    },
    {
      title: '操作',
      key: 'op',
      width: 144,
      render: (_: unknown, r) => (
        <Space size={0}>
          {r.info.kind ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)}>
              编辑
            </Button>
          ) : (
            <Tooltip title="这一项暂时只能查看，不能在界面中修改">
              <Button type="link" size="small" icon={<EditOutlined />} disabled>
                编辑
              </Button>
            </Tooltip>
          )}
          <DeleteLink title="删除这个规则版本？" onConfirm={() => void onDelete(r)}>
            {r.info.zh} {ruleValueText(r.key, r.value)}（
            {r.effective_from === SINCE_ALWAYS ? '默认版本' : `${r.effective_from} 起`}
            ）。删除后由其他版本接替，所有月份会重新计算。
          </DeleteLink>
        </Space>
      ),
    },
  ];

  return (
    <Table<VersionRow>
      size="small"
      bordered
      rowKey="id"
      columns={columns}
      dataSource={data}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这个平台还没有规则" /> }}
      data-testid={`rules-table-${platform}`}
    />
  );
}
