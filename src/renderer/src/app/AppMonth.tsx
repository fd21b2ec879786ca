/**
 * The app's month in the header of every screen, with its lock (已锁定 · 数据以锁定时为准), and the refusal of a month
 * typed into the URL that has no data.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Tag, Tooltip } from 'antd';
import { CalendarOutlined, LockOutlined } from '@ant-design/icons';
import type { Month } from '../../../shared/domain';
import { useApiQuery } from '../data/use-api-query';
import { monthZh } from '../data/month-choice';

export function AppMonthStatus({ month }: { month: Month | null }): ReactNode {
  // a lock or unlock is a mutation: every query, this one too, loads again after it
  const { data: lock } = useApiQuery('month:info', month ? { month } : null);

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
