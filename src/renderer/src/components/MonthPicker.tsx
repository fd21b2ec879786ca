/** The month picker of every screen that works on one month: 2026年10月, no clearing, only months that have data. */
import type { ReactNode } from 'react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Month } from '../../../shared/domain';

export function MonthPicker({
  value,
  months,
  onChange,
  width,
  size,
  testId,
}: {
  value: Month | null;
  /** the months that can be picked; null: any month */
  months: readonly Month[] | null;
  onChange: (month: Month) => void;
  width: number;
  size?: 'small';
  testId: string;
}): ReactNode {
  return (
    <DatePicker
      picker="month"
      size={size}
      allowClear={false}
      value={value ? dayjs(`${value}-01`) : null}
      onChange={(d) => {
        if (d) onChange(d.format('YYYY-MM'));
      }}
      disabledDate={(d) => !!months && !months.includes(d.format('YYYY-MM'))}
      format="YYYY年M月"
      style={{ width }}
      data-testid={testId}
    />
  );
}
