/** The alert settings (桌面通知 on/off and its permission, days without imports): in the bell and in 设置 → 提醒. */
import { useState, type ReactNode } from 'react';
import { Button, InputNumber, Switch, Typography } from 'antd';
import type { AlertSettings } from '../../../../shared/alerts';
import { askPermission, type Permission } from './notify';

export function AlertSettingsForm({
  settings,
  today,
  perm,
  onPerm,
  save,
}: {
  settings: AlertSettings;
  today: string;
  perm: Permission;
  onPerm: (p: Permission) => void;
  save: (s: Partial<AlertSettings>) => Promise<string | null>;
}): ReactNode {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="sd-alerts-settings">
      <div className="sd-alerts-row">
        <span>桌面通知</span>
        <Switch
          size="small"
          checked={settings.notify}
          onChange={(v) => void save({ notify: v }).then(setError)}
          data-testid="alerts-notify"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          新的提醒弹出一次系统通知
        </Typography.Text>
      </div>
      {settings.notify && perm === 'default' && (
        <Button
          size="small"
          type="link"
          style={{ padding: 0, alignSelf: 'flex-start' }}
          onClick={() => void askPermission().then(onPerm)}
          data-testid="alerts-permission"
        >
          允许本程序显示桌面通知
        </Button>
      )}
      {settings.notify && perm === 'denied' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          系统或浏览器已拒绝通知，可在浏览器的网站设置中重新允许
        </Typography.Text>
      )}
      {settings.notify && perm === 'unsupported' && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          当前浏览器不支持桌面通知，提醒仍显示在右上角的铃铛里
        </Typography.Text>
      )}
      <div className="sd-alerts-row">
        <span>店铺超过</span>
        <InputNumber
          size="small"
          min={1}
          max={60}
          precision={0}
          value={settings.stale_days}
          onChange={(v) => {
            if (typeof v === 'number') void save({ stale_days: v }).then(setError);
          }}
          style={{ width: 64 }}
          data-testid="alerts-stale-days"
        />
        <span>天没有导入时提醒</span>
      </div>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        考试截止前 2 天、当天和逾期时提醒；暂定数据过了平台修订期提醒重新导入。日期按北京时间（今天 {today}
        ）。
      </Typography.Text>
    </div>
  );
}
