import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Alert, Layout, Menu, Skeleton, Tag, Tooltip, Typography } from 'antd';
import {
  AlertOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DislikeOutlined,
  FileExcelOutlined,
  SettingOutlined,
  SlidersOutlined,
  TeamOutlined,
  DatabaseOutlined,
} from '@ant-design/icons';
import { useApiQuery } from '../data/use-api-query';
import { AppInfoContext } from '../data/app-info';
import { hrefOf, keepMonthInHash, navigate, useRoute, type RouteKey } from './router';
import { AppMonthStatus, RefusedMonthBanner } from './AppMonth';
import { useMonths } from '../data/use-months';
import { AlertBell } from '../features/alerts/AlertBell';
import { JobIndicator } from '../features/jobs/JobIndicator';

// one chunk per screen: the first paint loads the shell and the screen shown, not every screen and chart
const ImportPage = lazy(() =>
  import('../features/imports/ImportPage').then((m) => ({ default: m.ImportPage })),
);
const OverviewPage = lazy(() =>
  import('../features/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const ScorecardsPage = lazy(() =>
  import('../features/scorecards/ScorecardsPage').then((m) => ({ default: m.ScorecardsPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const SchemesPage = lazy(() =>
  import('../features/schemes/SchemesPage').then((m) => ({ default: m.SchemesPage })),
);
const SheetPage = lazy(() => import('../features/sheet/SheetPage').then((m) => ({ default: m.SheetPage })));
const RatingsPage = lazy(() =>
  import('../features/ratings/RatingsPage').then((m) => ({ default: m.RatingsPage })),
);
const ExamsPage = lazy(() => import('../features/exams/ExamsPage').then((m) => ({ default: m.ExamsPage })));
const AgentRoute = lazy(() =>
  import('../features/agent/AgentRoute').then((m) => ({ default: m.AgentRoute })),
);

interface Screen {
  key: RouteKey;
  label: string;
  icon: ReactNode;
}

const SCREENS: Screen[] = [
  { key: 'overview', label: '总览', icon: <DashboardOutlined /> },
  { key: 'scorecards', label: '客服', icon: <TeamOutlined /> },
  { key: 'ratings', label: '中差评', icon: <DislikeOutlined /> },
  { key: 'exams', label: '考试预警', icon: <AlertOutlined /> },
  { key: 'schemes', label: '考核方案', icon: <SlidersOutlined /> },
  { key: 'import', label: '导入', icon: <CloudUploadOutlined /> },
  { key: 'sheet', label: '月度绩效表', icon: <FileExcelOutlined /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

function Page({ route }: { route: RouteKey }): ReactNode {
  switch (route) {
    case 'overview':
      return <OverviewPage />;
    case 'scorecards':
      return <ScorecardsPage />;
    case 'ratings':
      return <RatingsPage />;
    case 'exams':
      return <ExamsPage />;
    case 'schemes':
      return <SchemesPage />;
    case 'import':
      // rendered by App itself, kept mounted so a running import survives a look at another page
      return null;
    case 'sheet':
      return <SheetPage />;
    case 'settings':
      return <SettingsPage />;
    case 'agent':
      return <AgentRoute />;
  }
}

export function App(): ReactNode {
  const route = useRoute();
  // once: the version, host and database path do not change while the app runs
  const infoQuery = useApiQuery('app:info', {}, { ignoreDataChanges: true });
  const info = infoQuery.data;
  const infoError = infoQuery.error?.message ?? null;
  const [collapsed, setCollapsed] = useState(false);
  const [importMounted, setImportMounted] = useState(route === 'import');
  if (route === 'import' && !importMounted) setImportMounted(true);
  // one month for the whole app, kept in the URL from screen to screen
  useEffect(() => keepMonthInHash(), []);
  const appMonth = useMonths();

  // the page per agent belongs to 客服 in the menu
  const screen = SCREENS.find((s) => s.key === (route === 'agent' ? 'scorecards' : route));
  useEffect(() => {
    document.title = screen ? `${screen.label} · ScoreDesk 客服绩效台` : 'ScoreDesk 客服绩效台';
  }, [screen]);

  return (
    <AppInfoContext.Provider value={info}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div className="sd-logo">
            <span className="sd-logo-mark">SD</span>
            {!collapsed && <span>客服绩效台</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[screen?.key ?? route]}
            items={SCREENS.map((s) => ({
              key: s.key,
              icon: s.icon,
              label: (
                <a href={hrefOf(s.key)} data-testid={`nav-${s.key}`}>
                  {s.label}
                </a>
              ),
            }))}
            onClick={({ key }) => navigate(key as RouteKey)}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout style={{ minWidth: 0 }}>
          <Layout.Header className="sd-header">
            <span className="sd-header-title">ScoreDesk 客服绩效台</span>
            {info && <Tag variant="filled">v{info.version}</Tag>}
            <AppMonthStatus month={appMonth.month} />
            <JobIndicator />
            <div className="sd-header-db" data-testid="header-db">
              {info ? (
                <>
                  <Tag color={info.host === 'electron' ? 'blue' : 'cyan'}>
                    {info.host === 'electron' ? '桌面版' : '浏览器版 · 仅本机'}
                  </Tag>
                  <DatabaseOutlined />
                  <span>数据库</span>
                  <Tooltip title={info.dbPath}>
                    <span className="sd-path">{info.dbPath}</span>
                  </Tooltip>
                </>
              ) : (
                infoError && <Typography.Text type="danger">{infoError}</Typography.Text>
              )}
            </div>
            <AlertBell />
          </Layout.Header>
          <Layout.Content className="sd-content">
            {infoError && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                title="无法连接后台服务"
                description={`${infoError}。如果是浏览器版，请使用启动时打印的完整地址（含 #token=…）重新打开。`}
              />
            )}
            <RefusedMonthBanner refused={appMonth.refused} month={appMonth.month} onUse={appMonth.setMonth} />
            <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
              <Page route={route} />
            </Suspense>
            {importMounted && (
              <div style={route === 'import' ? undefined : { display: 'none' }}>
                <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
                  <ImportPage />
                </Suspense>
              </div>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </AppInfoContext.Provider>
  );
}
