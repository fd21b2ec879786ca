import type { ReactNode } from 'react';
import { Alert, Button, Card, Progress, Space } from 'antd';
import { ExclamationCircleFilled, ReloadOutlined, TableOutlined } from '@ant-design/icons';
import type { MappingRequest } from '../../../../shared/imports';
import { formatCount, stageZh } from '../../ui/format';
import { progressPercent } from './import-preview';
import { PreviewTable } from './PreviewTable';
import type { ImportFlow } from './use-import-flow';

/** 预览 / 导入结果: the summary, the files that need a mapping or 已核对, the table, and 确认导入 with its progress. */
export function PreviewCard({
  flow,
  onMapping,
}: {
  flow: ImportFlow;
  onMapping: (target: { file: string; request: MappingRequest }) => void;
}): ReactNode {
  const {
    files,
    rows,
    phase,
    busy,
    runError,
    allPreviewed,
    importable,
    failed,
    totals,
    unconfirmed,
    canImport,
    progress,
    cancellable,
    clearAll,
    startImport,
    cancelImport,
  } = flow;
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <span>
          {phase === 'done' ? '导入结果' : '预览'}（{files.length} 个文件）
        </span>
      }
      extra={
        <Space>
          <Button
            icon={<ReloadOutlined />}
            disabled={busy || phase === 'previewing'}
            onClick={flow.repreview}
          >
            重新预览
          </Button>
          <Button disabled={busy} onClick={clearAll}>
            清空列表
          </Button>
        </Space>
      }
      data-testid="import-preview"
    >
      {runError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="操作失败"
          description={runError}
          data-testid="import-error"
        />
      )}
      {allPreviewed && phase !== 'done' && (
        <div style={{ marginBottom: 12 }} className="sd-num" data-testid="preview-summary">
          可导入 <b>{importable.length}</b> 个文件
          {failed.length > 0 && (
            <>
              ，<span style={{ color: '#d92d20' }}>失败 {failed.length} 个（不会导入）</span>
            </>
          )}
          ；读取 {formatCount(totals.read)} 行，有效 {formatCount(totals.accepted)} 行
          {totals.rejected > 0 && (
            <span style={{ color: '#d92d20' }}>，拒绝 {formatCount(totals.rejected)} 行</span>
          )}
        </div>
      )}
      {phase !== 'done' &&
        rows
          .filter((f) => f.outcome?.kind === 'preview' && f.outcome.result.mapping)
          .map((f) => (
            <Alert
              key={`map-${f.uid}`}
              type="warning"
              showIcon
              icon={<TableOutlined />}
              style={{ marginBottom: 12 }}
              title={`“${f.file.name}”的格式无法自动识别`}
              description="如果这是自己整理的表格或平台的新版导出，可以指定每一列对应的字段（列映射）。映射会被记住，以后同样表头的文件会自动识别。"
              action={
                <Button
                  type="primary"
                  size="small"
                  disabled={phase === 'previewing'}
                  onClick={() => onMapping({ file: f.file.name, request: f.outcome!.result.mapping! })}
                  data-testid="open-mapping-top"
                >
                  设置列映射
                </Button>
              }
            />
          ))}
      {unconfirmed.length > 0 && phase !== 'done' && (
        <Alert
          type="warning"
          showIcon
          icon={<ExclamationCircleFilled />}
          style={{ marginBottom: 12 }}
          title={`有 ${unconfirmed.length} 个文件的统计期间取自文件名`}
          description="有些后台按下载日期给文件命名，文件名里的日期不一定是数据的日期。请核对每个文件的统计期间，勾选“已核对”后才能导入；如果不对，请在上面的“统计期间”里指定。"
          action={
            <Button size="small" onClick={flow.confirmAll}>
              全部已核对
            </Button>
          }
        />
      )}
      <PreviewTable flow={flow} onMapping={onMapping} />
      <div style={{ marginTop: 16, display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
        {phase !== 'importing' && phase !== 'done' && (
          <Button
            type="primary"
            size="large"
            disabled={!canImport}
            onClick={() => void startImport()}
            data-testid="import-confirm"
          >
            确认导入{importable.length > 0 ? `（${importable.length} 个文件）` : ''}
          </Button>
        )}
        {phase === 'done' && (
          <>
            <Alert
              type="success"
              showIcon
              title="导入完成，数据已重新计算。可以到“客服”页查看指标。"
              style={{ flex: 1 }}
            />
            <Button href="#/scorecards" type="primary">
              查看客服指标
            </Button>
            <Button onClick={clearAll}>继续导入其他文件</Button>
          </>
        )}
        {(phase === 'previewing' || phase === 'importing') && (
          <div style={{ flex: 1, minWidth: 320 }} data-testid="import-progress">
            <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, color: '#475467' }}>
              <span>
                {phase === 'previewing' ? '正在预览' : '正在导入'}
                {progress ? `：${stageZh(progress.stage)}` : '…'}
                {progress?.file ? ` · ${progress.file}` : ''}
              </span>
              {progress && progress.total > 0 && (
                <span className="sd-num">
                  {formatCount(progress.done)} / {formatCount(progress.total)}
                </span>
              )}
            </div>
            <Progress percent={progressPercent(progress)} status="active" showInfo={false} />
          </div>
        )}
        {phase === 'importing' && (
          <Button danger disabled={!cancellable} onClick={() => void cancelImport()}>
            取消导入
          </Button>
        )}
        {phase === 'ready' && !canImport && unconfirmed.length > 0 && (
          <span className="sd-muted">请先核对来自文件名的统计期间</span>
        )}
        {phase === 'ready' && importable.length === 0 && (
          <span style={{ color: '#d92d20' }}>没有可以导入的文件</span>
        )}
      </div>
    </Card>
  );
}
