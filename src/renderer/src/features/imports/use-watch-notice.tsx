import { App } from 'antd';
import { useAppEvent } from '../../data/use-app-event';

/** The watched folder imports on its own (every 30 s, or 立即扫描 in 设置): tell the lead what it did. */
export function useWatchNotice(): void {
  const { notification } = App.useApp();
  useAppEvent('watch:imported', (e) => {
    if (e.files.length === 0) return;
    const imported = e.files.filter((f) => f.status === 'imported').length;
    const failedN = e.files.filter((f) => f.status === 'failed').length;
    notification[failedN > 0 ? 'warning' : 'success']({
      key: 'watch-imported',
      title:
        imported > 0
          ? `监视文件夹自动导入了 ${imported} 个文件`
          : `监视文件夹发现 ${e.files.length} 个新文件，没有导入`,
      description: (
        <div data-testid="watch-notice">
          {e.files.slice(0, 6).map((f) => (
            <div key={f.file} style={{ maxWidth: 330 }}>
              <div className="sd-ellipsis" title={f.file}>
                {f.status === 'imported' ? '✓' : f.status === 'failed' ? '✗' : '–'} {f.file}
                {f.status === 'skipped' && <span className="sd-muted">（已导入过，跳过）</span>}
              </div>
              {f.status === 'failed' && f.message && (
                <div className="sd-file-error" style={{ paddingLeft: 14 }}>
                  {f.message}
                </div>
              )}
            </div>
          ))}
          {e.files.length > 6 && <div className="sd-muted">…等 {e.files.length} 个文件</div>}
          {failedN > 0 && (
            <div className="sd-muted" style={{ marginTop: 4 }}>
              导入失败的文件可以拖到上面重新预览，查看原因或指定统计期间。
            </div>
          )}
        </div>
      ),
      placement: 'bottomRight',
      duration: 8,
    });
  });
}
