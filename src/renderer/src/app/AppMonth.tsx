/**
 * The app's month in the header of every screen, with its lock (已锁定 · 数据以锁定时为准), and the refusal of a month
 * typed into the URL that has no data.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Tag, Tooltip } from 'antd';
import { CalendarOutlined, LockOutlined } from '@ant-design/icons';
import type { MonthLockInfo } from '../../../shared/api';
import type { Month } from '../../../shared/domain';
import { getApi } from '../api/client';
import { monthZh } from '../data/month-choice';
import { useRoute } from './router';

/** Fired on window after a lock or unlock (there is no back-end event for it). */
export const MONTH_LOCK_EVENT = 'scoredesk:month-lock';

export function AppMonthStatus({ month }: { month: Month | null }): ReactNode {
  const api = getApi();
  const route = useRoute();
  const [lock, setLock] = useState<MonthLockInfo | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const bump = (): void => setTick((k) => k + 1);
    window.addEventListener(MONTH_LOCK_EVENT, bump);
    const off = api.subscribe((e) => {
      if (e.type === 'recalc:done') bump();
    });
    return () => {
      window.removeEventListener(MONTH_LOCK_EVENT, bump);
      off();
    };
  }, [api]);

  useEffect(() => {
    if (!month) return;
    let alive = true;
    void api['month:info']({ month }).then((r) => {
      if (alive) setLock(r.ok ? r.data : null);
    });
    return () => {
      alive = false;
    };
    // the route too: a lock made on 月度绩效表 shows as soon as the lead moves on
  }, [api, month, route, tick]);

  if (!month) return null;
  const locked = lock?.month === month && lock.locked;
  return (
    <span className="sd-app-month" data-testid="app-month">
      <CalendarOutlined />
      <span>{monthZh(month)}</span>
      {locked && (
        <Tooltip
          title={`已于 ${lock.locked_at ?? ''} 锁定${lock.note ? `（${lock.note}）` : ''}：得分与报表以锁定时为准，解锁在“月度绩效表”`}
        >
          <Tag
            color="gold"
            icon={<LockOutlined />}
            style={{ marginInlineEnd: 0 }}
            data-testid="app-month-locked"
          >
            已锁定
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

export function RefusedMonthBanner({
  refused,
  month,
  onUse,
}: {
  refused: string | null;
  month: Month | null;
  onUse: (month: Month) => void;
}): ReactNode {
  if (!refused) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="month-refused"
      title={`${monthZh(refused)}没有数据，不能查看`}
      description={
        month
          ? `现在显示的是 ${monthZh(month)}。只能选择已导入数据的月份。`
          : '还没有任何月份的数据，请先导入。'
      }
      action={
        month ? (
          <Button size="small" onClick={() => onUse(month)}>
            改看 {monthZh(month)}
          </Button>
        ) : undefined
      }
    />
  );
}
