import { useEffect, useMemo, type ReactNode } from 'react';
import { App, Button, Card, Space, Upload, type UploadProps } from 'antd';
import { DownloadOutlined, FolderOpenOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ImportBatchInfo, MappingRequest } from '../../../../shared/imports';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { PageHead } from '../../ui/PageHead';
import { useModalTarget } from '../../ui/use-modal-target';
import { HISTORY_EXPORT_COLUMNS, historyExportRows } from './import-history-export';
import { HistoryTable } from './HistoryTable';
import { ImportOptionsCard } from './ImportOptionsCard';
import { ACCEPT } from './import-preview';
import { MappingModal } from './MappingModal';
import { PreviewCard } from './PreviewCard';
import { TemplateMenu } from './TemplateMenu';
import { useImportFlow } from './use-import-flow';
import { useWatchNotice } from './use-watch-notice';

export function ImportPage(): ReactNode {
  const flow = useImportFlow();
  const { busy, files, options } = flow;
  const undoImport = useApiMutation('import:undo');
  const { message } = App.useApp();
  const [mapping, mappingSerial, setMapping] = useModalTarget<{ file: string; request: MappingRequest }>();
  useWatchNotice();

  const historyQ = useApiQuery('import:history', {});
  const history: ImportBatchInfo[] = useMemo(
    () => [...(historyQ.data ?? [])].sort((a, b) => b.id - a.id),
    [historyQ.data],
  );
  useEffect(() => {
    if (historyQ.error) message.error(`读取导入记录失败：${historyQ.error.message}`);
  }, [historyQ.error, message]);

  const undo = async (b: ImportBatchInfo): Promise<void> => {
    const r = await undoImport({ batchId: b.id });
    if (r.ok)
      message.success(`已撤销“${b.file_name}”：删除 ${r.data.removed} 条，恢复 ${r.data.restored} 条`);
    else message.error(`撤销失败：${r.error.message}`);
  };

  const uploadProps: UploadProps = {
    multiple: true,
    showUploadList: false,
    fileList: [],
    disabled: busy,
    beforeUpload: (file) => {
      flow.addFile(file);
      return Upload.LIST_IGNORE;
    },
  };

  return (
    <div>
      <PageHead
        title="导入"
        description="把抖音、快手、京东、淘宝后台下载的数据文件拖进来。先预览检测结果，确认无误后再导入；导入后可以撤销。"
      />

      <Card
        title="选择文件"
        style={{ marginBottom: 16 }}
        extra={
          <Space size={12}>
            <span className="sd-muted">支持 xlsx / xls / csv，可一次选择多个文件</span>
            <TemplateMenu />
          </Space>
        }
      >
        <div style={{ display: 'flex', gap: 16, alignItems: 'stretch', flexWrap: 'wrap' }}>
          <div style={{ flex: '1 1 480px' }} data-testid="import-dropzone">
            <Upload.Dragger {...uploadProps} accept={ACCEPT}>
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">将导出文件拖到这里，或点击选择文件</p>
              <p className="ant-upload-hint">文件只在本机处理，不会上传到任何服务器</p>
            </Upload.Dragger>
          </div>
          <div
            style={{
              flex: '0 1 320px',
              display: 'flex',
              flexDirection: 'column',
              gap: 12,
              justifyContent: 'center',
            }}
          >
            <div data-testid="import-folder">
              <Upload {...uploadProps} directory accept={ACCEPT}>
                <Button icon={<FolderOpenOutlined />} disabled={busy}>
                  选择文件夹
                </Button>
              </Upload>
            </div>
            <div className="sd-muted" style={{ fontSize: 12 }}>
              选择整个文件夹时，只会加入其中的表格文件（xlsx / xls /
              csv）。同名文件再次加入会替换列表中的旧文件。
            </div>
          </div>
        </div>
      </Card>

      <ImportOptionsCard options={options} setOptions={flow.setOptions} busy={busy} />

      {files.length > 0 && <PreviewCard flow={flow} onMapping={setMapping} />}

      <MappingModal
        key={mappingSerial}
        open={!!mapping}
        file={mapping?.file ?? ''}
        request={mapping?.request ?? null}
        onClose={() => setMapping(null)}
        onSaved={() => {
          setMapping(null);
          flow.repreview();
        }}
      />

      <Card
        title="导入记录"
        extra={
          <Space size={8}>
            <Button
              icon={<DownloadOutlined />}
              size="small"
              disabled={history.length === 0}
              onClick={() =>
                saveBytes(
                  exportFileName('导入记录', null),
                  tableXlsx('导入记录', HISTORY_EXPORT_COLUMNS, historyExportRows(history)),
                )
              }
              data-testid="history-export"
            >
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} onClick={historyQ.reload} size="small">
              刷新
            </Button>
          </Space>
        }
      >
        <HistoryTable rows={history} loading={historyQ.loading} onUndo={undo} />
      </Card>
    </div>
  );
}
