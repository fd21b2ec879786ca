import { describe, expect, it } from 'vitest';
import { errorDetailsText, needsDetails } from './error-details';

describe('复制错误详情', () => {
  it('copies the time, the operation, the message, the code and the detail', () => {
    const text = errorDetailsText(
      'report:month',
      { message: '内部错误，请查看日志', code: 'internal', detail: 'Error: boom\n    at x (a.ts:1:1)' },
      new Date(2026, 10, 20, 10, 0, 0),
    );
    expect(text.split('\n')).toEqual([
      `时间：${new Date(2026, 10, 20, 10, 0, 0).toLocaleString('zh-CN', { hour12: false })}`,
      '操作：report:month',
      '错误：内部错误，请查看日志',
      '代码：internal',
      '详情：',
      'Error: boom',
      '    at x (a.ts:1:1)',
    ]);
  });

  it('is offered for what the lead cannot fix alone, not for refusals of their own input', () => {
    expect(needsDetails({ message: '内部错误，请查看日志', code: 'internal' })).toBe(true);
    expect(needsDetails({ message: '数据库正被其他程序占用，请稍后再试', code: 'db_busy' })).toBe(true);
    expect(needsDetails({ message: 'x' })).toBe(true);
    expect(needsDetails({ message: '浏览器版只能监视…', code: 'user_error' })).toBe(false);
    expect(needsDetails({ message: '参数无效', code: 'invalid_input' })).toBe(false);
  });
});
