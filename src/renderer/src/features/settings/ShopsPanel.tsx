/**
 * 店铺与客户: every shop with its platform, how many accounts it has and when its data was last imported. Read-only
 * until clients (甲方) can be kept here; shops appear by themselves when their data is imported.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Card, Table, Tag, type TableColumnsType } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { ImportBatchInfo } from '../../../../shared/imports';
import type { RosterView } from '../../../../shared/settings';
import { getApi } from '../../api/client';
import { DASH, PLATFORM_COLOR, formatDateTime } from '../../ui/format';
import { hrefOf } from '../../app/router';
import { shopRows, type ShopRow } from './shops-view';

export function ShopsPanel({ roster }: { roster: RosterView | null }): ReactNode {
  const api = getApi();
  const [history, setHistory] = useState<{ rows: ImportBatchInfo[] | null; error: string | null }>({
    rows: null,
    error: null,
  });
  useEffect(() => {
    let alive = true;
    void api['import:history']({}).then((r) => {
      if (alive) setHistory(r.ok ? { rows: r.data, error: null } : { rows: [], error: r.error.message });
    });
    return () => {
      alive = false;
    };
  }, [api, roster]);

  const rows = useMemo(
    () => (roster && history.rows ? shopRows(roster.accounts, history.rows) : null),
    [roster, history.rows],
  );
  const columns: TableColumnsType<ShopRow> = [
    {
      title: '平台',
      dataIndex: 'platform',
      width: 80,
      render: (_: unknown, r) => <Tag color={PLATFORM_COLOR[r.platform]}>{PLATFORM_ZH[r.platform]}</Tag>,
    },
    { title: '店铺', dataIndex: 'shop', render: (s: string) => <span className="sd-file-name">{s}</span> },
    {
      title: '客服账号',
      dataIndex: 'accounts',
      width: 140,
      align: 'right',
      render: (_: unknown, r) => (
        <span className="sd-num">
          {r.accounts}
          {r.unbound > 0 && (
            <a href={`${hrefOf('settings')}?tab=accounts`} style={{ marginLeft: 6 }}>
              <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                {r.unbound} 个未绑定
              </Tag>
            </a>
          )}
        </span>
      ),
    },
    {
      title: '最近导入',
      dataIndex: 'lastImport',
      width: 180,
      render: (t: string | null) =>
        t ? <span className="sd-num">{formatDateTime(t)}</span> : <span className="sd-muted">{DASH}</span>,
    },
    { title: '导入次数', dataIndex: 'imports', width: 96, align: 'right' },
  ];

  return (
    <Card
      title={
        <span>
          <ShopOutlined /> 店铺与客户
        </span>
      }
      data-testid="settings-shops"
    >
      <div className="sd-muted" style={{ marginBottom: 12 }}>
        导入数据时自动登记店铺和账号。账号归属在“账号归属”中维护；按客户（甲方）分组与合同设置暂不支持。
      </div>
      {history.error && <Alert type="error" showIcon title={history.error} style={{ marginBottom: 12 }} />}
      <Table<ShopRow>
        size="small"
        rowKey="key"
        loading={rows === null}
        columns={columns}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: '还没有店铺：导入平台数据后会自动出现' }}
      />
    </Card>
  );
}
