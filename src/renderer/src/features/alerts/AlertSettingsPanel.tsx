/** 设置 → 提醒: the same settings as the bell's, with the current alerts listed for reference. */
import { useState, type ReactNode } from 'react';
import { Card, Spin } from 'antd';
import { AlertSettingsForm } from './AlertSettingsForm';
import { permission, type Permission } from './notify';
import { useAlerts } from './use-alerts';
import './alerts.css';

export function AlertSettingsPanel(): ReactNode {
  const { list, saveSettings } = useAlerts();
  const [perm, setPerm] = useState<Permission>(permission());
  if (!list) return <Spin />;
  return (
    <Card size="small" title="提醒" className="sd-alerts-panel" data-testid="settings-alerts">
      <AlertSettingsForm
        settings={list.settings}
        today={list.today}
        perm={perm}
        onPerm={setPerm}
        save={saveSettings}
      />
      <p className="sd-file-sub" style={{ marginTop: 12 }}>
        当前有 {list.alerts.length} 条提醒，点右上角的铃铛查看。
      </p>
    </Card>
  );
}
