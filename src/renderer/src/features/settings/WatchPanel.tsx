/** 监视文件夹: the folder under watch/ whose new files are imported by themselves, and what it imported last. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import type { FileResult } from '../../../../shared/imports';
import { useApiMutation } from '../../data/use-api-mutation';
import { useAppInfo } from '../../data/app-info';

const STATUS_TAG: Record<FileResult['status'], ReactNode> = {
  imported: <Tag color="success">已导入</Tag>,
  skipped: <Tag>已跳过</Tag>,
  failed: <Tag color="error">失败</Tag>,
  previewed: <Tag color="blue">已预览</Tag>,
};

export function WatchPanel({
  folder,
  saving,
  onSave,
}: {
  folder: string | null;
  saving: boolean;
  onSave: (folder: string | null) => Promise<string | null>;
}): ReactNode {
  const scanWatch = useApiMutation('watch:scan');
  const info = useAppInfo();
  const { message } = App.useApp();
  const [text, setText] = useState(folder ?? '');
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const [results, setResults] = useState<FileResult[] | null>(null);

  const submit = async (value: string | null): Promise<void> => {
    setError(null);
    const failed = await onSave(value);
    if (failed !== null) {
      // the server says why (文件夹不存在…): keep it next to the input too
      setError(failed);
      return;
    }
    setResults(null);
    if (value === null) setText('');
  };

  const scan = async (): Promise<void> => {
    setScanning(true);
    const r = await scanWatch({});
    setScanning(false);
    if (!r.ok) {
      message.error(`扫描失败：${r.error.message}`);
      return;
    }
    setResults(r.data.files);
    const imported = r.data.files.filter((f) => f.status === 'imported').length;
    if (r.data.files.length === 0) message.info('没有发现新的文件');
    else message.success(`扫描了 ${r.data.files.length} 个新文件，导入 ${imported} 个`);
  };

  const trimmed = text.trim();
  return (
    <Card
      size="small"
      title={
        <Space>
          <FolderOpenOutlined />
          监视文件夹
        </Space>
      }
      extra={
        folder ? (
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            监视中
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>未设置</Tag>
        )
      }
      data-testid="watch"
    >
      <div className="sd-muted sd-card-lead">
        把平台后台的下载目录设为监视文件夹，新的 xlsx / xls / csv 文件会每 30
        秒自动导入一次（已导入过的文件不会重复导入）。
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onPressEnter={() => trimmed && void submit(trimmed)}
          placeholder={
            info?.host === 'electron' ? '例如 D:\\平台导出' : '粘贴文件夹的完整路径，例如 D:\\平台导出'
          }
          status={error ? 'error' : undefined}
          allowClear
          data-testid="watch-input"
        />
        <Button
          type="primary"
          loading={saving}
          disabled={!trimmed || trimmed === folder}
          onClick={() => void submit(trimmed)}
          data-testid="watch-save"
        >
          保存
        </Button>
        <Button disabled={!folder || saving} onClick={() => void submit(null)} data-testid="watch-clear">
          清除
        </Button>
      </Space.Compact>
      <div className="sd-muted" style={{ fontSize: 12, marginTop: 6 }}>
        {info?.host === 'web'
          ? '浏览器版无法弹出选择文件夹的窗口：请在资源管理器 / 访达的地址栏复制文件夹路径，粘贴到这里。'
          : '填写文件夹的完整路径（可从资源管理器 / 访达的地址栏复制）。'}
      </div>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="watch-error" />
      )}
      <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          icon={<ReloadOutlined />}
          loading={scanning}
          disabled={!folder}
          onClick={() => void scan()}
          data-testid="watch-scan"
        >
          立即扫描
        </Button>
        {folder && (
          <Typography.Text className="sd-ellipsis sd-muted" style={{ maxWidth: 360 }} title={folder}>
            当前：{folder}
          </Typography.Text>
        )}
      </div>
      {results && (
        <div style={{ marginTop: 12 }} data-testid="watch-results">
          {results.length === 0 ? (
            <div className="sd-muted">没有新的文件。刚写入不到 5 秒的文件会在下次扫描时导入。</div>
          ) : (
            <ul className="sd-scan-list">
              {results.map((f) => (
                <li key={f.file}>
                  {STATUS_TAG[f.status]}
                  <span className="sd-file-name">{f.file}</span>
                  {f.message && <span className="sd-file-sub">{f.message}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
