/**
 * 考核方案 (product.md screen 5, kpi.md): the schemes and their monthly versions; a draft editor with live validation
 * and a what-if preview before saving; JSON export/import; and the monthly KCI entry.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Tabs,
  Tag,
  Tooltip,
} from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  SaveOutlined,
  UndoOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Month } from '../../../../shared/domain';
import { DEFAULT_SCHEME, validateScheme, type Scheme } from '../../../../shared/kpi/scheme';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';
import { PageHead } from '../../ui/PageHead';
import { KciEntry } from './KciEntry';
import { SchemeEditor, type DraftUpdate } from './SchemeEditor';
import { useClientNames } from '../../data/use-client-names';
import { WhatIfPanel } from './WhatIfPanel';
import {
  errorZh,
  formErrors,
  fromScheme,
  metricsWithErrors,
  scopeText,
  shopKey,
  toSchemeJson,
  type Draft,
} from './scheme-draft';
import { latestMonth, useMonths } from '../../data/use-months';
import { setHashParam, useHashParam } from '../../app/router';
import '../../ui/kpi.css';

interface SchemeSummary {
  name: string;
  versions: Month[];
  latest: Scheme | null;
}

/** What the editor started from: a saved version, or nothing (a new or imported scheme). */
interface Base {
  name: string | null;
  version: Month | null;
  json: string | null;
}

const thisMonth = (): Month => dayjs().format('YYYY-MM');

/** The draft survives a look at another screen (the page unmounts); it is lost only when the app is closed. */
let kept: { draft: Draft; base: Base } | null = null;

function SchemeCard({
  s,
  active,
  activeVersion,
  onOpen,
}: {
  s: SchemeSummary;
  active: boolean;
  activeVersion: Month | null;
  onOpen: (version: Month) => void;
}): ReactNode {
  const latest = s.versions[s.versions.length - 1]!;
  return (
    <div
      className={`sd-scheme-card${active ? ' sd-scheme-card-active' : ''}`}
      role="button"
      tabIndex={0}
      onClick={() => onOpen(active && activeVersion ? activeVersion : latest)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(latest);
      }}
      data-testid={`scheme-card-${s.name}`}
    >
      <div className="sd-scheme-card-name">{s.name}</div>
      <Tooltip title={s.latest ? scopeText(s.latest) : undefined}>
        <div className="sd-scheme-card-scope">{s.latest ? scopeText(s.latest) : '—'}</div>
      </Tooltip>
      <div className="sd-scheme-card-versions">
        <span className="sd-muted">生效月份</span>
        {s.versions.map((v) => (
          <Tag
            key={v}
            color={active && v === activeVersion ? 'blue' : undefined}
            style={{ marginInlineEnd: 0, cursor: 'pointer' }}
            onClick={(e) => {
              e.stopPropagation();
              onOpen(v);
            }}
            data-testid={`scheme-version-${s.name}-${v}`}
          >
            {v}
          </Tag>
        ))}
      </div>
    </div>
  );
}

export function SchemesPage(): ReactNode {
  const { message, modal } = App.useApp();
  const listSchemes = useApiCall('scheme:list');
  const getScheme = useApiCall('scheme:get');
  const saveScheme = useApiMutation('scheme:save');
  const deleteScheme = useApiMutation('scheme:delete');
  const roster = useApiQuery('roster:list', {});
  const tab = useHashParam('tab') === 'kci' ? 'kci' : 'editor';
  const { months, error: monthsError, month, setMonth } = useMonths();
  const [list, setList] = useState<SchemeSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  // the shops the roster knows
  const shopOptions = useMemo(
    () => [...new Set((roster.data?.accounts ?? []).map((a) => shopKey(a.platform, a.shop)))].sort(),
    [roster.data],
  );
  const clientOptions = useClientNames();
  const [draft, setDraft] = useState<Draft | null>(() => kept?.draft ?? null);
  const [base, setBase] = useState<Base>(() => kept?.base ?? { name: null, version: null, json: null });
  useEffect(() => {
    kept = draft ? { draft, base } : null;
  }, [draft, base]);
  const [busy, setBusy] = useState<'save' | 'delete' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const loadList = useCallback(async (): Promise<SchemeSummary[]> => {
    const r = await listSchemes({});
    if (!r.ok) {
      setListError(r.error.message);
      setList([]);
      return [];
    }
    const rows = await Promise.all(
      r.data.map(async (s) => {
        const latest = await getScheme({ name: s.name });
        return { name: s.name, versions: [...s.versions].sort(), latest: latest.ok ? latest.data : null };
      }),
    );
    setListError(null);
    setList(rows);
    return rows;
  }, [listSchemes, getScheme]);

  const open = useCallback(
    async (name: string, version: Month): Promise<void> => {
      const r = await getScheme({ name, month: version });
      if (!r.ok) {
        message.error(r.error.message);
        return;
      }
      const d = fromScheme(r.data);
      setBase({ name, version: r.data.effective_from, json: JSON.stringify(toSchemeJson(d)) });
      setDraft(d);
    },
    [getScheme, message],
  );

  // first visit: the list and the first scheme opened
  useEffect(() => {
    let alive = true;
    void (async () => {
      const rows = await loadList();
      if (!alive) return;
      const first = rows[0];
      if (first && !kept) await open(first.name, first.versions[first.versions.length - 1]!);
    })();
    return () => {
      alive = false;
    };
  }, [loadList, open]);

  const update: DraftUpdate = useCallback((fn) => setDraft((d) => (d ? fn(d) : d)), []);

  const json = useMemo(() => (draft ? toSchemeJson(draft) : null), [draft]);
  const jsonText = useMemo(() => JSON.stringify(json), [json]);
  const check = useMemo(() => {
    if (!draft || json === null) return { valid: false, errors: [] as string[], raw: [] as string[] };
    const v = validateScheme(json);
    const raw = [...formErrors(draft), ...(v.ok ? [] : v.errors)];
    return { valid: raw.length === 0, errors: raw.map((e) => errorZh(e, draft)), raw };
  }, [draft, json]);
  const badMetrics = useMemo(() => metricsWithErrors(check.raw), [check.raw]);
  const dirty = base.json !== jsonText;

  const current = list?.find((s) => s.name === draft?.name.trim()) ?? null;
  const overwrites = !!draft && !!current?.versions.includes(draft.effective_from);

  const confirmDiscard = (then: () => void): void => {
    if (!dirty) {
      then();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      content: `“${draft?.name ?? ''}”的修改还没有保存。`,
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: then,
    });
  };

  const openScheme = (name: string, version: Month): void => {
    if (draft && base.name === name && base.version === version && !dirty) return;
    confirmDiscard(() => void open(name, version));
  };

  const newScheme = (): void =>
    confirmDiscard(() => {
      const names = new Set(list?.map((s) => s.name));
      let name = '新方案';
      for (let i = 2; names.has(name); i++) name = `新方案 ${i}`;
      setBase({ name: null, version: null, json: null });
      setDraft(fromScheme({ ...DEFAULT_SCHEME, name, effective_from: latestMonth(months) ?? thisMonth() }));
    });

  const save = async (): Promise<void> => {
    if (!json || !check.valid) return;
    setBusy('save');
    const r = await saveScheme({ scheme: json });
    setBusy(null);
    if (!r.ok) {
      modal.error({ title: '保存失败', content: r.error.message });
      return;
    }
    message.success(`已保存“${r.data.name}”${r.data.effective_from} 版本`);
    const d = fromScheme(r.data);
    setBase({ name: r.data.name, version: r.data.effective_from, json: JSON.stringify(toSchemeJson(d)) });
    setDraft(d);
    await loadList();
  };

  const remove = async (): Promise<void> => {
    if (!base.name || !base.version) return;
    setBusy('delete');
    const r = await deleteScheme({ name: base.name, effective_from: base.version });
    setBusy(null);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    message.success(`已删除“${base.name}”${base.version} 版本`);
    const rows = await loadList();
    const same = rows.find((s) => s.name === base.name) ?? rows[0];
    if (same) await open(same.name, same.versions[same.versions.length - 1]!);
    else {
      setDraft(null);
      setBase({ name: null, version: null, json: null });
    }
  };

  const exportJson = (): void => {
    if (!json || !draft) return;
    const text = `${JSON.stringify(json, null, 2)}\n`;
    saveBytes(`${draft.name.trim() || '考核方案'}.json`, new TextEncoder().encode(text));
  };

  const importJson = async (file: File): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text()) as unknown;
    } catch {
      modal.error({ title: `无法读取 ${file.name}`, content: '这不是导出的考核方案文件（.json）。' });
      return;
    }
    const v = validateScheme(parsed);
    if (!v.ok) {
      modal.error({
        title: `${file.name} 不是有效的考核方案`,
        width: 560,
        content: (
          <ul className="sd-error-list">
            {v.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ),
      });
      return;
    }
    const d = fromScheme(v.scheme);
    setBase({ name: null, version: null, json: null });
    setDraft(d);
    message.info(`已载入“${v.scheme.name}”为草稿，检查右侧“改动试算”后点击保存`);
  };

  const reset = (): void => {
    if (base.name && base.version) void open(base.name, base.version);
  };

  const versionHint = (): ReactNode => {
    if (!draft) return null;
    if (overwrites)
      return <span className="sd-kci-warn-text">将覆盖已保存的 {draft.effective_from} 版本</span>;
    const older = current?.versions.filter((v) => v < draft.effective_from).pop();
    return (
      <span className="sd-muted">
        新版本，{draft.effective_from} 起生效{older ? `（之前的月份仍按 ${older} 版本）` : ''}
      </span>
    );
  };

  const editor =
    list === null ? (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    ) : (
      <>
        {listError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={listError} />}
        <div className="sd-scheme-strip" data-testid="scheme-list">
          {list.map((s) => (
            <SchemeCard
              key={s.name}
              s={s}
              active={base.name === s.name}
              activeVersion={base.name === s.name ? base.version : null}
              onOpen={(v) => openScheme(s.name, v)}
            />
          ))}
          <button
            type="button"
            className="sd-scheme-card sd-scheme-card-new"
            onClick={newScheme}
            data-testid="scheme-new"
          >
            <PlusOutlined /> 新建方案
          </button>
        </div>
        {!draft ? (
          <Card>
            <Empty description="选择一个方案开始编辑，或新建方案" />
          </Card>
        ) : (
          <Row gutter={16} wrap={false}>
            <Col flex="1 1 0" style={{ minWidth: 0 }}>
              <Card size="small" className="sd-kpi-card sd-toolbar-card">
                <div className="sd-toolbar">
                  <label className="sd-toolbar-field">
                    <span>方案名称</span>
                    <Input
                      size="small"
                      value={draft.name}
                      onChange={(e) => update((d) => ({ ...d, name: e.target.value }))}
                      style={{ width: 180 }}
                      data-testid="scheme-name"
                    />
                  </label>
                  <label className="sd-toolbar-field">
                    <span>生效月份</span>
                    <DatePicker
                      picker="month"
                      size="small"
                      allowClear={false}
                      value={dayjs(`${draft.effective_from}-01`)}
                      format="YYYY-MM"
                      onChange={(d) => {
                        if (d) update((x) => ({ ...x, effective_from: d.format('YYYY-MM') }));
                      }}
                      style={{ width: 110 }}
                      data-testid="scheme-month"
                    />
                  </label>
                  <span className="sd-toolbar-hint">{versionHint()}</span>
                </div>
                <div className="sd-toolbar sd-toolbar-actions">
                  {overwrites ? (
                    <Popconfirm
                      title={`覆盖 ${draft.effective_from} 版本？`}
                      description="已保存的这个版本将被替换；已锁定的月份保持锁定时的结果。"
                      okText="覆盖保存"
                      cancelText="取消"
                      onConfirm={() => void save()}
                      disabled={!check.valid}
                    >
                      <Button
                        type="primary"
                        size="small"
                        icon={<SaveOutlined />}
                        disabled={!check.valid}
                        loading={busy === 'save'}
                        data-testid="scheme-save"
                      >
                        覆盖保存 {draft.effective_from} 版本
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button
                      type="primary"
                      size="small"
                      icon={<SaveOutlined />}
                      disabled={!check.valid}
                      loading={busy === 'save'}
                      onClick={() => void save()}
                      data-testid="scheme-save"
                    >
                      保存为新版本
                    </Button>
                  )}
                  <Button
                    size="small"
                    icon={<UndoOutlined />}
                    disabled={!dirty || !base.name}
                    onClick={reset}
                  >
                    撤销修改
                  </Button>
                  <Tooltip
                    title={
                      check.valid
                        ? '导出编辑中的方案（可发给客户确认，或在另一台电脑导入）'
                        : '方案有错误，修正后才能导出'
                    }
                  >
                    <Button
                      size="small"
                      icon={<DownloadOutlined />}
                      disabled={!check.valid}
                      onClick={exportJson}
                      data-testid="scheme-export"
                    >
                      导出方案文件
                    </Button>
                  </Tooltip>
                  <Button
                    size="small"
                    icon={<UploadOutlined />}
                    onClick={() => fileInput.current?.click()}
                    data-testid="scheme-import"
                  >
                    导入方案文件
                  </Button>
                  <span style={{ flex: 1 }} />
                  {dirty ? (
                    <Tag color="orange" data-testid="scheme-dirty">
                      {base.name ? '有未保存的修改' : '草稿未保存'}
                    </Tag>
                  ) : (
                    <Tag color="success">已保存</Tag>
                  )}
                  <Popconfirm
                    title={`删除“${base.name ?? ''}”的 ${base.version ?? ''} 版本？`}
                    description={
                      current && current.versions.length <= 1
                        ? '这是该方案唯一的版本，删除后方案将被移除。'
                        : '之后的月份将按更早的版本计分。'
                    }
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => void remove()}
                    disabled={!base.name}
                  >
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={!base.name}
                      loading={busy === 'delete'}
                      data-testid="scheme-delete"
                    >
                      删除版本
                    </Button>
                  </Popconfirm>
                </div>
                {check.errors.length > 0 ? (
                  <Alert
                    type="error"
                    showIcon
                    className="sd-validation"
                    data-testid="scheme-errors"
                    title={`方案有 ${check.errors.length} 处需要修正，修正后才能保存`}
                    description={
                      <ul className="sd-error-list">
                        {check.errors.map((e) => (
                          <li key={e}>{e}</li>
                        ))}
                      </ul>
                    }
                  />
                ) : (
                  <div className="sd-validation-ok" data-testid="scheme-valid">
                    ✓ 方案校验通过
                  </div>
                )}
              </Card>
              <SchemeEditor
                draft={draft}
                update={update}
                shopOptions={shopOptions}
                clientOptions={clientOptions}
                badMetrics={badMetrics}
              />
            </Col>
            <Col flex="0 0 400px" style={{ minWidth: 0 }}>
              <div className="sd-sticky">
                <WhatIfPanel
                  scheme={json}
                  valid={check.valid}
                  months={months}
                  month={month}
                  onMonth={setMonth}
                  name={draft.name.trim()}
                />
              </div>
            </Col>
          </Row>
        )}
      </>
    );

  return (
    <div data-testid="schemes-page">
      <PageHead
        title="考核方案"
        description="按客户 / 店铺设置考核项的权重、目标、底线、分档与扣分（权重合计 100），保存前在“改动试算”中看得分、等级和排名的变化；方案按生效月份分版本。"
      />
      {monthsError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={monthsError} />}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        style={{ display: 'none' }}
        data-testid="scheme-import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) confirmDiscard(() => void importJson(f));
        }}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setHashParam('tab', k === 'kci' ? 'kci' : null)}
        items={[
          { key: 'editor', label: <span data-testid="schemes-tab-editor">方案设置</span>, children: editor },
          {
            key: 'kci',
            label: <span data-testid="schemes-tab-kci">KCI 录入</span>,
            children:
              months === null ? (
                <Skeleton active />
              ) : (
                <KciEntry months={months} month={month} onMonth={setMonth} />
              ),
          },
        ]}
      />
    </div>
  );
}
