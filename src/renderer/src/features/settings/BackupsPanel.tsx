/**
 * 设置 → 数据库: the automatic backups (list, restore with confirmation, folder and count), and 设置 → 关于: version,
 * database, log and backups paths with 打开所在文件夹 (the back end opens only the folders it knows).
 */
import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FolderOpenOutlined, HistoryOutlined } from '@ant-design/icons';
import type { BackupEntry, BackupReason, BackupSettings, KnownFolder } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';
import { useAppInfo } from '../../data/app-info';
import { DASH } from '../../ui/format';
import { useRestoreConfirm } from './RestoreConfirm';

const REASON_ZH: Record<BackupReason, string> = {
  daily: '每日自动',
  restore: '恢复前',
  migration: '升级前',
  unlock: '解锁前',
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function OpenFolder({ folder, testId }: { folder: KnownFolder; testId: string }): ReactNode {
  const openFolder = useApiCall('app:openFolder');
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      icon={<FolderOpenOutlined />}
      data-testid={testId}
      onClick={() =>
        void openFolder({ folder }).then((r) => {
          if (!r.ok) message.error(r.error.message);
        })
      }
    >
      打开所在文件夹
    </Button>
  );
}

export function AutoBackups(): ReactNode {
  const { message } = App.useApp();
  const confirmRestore = useRestoreConfirm();
  const listQ = useApiQuery('backup:list', {});
  // an empty change reads the settings
  const settingsQ = useApiQuery('backup:settings', {});
  const saveSettings = useApiMutation('backup:settings');
  const restoreBackup = useApiMutation('backup:restore');
  const list: BackupEntry[] | null = listQ.data?.backups ?? null;
  const settings: BackupSettings | null = settingsQ.data;
  const error = listQ.error?.message ?? null;
  // the lead's edits; until they type, the stored values
  const [edits, setEdits] = useState<{ folder?: string; keep?: number | null }>({});
  const folder = edits.folder ?? settings?.folder ?? '';
  const keep = edits.keep !== undefined ? edits.keep : (settings?.keep ?? null);
  const setFolder = (v: string): void => setEdits((e) => ({ ...e, folder: v }));
  const setKeep = (v: number | null): void => setEdits((e) => ({ ...e, keep: v }));

  const save = async (): Promise<void> => {
    const r = await saveSettings({ folder: folder.trim() || null, keep: keep ?? undefined });
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    message.success('已保存自动备份设置');
    setEdits({});
  };

  const restore = (b: BackupEntry): void =>
    confirmRestore({
      title: '用这份自动备份恢复数据？',
      description: '恢复前会先自动备份当前数据（可在列表里找回）。',
      source: (
        <>
          备份时间：<b>{b.time}</b>（{REASON_ZH[b.reason]}，{formatSize(b.size)}）
        </>
      ),
      restore: async () => {
        const r = await restoreBackup({ name: b.name });
        return r.ok ? null : r.error.message;
      },
    });

  const dirty = !!settings && (folder.trim() !== settings.folder || keep !== settings.keep);
  return (
    <Card
      title={
        <Space>
          <HistoryOutlined />
          自动备份
        </Space>
      }
      extra={<OpenFolder folder="backups" testId="backups-open" />}
      style={{ marginBottom: 16 }}
      data-testid="auto-backups"
    >
      <div className="sd-muted sd-card-lead">
        每天第一次打开时、恢复之前、升级数据结构之前、解锁月份之前，都会自动备份一次，保留最近的几份。
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div className="sd-inline-form" style={{ marginBottom: 12, flexWrap: 'wrap' }}>
        <span>文件夹</span>
        <Input
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          placeholder={settings?.default_folder}
          style={{ width: 360 }}
          data-testid="backups-folder"
        />
        <span>保留</span>
        <InputNumber
          min={1}
          max={100}
          value={keep}
          onChange={(v) => setKeep(v)}
          style={{ width: 80 }}
          data-testid="backups-keep"
        />
        <span>份</span>
        <Button type="primary" disabled={!dirty} onClick={() => void save()} data-testid="backups-save">
          保存
        </Button>
      </div>
      <Table<BackupEntry>
        size="small"
        rowKey="name"
        loading={list === null && !error}
        dataSource={list ?? []}
        pagination={false}
        locale={{ emptyText: '还没有自动备份' }}
        data-testid="backups-table"
        columns={[
          {
            title: '时间',
            dataIndex: 'time',
            width: 180,
            render: (t: string) => <span className="sd-num">{t}</span>,
          },
          {
            title: '原因',
            dataIndex: 'reason',
            width: 110,
            render: (r: BackupReason) => <Tag>{REASON_ZH[r]}</Tag>,
          },
          {
            title: '大小',
            dataIndex: 'size',
            width: 110,
            align: 'right',
            render: (n: number) => <span className="sd-num">{formatSize(n)}</span>,
          },
          {
            title: '',
            key: 'restore',
            width: 110,
            render: (_: unknown, b) => (
              <Button size="small" danger onClick={() => restore(b)} data-testid="backup-restore">
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function PathText({ text, testId }: { text: string | undefined; testId: string }): ReactNode {
  if (!text) return DASH;
  return (
    <Typography.Text copyable={{ text, tooltips: ['复制路径', '已复制'] }} code data-testid={testId}>
      {text}
    </Typography.Text>
  );
}

export function AboutPanel(): ReactNode {
  const info = useAppInfo();
  return (
    <Card title="关于 ScoreDesk 客服绩效台" data-testid="settings-about">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'version', label: '程序版本', children: info?.version ?? DASH },
          {
            key: 'db',
            label: '数据库文件',
            children: (
              <Space wrap>
                <PathText text={info?.dbPath} testId="about-db" />
                <OpenFolder folder="data" testId="about-open-data" />
              </Space>
            ),
          },
          {
            key: 'log',
            label: '日志文件',
            children: (
              <Space wrap>
                <PathText text={info?.logPath} testId="about-log" />
                <OpenFolder folder="logs" testId="about-open-logs" />
              </Space>
            ),
          },
          {
            key: 'backups',
            label: '备份文件夹',
            children: (
              <Space wrap>
                <PathText text={info?.backupDir} testId="about-backups" />
                <OpenFolder folder="backups" testId="about-open-backups" />
              </Space>
            ),
          },
        ]}
      />
      <div className="sd-muted" style={{ marginTop: 12 }}>
        遇到问题时，把日志文件（scoredesk.log）发给技术支持即可：日志只记录导入的文件名、行数、耗时和错误详情，不含聊天内容和买家信息。
      </div>
    </Card>
  );
}
