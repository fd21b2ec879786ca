import type { ReactNode } from 'react';
import { Button, Card, Empty, Space } from 'antd';
import { PageHead } from '../components/PageHead';
import { hrefOf } from '../router';

/** A screen of product.md that arrives in a later release: says what it will show, and where to go meanwhile. */
export function PlaceholderPage({ title, description }: { title: string; description: string }): ReactNode {
  return (
    <div data-testid="placeholder-page">
      <PageHead title={title} description={description} />
      <Card>
        <Empty
          style={{ padding: '48px 0' }}
          description={
            <Space orientation="vertical" size={4}>
              <span style={{ fontSize: 16, color: '#344054' }}>即将推出</span>
              <span className="sd-muted">
                这个页面将在后续版本提供。现在可以先导入数据，在“客服”页查看每个账号的指标。
              </span>
            </Space>
          }
        >
          <Space>
            <Button type="primary" href={hrefOf('import')}>
              去导入数据
            </Button>
            <Button href={hrefOf('scorecards')}>查看客服指标</Button>
          </Space>
        </Empty>
      </Card>
    </div>
  );
}
