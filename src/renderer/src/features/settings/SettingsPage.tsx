import type { Output } from '../../../../shared/api';
import { useCallback, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Tabs, Typography, Upload } from 'antd';
import {
  CloudDownloadOutlined,
  CloudUploadOutlined,
  ControlOutlined,
  BellOutlined,
  DatabaseOutlined,
  InfoCircleOutlined,
  LinkOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';
import { useAppInfo } from '../../data/app-info';
import { PageHead } from '../../ui/PageHead';
import { RosterAgents } from './RosterEditor';
import { AccountOwnership } from './AccountOwnership';
import { RulesEditor } from './RulesEditor';
import { MappingsList } from './MappingsList';
import { DataPanel } from './DataPanel';
import { ShopsPanel } from './ShopsPanel';
import { AboutPanel, AutoBackups } from './BackupsPanel';
import { useRestoreConfirm } from './RestoreConfirm';
import { DASH } from '../../ui/format';
import { setHashParam, useHashParam } from '../../app/router';
import { AlertSettingsPanel } from '../alerts/AlertSettingsPanel';

const TABS = ['roster', 'accounts', 'shops', 'rules', 'mappings', 'data', 'alerts', 'db', 'about'] as const;
type SettingsTab = (typeof TABS)[number];

/** One API list for a settings tab: its answer, error and a reload the editors call after a change. */
function useList<M extends 'roster:list' | 'rules:list' | 'mapping:list' | 'mapping:targets'>(
  method: M,
): { data: Output<M> | null; error: string | null; reload: () => Promise<void> } {
  const q = useApiQuery(method, {});
  const reload = q.reload;
  return {
    data: q.data,
    error: q.error?.message ?? null,
    reload: useCallback(() => Promise.resolve(reload()), [reload]),
  };
}

function Loading({ error, retry }: { error: string | null; retry: () => void }): ReactNode {
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        title="读取失败"
        description={error}
        action={
          <Button size="small" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  }
  return <Skeleton active paragraph={{ rows: 6 }} />;
}

export function SettingsPage(): ReactNode {
  const param = useHashParam('tab');
  const tab: SettingsTab = (TABS as readonly string[]).includes(param ?? '')
    ? (param as SettingsTab)
    : 'roster';
  // an import brings new accounts and a roster file brings agents: every query reloads after a data change
  const roster = useList('roster:list');
  const rules = useList('rules:list');
  const mappings = useList('mapping:list');
  const targets = useList('mapping:targets');

  const unowned = roster.data?.accounts.filter((a) => a.owners.length === 0).length ?? 0;

  return (
    <div>
      <PageHead
        title="设置"
        description="花名册（客服 ↔ 平台账号）、各平台的考核规则版本、列映射、数据口径与定时重算，以及数据库备份与恢复。"
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          // nine tabs in one row at 1280 wide, none behind the “…” menu
          tabBarGutter={20}
          onChange={(k) => setHashParam('tab', k)}
          items={[
            {
              key: 'roster',
              icon: <TeamOutlined />,
              label: (
                <span data-testid="settings-tab-roster">
                  花名册
                  {roster.data && <span className="sd-muted"> {roster.data.agents.length}</span>}
                </span>
              ),
              children: roster.data ? (
                <RosterAgents view={roster.data} reload={roster.reload} />
              ) : (
                <Loading error={roster.error} retry={() => void roster.reload()} />
              ),
            },
            {
              key: 'accounts',
              icon: <LinkOutlined />,
              label: (
                <span data-testid="settings-tab-accounts">
                  账号归属
                  {unowned > 0 && <span className="sd-tab-badge">{unowned} 未绑定</span>}
                </span>
              ),
              children: roster.data ? (
                <AccountOwnership view={roster.data} reload={roster.reload} />
              ) : (
                <Loading error={roster.error} retry={() => void roster.reload()} />
              ),
            },
            {
              key: 'shops',
              icon: <ShopOutlined />,
              label: <span data-testid="settings-tab-shops">店铺与客户</span>,
              children: <ShopsPanel roster={roster.data} />,
            },
            {
              key: 'rules',
              icon: <SafetyCertificateOutlined />,
              label: <span data-testid="settings-tab-rules">平台规则</span>,
              children: rules.data ? (
                <RulesEditor rows={rules.data} reload={rules.reload} />
              ) : (
                <Loading error={rules.error} retry={() => void rules.reload()} />
              ),
            },
            {
              key: 'mappings',
              icon: <TableOutlined />,
              label: (
                <span data-testid="settings-tab-mappings">
                  列映射
                  {mappings.data && <span className="sd-muted"> {mappings.data.length}</span>}
                </span>
              ),
              children: mappings.data ? (
                <MappingsList rows={mappings.data} targets={targets.data ?? []} reload={mappings.reload} />
              ) : (
                <Loading error={mappings.error} retry={() => void mappings.reload()} />
              ),
            },
            {
              key: 'data',
              icon: <ControlOutlined />,
              label: <span data-testid="settings-tab-data">数据与计算</span>,
              children: <DataPanel />,
            },
            {
              key: 'alerts',
              icon: <BellOutlined />,
              label: <span data-testid="settings-tab-alerts">提醒</span>,
              children: <AlertSettingsPanel />,
            },
            {
              key: 'db',
              icon: <DatabaseOutlined />,
              label: <span data-testid="settings-tab-db">数据库</span>,
              children: <DatabasePanel />,
            },
            {
              key: 'about',
              icon: <InfoCircleOutlined />,
              label: <span data-testid="settings-tab-about">关于</span>,
              children: <AboutPanel />,
            },
          ]}
        />
      </Card>
    </div>
  );
}

function DatabasePanel(): ReactNode {
  const backupDb = useApiCall('db:backup');
  const restoreDb = useApiMutation('db:restore');
  const info = useAppInfo();
  const { message } = App.useApp();
  const confirmRestore = useRestoreConfirm();
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState(false);

  const backup = async (): Promise<void> => {
    setBackingUp(true);
    const r = await backupDb({});
    setBackingUp(false);
    if (!r.ok) {
      message.error(`备份失败：${r.error.message}`);
      return;
    }
    saveBytes(r.data.name, r.data.bytes);
    message.success(`已生成备份文件 ${r.data.name}`);
  };

  const restore = (file: File): void =>
    confirmRestore({
      title: '用备份文件恢复数据？',
      description:
        '恢复后，数据库会变成备份文件里的内容。恢复前会先自动备份当前数据（见下方“自动备份”），需要时可以找回。',
      source: (
        <>
          备份文件：<b>{file.name}</b>
        </>
      ),
      restore: async () => {
        setRestoring(true);
        try {
          let bytes: Uint8Array;
          try {
            bytes = new Uint8Array(await file.arrayBuffer());
          } catch (e) {
            return `读取文件失败：${String(e)}`;
          }
          const r = await restoreDb({ file: { name: file.name, bytes } });
          return r.ok ? null : r.error.message;
        } finally {
          setRestoring(false);
        }
      },
    });

  return (
    <div>
      <Card title="数据库" style={{ marginBottom: 16 }} data-testid="settings-db">
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 120 } }}
          items={[
            {
              key: 'path',
              label: '数据库文件',
              children: info ? (
                <Typography.Text
                  copyable={{ text: info.dbPath, tooltips: ['复制路径', '已复制'] }}
                  code
                  data-testid="db-path"
                >
                  {info.dbPath}
                </Typography.Text>
              ) : (
                DASH
              ),
            },
            {
              key: 'host',
              label: '运行方式',
              children: info ? (info.host === 'electron' ? '桌面版' : '浏览器版（仅本机可访问）') : DASH,
            },
            { key: 'version', label: '程序版本', children: info?.version ?? DASH },
            { key: 'schema', label: '数据结构版本', children: info?.schemaVersion ?? DASH },
          ]}
        />
        <div className="sd-muted" style={{ margin: '12px 0' }}>
          所有数据只保存在这台电脑的这个文件里。定期备份，换电脑时用“恢复”把备份文件导入即可。
        </div>
        <Space wrap>
          <Button
            type="primary"
            icon={<CloudDownloadOutlined />}
            loading={backingUp}
            onClick={() => void backup()}
            data-testid="db-backup"
          >
            备份
          </Button>
          <Upload
            accept=".db,.sqlite,.sqlite3,.bak"
            showUploadList={false}
            fileList={[]}
            beforeUpload={(file) => {
              restore(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button danger icon={<CloudUploadOutlined />} loading={restoring} data-testid="db-restore">
              恢复…
            </Button>
          </Upload>
        </Space>
      </Card>

      <AutoBackups />
    </div>
  );
}
