/**
 * Column mapping for a file whose layout is unknown (imports.md §4): the lead says which known layout the file is
 * like and which of its columns is which field. The mapping is remembered under the file's header hash, so the next
 * file with the same headers is recognised by itself (also by the CLI).
 */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Empty,
  Input,
  Modal,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { MappingTarget } from '../../../../shared/api';
import { PLATFORMS, PLATFORM_ZH, parsePlatform } from '../../../../shared/domain';
import type { MappingRequest } from '../../../../shared/imports';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';

const SKIP = '';
/** Suffix of a rate field the lead says holds percentages written without `%` (95 meaning 95%). */
const PERCENT = ':percent';

/** The field a mapped value names (`reply_3min_rate_session:percent` → `reply_3min_rate_session`). */
function fieldOf(value: string): string {
  return value.endsWith(PERCENT) ? value.slice(0, -PERCENT.length) : value;
}

/** Header text compared loosely: case, spaces, brackets and units do not matter. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\s（）()[\]【】:：_\-—/·]/g, '')
    .replace(/[（(]?(秒|元|时|%|％)[)）]?$/, '');
}

/** A first guess per header: the field whose label is the header, else one that contains it or is contained in it. */
export function guessColumns(headers: string[], target: MappingTarget): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  const pick = (h: string, test: (label: string, field: string) => boolean): void => {
    if (out[h]) return;
    const f = target.fields.find((x) => !used.has(x.field) && test(norm(x.label), x.field));
    if (f) {
      out[h] = f.field;
      used.add(f.field);
    }
  };
  for (const h of headers) pick(h, (label, field) => label === norm(h) || field === h);
  for (const h of headers) {
    const n = norm(h);
    if (n.length >= 2) pick(h, (label) => label.startsWith(n) || n.startsWith(label));
  }
  for (const h of headers) out[h] ??= SKIP;
  return out;
}

/** `外包日报_2026-10-05.xlsx` → `外包日报`. */
function nameFromFile(file: string): string {
  return (
    file
      .replace(/\.[^.]+$/, '')
      .replace(/[_\-\s]*\d{4}-?\d{2}-?\d{2}([至~_-]+\d{4}-?\d{2}-?\d{2})?$/, '')
      .trim() || file
  );
}

export function MappingModal({
  open,
  file,
  request,
  onClose,
  onSaved,
}: {
  open: boolean;
  file: string;
  request: MappingRequest | null;
  onClose: () => void;
  /** called after the mapping was saved; the page previews the file again */
  onSaved: (name: string) => void;
}): ReactNode {
  const saveMapping = useApiMutation('mapping:save');
  // the targets do not change while the app runs: loaded once the modal first opens
  const targetsQ = useApiQuery('mapping:targets', open ? {} : null, { ignoreDataChanges: true });
  const targets: MappingTarget[] | null = targetsQ.data;
  const loadError = targetsQ.error?.message ?? null;
  const { message } = App.useApp();
  const [targetId, setTargetId] = useState<string | null>(null);
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const target = targets?.find((t) => t.id === targetId) ?? null;
  const headers = useMemo(() => request?.headers ?? [], [request]);

  const chooseTarget = (id: string): void => {
    setTargetId(id);
    const t = targets?.find((x) => x.id === id);
    if (t) setColumns(guessColumns(headers, t));
    setError(null);
  };

  const used = new Map<string, string>();
  for (const [h, f] of Object.entries(columns)) if (f) used.set(fieldOf(f), h);
  // a required rate is there when the column holding its count was mapped onto its numerator
  const missing = target
    ? target.fields.filter(
        (f) => f.required && !used.has(f.field) && !(f.numerator && used.has(f.numerator.field)),
      )
    : [];
  const mappedCount = Object.values(columns).filter(Boolean).length;

  const save = async (): Promise<void> => {
    if (!request || !target) return;
    setSaving(true);
    setError(null);
    const cols: Record<string, string> = {};
    for (const h of headers) cols[h] = columns[h] ?? SKIP;
    const r = await saveMapping({
      hash: request.hash,
      base_layout: target.id,
      name: name.trim() || nameFromFile(file),
      columns: cols,
    });
    setSaving(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    message.success(`已保存列映射“${name.trim() || nameFromFile(file)}”，正在重新预览…`);
    onSaved(name.trim() || nameFromFile(file));
  };

  const targetOptions = PLATFORMS.map((p) => ({
    label: PLATFORM_ZH[p],
    options: (targets ?? [])
      .filter((t) => parsePlatform(t.platform) === p)
      .map((t) => ({ value: t.id, label: t.zh })),
  }))
    .concat([
      {
        label: '通用（模板、花名册）',
        options: (targets ?? [])
          .filter((t) => parsePlatform(t.platform) === null)
          .map((t) => ({ value: t.id, label: t.zh })),
      },
    ])
    .filter((g) => g.options.length > 0);

  type MapRow = { header: string; index: number };
  const mapColumns: TableColumnsType<MapRow> = [
    {
      title: '文件中的列',
      key: 'header',
      width: 200,
      render: (_: unknown, r) => <span className="sd-file-name">{r.header}</span>,
    },
    {
      title: '示例',
      key: 'sample',
      width: 220,
      ellipsis: true,
      render: (_: unknown, r) => {
        const vals = (request?.samples ?? []).map((s) => s[r.index] ?? '').filter((v) => v !== '');
        return vals.length ? (
          <span className="sd-cells">{vals.slice(0, 3).join('、')}</span>
        ) : (
          <span className="sd-muted">（空）</span>
        );
      },
    },
    { title: '', key: 'arrow', width: 32, render: () => <ArrowRightOutlined className="sd-muted" /> },
    {
      title: '对应到',
      key: 'field',
      render: (_: unknown, r) => {
        const value = columns[r.header] ?? SKIP;
        const def = target?.fields.find((f) => f.field === fieldOf(value));
        const numOwner = def?.numerator ? used.get(def.numerator.field) : undefined;
        return (
          <>
            <Select
              style={{ width: '100%' }}
              value={fieldOf(value)}
              disabled={!target}
              showSearch={{ optionFilterProp: 'title' }}
              onChange={(v: string) => setColumns((c) => ({ ...c, [r.header]: v }))}
              data-testid={`map-${r.header}`}
              options={[
                { value: SKIP, title: '不导入', label: <span className="sd-muted">不导入</span> },
                ...(target?.fields ?? []).map((f) => {
                  const owner = used.get(f.field);
                  return {
                    value: f.field,
                    title: f.label,
                    disabled: !!owner && owner !== r.header,
                    label: (
                      <span>
                        {f.label}
                        {f.required && <span style={{ color: '#d92d20', marginLeft: 2 }}>*</span>}
                        {owner && owner !== r.header && <span className="sd-muted">（已用于“{owner}”）</span>}
                      </span>
                    ),
                  };
                }),
              ]}
            />
            {def?.kind === 'rate' && (
              // what the column holds decides how its numbers are read: a count is never read as a percentage
              <Select
                size="small"
                style={{ width: '100%', marginTop: 4 }}
                value={value.endsWith(PERCENT) ? 'percent' : 'rate'}
                onChange={(v: string) =>
                  setColumns((c) => ({
                    ...c,
                    [r.header]:
                      v === 'count' && def.numerator
                        ? def.numerator.field
                        : v === 'percent'
                          ? def.field + PERCENT
                          : def.field,
                  }))
                }
                data-testid={`holds-${r.header}`}
                options={[
                  { value: 'rate', label: '这一列是比率（0.95 或 95%）' },
                  { value: 'percent', label: '这一列是百分数（95 表示 95%）' },
                  ...(def.numerator
                    ? [
                        {
                          value: 'count',
                          disabled: !!numOwner && numOwner !== r.header,
                          label: `这一列是个数（改为对应到“${def.numerator.label}”）`,
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </>
        );
      },
    },
  ];

  const fieldLabel = (h: string): ReactNode => {
    const f = target?.fields.find((x) => x.field === fieldOf(columns[h] ?? SKIP));
    return f ? (
      <span style={{ color: '#1f5fd1', fontWeight: 400 }}>→ {f.label}</span>
    ) : (
      <span className="sd-muted" style={{ fontWeight: 400 }}>
        不导入
      </span>
    );
  };

  return (
    <Modal
      open={open}
      title={`设置列映射 · ${file}`}
      width={880}
      okText="保存并重新预览"
      cancelText="取消"
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: !target || missing.length > 0, 'data-testid': 'mapping-save' }}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) {
          setName(nameFromFile(file));
          setError(null);
        }
      }}
      data-testid="mapping-modal"
    >
      {!request ? (
        <Empty description="这个文件没有可映射的表头" />
      ) : (
        <>
          <div className="sd-muted" style={{ marginBottom: 12 }}>
            这个文件的格式无法自动识别。请选择它最接近的平台导出格式，再指出每一列对应的字段。保存后，表头相同的文件会自动按这个映射导入。
            <span style={{ marginLeft: 4 }}>
              （工作表“{request.sheet}”，第 {request.header_row} 行是表头）
            </span>
          </div>
          {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="mapping-error"
            />
          )}
          <div
            style={{ display: 'flex', gap: 16, marginBottom: 12, alignItems: 'flex-end', flexWrap: 'wrap' }}
          >
            <div style={{ flex: '1 1 360px' }}>
              <div style={{ marginBottom: 4 }}>
                <span style={{ color: '#d92d20' }}>* </span>按哪种格式导入
              </div>
              {targets ? (
                <Select
                  style={{ width: '100%' }}
                  placeholder="选择平台导出格式"
                  value={targetId ?? undefined}
                  onChange={chooseTarget}
                  options={targetOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="mapping-target"
                />
              ) : (
                <Skeleton.Input active block />
              )}
            </div>
            <div style={{ flex: '0 1 260px' }}>
              <div style={{ marginBottom: 4 }}>映射名称</div>
              <Input
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.target.value)}
                placeholder="例如：外包日报"
                data-testid="mapping-name"
              />
            </div>
          </div>

          <Table<MapRow>
            size="small"
            rowKey="header"
            columns={mapColumns}
            dataSource={headers.map((header, index) => ({ header, index }))}
            pagination={false}
            style={{ marginBottom: 12 }}
            data-testid="mapping-columns"
          />

          {target && missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <span>
                  还需要对应必填字段：
                  {missing.map((f) => (
                    <Tag key={f.field} color="warning" style={{ marginInlineStart: 4 }}>
                      {f.label}
                    </Tag>
                  ))}
                </span>
              }
            />
          )}
          {target && missing.length === 0 && (
            <div className="sd-muted" style={{ marginBottom: 8 }}>
              已对应 {mappedCount} 列，{headers.length - mappedCount} 列不导入。带{' '}
              <span style={{ color: '#d92d20' }}>*</span> 的字段必填。
            </div>
          )}

          <Typography.Text strong>数据预览（前 {request.samples.length} 行）</Typography.Text>
          <Table<{ key: number; cells: string[] }>
            size="small"
            bordered
            style={{ marginTop: 6 }}
            rowKey="key"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={request.samples.map((cells, key) => ({ key, cells }))}
            columns={headers.map((h, i) => ({
              key: String(i),
              title: (
                <div>
                  <div>{h}</div>
                  <div style={{ fontSize: 12 }}>{target ? fieldLabel(h) : null}</div>
                </div>
              ),
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_: unknown, r: { cells: string[] }) =>
                r.cells[i] === '' || r.cells[i] === undefined ? (
                  <span className="sd-muted">（空）</span>
                ) : (
                  <span className="sd-num" style={{ whiteSpace: 'nowrap' }}>
                    {r.cells[i]}
                  </span>
                ),
            }))}
            data-testid="mapping-preview"
          />
        </>
      )}
    </Modal>
  );
}
