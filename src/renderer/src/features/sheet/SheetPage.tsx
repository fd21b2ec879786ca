/**
 * 月度绩效表 (product.md screen 7, kpi.md §5): pick month, scheme and variant, preview 绩效汇总 exactly as the xlsx
 * shows it, export the file (客户版 for the client, 薪资版 for payroll), and lock the signed-off month.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Radio, Select, Skeleton, Space, Tag, Tooltip } from 'antd';
import { FileExcelOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import type { MonthLockInfo } from '../../../../shared/api';
import type { SheetPreview } from '../../../../shared/sheet-preview';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall } from '../../data/use-api-mutation';
import { saveBytes } from '../../ui/save-bytes';
import { MonthPicker } from '../../ui/MonthPicker';
import { PageHead } from '../../ui/PageHead';
import { MonthLockPanel } from './MonthLockPanel';
import { SheetPreviewTable } from './SheetPreviewTable';
import { scopeText } from '../schemes/scheme-draft';
import { useMonths } from '../../data/use-months';
import { useClientNames } from '../../data/use-client-names';
import { hrefOf } from '../../app/router';
import '../../ui/kpi.css';

type Variant = 'client' | 'payroll';

/** What the lead reads first, at the far right of the sheet: shown next to 姓名 in the preview, always in view. */
const KEY_COLUMNS = ['最终得分', '等级'];

const VARIANT_ZH: Record<Variant, string> = { client: '客户版', payroll: '薪资版' };

/** The last choices, kept for the session (the page unmounts when the lead looks at another screen). */
const kept: { scheme: string | null; variant: Variant; client: string | null } = {
  scheme: null,
  variant: 'client',
  client: null,
};

interface SchemeOption {
  name: string;
  scope: string;
  agents: number;
}

export function SheetPage(): ReactNode {
  const { message } = App.useApp();
  // the app's month (the URL's): the sheet of the month the lead was looking at elsewhere
  const { months, error: monthsError, month, setMonth } = useMonths();
  const [scheme, setSchemeState] = useState<string | null>(kept.scheme);
  const [variant, setVariantState] = useState<Variant>(kept.variant);
  // the lead comes back to the scheme and variant they left
  const setScheme = (v: string | null): void => {
    kept.scheme = v;
    setSchemeState(v);
  };
  const setVariant = (v: Variant): void => {
    kept.variant = v;
    setVariantState(v);
  };
  // 客户版 of one client (甲方): only its shops and the agents serving them; null = the scheme's whole scope
  const clientNames = useClientNames();
  const [clientState, setClientState] = useState<string | null>(kept.client);
  const client =
    variant === 'client' && clientState && clientNames.includes(clientState) ? clientState : null;
  const showClients = variant === 'client' && clientNames.length > 0;
  const setClient = (v: string | null): void => {
    kept.client = v;
    setClientState(v);
  };
  const [exporting, setExporting] = useState(false);
  const exportCall = useApiCall('sheet:export');

  const kpi = useApiQuery('kpi:month', month ? { month } : null);
  const lockInfo = useApiQuery('month:info', month ? { month } : null);
  const info: MonthLockInfo | null = lockInfo.data;
  const schemes = useMemo(() => {
    if (!month || (!kpi.data && !kpi.error)) return null;
    const list: SchemeOption[] = (kpi.data ?? []).map((s) => ({
      name: s.scheme.name,
      scope: scopeText(s.scheme),
      agents: s.agents.length,
    }));
    return { month, list, error: kpi.error?.message ?? null };
  }, [month, kpi.data, kpi.error]);
  // the scheme the lead chose, or the month's first when it has no such scheme
  const shownScheme =
    schemes && !(scheme && schemes.list.some((s) => s.name === scheme))
      ? (schemes.list[0]?.name ?? null)
      : scheme;

  // a lock or unlock (a mutation) reloads it: the locked month's preview is the snapshot
  const previewQuery = useApiQuery(
    'sheet:preview',
    month && shownScheme ? { month, scheme: shownScheme, variant, client } : null,
  );

  const exportSheet = async (): Promise<void> => {
    if (!month || !shownScheme) return;
    setExporting(true);
    const r = await exportCall({ month, scheme: shownScheme, variant, client });
    setExporting(false);
    if (!r.ok) {
      message.error(r.error.message);
      return;
    }
    saveBytes(r.data.name, r.data.bytes);
    message.success(`已导出 ${r.data.name}`);
  };

  const ready = schemes && schemes.month === month;
  const data: SheetPreview | null = previewQuery.data;
  const loadingPreview = !!shownScheme && previewQuery.loading;
  const current = schemes?.list.find((s) => s.name === shownScheme);

  const controls =
    months && months.length > 0 ? (
      <div className="sd-sheet-bar" data-testid="sheet-controls">
        <span className="sd-sheet-bar-label">月份</span>
        <MonthPicker value={month} months={months} onChange={setMonth} width={130} testId="sheet-month" />
        <span className="sd-sheet-bar-label" style={{ marginLeft: 8 }}>
          考核方案
        </span>
        <Select<string>
          style={{ width: showClients ? 190 : 220 }}
          placeholder="考核方案"
          value={shownScheme ?? undefined}
          loading={!ready}
          options={(ready ? schemes.list : []).map((s) => ({ value: s.name, label: s.name }))}
          onChange={setScheme}
          notFoundContent="本月没有生效的考核方案"
          data-testid="sheet-scheme"
        />
        <span className="sd-sheet-bar-label" style={{ marginLeft: 8 }}>
          版本
        </span>
        <Radio.Group
          value={variant}
          onChange={(e) => setVariant(e.target.value as Variant)}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'client', label: <span data-testid="variant-client">客户版</span> },
            { value: 'payroll', label: <span data-testid="variant-payroll">薪资版</span> },
          ]}
        />
        {showClients && (
          <Select<string>
            style={{ width: 130 }}
            title={current ? `方案范围：${current.scope} · ${current.agents} 名客服` : undefined}
            value={client ?? ''}
            options={[{ value: '', label: '全部客户' }, ...clientNames.map((c) => ({ value: c, label: c }))]}
            onChange={(v) => setClient(v || null)}
            data-testid="sheet-client"
          />
        )}
        <Tooltip title="重新读取">
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              kpi.reload();
              previewQuery.reload();
            }}
          />
        </Tooltip>
        <span style={{ flex: 1 }} />
        {/* with the client choice in the bar, the scope goes to the tooltip: the bar stays one line at 1280 px */}
        {current && !showClients && (
          <span className="sd-muted">
            {current.scope} · {current.agents} 名客服
          </span>
        )}
        <Button
          type="primary"
          icon={<FileExcelOutlined />}
          disabled={!shownScheme || !data}
          loading={exporting}
          onClick={() => void exportSheet()}
          data-testid="sheet-export"
        >
          导出 Excel
        </Button>
      </div>
    ) : undefined;

  if (months === null) {
    return (
      <div>
        <PageHead title="月度绩效表" />
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="sheet-page">
      <PageHead
        title="月度绩效表"
        description="选择月份和考核方案，预览后导出 Excel：客户版发给客户（仅方案内店铺，附店铺指标对照合同目标，不含奖金），薪资版用于核算奖金（含出勤天数和奖金）。"
      />
      {controls}
      {monthsError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={monthsError} />}
      {months.length === 0 ? (
        <Card>
          <Empty description="还没有导入数据">
            <Button type="primary" href={hrefOf('import')}>
              去导入数据
            </Button>
          </Empty>
        </Card>
      ) : (
        <>
          {month && (
            <MonthLockPanel
              month={month}
              info={info && info.month === month ? info : null}
              onChanged={() => lockInfo.reload()}
            />
          )}
          {schemes?.error && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={schemes.error} />
          )}
          {ready && schemes.list.length === 0 && (
            <Card>
              <Empty description={`${month ?? ''} 没有生效的考核方案`}>
                <Button href={hrefOf('schemes')}>去设置考核方案</Button>
              </Empty>
            </Card>
          )}
          {shownScheme && (
            <Card
              size="small"
              className="sd-kpi-card"
              data-testid="sheet-preview"
              title={
                <Space size={8} wrap>
                  <span>绩效汇总 · 预览</span>
                  {data && (
                    <span className="sd-muted sd-card-sub" data-testid="sheet-file-name">
                      {data.file_name}
                    </span>
                  )}
                  {data?.locked && (
                    <Tag color="blue" icon={<LockOutlined />}>
                      锁定时的快照
                    </Tag>
                  )}
                </Space>
              }
              extra={
                <div className="sd-sheet-legend">
                  <span>
                    <span className="sd-swatch" style={{ background: '#ffc7ce' }} />
                    未达平台考核线或得 0 分
                  </span>
                  <span>
                    <span className="sd-swatch" style={{ background: '#ffeb9c' }} />
                    样本少 / KCI 未录入
                  </span>
                </div>
              }
            >
              {previewQuery.error && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={previewQuery.error.message}
                />
              )}
              {loadingPreview && !data ? (
                <Skeleton active paragraph={{ rows: 6 }} />
              ) : (
                data && (
                  <>
                    <SheetPreviewTable table={data} fixedLeft={2} pinned={KEY_COLUMNS} testId="sheet-table" />
                    <div className="sd-muted" style={{ fontSize: 12, marginTop: 8 }}>
                      {VARIANT_ZH[data.variant]} · {data.rows.length} 名客服 · 悬停有颜色的格子查看说明。Excel
                      中还有 指标明细、服务态度差、考试预警、口径说明 四个工作表。
                    </div>
                  </>
                )
              )}
            </Card>
          )}
          {data?.shop_table && (
            <Card
              size="small"
              className="sd-kpi-card"
              title="店铺指标 · 对照合同目标（客户版）"
              data-testid="sheet-shop-table"
            >
              <SheetPreviewTable table={data.shop_table} />
            </Card>
          )}
          {data && data.notes.length > 0 && (
            <Alert
              type="info"
              showIcon
              title="发送前请留意"
              data-testid="sheet-notes"
              description={
                <ul className="sd-error-list">
                  {data.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              }
            />
          )}
        </>
      )}
    </div>
  );
}
