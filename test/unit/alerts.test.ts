import { describe, expect, it } from 'vitest';
import { computeAlerts, examDeadlineStage, unnotified, type AlertFacts } from '../../src/shared/alerts';

const exam = (
  deadline: string,
  status: AlertFacts['exams'][number]['status'] = 'open',
): AlertFacts['exams'][number] => ({
  key: 'k1',
  platform: 'douyin',
  shop: '星河旗舰店',
  account: '星河旗舰店:大壮',
  agent: '赵磊',
  deadline,
  status,
});
const none: AlertFacts = { exams: [], shops: [], reimport: [] };
const settings = { stale_days: 3, notify: true };

describe('exam deadline stages', () => {
  it('counts down from two days before the deadline, then today, then overdue', () => {
    expect(examDeadlineStage('2026-11-10', '2026-11-07')).toBeNull();
    expect(examDeadlineStage('2026-11-10', '2026-11-08')?.label).toBe('2 天后截止');
    expect(examDeadlineStage('2026-11-10', '2026-11-09')?.label).toBe('1 天后截止');
    expect(examDeadlineStage('2026-11-10', '2026-11-10')?.label).toBe('今天截止');
    expect(examDeadlineStage('2026-11-10', '2026-11-11')).toEqual({
      stage: 'overdue',
      label: '已逾期',
      days: 1,
    });
    // across a month and a year end
    expect(examDeadlineStage('2027-01-01', '2026-12-30')?.label).toBe('2 天后截止');
    expect(examDeadlineStage('2026-12-01', '2026-11-30')?.label).toBe('1 天后截止');
  });

  it('makes alerts with the stage in the title, errors for today and overdue, none for a passed exam', () => {
    const on = (today: string, e = exam('2026-11-10')) =>
      computeAlerts({ ...none, exams: [e] }, today, settings);
    expect(on('2026-11-07')).toEqual([]);
    expect(on('2026-11-08').map((a) => [a.level, a.title, a.href])).toEqual([
      ['warning', '考试2 天后截止：赵磊', '#/exams'],
    ]);
    expect(on('2026-11-10').map((a) => [a.level, a.title])).toEqual([['error', '考试今天截止：赵磊']]);
    expect(on('2026-11-11').map((a) => [a.level, a.title, a.detail])).toEqual([
      ['error', '考试已逾期：赵磊', '抖音 · 星河旗舰店 · 星河旗舰店:大壮，截止 2026-11-10，已逾期 1 天'],
    ]);
    expect(on('2026-11-11', exam('2026-11-10', 'passed_late'))).toEqual([]);
    expect(on('2026-11-09', exam('2026-11-10', 'passed'))).toEqual([]);
    // an account without an agent is named by its account
    expect(on('2026-11-10', { ...exam('2026-11-10'), agent: null })[0]!.title).toBe(
      '考试今天截止：星河旗舰店:大壮',
    );
  });

  it('gives each stage its own id (notified once per stage), and an overdue exam one id for all its days', () => {
    const id = (today: string): string =>
      computeAlerts({ ...none, exams: [exam('2026-11-10')] }, today, settings)[0]!.id;
    expect(['2026-11-08', '2026-11-09', '2026-11-10', '2026-11-11'].map(id)).toEqual([
      'exam:k1:soon2',
      'exam:k1:soon1',
      'exam:k1:today',
      'exam:k1:overdue',
    ]);
    expect(id('2026-12-25')).toBe('exam:k1:overdue');
  });
});

describe('shops without imports and days to re-import', () => {
  const shops: AlertFacts['shops'] = [
    { platform: 'jd', shop: '京东星辰自营', last_import: '2026-11-20' },
    { platform: 'kuaishou', shop: '快乐小店', last_import: '2026-11-21' },
  ];
  it('flags a shop whose last import is N days old or more (N from the settings)', () => {
    expect(computeAlerts({ ...none, shops }, '2026-11-23', settings).map((a) => a.title)).toEqual([
      '京东 · 京东星辰自营 已 3 天没有导入',
    ]);
    expect(computeAlerts({ ...none, shops }, '2026-11-23', { ...settings, stale_days: 2 }).length).toBe(2);
    expect(computeAlerts({ ...none, shops }, '2026-11-23', { ...settings, stale_days: 4 })).toEqual([]);
  });

  it('lists the days past their lag, the last five when there are more', () => {
    const days = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06'];
    const [a] = computeAlerts(
      { ...none, reimport: [{ platform: 'taobao', shop: '云裳女装旗舰店', days }] },
      '2026-10-20',
      settings,
    );
    expect(a!.title).toBe('淘宝 · 云裳女装旗舰店：6 天的数据需重新导入');
    expect(a!.detail.startsWith('…10-02、10-03、10-04、10-05、10-06 的数据仍是暂定值')).toBe(true);
    expect(a!.href).toBe('#/import');
  });

  it('sorts errors before warnings and filters what was already notified', () => {
    const all = computeAlerts({ exams: [exam('2026-11-20')], shops, reimport: [] }, '2026-11-23', settings);
    expect(all.map((a) => a.kind)).toEqual(['exam', 'stale_shop']);
    expect(unnotified(all, ['exam:k1:overdue']).map((a) => a.id)).toEqual([
      'stale:jd|京东星辰自营:2026-11-20',
    ]);
  });
});
