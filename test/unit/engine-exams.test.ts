import { describe, expect, it } from 'vitest';
import { chinaEpoch, isoWeekday } from '../../src/shared/china-time';
import {
  deadlineDaysFor,
  examDayCells,
  examDeadline,
  examMonthCounts,
  examNoticeDate,
  examStatus,
  repeatOffenders,
  weekMonday,
} from '../../src/shared/engine/exams';
import type { ExamAttempt, ExamWarning } from '../../src/shared/engine/types';
import { DEFAULT_RULES, type RuleVersion } from '../../src/shared/rules';

const at = (mo: number, d: number, h: number, mi = 0, s = 0): number => chinaEpoch(2026, mo, d, h, mi, s)!;
const warning = (
  account: string,
  weekStart: string,
  attempts: ExamAttempt[] = [],
  extra: Partial<ExamWarning> = {},
): ExamWarning => ({
  platform: 'douyin',
  shop: 'S',
  account,
  weekStart,
  reasons: '消极服务',
  noticeDate: null,
  deadline: null,
  attempts,
  ...extra,
});

describe('week, notice and deadline arithmetic on China days', () => {
  it('crosses a month boundary and the US autumn DST change (2026-11-01) without drift', () => {
    // any day of the week 2026-10-26 (Mon) … 11-01 (Sun) names that week
    expect(weekMonday('2026-10-29')).toBe('2026-10-26');
    expect(weekMonday('2026-11-01')).toBe('2026-10-26');
    const w = warning('A', '2026-10-29');
    // the Tuesday after the week: Monday + 8 days; deadline: notice + 7
    expect(examNoticeDate(w)).toBe('2026-11-03');
    expect(isoWeekday('2026-11-03')).toBe(1);
    expect(examDeadline(w)).toBe('2026-11-10');
  });

  it('crosses the US spring DST change (2026-03-08)', () => {
    const w = warning('A', '2026-03-02');
    expect([examNoticeDate(w), examDeadline(w)]).toEqual(['2026-03-10', '2026-03-17']);
    // a week ending on a month's last day: 2026-02-23 … 03-01
    expect([examNoticeDate(warning('A', '2026-02-27')), examDeadline(warning('A', '2026-02-27'))]).toEqual([
      '2026-03-03',
      '2026-03-10',
    ]);
  });

  it('takes notice date and deadline from the file when given, and N from the rule version', () => {
    expect(examDeadline(warning('A', '2026-10-12', [], { noticeDate: '2026-10-24' }))).toBe('2026-10-31');
    expect(examDeadline(warning('A', '2026-10-12', [], { deadline: '2026-10-25' }))).toBe('2026-10-25');
    expect(examDeadline(warning('A', '2026-10-26'), 10)).toBe('2026-11-13');
    const rules: RuleVersion[] = [
      ...DEFAULT_RULES,
      {
        platform: 'douyin',
        key: 'exam.deadline_days',
        value: 5,
        effective_from: '2026-11-01',
        source: 'test',
      },
    ];
    expect(deadlineDaysFor(rules, warning('A', '2026-10-26'))).toBe(5);
    expect(deadlineDaysFor(rules, warning('A', '2026-10-12'))).toBe(7);
  });
});

describe('status as of a day', () => {
  // week 10-26: notice 11-03, deadline 11-10 (inclusive to 23:59:59 China time)
  it('passes on a 100 up to 23:59:59 of the deadline day', () => {
    const w = warning('A', '2026-10-26', [
      { time: at(11, 5, 10), score: 80 },
      { time: at(11, 10, 23, 59, 59), score: 100 },
    ]);
    expect(examStatus(w, '2026-11-12')).toMatchObject({
      status: 'passed',
      label: '已通过',
      passedAt: at(11, 10, 23, 59, 59),
    });
  });

  it('passes late on a 100 from 00:00:00 the day after, and ignores attempts after the as-of day', () => {
    const w = warning('A', '2026-10-26', [{ time: at(11, 11, 0, 0, 0), score: 100 }]);
    expect(examStatus(w, '2026-11-11')).toMatchObject({ status: 'passed_late', label: '逾期后通过' });
    expect(examStatus(w, '2026-11-10')).toMatchObject({
      status: 'open',
      label: '待考试',
      daysLeft: 0,
      passedAt: null,
    });
    const later = warning('A', '2026-10-26', [{ time: at(11, 12, 9), score: 100 }]);
    expect(examStatus(later, '2026-11-11')).toMatchObject({
      status: 'overdue',
      label: '逾期未考',
      daysLeft: null,
    });
  });

  it('counts days left while open and passes only at 100', () => {
    const w = warning('A', '2026-10-26', [{ time: at(11, 4, 9), score: 99 }]);
    expect(examStatus(w, '2026-11-04')).toMatchObject({ status: 'open', daysLeft: 6 });
  });
});

describe('month counts', () => {
  const warnings = [
    // notice 10-27, deadline 11-03, passed 11-05: late
    warning('A', '2026-10-19', [{ time: at(11, 5, 10), score: 100 }]),
    // notice 11-03, deadline 11-10, passed on time
    warning('A', '2026-10-26', [{ time: at(11, 4, 10), score: 100 }]),
    // notice given 10-24, deadline 10-31, never taken: overdue from 11-01
    warning('B', '2026-10-12', [], { noticeDate: '2026-10-24' }),
  ];
  const counts = (month: string, asOf: string): Record<string, [number, number]> =>
    Object.fromEntries(
      examMonthCounts(warnings, month, asOf).map((c) => [c.account, [c.exam_warnings, c.exam_overdue]]),
    );

  it('counts warnings by notice date and overdue in the month of deadline + 1, kept when passed late', () => {
    expect(counts('2026-10', '2026-11-30')).toEqual({ A: [1, 0], B: [1, 0] });
    expect(counts('2026-11', '2026-11-30')).toEqual({ A: [1, 1], B: [0, 1] });
  });

  it('counts only what is known on the as-of day', () => {
    // 11-03: A's second notice is out; A's first deadline + 1 (11-04) has not come; B's (11-01) has
    expect(counts('2026-11', '2026-11-03')).toEqual({ A: [1, 0], B: [0, 1] });
  });

  it('gives day cells whose contributions sum to the month counts', () => {
    const cells = examDayCells(warnings, '2026-11-30');
    expect(
      cells.map((c) => [
        c.account,
        c.day,
        c.metrics.get('exam_warnings')?.num ?? 0,
        c.metrics.get('exam_overdue')?.num ?? 0,
      ]),
    ).toEqual([
      ['A', '2026-10-27', 1, 0],
      ['A', '2026-11-04', 0, 1],
      ['A', '2026-11-03', 1, 0],
      ['B', '2026-10-24', 1, 0],
      ['B', '2026-11-01', 0, 1],
    ]);
  });
});

describe('repeat offenders', () => {
  it('pairs two warnings of one agent whose week starts are at most 21 days apart', () => {
    const owner: Record<string, string> = { A: '张三', A2: '张三', C: '李四' };
    const list = [
      warning('A', '2026-10-05'),
      warning('A2', '2026-10-26'), // another account of the same agent, 21 days later
      warning('C', '2026-09-28'),
      warning('C', '2026-10-26'), // 28 days later
      warning('X', '2026-10-26'), // no owner
    ];
    const r = repeatOffenders(list, (w) => owner[w.account] ?? null);
    expect(r.map((o) => [o.agent, o.pair[0].account, o.pair[1].weekStart])).toEqual([
      ['张三', 'A', '2026-10-26'],
    ]);
  });
});
