import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { connectApi } from '../data/connect';
import { App } from './App';
import { ErrorDetails } from './error-details';
import './styles.css';
import '../ui/print.css';

dayjs.locale('zh-cn');
// take the browser host's token out of the address bar before the router reads the hash
connectApi();

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: { colorPrimary: '#1f5fd1', fontFamily: FONT, borderRadius: 6, colorBgLayout: '#f3f5f9' },
        components: {
          Layout: { siderBg: '#0f1e36', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
          Menu: { darkItemBg: '#0f1e36', darkSubMenuItemBg: '#0f1e36', darkItemSelectedBg: '#1f5fd1' },
          Table: { headerBg: '#f7f8fa', cellPaddingBlockSM: 6 },
        },
      }}
    >
      <AntApp>
        <ErrorDetails />
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
