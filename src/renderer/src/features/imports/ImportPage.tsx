import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Dropdown,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadProps,
} from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  DownOutlined,
  DownloadOutlined,
  ExclamationCircleFilled,
  FolderOpenOutlined,
  InboxOutlined,
  LoadingOutlined,
  MinusCircleFilled,
  QuestionCircleOutlined,
  ReloadOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { Input as ApiInput } from '../../../../shared/api';
import type {
  FileResult,
  ImportBatchInfo,
  ImportOptions,
  MappingRequest,
  PeriodConflict,
  Rejection,
} from '../../../../shared/imports';
import { runImportJob, type JobProgress } from '../../data/jobs';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';
import { useAppEvent } from '../../data/use-app-event';
import { saveBytes } from '../../ui/save-bytes';
import { exportFileName, tableXlsx } from '../../ui/table-xlsx';
import { HISTORY_EXPORT_COLUMNS, historyExportRows } from './import-history-export';
import { PageHead } from '../../ui/PageHead';
import { MappingModal } from './MappingModal';
import { useModalTarget } from '../../ui/use-modal-target';
import {
  DASH,
  PERIOD_SOURCE_ZH,
  PLATFORM_COLOR,
  formatBytes,
  formatCount,
  formatDateTime,
  formatPeriod,
  platformZh,
  stageZh,
} from '../../ui/format';

type TemplateKind = ApiInput<'import:template'>['kind'];

/** The event-level templates (imports.md §3): what each is for and its columns, in the file's order. */
const TEMPLATES: { kind: TemplateKind; zh: string; use: string; columns: string }[] = [
  {
    kind: 'messages',
    zh: '聊天记录',
    use: '逐条计算 3 分钟回复率、响应时长',
    columns: '平台、店铺、会话ID、客服账号、买家、发送方、消息时间、自动回复、接入时间、消息内容',
  },
  {
    kind: 'ratings',
    zh: '评价明细',
    use: '好评率、服务态度差中差评率',
    columns:
      '平台、店铺、客服账号、会话ID、买家、邀评时间、评价时间、评价等级、不满意原因、评价渠道、服务类型、是否剔除、评价ID',
  },
  {
    kind: 'orders',
    zh: '订单',
    use: '询单转化率、客服销售额、售后 FCR',
    columns: '平台、店铺、订单号、买家、下单时间、支付时间、实付金额、归属客服账号',
  },
  {
    kind: 'exams',
    zh: '考试预警',
    use: '抖音消极服务考试预警',
    columns: '平台、店铺、客服账号、预警周期、预警原因、通知日期、考试截止、考试时间、考试成绩',
  },
];

function TemplateMenu(): ReactNode {
  const template = useApiCall('import:template');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async (kind: TemplateKind): Promise<void> => {
    setBusy(true);
    const r = await template({ kind });
    setBusy(false);
    if (!r.ok) {
      message.error(`下载模板失败：${r.error.message}`);
      return;
    }
    saveBytes(r.data.name, r.data.bytes);
    message.success(`已下载 ${r.data.name}`);
  };
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        className: 'sd-template-menu',
        onClick: ({ key }) => void download(key as TemplateKind),
        items: [
          {
            key: 'head',
            type: 'group',
            label: '明细数据模板：表头和一行示例，按模板整理后拖进来即可导入',
            children: TEMPLATES.map((t) => ({
              key: t.kind,
              label: (
                <div className="sd-template-item" data-testid={`template-${t.kind}`}>
                  <div>
                    <b>{t.zh}</b>
                    <span className="sd-muted" style={{ marginLeft: 8 }}>
                      {t.use}
                    </span>
                  </div>
                  <div className="sd-template-cols">{t.columns}</div>
                </div>
              ),
            })),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="template-menu">
        下载模板 <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}

/** A file the lead picked; `uid` identifies it across previews (same path, size and time = same file). */
interface Picked {
  uid: string;
  file: File;
  /** Path inside a picked folder, else the name. */
  path: string;
}

interface Options {
  strict: boolean;
  force: boolean;
  platform: Platform | null;
  shop: string;
  period: [Dayjs, Dayjs] | null;
}

type Phase = 'idle' | 'previewing' | 'ready' | 'importing' | 'done';

interface Outcome {
  kind: 'preview' | 'import';
  result: FileResult;
}

const ACCEPT = '.xlsx,.xls,.xlsm,.csv,.htm,.html';
const EMPTY_OPTIONS: Options = { strict: false, force: false, platform: null, shop: '', period: null };

function toApiOptions(o: Options, dryRun: boolean): ImportOptions {
  const out: ImportOptions = { dryRun };
  if (o.strict) out.strict = true;
  if (o.force) out.force = true;
  if (o.platform) out.platform = o.platform;
  if (o.shop.trim()) out.shop = o.shop.trim();
  if (o.period) out.period = { from: o.period[0].format('YYYY-MM-DD'), to: o.period[1].format('YYYY-MM-DD') };
  return out;
}

type FileInputs = ApiInput<'import:start'>['files'];

async function readFiles(files: Picked[]): Promise<FileInputs> {
  return Promise.all(
    files.map(async (f) => ({ name: f.file.name, bytes: new Uint8Array(await f.file.arrayBuffer()) })),
  );
}

/** Results come back in input order; fall back to the file name if the back end reordered them. */
function matchResults(
  files: Picked[],
  results: FileResult[],
  kind: Outcome['kind'],
): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  files.forEach((f, i) => {
    const byIndex = results[i];
    const result =
      byIndex && byIndex.file === f.file.name
        ? byIndex
        : (results.find((r) => r.file === f.file.name) ?? byIndex);
    if (result) out[f.uid] = { kind, result };
  });
  return out;
}

function StatusTag({ outcome, pending }: { outcome: Outcome | undefined; pending: boolean }): ReactNode {
  if (!outcome) {
    return pending ? (
      <Tag icon={<LoadingOutlined />} color="processing">
        检测中
      </Tag>
    ) : (
      <Tag>待检测</Tag>
    );
  }
  const { kind, result } = outcome;
  switch (result.status) {
    case 'previewed':
      return (
        <Tag icon={<CheckCircleFilled />} color="blue">
          可导入
        </Tag>
      );
    case 'imported':
      return (
        <Tag icon={<CheckCircleFilled />} color="success">
          已导入
        </Tag>
      );
    case 'skipped':
      return (
        <Tag icon={<MinusCircleFilled />} color="default">
          {kind === 'preview' ? '将跳过' : '已跳过'}
        </Tag>
      );
    case 'failed':
      return (
        <Tag icon={<CloseCircleFilled />} color="error">
          失败
        </Tag>
      );
  }
}

function RejectionTable({ rows }: { rows: Rejection[] }): ReactNode {
  const columns: TableColumnsType<Rejection> = [
    { title: '工作表', dataIndex: 'sheet', width: 140, ellipsis: true },
    {
      title: '行号',
      dataIndex: 'row',
      width: 80,
      align: 'right',
      render: (n: number) => <span className="sd-num">{n}</span>,
    },
    { title: '列', dataIndex: 'column', width: 160, ellipsis: true },
    {
      title: '值',
      dataIndex: 'value',
      width: 200,
      ellipsis: true,
      render: (v: string) => (v === '' ? <span className="sd-muted">（空）</span> : v),
    },
    { title: '原因', dataIndex: 'reason' },
  ];
  return (
    <Table<Rejection>
      size="small"
      rowKey={(r) => `${r.sheet}|${r.row}|${r.column}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      data-testid="rejections"
    />
  );
}

function ConflictTable({ rows }: { rows: PeriodConflict[] }): ReactNode {
  const columns: TableColumnsType<PeriodConflict> = [
    { title: '账号', dataIndex: 'account', width: 180, ellipsis: true },
    { title: '字段', dataIndex: 'field', width: 140 },
    {
      title: '已有数据',
      width: 230,
      render: (_: unknown, c) =>
        `${formatPeriod(c.existing.from, c.existing.to)}（批次 #${c.existing.batch_id}）`,
    },
    { title: '本文件', width: 190, render: (_: unknown, c) => formatPeriod(c.incoming.from, c.incoming.to) },
    { title: '说明', dataIndex: 'message' },
  ];
  return (
    <Table<PeriodConflict>
      size="small"
      rowKey={(c, i) => `${c.account}|${c.field}|${i ?? 0}`}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
    />
  );
}

function FileDetail({ outcome }: { outcome: Outcome }): ReactNode {
  const r = outcome.result;
  const shown = r.accounts.slice(0, 40);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', padding: '4px 8px 8px' }}>
      {r.message && (
        <Alert
          type={
            r.status === 'failed'
              ? 'error'
              : r.rows.rejected > 0 || r.conflicts.length > 0
                ? 'warning'
                : 'info'
          }
          showIcon
          title={r.message}
        />
      )}
      {r.conflicts.length > 0 && (
        <div>
          <Typography.Text strong>期间重叠（{r.conflicts.length}）</Typography.Text>
          <div className="sd-muted" style={{ marginBottom: 6 }}>
            已有数据的期间与本文件部分重叠：两者都会保留，请核对是否重复。
          </div>
          <ConflictTable rows={r.conflicts} />
        </div>
      )}
      <div>
        <Typography.Text strong>账号（{r.accounts.length}）</Typography.Text>
        <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {shown.length === 0 && <span className="sd-muted">无</span>}
          {shown.map((a) => (
            <Tag key={a} style={{ marginInlineEnd: 0 }}>
              {a}
            </Tag>
          ))}
          {r.accounts.length > shown.length && <span className="sd-muted">等 {r.accounts.length} 个</span>}
        </div>
      </div>
      <div>
        <Typography.Text strong>被拒绝的行（{r.rejections.length}）</Typography.Text>
        {r.rejections.length > 0 ? (
          <div style={{ marginTop: 6 }}>
            <RejectionTable rows={r.rejections} />
          </div>
        ) : (
          <div className="sd-muted" style={{ marginTop: 4 }}>
            没有被拒绝的行。
          </div>
        )}
      </div>
    </Space>
  );
}

function HistoryTable({
  rows,
  loading,
  onUndo,
}: {
  rows: ImportBatchInfo[];
  loading: boolean;
  onUndo: (b: ImportBatchInfo) => Promise<void>;
}): ReactNode {
  const columns: TableColumnsType<ImportBatchInfo> = [
    {
      // the number refusals and 对账 cite (“已被批次 #12 导入”): findable here
      title: '批次',
      dataIndex: 'id',
      width: 64,
      render: (id: number) => (
        <span className="sd-num" data-testid="batch-id">
          #{id}
        </span>
      ),
    },
    {
      title: '导入时间',
      dataIndex: 'imported_at',
      width: 160,
      render: (t: string) => <span className="sd-num">{formatDateTime(t)}</span>,
    },
    {
      title: '文件',
      dataIndex: 'file_name',
      width: 180,
      render: (name: string, b) => (
        <span className="sd-file-name" style={b.status === 'undone' ? { color: '#98a2b3' } : undefined}>
          {name}
        </span>
      ),
    },
    { title: '类型', dataIndex: 'layout_zh', width: 130, render: (t: string) => t || DASH },
    {
      title: '平台',
      dataIndex: 'platform',
      width: 64,
      render: (p: Platform | null) => (p ? <Tag color={PLATFORM_COLOR[p]}>{PLATFORM_ZH[p]}</Tag> : DASH),
    },
    { title: '店铺', dataIndex: 'shop', width: 120, ellipsis: true, render: (s: string | null) => s ?? DASH },
    {
      title: '统计期间',
      width: 170,
      render: (_: unknown, b) => (
        <span className="sd-num">
          {formatPeriod(b.period_from, b.period_to)}
          {b.period_source === 'file_name' && (
            <Tag color="warning" style={{ marginLeft: 6 }}>
              来自文件名
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '行数',
      width: 110,
      align: 'right',
      render: (_: unknown, b) => (
        <Tooltip
          title={`读取 ${b.rows.read}，有效 ${b.rows.accepted}，拒绝 ${b.rows.rejected}，新增 ${b.rows.new}，更新 ${b.rows.updated}，未变 ${b.rows.unchanged}`}
        >
          <span className="sd-num">
            {formatCount(b.rows.accepted)}
            <span className="sd-muted"> / {formatCount(b.rows.read)}</span>
            {b.rows.rejected > 0 && <span style={{ color: '#d92d20' }}> 拒{b.rows.rejected}</span>}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 70,
      // with 操作, always in view: on a narrow window the middle of the row scrolls
      fixed: 'right',
      render: (s: ImportBatchInfo['status']) =>
        s === 'active' ? <Tag color="success">有效</Tag> : <Tag>已撤销</Tag>,
    },
    {
      title: '操作',
      width: 64,
      fixed: 'right',
      render: (_: unknown, b) =>
        b.status === 'active' ? (
          <Popconfirm
            title="撤销这次导入？"
            description={
              <div style={{ maxWidth: 300 }}>
                “{b.file_name}”导入的数据将被删除，被它替换的旧数据会恢复，相关月份会重新计算。
              </div>
            }
            okText="撤销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => {
              void onUndo(b);
            }}
          >
            <Button type="link" size="small" danger data-testid="undo-batch">
              撤销
            </Button>
          </Popconfirm>
        ) : (
          <span className="sd-muted">—</span>
        ),
    },
  ];
  return (
    <Table<ImportBatchInfo>
      size="middle"
      rowKey="id"
      loading={loading}
      columns={columns}
      dataSource={rows}
      // the columns: the whole table fits 1440 wide
      scroll={{ x: 1132 }}
      pagination={{
        pageSize: 10,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => `共 ${n} 次导入`,
      }}
      locale={{ emptyText: '还没有导入记录' }}
      data-testid="import-history"
    />
  );
}

export function ImportPage(): ReactNode {
  const cancelJob = useApiCall('job:cancel');
  const undoImport = useApiMutation('import:undo');
  const { message, notification } = App.useApp();
  const [files, setFiles] = useState<Picked[]>([]);
  const [options, setOptions] = useState<Options>(EMPTY_OPTIONS);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [runError, setRunError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<Set<string>>(() => new Set());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [mapping, mappingSerial, setMapping] = useModalTarget<{ file: string; request: MappingRequest }>();
  // the newest preview wins: older previews still running are cancelled and their results dropped
  const seq = useRef(0);
  const previewJob = useRef<string | null>(null);

  const historyQ = useApiQuery('import:history', {});
  const history: ImportBatchInfo[] = useMemo(
    () => [...(historyQ.data ?? [])].sort((a, b) => b.id - a.id),
    [historyQ.data],
  );
  const historyLoading = historyQ.loading;
  const loadHistory = historyQ.reload;
  useEffect(() => {
    if (historyQ.error) message.error(`读取导入记录失败：${historyQ.error.message}`);
  }, [historyQ.error, message]);

  // the watched folder imports on its own (every 30 s, or 立即扫描 in 设置): tell the lead and refresh the history
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

  const runPreview = useCallback(
    async (my: number, snapshot: Picked[], opts: Options): Promise<void> => {
      const stale = previewJob.current;
      if (stale) void cancelJob({ jobId: stale });
      previewJob.current = null;
      setPhase('previewing');
      setRunError(null);
      setProgress(null);
      let inputs: FileInputs;
      try {
        inputs = await readFiles(snapshot);
      } catch (e) {
        if (my !== seq.current) return;
        setRunError(`读取文件失败：${String(e)}`);
        setPhase('idle');
        return;
      }
      if (my !== seq.current) return;
      const r = await runImportJob(
        { files: inputs, options: toApiOptions(opts, true) },
        (p) => {
          if (my === seq.current) setProgress(p);
        },
        (id) => {
          if (my === seq.current) previewJob.current = id;
        },
      );
      if (my !== seq.current) return;
      previewJob.current = null;
      setProgress(null);
      if (!r.ok) {
        setRunError(r.error.message);
        setPhase('idle');
        return;
      }
      const next = matchResults(snapshot, r.data.files, 'preview');
      setOutcomes(next);
      // open the files with rejected rows or conflicts (failed files show their message in the row itself);
      // with many files, everything stays closed so the list stays readable
      setExpanded(
        (snapshot.length > 5 ? [] : snapshot)
          .filter((f) => {
            const o = next[f.uid]?.result;
            return o && o.status !== 'failed' && (o.rows.rejected > 0 || o.conflicts.length > 0);
          })
          .slice(0, 3)
          .map((f) => f.uid),
      );
      setPhase('ready');
    },
    [cancelJob],
  );

  // preview again whenever the files or the options change (debounced: typing a shop name)
  useEffect(() => {
    if (files.length === 0) return;
    const my = ++seq.current;
    const t = setTimeout(() => void runPreview(my, files, options), 350);
    return () => clearTimeout(t);
  }, [files, options, runPreview]);

  const busy = phase === 'importing';

  const addFile = useCallback((file: File): void => {
    const rel = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
    const path = rel || file.name;
    const uid = `${path}|${file.size}|${file.lastModified}`;
    setFiles((prev) => {
      const rest = prev.filter((p) => p.path !== path);
      return [...rest, { uid, file, path }];
    });
    setPhase((p) => (p === 'done' ? 'idle' : p));
  }, []);

  const uploadProps: UploadProps = {
    multiple: true,
    showUploadList: false,
    fileList: [],
    disabled: busy,
    beforeUpload: (file) => {
      addFile(file);
      return Upload.LIST_IGNORE;
    },
  };

  const removeFile = (uid: string): void => {
    const next = files.filter((p) => p.uid !== uid);
    if (next.length === 0) {
      clearAll();
      return;
    }
    setFiles(next);
  };

  const clearAll = (): void => {
    seq.current++;
    const stale = previewJob.current;
    if (stale) void cancelJob({ jobId: stale });
    previewJob.current = null;
    setFiles([]);
    setOutcomes({});
    setConfirmed(new Set());
    setExpanded([]);
    setRunError(null);
    setProgress(null);
    setPhase('idle');
  };

  const current = useMemo(() => files.map((f) => ({ ...f, outcome: outcomes[f.uid] })), [files, outcomes]);
  type Row = (typeof current)[number];

  const needsConfirm = current.filter(
    (f) =>
      f.outcome?.kind === 'preview' &&
      // a file that will be skipped (already imported) writes nothing: its period needs no confirming
      f.outcome.result.status !== 'failed' &&
      f.outcome.result.status !== 'skipped' &&
      f.outcome.result.period?.source === 'file_name',
  );
  const unconfirmed = needsConfirm.filter((f) => !confirmed.has(f.uid));
  const importable = current.filter(
    (f) => f.outcome?.kind === 'preview' && f.outcome.result.status !== 'failed',
  );
  const failed = current.filter((f) => f.outcome?.result.status === 'failed');
  const totals = current.reduce(
    (t, f) => {
      const r = f.outcome?.result.rows;
      if (r) {
        t.read += r.read;
        t.accepted += r.accepted;
        t.rejected += r.rejected;
      }
      return t;
    },
    { read: 0, accepted: 0, rejected: 0 },
  );
  const allPreviewed = files.length > 0 && current.every((f) => f.outcome?.kind === 'preview');
  const canImport = phase === 'ready' && allPreviewed && importable.length > 0 && unconfirmed.length === 0;

  const startImport = async (): Promise<void> => {
    const snapshot = files.filter((f) => importable.some((i) => i.uid === f.uid));
    const my = ++seq.current;
    setPhase('importing');
    setRunError(null);
    setProgress(null);
    setJobId(null);
    let inputs: FileInputs;
    try {
      inputs = await readFiles(snapshot);
    } catch (e) {
      setRunError(`读取文件失败：${String(e)}`);
      setPhase('ready');
      return;
    }
    const r = await runImportJob(
      { files: inputs, options: toApiOptions(options, false) },
      (p) => setProgress(p),
      (id) => setJobId(id),
    );
    setJobId(null);
    setProgress(null);
    if (my !== seq.current) return;
    if (!r.ok) {
      setRunError(r.error.message);
      setPhase('ready');
      return;
    }
    const next = matchResults(snapshot, r.data.files, 'import');
    setOutcomes((prev) => ({ ...prev, ...next }));
    setPhase('done');
    const res = Object.values(next).map((o) => o.result);
    const ok = res.filter((f) => f.status === 'imported').length;
    const skipped = res.filter((f) => f.status === 'skipped').length;
    const bad = res.filter((f) => f.status === 'failed').length;
    const text = `导入完成：成功 ${ok} 个${skipped ? `，跳过 ${skipped} 个` : ''}${bad ? `，失败 ${bad} 个` : ''}`;
    if (bad) message.warning(text);
    else message.success(text);
  };

  const cancelImport = async (): Promise<void> => {
    if (!jobId) return;
    const r = await cancelJob({ jobId });
    if (r.ok && r.data.cancelled) message.info('正在取消导入…');
  };

  const undo = async (b: ImportBatchInfo): Promise<void> => {
    const r = await undoImport({ batchId: b.id });
    if (r.ok)
      message.success(`已撤销“${b.file_name}”：删除 ${r.data.removed} 条，恢复 ${r.data.restored} 条`);
    else message.error(`撤销失败：${r.error.message}`);
  };

  const num = (n: number | undefined, danger = false): ReactNode =>
    n === undefined ? (
      <span className="sd-muted">{DASH}</span>
    ) : (
      <span style={danger && n > 0 ? { color: '#d92d20' } : undefined}>{formatCount(n)}</span>
    );

  const columns: TableColumnsType<Row> = [
    {
      title: '文件',
      key: 'file',
      width: 200,
      fixed: 'left',
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        return (
          <div>
            <div className="sd-file-name" style={r?.status === 'failed' ? { color: '#d92d20' } : undefined}>
              {f.file.name}
            </div>
            <div className="sd-file-sub">
              {f.path !== f.file.name && `${f.path} · `}
              {formatBytes(f.file.size)}
            </div>
            {r?.status === 'failed' && (
              <div className="sd-file-error" data-testid="file-error">
                {r.message}
              </div>
            )}
            {r?.status === 'failed' && r.mapping && f.outcome?.kind === 'preview' && (
              <Button
                size="small"
                type="primary"
                ghost
                icon={<TableOutlined />}
                style={{ marginTop: 6 }}
                disabled={busy || phase === 'previewing'}
                onClick={() => setMapping({ file: f.file.name, request: r.mapping! })}
                data-testid="open-mapping"
              >
                设置列映射
              </Button>
            )}
          </div>
        );
      },
    },
    {
      title: '状态',
      key: 'status',
      width: 84,
      render: (_: unknown, f) => (
        <StatusTag outcome={f.outcome} pending={phase === 'previewing' || phase === 'importing'} />
      ),
    },
    {
      title: '检测结果',
      key: 'detect',
      width: 170,
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        if (!r) return <span className="sd-muted">{DASH}</span>;
        return (
          <div>
            <div>
              {r.layout_zh ?? (
                <span className="sd-muted">{r.status === 'failed' ? '未识别的格式' : DASH}</span>
              )}
            </div>
            <div style={{ marginTop: 2, display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}>
              {r.platform && (
                <Tag color={PLATFORM_COLOR[r.platform]} style={{ marginInlineEnd: 0 }}>
                  {platformZh(r.platform)}
                </Tag>
              )}
              {(r.shop || r.layout_zh) && <span className="sd-file-sub">{r.shop ?? '店铺未知'}</span>}
            </div>
          </div>
        );
      },
    },
    {
      title: '统计期间',
      key: 'period',
      width: 190,
      render: (_: unknown, f) => {
        const r = f.outcome?.result;
        if (!r) return <span className="sd-muted">{DASH}</span>;
        if (!r.period) return <span className="sd-muted">未知</span>;
        const src = r.period.source;
        return (
          <div className="sd-num">
            <div>{formatPeriod(r.period.from, r.period.to)}</div>
            <Tag
              color={src === 'file_name' ? 'warning' : src === 'user' ? 'purple' : 'default'}
              style={{ marginTop: 2 }}
            >
              {PERIOD_SOURCE_ZH[src]}
            </Tag>
            {src === 'file_name' && f.outcome?.kind === 'preview' && r.status !== 'failed' && (
              <span data-testid="confirm-period">
                <Checkbox
                  checked={confirmed.has(f.uid)}
                  disabled={busy}
                  onChange={(e) =>
                    setConfirmed((prev) => {
                      const next = new Set(prev);
                      if (e.target.checked) next.add(f.uid);
                      else next.delete(f.uid);
                      return next;
                    })
                  }
                >
                  <span style={{ fontSize: 12 }}>已核对</span>
                </Checkbox>
              </span>
            )}
          </div>
        );
      },
    },
    {
      title: '行数',
      children: [
        {
          title: '读取',
          key: 'read',
          width: 60,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.read),
        },
        {
          title: '有效',
          key: 'accepted',
          width: 60,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.accepted),
        },
        {
          title: '拒绝',
          key: 'rejected',
          width: 56,
          align: 'right',
          render: (_: unknown, f) => num(f.outcome?.result.rows.rejected, true),
        },
        {
          title: (
            <Tooltip title="与数据库中已有数据相比：新增 / 更新 / 未变">
              新增/更新/未变
              <QuestionCircleOutlined className="sd-muted" />
            </Tooltip>
          ),
          key: 'changes',
          width: 112,
          align: 'right',
          render: (_: unknown, f) => {
            const r = f.outcome?.result.rows;
            return r ? (
              <span className="sd-num">
                {formatCount(r.new)} / {formatCount(r.updated)} / {formatCount(r.unchanged)}
              </span>
            ) : (
              <span className="sd-muted">{DASH}</span>
            );
          },
        },
      ],
    },
    {
      title: '账号',
      key: 'accounts',
      width: 52,
      align: 'right',
      render: (_: unknown, f) => num(f.outcome?.result.accounts.length),
    },
    {
      title: '冲突',
      key: 'conflicts',
      width: 52,
      align: 'right',
      render: (_: unknown, f) => {
        const n = f.outcome?.result.conflicts.length;
        if (n === undefined) return <span className="sd-muted">{DASH}</span>;
        return n > 0 ? (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {n}
          </Tag>
        ) : (
          <span className="sd-muted">0</span>
        );
      },
    },
    {
      title: '操作',
      key: 'op',
      width: 52,
      fixed: 'right',
      render: (_: unknown, f) => (
        <Tooltip title="从列表中移除">
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            disabled={busy}
            onClick={() => removeFile(f.uid)}
          />
        </Tooltip>
      ),
    },
  ];

  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;

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

      <Card title="导入选项" style={{ marginBottom: 16 }} size="small">
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'center' }}>
          <Space>
            <Switch
              checked={options.strict}
              disabled={busy}
              onChange={(v) => setOptions((o) => ({ ...o, strict: v }))}
              data-testid="opt-strict"
            />
            <Tooltip title="只要有一行被拒绝，整个文件都不导入">
              <span>
                严格模式 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
          </Space>
          <Space>
            <Switch
              checked={options.force}
              disabled={busy}
              onChange={(v) => setOptions((o) => ({ ...o, force: v }))}
            />
            <Tooltip title="同一个文件（内容完全相同）已经导入过时，默认跳过；打开后会重新导入">
              <span>
                强制重新导入 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
          </Space>
          <Space>
            <span>平台</span>
            <Select<Platform>
              allowClear
              placeholder="自动识别"
              style={{ width: 120 }}
              disabled={busy}
              value={options.platform ?? undefined}
              onChange={(v) => setOptions((o) => ({ ...o, platform: v ?? null }))}
              options={PLATFORMS.map((p) => ({ value: p, label: PLATFORM_ZH[p] }))}
            />
          </Space>
          <Space>
            <span>店铺</span>
            <Input
              allowClear
              placeholder="自动识别"
              style={{ width: 180 }}
              disabled={busy}
              value={options.shop}
              onChange={(e) => setOptions((o) => ({ ...o, shop: e.target.value }))}
            />
          </Space>
          <Space>
            <Tooltip title="只用于文件里没有日期列、文件名里也没有日期的文件">
              <span>
                统计期间 <QuestionCircleOutlined className="sd-muted" />
              </span>
            </Tooltip>
            <DatePicker.RangePicker
              disabled={busy}
              value={options.period}
              onChange={(v) => setOptions((o) => ({ ...o, period: v && v[0] && v[1] ? [v[0], v[1]] : null }))}
              placeholder={['开始日期', '结束日期']}
              style={{ width: 260 }}
            />
          </Space>
        </div>
      </Card>

      {files.length > 0 && (
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
                onClick={() => {
                  const my = ++seq.current;
                  void runPreview(my, files, options);
                }}
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
            current
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
                      onClick={() => setMapping({ file: f.file.name, request: f.outcome!.result.mapping! })}
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
                <Button size="small" onClick={() => setConfirmed(new Set(needsConfirm.map((f) => f.uid)))}>
                  全部已核对
                </Button>
              }
            />
          )}
          <Table<Row>
            size="small"
            bordered
            rowKey="uid"
            columns={columns}
            dataSource={current}
            pagination={false}
            scroll={{ x: 1100, y: files.length > 12 ? 620 : undefined }}
            expandable={{
              expandedRowKeys: expanded,
              onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
              rowExpandable: (f) =>
                !!f.outcome &&
                (f.outcome.result.status !== 'failed' ||
                  f.outcome.result.rejections.length > 0 ||
                  f.outcome.result.conflicts.length > 0),
              expandedRowRender: (f) => (f.outcome ? <FileDetail outcome={f.outcome} /> : null),
            }}
            rowClassName={(f) => (f.outcome?.result.status === 'failed' ? 'sd-row-failed' : '')}
          />
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
                <div
                  style={{ display: 'flex', justifyContent: 'space-between', fontSize: 13, color: '#475467' }}
                >
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
                <Progress percent={percent} status="active" showInfo={false} />
              </div>
            )}
            {phase === 'importing' && (
              <Button danger disabled={!jobId} onClick={() => void cancelImport()}>
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
      )}

      <MappingModal
        key={mappingSerial}
        open={!!mapping}
        file={mapping?.file ?? ''}
        request={mapping?.request ?? null}
        onClose={() => setMapping(null)}
        onSaved={() => {
          setMapping(null);
          const my = ++seq.current;
          void runPreview(my, files, options);
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
            <Button icon={<ReloadOutlined />} onClick={loadHistory} size="small">
              刷新
            </Button>
          </Space>
        }
      >
        <HistoryTable rows={history} loading={historyLoading} onUndo={undo} />
      </Card>
    </div>
  );
}
