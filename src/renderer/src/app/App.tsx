import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
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
import { ImportPage } from '../features/imports/ImportPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { ScorecardsPage } from '../features/scorecards/ScorecardsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SchemesPage } from '../features/schemes/SchemesPage';
import { SheetPage } from '../features/sheet/SheetPage';
import { RatingsPage } from '../features/ratings/RatingsPage';
import { ExamsPage } from '../features/exams/ExamsPage';
import { AgentRoute } from '../features/agent/AgentRoute';
import { AlertBell } from '../features/alerts/AlertBell';

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
            <Page route={route} />
            {importMounted && (
              <div style={route === 'import' ? undefined : { display: 'none' }}>
                <ImportPage />
              </div>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </AppInfoContext.Provider>
  );
}
