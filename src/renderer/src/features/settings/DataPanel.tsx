/**
 * 设置 → 数据与计算 (metrics.md §5 end, §8): which source wins where a platform summary and computed events overlap,
 * how much chat text is kept, the daily recalculation, the watched folder, and the reconciliation of the two sources.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Radio, Row, Skeleton, Space, Tag } from 'antd';
import { MessageOutlined, SwapOutlined } from '@ant-design/icons';
import type { AppSettings } from '../../../../shared/api';
import { useApiQuery } from '../../data/use-api-query';
import { useApiMutation } from '../../data/use-api-mutation';
import { SchedulePanel } from './SchedulePanel';
import { WatchPanel } from './WatchPanel';
import { ReconcilePanel } from './ReconcilePanel';

export type Precedence = AppSettings['precedence'];
type MessageContent = AppSettings['message_content'];

export function DataPanel(): ReactNode {
  const { message } = App.useApp();
  const query = useApiQuery('settings:get', {});
  const saveSettings = useApiMutation('settings:save');
  // a saved choice stays shown from the click until the settings are read again (they reload after the save),
  // instead of jumping back to the old value for a moment; a refused save drops it
  const [saved, setSaved] = useState<{ base: AppSettings | null; patch: Partial<AppSettings> }>({
    base: null,
    patch: {},
  });
  const settings = useMemo(
    () => (query.data && saved.base === query.data ? { ...query.data, ...saved.patch } : query.data),
    [query.data, saved],
  );
  const loadError = query.error?.message ?? null;
  const load = query.reload;
  const [saving, setSaving] = useState<keyof AppSettings | null>(null);

  /** Saves one setting; resolves with the server's error message, or null when saved. */
  const save = async (patch: Partial<AppSettings>, done: string): Promise<string | null> => {
    const field = Object.keys(patch)[0] as keyof AppSettings;
    setSaving(field);
    const base = query.data;
    setSaved((d) => ({ base, patch: d.base === base ? { ...d.patch, ...patch } : patch }));
    const r = await saveSettings(patch);
    setSaving(null);
    if (!r.ok) {
      setSaved({ base: null, patch: {} });
      message.error(r.error.message);
      return r.error.message;
    }
    message.success(done);
    return null;
  };

  if (!settings) {
    return loadError ? (
      <Alert
        type="error"
        showIcon
        title="读取设置失败"
        description={loadError}
        action={
          <Button size="small" onClick={() => void load()}>
            重试
          </Button>
        }
      />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  }

  return (
    <div data-testid="settings-data">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={
                <Space>
                  <SwapOutlined />
                  数据口径
                </Space>
              }
            >
              <div className="sd-muted sd-card-lead">
                同一账号、同一天，既导入了平台后台的汇总数据，又导入了聊天记录、评价明细时，用哪一个算指标：
              </div>
              <Radio.Group
                className="sd-radio-cards"
                value={settings.precedence}
                disabled={saving === 'precedence'}
                onChange={(e) => {
                  const v = e.target.value as Precedence;
                  void save(
                    { precedence: v },
                    v === 'summary'
                      ? '已改为平台汇总数据优先，指标已重新计算'
                      : '已改为明细计算优先，指标已重新计算',
                  );
                }}
                data-testid="precedence"
              >
                <Radio value="summary">
                  <div data-testid="precedence-summary">
                    <div className="sd-radio-title">
                      平台汇总数据优先 <Tag className="sd-mini-tag">默认</Tag>
                    </div>
                    <div className="sd-radio-desc">
                      平台考核以后台汇总为准。明细算出的数值只在下方“对账”中对照显示，用来发现导出遗漏或口径差异。
                    </div>
                  </div>
                </Radio>
                <Radio value="events">
                  <div data-testid="precedence-events">
                    <div className="sd-radio-title">明细计算优先</div>
                    <div className="sd-radio-desc">
                      按平台规则用聊天记录、评价明细逐条计算，汇总数据仅作对照。适合后台汇总有误、或合同口径与平台不同的情况。
                    </div>
                  </div>
                </Radio>
              </Radio.Group>
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  <MessageOutlined />
                  聊天内容保存
                </Space>
              }
            >
              <Radio.Group
                className="sd-radio-cards"
                value={settings.message_content}
                disabled={saving === 'message_content'}
                onChange={(e) => {
                  const v = e.target.value as MessageContent;
                  void save(
                    { message_content: v },
                    v === 'all' ? '今后导入的聊天记录将保存全部内容' : '今后只保存未达标轮次的聊天内容',
                  );
                }}
                data-testid="message-content"
              >
                <Radio value="all">
                  <div className="sd-radio-title">全部保存</div>
                  <div className="sd-radio-desc">
                    每条聊天的文字都保存在本机数据库，查明细时可以看到完整对话。
                  </div>
                </Radio>
                <Radio value="failing_only">
                  <div className="sd-radio-title">只保存未达标轮次的内容</div>
                  <div className="sd-radio-desc">
                    其他会话只保留时间和发送方，不保留文字，数据库更小。指标的计算不受影响。
                  </div>
                </Radio>
              </Radio.Group>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SchedulePanel />
            <WatchPanel
              folder={settings.watch_folder}
              saving={saving === 'watch_folder'}
              onSave={(folder) =>
                save({ watch_folder: folder }, folder ? `已开始监视文件夹 ${folder}` : '已停止监视文件夹')
              }
            />
          </Space>
        </Col>
      </Row>
      <ReconcilePanel precedence={settings.precedence} />
    </div>
  );
}
