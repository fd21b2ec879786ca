import type { ReactNode } from 'react';
import { Card, DatePicker, Input, Select, Space, Switch, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { Options } from './import-preview';

/** 导入选项: strict mode, force, and the platform / shop / period for files that do not say them. */
export function ImportOptionsCard({
  options,
  setOptions,
  busy,
}: {
  options: Options;
  setOptions: (update: (o: Options) => Options) => void;
  busy: boolean;
}): ReactNode {
  return (
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
  );
}
