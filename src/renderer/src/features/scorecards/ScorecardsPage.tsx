import { useCallback, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Row as GridRow,
  Select,
  Skeleton,
  Statistic,
  Switch,
  Tabs,
  Tooltip,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { PLATFORM_ZH } from '../../../../shared/domain';
import { type MetricId } from '../../../../shared/metrics';
import type { AgentsQuery, ScopesQuery } from '../../../../shared/report-pages';
import { addMonths } from '../../../../shared/china-time';
import { useApiQuery } from '../../data/use-api-query';
import { allAgentRows, allScopeRows, useAgentsPage, useScopePage, type AllRows } from './use-table-pages';
import { MonthPicker } from '../../ui/MonthPicker';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { PageHead } from '../../ui/PageHead';
import { useMonths } from '../../data/use-months';
import { hrefOf, setHashParam, useHashParam } from '../../app/router';
import { SchemeBar } from './SchemeBar';
import { ColumnChooser } from './ColumnChooser';
import { loadHiddenColumns, saveHiddenColumns } from './scorecards-view';

import {
  agentRow,
  scopeRow,
  type Extras,
  type Options,
  type Row,
  type Sort,
  type TabKey,
  type Filters,
  type KpiMode,
} from './scorecard-rows';
import { MetricTable } from './MetricTable';
import { SchemeContext } from './KpiCells';
import { SearchBox } from './SearchBox';

/** The browser's localStorage, or null where it is unavailable (a locked-down profile). */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The 客服 tab's rows per page. The table is read page by page from report:agents (antd pagination, 100 rows) and
 * drawn as a virtual table: a page of 100 rows is one quick answer (≤ 60 ms at 200 agents) and at most ~20 rows are
 * in the DOM at a time, so a 200-agent month (800 rows) never renders whole. Pages rather than windowed loading keep
 * the KPI ranks, the merged cells and the expanded breakdowns on rows that do not move under the lead's pointer.
 */
const AGENTS_PAGE = 100;

/** The 账号 and 店铺 tabs' rows per page (read page by page from report:scopes; the lead may change it). */
const SCOPES_PAGE = 50;

/** The virtual table's body: what is left of the window under the header, the cards and the table's own head. */
function virtualBodyHeight(): number {
  return Math.max(320, Math.round(window.innerHeight - 250));
}

const NO_FILTERS: Filters = { platform: null, shop: null };

export function ScorecardsPage(): ReactNode {
  const { message } = App.useApp();
  /** Every matching row of a tab for its xlsx export, as table rows; a failed read says so and exports nothing. */
  const exported = useCallback(
    async <R,>(read: Promise<AllRows<R>> | null, toRow: (r: R) => Row): Promise<Row[] | null> => {
      if (!read) return null;
      const r = await read;
      if (!r.ok) {
        void message.error(`导出失败：${r.error.message}`);
        return null;
      }
      return r.rows.map(toRow);
    },
    [message],
  );
  const [tab, setTab] = useState<TabKey | null>(null);
  // the search box keeps what is typed; the page (and report:agents) sees it once it settles
  const [search, setSearch] = useState('');
  const [team, setTeam] = useState<string | null>(null);
  const [hidden, setHiddenState] = useState<string[]>(() => loadHiddenColumns(localStore()));
  const setHidden = useCallback((next: string[]) => {
    setHiddenState(next);
    saveHiddenColumns(localStore(), next);
  }, []);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { months, error: monthsError, month, setMonth } = useMonths();
  const [compare, setCompare] = useState(false);
  const prevMonth = month ? addMonths(month, -1) : null;

  // ---- the 客服 tab: every search, filter, sort and page goes to report:agents ----
  const schemeParam = useHashParam('scheme');
  // undefined: the back end's default order (by rank when a scheme is shown); null: the report's order
  const [agentSort, setAgentSort] = useState<Sort | null | undefined>(undefined);
  const [agentFilters, setAgentFilters] = useState<Filters>(NO_FILTERS);
  const agentQuery: Omit<AgentsQuery, 'offset' | 'limit' | 'summary'> | null = useMemo(
    () =>
      month
        ? {
            month,
            scheme: schemeParam,
            search,
            team,
            platform: agentFilters.platform,
            shop: agentFilters.shop,
            ...(agentSort !== undefined ? { sort: agentSort } : {}),
            ...(compare ? { compare: true } : {}),
          }
        : null,
    [month, schemeParam, search, team, agentFilters, agentSort, compare],
  );
  // a new query starts on its first page
  const queryKey = JSON.stringify(agentQuery);
  const [paging, setPaging] = useState({ key: '', page: 1 });
  const page = paging.key === queryKey ? paging.page : 1;
  const agentsQ = useAgentsPage(
    agentQuery
      ? { ...agentQuery, offset: (page - 1) * AGENTS_PAGE, limit: AGENTS_PAGE, summary: true }
      : null,
  );
  const agents = agentsQ.data && agentsQ.data.month === month ? agentsQ.data : null;
  const summary = agents?.summary ?? null;
  const agentRows = useMemo(() => agents?.rows.map(agentRow) ?? [], [agents]);
  const [bodyHeight] = useState(virtualBodyHeight);

  const defaultTab: TabKey = summary
    ? summary.agents
      ? 'agents'
      : summary.accounts
        ? 'accounts'
        : summary.shops
          ? 'shops'
          : 'accounts'
    : 'accounts';
  const activeTab = tab ?? defaultTab;

  // ---- the 账号 and 店铺 tabs: every search, filter, sort and page goes to report:scopes (only while one is open) ----
  const local = activeTab !== 'agents' && !!summary;
  const scope = activeTab === 'shops' ? 'shop' : 'account';
  const [localSort, setLocalSort] = useState<Sort | null>(null);
  const [localFilters, setLocalFilters] = useState<Filters>(NO_FILTERS);
  const scopeQuery: Omit<ScopesQuery, 'offset' | 'limit'> | null =
    local && month
      ? {
          month,
          scope,
          search,
          platform: localFilters.platform,
          shop: localFilters.shop,
          sort: localSort,
          ...(compare ? { compare: true } : {}),
        }
      : null;
  const scopeKey = JSON.stringify(scopeQuery);
  const [scopePaging, setScopePaging] = useState({ key: '', page: 1, size: SCOPES_PAGE });
  const scopePage = scopePaging.key === scopeKey ? scopePaging.page : 1;
  const scopeSize = scopePaging.size;
  const scopesQ = useScopePage(
    scopeQuery ? { ...scopeQuery, offset: (scopePage - 1) * scopeSize, limit: scopeSize } : null,
  );
  // the page of the tab on screen (the last page of the other tab stays in the query while this one loads)
  const scopes =
    local && scopesQ.data && scopesQ.data.month === month && scopesQ.data.scope === scope
      ? scopesQ.data
      : null;
  const localRows = useMemo(() => scopes?.rows.map(scopeRow) ?? [], [scopes]);

  const openDrill = useCallback(
    (r: Row, id: MetricId) => {
      if (!month || r.account === null) return;
      setDrill({
        month,
        platform: r.platform,
        shop: r.shop,
        account: r.account,
        metric: id,
        value: r.metrics[id],
        agent: r.agent,
      });
    },
    [month],
  );

  // 考核方案: the schemes the month's agents are scored on, the first by default (report:agents chooses)
  const schemeName = agents?.scheme ?? null;
  const schemeQ = useApiQuery('scheme:get', schemeName && month ? { name: schemeName, month } : null);
  const schemeDef = schemeName && schemeQ.data?.name === schemeName ? schemeQ.data : null;
  const bonus = useMemo(
    () =>
      schemeDef
        ? schemeDef.bonus.base > 0 || schemeDef.bonus.commission_rate > 0
        : agentRows.some((r) => (r.kpi?.bonus ?? null) !== null),
    [schemeDef, agentRows],
  );
  // the same object when the scheme's definition arrives after the rows (the table is not redrawn for it)
  const kpiMode: KpiMode | null = useMemo(
    () => (schemeName ? { name: schemeName, bonus } : null),
    [schemeName, bonus],
  );

  const prevEmpty = activeTab === 'agents' ? !!agents?.prev?.empty : !!scopes?.prev?.empty;
  const compareReady = activeTab === 'agents' ? !!agents?.prev : !!scopes?.prev;
  const showCompare = compare && compareReady && !prevEmpty;
  const days = scopes?.days;
  const extras: Extras = useMemo(
    () => ({ month, days: days ?? [], compare: showCompare }),
    [month, days, showCompare],
  );
  // the shown order (the back end's default: by rank when a scheme is shown)
  const shownSort: Sort | null = useMemo(
    () => (agentSort === undefined ? (schemeName ? { key: 'kpi-rank', order: 'ascend' } : null) : agentSort),
    [agentSort, schemeName],
  );
  const agentOptions: Options | null = useMemo(
    () => (agents ? { platforms: agents.platforms, shops: agents.shops, metrics: agents.metrics } : null),
    [agents],
  );
  // the 客服 table's props stay the same objects while nothing they carry changes (the table is memoised)
  const onAgentQuery = useCallback((s: Sort | null, f: Filters) => {
    setAgentSort(s);
    setAgentFilters(f);
  }, []);
  const agentsTotal = agents?.total ?? 0;
  const agentPagination = useMemo(
    () =>
      agentsTotal > AGENTS_PAGE
        ? {
            current: page,
            pageSize: AGENTS_PAGE,
            total: agentsTotal,
            showSizeChanger: false,
            showTotal: (n: number) => `共 ${n} 行`,
            onChange: (p: number) => setPaging({ key: queryKey, page: p }),
          }
        : (false as const),
    [agentsTotal, page, queryKey],
  );
  const exportAgents = useCallback(
    () => exported(agentQuery && allAgentRows(agentQuery), agentRow),
    [exported, agentQuery],
  );
  const localOptions: Options | null = useMemo(
    () => (scopes ? { platforms: scopes.platforms, shops: scopes.shops, metrics: scopes.metrics } : null),
    [scopes],
  );

  if (months === null) {
    return (
      <div>
        <PageHead title="客服" description="每个客服、每个账号本月的各项指标。" />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }

  if (months.length === 0) {
    return (
      <div>
        <PageHead title="客服" description="每个客服、每个账号本月的各项指标。" />
        <Card>
          {monthsError && (
            <Alert
              type="error"
              showIcon
              title="读取数据失败"
              description={monthsError}
              style={{ marginBottom: 16 }}
            />
          )}
          <Empty
            style={{ padding: '48px 0' }}
            description="还没有任何数据。先导入平台后台下载的客服数据，这里就会显示每个账号的指标。"
            data-testid="scorecards-empty"
          >
            <Button type="primary" href={hrefOf('import')}>
              去导入数据
            </Button>
          </Empty>
        </Card>
      </div>
    );
  }

  const loadError = agentsQ.error?.message ?? (local ? (scopesQ.error?.message ?? null) : null);

  const shared = { onOpen: openDrill, extras, hidden, month };
  const tableOf = (key: TabKey): ReactNode => {
    if (key === 'agents') {
      if (!agents) return <Skeleton active paragraph={{ rows: 8 }} />;
      return (
        <SchemeContext.Provider value={schemeDef}>
          <MetricTable
            {...shared}
            tab="agents"
            rows={agentRows}
            kpi={kpiMode}
            grouped={agents.grouped}
            sort={shownSort}
            filters={agentFilters}
            options={agentOptions!}
            onQuery={onAgentQuery}
            pagination={agentPagination}
            virtualHeight={bodyHeight}
            loading={agentsQ.loading}
            exportRows={exportAgents}
          />
        </SchemeContext.Provider>
      );
    }
    if (!scopes || !localOptions) return <Skeleton active paragraph={{ rows: 8 }} />;
    return (
      <MetricTable
        {...shared}
        tab={key}
        rows={localRows}
        grouped={false}
        sort={localSort}
        filters={localFilters}
        options={localOptions}
        onQuery={(s, f) => {
          setLocalSort(s);
          setLocalFilters(f);
        }}
        pagination={
          scopes.total > Math.min(scopeSize, SCOPES_PAGE)
            ? {
                current: scopePage,
                pageSize: scopeSize,
                total: scopes.total,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                showTotal: (n) => `共 ${n} 行`,
                onChange: (p, size) =>
                  setScopePaging({ key: scopeKey, page: size === scopeSize ? p : 1, size }),
              }
            : false
        }
        loading={scopesQ.loading}
        exportRows={() => exported(scopeQuery && allScopeRows(scopeQuery), scopeRow)}
      />
    );
  };

  return (
    <div>
      <PageHead
        title="客服"
        description="本月每个客服、每个账号、每个店铺的指标。红色为未达到平台考核线；点击数值可以查看按日明细和来源数据。"
        extra={
          <>
            <MonthPicker
              value={month}
              months={months}
              onChange={setMonth}
              width={140}
              testId="month-picker"
            />
            <Tooltip
              title={prevMonth ? `与 ${prevMonth.replace('-', '年')}月 对比，显示每项指标的升降` : undefined}
            >
              <span className="sd-switch-label">
                <Switch
                  size="small"
                  checked={compare}
                  onChange={setCompare}
                  loading={compare && !compareReady && !agentsQ.error && !(local && scopesQ.error)}
                  data-testid="compare-toggle"
                />
                对比上月
              </span>
            </Tooltip>
            <Tooltip title="重新读取">
              <Button
                icon={<ReloadOutlined />}
                onClick={() => {
                  agentsQ.reload();
                  if (local) scopesQ.reload();
                }}
              />
            </Tooltip>
          </>
        }
      />

      {loadError && (
        <Alert
          type="error"
          showIcon
          title="读取本月数据失败"
          description={loadError}
          style={{ marginBottom: 16 }}
        />
      )}

      {summary && (
        <GridRow gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号"
                value={summary.accounts}
                suffix={
                  summary.unbound ? (
                    <span className="sd-muted" style={{ fontSize: 13 }}>
                      其中未绑定 {summary.unbound}
                    </span>
                  ) : undefined
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic title="客服（已绑定）" value={summary.agents} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="店铺"
                value={summary.shops}
                suffix={
                  <span className="sd-muted" style={{ fontSize: 13 }}>
                    {summary.platforms.map((p) => PLATFORM_ZH[p]).join(' · ')}
                  </span>
                }
              />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small" className="sd-stat-card">
              <Statistic
                title="账号未达标项"
                value={summary.account_fails}
                styles={{ content: summary.account_fails > 0 ? { color: '#d92d20' } : undefined }}
              />
            </Card>
          </Col>
        </GridRow>
      )}

      {compare && prevEmpty && (
        <Alert
          type="info"
          showIcon
          title={`上月（${prevMonth ?? ''}）没有数据，无法对比`}
          description="导入上月的数据后，这里会显示每项指标较上月的升降。"
          style={{ marginBottom: 16 }}
          data-testid="compare-empty"
        />
      )}
      {extras.compare && (
        <div className="sd-compare-legend" data-testid="compare-legend">
          对比 {prevMonth}：<span className="sd-delta-good">▲▼ 绿色</span> 变好，
          <span className="sd-delta-bad">红色</span> 变差，比率的变化以百分点（pp）计，时长以秒计。
        </div>
      )}

      {summary && summary.notices.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`有 ${summary.notices.length} 条数据没有计入本月`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {summary.notices.slice(0, 8).map((n, i) => (
                <li key={i}>
                  {PLATFORM_ZH[n.platform]} · {n.shop} · {n.account}（{n.from} ~ {n.to}）：{n.message}
                </li>
              ))}
              {summary.notices.length > 8 && <li>…等 {summary.notices.length} 条</li>}
            </ul>
          }
        />
      )}

      <Card styles={{ body: { paddingTop: 4 } }}>
        {!summary ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Tabs
            activeKey={activeTab}
            onChange={(k) => setTab(k as TabKey)}
            tabBarExtraContent={
              <div className="sd-table-tools">
                {activeTab === 'agents' && agents && agents.teams.length > 0 && (
                  <Select
                    allowClear
                    placeholder="全部团队"
                    value={team}
                    onChange={(v?: string) => setTeam(v ?? null)}
                    options={agents.teams.map((t) => ({ value: t, label: t }))}
                    style={{ width: 120 }}
                    data-testid="team-filter"
                  />
                )}
                <ColumnChooser
                  available={activeTab === 'agents' ? (agents?.metrics ?? []) : (scopes?.metrics ?? [])}
                  hidden={hidden}
                  onChange={setHidden}
                />
                <SearchBox onSearch={setSearch} />
              </div>
            }
            items={(
              [
                ['agents', '客服', summary.agents],
                ['accounts', '账号', summary.accounts],
                ['shops', '店铺', summary.shops],
              ] as const
            ).map(([key, label, total]) => ({
              key,
              label: (
                <span data-testid={`tab-${key}`}>
                  {label} <span className="sd-muted">{total}</span>
                </span>
              ),
              children: (
                <>
                  {key === 'agents' && total === 0 && (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 12 }}
                      title="还没有客服花名册"
                      description={
                        <>
                          账号还没有绑定到客服，可以先在“账号”页查看每个账号的指标。在
                          <a href={`${hrefOf('settings')}?tab=roster`}>设置 → 花名册</a>
                          中登记客服并绑定账号，或在“导入”页导入“客服花名册.xlsx”。
                        </>
                      }
                    />
                  )}
                  {key === 'agents' && agents && kpiMode && (
                    <SchemeBar
                      schemes={agents.schemes}
                      value={kpiMode.name}
                      onChange={(n) => setHashParam('scheme', n)}
                      scheme={schemeDef}
                      stats={agents.scheme_stats}
                    />
                  )}
                  {key === activeTab ? tableOf(key) : null}
                </>
              ),
            }))}
          />
        )}
      </Card>

      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
