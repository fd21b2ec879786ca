import { describe, expect, it } from 'vitest';
import {
  coverageSentence,
  drillCoverage,
  drillDays,
  drillTotal,
  EVIDENCE_SPEC,
  formatDays,
  listedCounts,
  type DrillPart,
} from '../../src/shared/drill';
import type { EvidenceView } from '../../src/shared/events-view';

const day = (d: string, source: DrillPart['source'], num: number, den: number | null): DrillPart => ({
  from: `2026-11-${d}`,
  to: `2026-11-${d}`,
  source,
  c: { num, den, approximate: false, unit: 'sessions' },
});

// a slow agent's November: 11-01…11-03 from chat records, 11-04 and 11-05 from the platform's daily export
const MIXED: DrillPart[] = [
  day('04', 'summary', 70, 100),
  day('01', 'events', 8, 10),
  day('05', 'summary', 45, 60),
  day('02', 'events', 5, 9),
  day('03', 'events', 12, 12),
];

describe('drill-down parts and their sum', () => {
  it('lists the parts by day with their source, and sums them as the month value: 140/191', () => {
    expect(drillDays(MIXED).map((d) => [d.day.slice(5), d.source, d.numerator, d.denominator])).toEqual([
      ['11-01', 'events', 8, 10],
      ['11-02', 'events', 5, 9],
      ['11-03', 'events', 12, 12],
      ['11-04', 'summary', 70, 100],
      ['11-05', 'summary', 45, 60],
    ]);
    // 8+5+12+70+45 = 140; 10+9+12+100+60 = 191
    expect(drillTotal('reply_3min_rate', MIXED)).toEqual({
      value: 140 / 191,
      numerator: 140,
      denominator: 191,
      approximate: false,
    });
    expect(drillTotal('reply_3min_rate', [])).toBeNull();
  });

  it('puts an export period before the engine days inside it, and keeps a period row as one row', () => {
    const month: DrillPart = {
      from: '2026-11-01',
      to: '2026-11-30',
      source: 'summary',
      c: { num: 32, den: 143, approximate: false, unit: 'ratings' },
    };
    const rows = drillDays([day('01', 'events', 1, 2), month]);
    expect(rows.map((r) => [r.day, r.to, r.source])).toEqual([
      ['2026-11-01', '2026-11-30', 'summary'],
      ['2026-11-01', '2026-11-01', 'events'],
    ]);
  });
});

describe('coverage of a value by the listed evidence rows', () => {
  it('splits misses into the chat days (listed) and the export days: 51 = 6 listed + 45 from 日汇总', () => {
    // misses: events 2+4+0 = 6, summary 30+15 = 45
    const cov = drillCoverage('reply_3min_rate', MIXED, { misses: 6 });
    expect(cov.misses).toEqual({ total: 51, events: 6, summary: 45, listed: 6 });
    expect(cov.numerator).toEqual({ total: 140, events: 25, summary: 115, listed: null });
    expect(cov.denominator).toEqual({ total: 191, events: 31, summary: 160, listed: null });
    expect(cov.events_days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(cov.sentence).toBe(
      '51 次未达标中，明细可见 6 次（11-01 至 11-03 的聊天记录），其余 45 次来自平台导出的日汇总',
    );
  });

  it('says the rows are the whole count when every miss is a listed row', () => {
    // the chat days alone: 2 + 4 + 0 misses, all six listed
    const chatOnly = MIXED.filter((p) => p.source === 'events');
    expect(drillCoverage('reply_3min_rate', chatOnly, { misses: 6 }).sentence).toBe(
      '明细逐条对应全部 6 次未达标',
    );
  });

  it('names engine-counted misses the rows do not show, instead of hiding them', () => {
    const cov = drillCoverage('reply_3min_rate', MIXED, { misses: 4 });
    expect(cov.sentence).toBe(
      '51 次未达标中，明细可见 4 次（11-01 至 11-03 的聊天记录），另有 2 次由聊天记录计算、未逐条列出，其余 45 次来自平台导出的日汇总',
    );
  });

  it('says a value from a month export alone has no rows behind it (月汇总)', () => {
    const month: DrillPart = {
      from: '2026-10-01',
      to: '2026-10-31',
      source: 'summary',
      c: { num: 32, den: 143, approximate: false, unit: 'ratings' },
    };
    const cov = drillCoverage('bad_attitude_ratio', [month], { numerator: 0, misses: 0, denominator: 0 });
    expect(cov.numerator).toEqual({ total: 32, events: 0, summary: 32, listed: 0 });
    expect(cov.sentence).toBe('32 条服务态度差中差评全部来自平台导出的月汇总，没有逐条明细');
  });

  it('counts the bad ratings of a good rate and writes thousands with separators', () => {
    const parts: DrillPart[] = [
      { ...day('01', 'events', 3, 5), c: { num: 3, den: 5, approximate: false, unit: 'ratings' } },
      { ...day('02', 'summary', 800, 2000), c: { num: 800, den: 2000, approximate: false, unit: 'ratings' } },
    ];
    const cov = drillCoverage('good_rate', parts, { numerator: 3, misses: 2, denominator: 5 });
    expect(cov.misses).toEqual({ total: 1202, events: 2, summary: 1200, listed: 2 });
    expect(cov.sentence).toBe(
      '1,202 条中差评中，明细可见 2 条（11-01 的评价明细），其余 1,200 条来自平台导出的日汇总',
    );
  });

  it('says when there is nothing to list', () => {
    const cov = drillCoverage('reply_3min_rate', [day('03', 'events', 12, 12)], { misses: 0 });
    expect(cov.sentence).toBe('本月没有未达标（11-03 的聊天记录）');
    expect(coverageSentence({ ...cov, misses: null }, EVIDENCE_SPEC.reply_3min_rate!)).toBe('');
  });

  it('has no sentence and no listed counts for a metric without evidence rows', () => {
    const cov = drillCoverage('avg_response_s', [day('01', 'events', 300, 10), day('02', 'summary', 200, 8)]);
    expect(cov.headline).toBeNull();
    expect(cov.sentence).toBeNull();
    expect(cov.misses).toBeNull();
    expect(cov.numerator).toEqual({ total: 500, events: 300, summary: 200, listed: null });
  });
});

describe('day lists in the sentence', () => {
  it('joins runs of consecutive days and summarises many runs', () => {
    expect(formatDays(['2026-11-03', '2026-11-01', '2026-11-02', '2026-11-09'])).toBe(
      '11-01 至 11-03、11-09',
    );
    expect(formatDays(['2026-10-02', '2026-10-09', '2026-10-16', '2026-10-23', '2026-10-30'])).toBe(
      '10-02、10-09、10-16、10-23、10-30',
    );
    expect(formatDays(['01', '03', '05', '07', '09', '11'].map((d) => `2026-10-${d}`))).toBe(
      '10-01、10-03、10-05 等 6 天',
    );
    expect(formatDays([])).toBe('');
  });
});

describe('counted evidence rows per line', () => {
  const rating = (
    cls: 'satisfied' | 'neutral' | 'dissatisfied',
    attitude: boolean,
    excluded: EvidenceView['ratings'][number]['excluded'] = null,
  ): EvidenceView['ratings'][number] =>
    ({ class: cls, cites_attitude: attitude, excluded }) as EvidenceView['ratings'][number];
  const ratings = [
    rating('satisfied', false),
    rating('satisfied', false),
    rating('neutral', true),
    rating('dissatisfied', false),
    rating('dissatisfied', true, 'removed'),
    rating('neutral', true, 'superseded'),
  ];

  it('counts only rows the value counts: good rate 2 satisfied + 2 bad = 4, attitude 1 of 2', () => {
    expect(listedCounts('good_rate', { rounds: [], ratings })).toEqual({
      numerator: 2,
      misses: 2,
      denominator: 4,
    });
    expect(listedCounts('bad_attitude_ratio', { rounds: [], ratings })).toEqual({
      numerator: 1,
      misses: 1,
      denominator: 2,
    });
  });

  it('counts each counted failing unit once for chat metrics', () => {
    const round = (excluded: 'superseded' | null): EvidenceView['rounds'][number] =>
      ({ excluded, also_failed: 0 }) as EvidenceView['rounds'][number];
    expect(
      listedCounts('reply_3min_rate', {
        rounds: [round(null), round('superseded'), round(null)],
        ratings: [],
      }),
    ).toEqual({ misses: 2 });
    expect(listedCounts('sessions', { rounds: [], ratings: [] })).toEqual({});
  });
});
