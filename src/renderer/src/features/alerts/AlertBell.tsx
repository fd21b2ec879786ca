/**
 * The header's bell: the count of alerts, their list (each opens its screen), the alert settings (桌面通知, days
 * without imports) and desktop notifications for alerts not shown before.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Badge, Empty, Popover, Tag } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { unnotified, type AppAlert } from '../../../../shared/alerts';
import { permission, showNotifications, type Permission } from './notify';
import { AlertSettingsForm } from './AlertSettingsForm';
import { useAlerts } from './use-alerts';
import './alerts.css';

const LEVEL_TAG: Record<AppAlert['level'], { color: string; text: string }> = {
  error: { color: 'red', text: '紧急' },
  warning: { color: 'orange', text: '注意' },
  info: { color: 'blue', text: '提示' },
};
const KIND_ZH: Record<AppAlert['kind'], string> = { exam: '考试', stale_shop: '导入', reimport: '重新导入' };

export function AlertBell(): ReactNode {
  const { list, saveSettings, markNotified } = useAlerts();
  const [open, setOpen] = useState(false);
  const [perm, setPerm] = useState<Permission>(permission());
  const busy = useRef(false);

  // new alerts notify once: shown, then remembered by the back end (the browser host's origin changes per run)
  useEffect(() => {
    if (!list || !list.settings.notify || perm !== 'granted' || busy.current) return;
    const fresh = unnotified(list.alerts, list.notified);
    if (!fresh.length) return;
    busy.current = true;
    showNotifications(fresh);
    void markNotified(fresh.map((a) => a.id)).finally(() => {
      busy.current = false;
    });
  }, [list, perm, markNotified]);

  const alerts = list?.alerts ?? [];
  const urgent = alerts.some((a) => a.level === 'error');

  const content = (
    <div className="sd-alerts" data-testid="alerts-panel">
      {alerts.length ? (
        <ul className="sd-alerts-list">
          {alerts.map((a) => (
            <li key={a.id}>
              <a href={a.href} onClick={() => setOpen(false)} data-testid="alert-item">
                <div className="sd-alerts-title">
                  <Tag color={LEVEL_TAG[a.level].color}>{KIND_ZH[a.kind]}</Tag>
                  <span>{a.title}</span>
                </div>
                <div className="sd-alerts-detail">{a.detail}</div>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要处理的提醒" />
      )}
      {list && (
        <AlertSettingsForm
          settings={list.settings}
          today={list.today}
          perm={perm}
          onPerm={setPerm}
          save={saveSettings}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={`提醒（${alerts.length}）`}
      content={content}
    >
      <button
        type="button"
        className="sd-bell"
        aria-label={`提醒 ${alerts.length} 条`}
        data-testid="alerts-bell"
      >
        <Badge count={alerts.length} size="small" color={urgent ? '#d92d20' : '#f79009'} overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </button>
    </Popover>
  );
}
