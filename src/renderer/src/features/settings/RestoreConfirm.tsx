/**
 * The one confirmation before a restore replaces the whole database, from an automatic backup (设置 → 数据库 → 自动备份)
 * or from a backup file the lead picks: what is restored, the warning, 替换并恢复; then the restore runs, a failure
 * is shown as 恢复失败：…, and on success the app reloads on the restored data.
 */
import type { ReactNode } from 'react';
import { Alert, App } from 'antd';

export interface RestoreRequest {
  title: string;
  /** under 当前的全部数据将被替换 */
  description: string;
  /** the backup: its time or file name */
  source: ReactNode;
  /** runs the restore: null when done, or the error to show */
  restore: () => Promise<string | null>;
}

/** `confirm(request)`: asks, restores, reports, reloads. */
export function useRestoreConfirm(): (request: RestoreRequest) => void {
  const { message, modal } = App.useApp();
  return ({ title, description, source, restore }) => {
    modal.confirm({
      title,
      icon: null,
      width: 480,
      content: (
        <div>
          <Alert
            type="warning"
            showIcon
            title="当前的全部数据将被替换"
            description={description}
            style={{ marginBottom: 12 }}
          />
          <div>{source}</div>
        </div>
      ),
      okText: '替换并恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const error = await restore();
        if (error !== null) {
          message.error(`恢复失败：${error}`);
          return;
        }
        message.success('恢复完成，正在重新加载…');
        setTimeout(() => window.location.reload(), 800);
      },
    });
  };
}
