/**
 * 平台规则 (metrics.md, rule versions): every rule parameter of a platform — thresholds, service windows, the lag after
 * which a day is final — as versions with an effective date. Overlapping versions: the later 生效日期 wins. Saving
 * recalculates every month.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PLATFORMS, PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import type { RuleRow } from '../../../../shared/settings';
import { useApiMutation } from '../../data/use-api-mutation';
import { useModalTarget } from '../../ui/use-modal-target';
import { chinaToday } from '../../data/china-clock';
import { statuses } from './rule-values';
import { RuleModal } from './RuleModal';
import { PlatformRules } from './PlatformRules';

export function RulesEditor({ rows, reload }: { rows: RuleRow[]; reload: () => Promise<void> }): ReactNode {
  const deleteRule = useApiMutation('rules:delete');
  const { message } = App.useApp();
  const [platform, setPlatform] = useState<Platform>('douyin');
  const [modal, modalSerial, setModal] = useModalTarget<{ editing: RuleRow | null }>();
  const today = chinaToday();
  const status = useMemo(() => statuses(rows, today), [rows, today]);

  const remove = async (r: RuleRow): Promise<void> => {
    const res = await deleteRule({ id: r.id });
    if (res.ok) message.success('已删除，所有月份已重新计算');
    else message.error(res.error.message);
    await reload();
  };

  return (
    <div data-testid="rules-editor">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="每条规则可以有多个版本，按生效日期使用：每一天用当天有效的版本计算。同一条规则的版本时间重叠时，以生效日期较晚的为准。保存或删除后会重新计算所有月份。"
      />
      <Tabs
        activeKey={platform}
        onChange={(k) => setPlatform(k as Platform)}
        tabBarExtraContent={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal({ editing: null })}
            data-testid="rules-add"
          >
            新增规则版本
          </Button>
        }
        items={PLATFORMS.map((p) => ({
          key: p,
          label: (
            <span data-testid={`rules-tab-${p}`}>
              {PLATFORM_ZH[p]} <span className="sd-muted">{rows.filter((r) => r.platform === p).length}</span>
            </span>
          ),
          children: (
            <PlatformRules
              platform={p}
              rows={rows}
              status={status}
              onEdit={(r) => setModal({ editing: r })}
              onDelete={remove}
            />
          ),
        }))}
      />
      <RuleModal
        key={modalSerial}
        open={!!modal}
        platform={platform}
        editing={modal?.editing ?? null}
        rows={rows}
        onClose={() => setModal(null)}
        onSaved={() => {
          setModal(null);
          void reload();
        }}
      />
    </div>
  );
}
