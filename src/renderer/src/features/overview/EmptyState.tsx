/** 总览 before any import: what to do first, and 载入演示数据. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Progress, Space } from 'antd';
import { CloudUploadOutlined, ExperimentOutlined } from '@ant-design/icons';
import { runDemoJob } from '../../data/jobs';
import { hrefOf } from '../../app/router';

function DemoButton({ onLoaded }: { onLoaded: () => void }): ReactNode {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const load = async (): Promise<void> => {
    setProgress({ done: 0, total: 1 });
    const r = await runDemoJob((p) => setProgress({ done: p.done, total: p.total }));
    setProgress(null);
    if (!r.ok) {
      void message.error(r.error.message);
      return;
    }
    void message.success(
      `已载入演示数据：${r.data.files.filter((f) => f.status === 'imported').length} 个文件`,
    );
    onLoaded();
  };
  return progress ? (
    <Space orientation="vertical" size={4} align="center" data-testid="demo-progress">
      <Progress
        percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)}
        style={{ width: 240 }}
      />
      <span className="sd-muted">
        正在导入演示数据（{progress.done}/{progress.total} 个文件）…
      </span>
    </Space>
  ) : (
    <Button icon={<ExperimentOutlined />} onClick={() => void load()} data-testid="demo-load">
      载入演示数据
    </Button>
  );
}

export function EmptyState({ error, onLoaded }: { error: string | null; onLoaded: () => void }): ReactNode {
  return (
    <Card>
      {error && (
        <Alert type="error" showIcon title="读取数据失败" description={error} style={{ marginBottom: 16 }} />
      )}
      <Empty
        style={{ padding: '48px 0' }}
        data-testid="overview-empty"
        description={
          <Space orientation="vertical" size={4}>
            <span style={{ fontSize: 16, color: '#344054' }}>还没有任何数据</span>
            <span className="sd-muted">
              导入抖音、快手、京东、淘宝后台下载的客服数据后，这里会显示本月各平台的指标、趋势和风险。
            </span>
          </Space>
        }
      >
        <Space orientation="vertical" size={12} align="center">
          <Button type="primary" icon={<CloudUploadOutlined />} href={hrefOf('import')}>
            去导入数据
          </Button>
          <DemoButton onLoaded={onLoaded} />
          <span className="sd-muted" data-testid="demo-hint">
            想先看看效果？载入一个月的演示数据（5 家店铺、24 位客服、四个平台的真实导出格式）。
          </span>
        </Space>
      </Empty>
    </Card>
  );
}
