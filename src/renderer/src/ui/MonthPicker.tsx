/**
 * The month picker of every screen that works on one month: 2026年10月, no clearing, only months that have data. A
 * month typed without data is refused out loud (the picker itself would silently put the old month back).
 */
import type { FocusEvent, KeyboardEvent, ReactNode } from 'react';
import { App, DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Month } from '../../../shared/domain';
import { monthZh, parseTypedMonth } from '../data/month-choice';

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
  const { message } = App.useApp();
  const checkTyped = (e: FocusEvent<HTMLElement> | KeyboardEvent<HTMLElement>): void => {
    const typed = parseTypedMonth((e.target as HTMLInputElement).value ?? '');
    if (!typed || !months || months.includes(typed)) return;
    // one message however many times Enter and blur repeat it
    void message.warning({
      key: 'month-without-data',
      content: `${monthZh(typed)}没有数据，不能查看。请选择已导入数据的月份。`,
    });
  };
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
      onKeyDown={(e) => {
        if (e.key === 'Enter') checkTyped(e);
      }}
      onBlur={checkTyped}
      data-testid={testId}
    />
  );
}
