import { describe, expect, it } from 'vitest';
import { chinaEpoch } from '../../src/shared/china-time';
import type { Platform } from '../../src/shared/domain';
import { messageMetrics, type MessageMetrics } from '../../src/shared/engine/metrics';
import type { DayCell, Message, Sender } from '../../src/shared/engine/types';
import type { MetricId } from '../../src/shared/metrics';
import type { Contribution } from '../../src/shared/rollup';
import { DEFAULT_RULES } from '../../src/shared/rules';

const at = (h: number, mi = 0, s = 0, d = 3, mo = 10, y = 2026): number => chinaEpoch(y, mo, d, h, mi, s)!;

let seq = 0;
interface Chat {
  platform: Platform;
  buyer?: string;
  account?: string;
  sessionId?: string | null;
}
/** Rows of one conversation: [sender, time, content?]. */
const chat = (c: Chat, rows: [Sender | 'auto', number, string?][]): Message[] =>
  rows.map(([sender, time, content]) => ({
    platform: c.platform,
    shop: 'S',
    account: c.account ?? 'A',
    buyer: c.buyer ?? 'b1',
    sessionId: c.sessionId === undefined ? null : c.sessionId,
    time,
    sender: sender === 'auto' ? 'agent' : sender,
    ...(sender === 'auto' ? { autoReply: true } : {}),
    ...(content ? { content } : {}),
    seq: seq++,
  }));

const cell = (cells: DayCell[], account: string | null, day = '2026-10-03'): DayCell | undefined =>
  cells.find((c) => c.account === account && c.day === day);

/** [num, den] of a metric in an account cell (account null: the shop cell). */
const nd = (
  m: MessageMetrics,
  metric: MetricId,
  account: string | null = 'A',
  day = '2026-10-03',
): [number, number | null] | null => {
  const c: Contribution | undefined = cell(
    account === null ? m.shops : m.accounts,
    account,
    day,
  )?.metrics.get(metric);
  return c ? [c.num, c.den] : null;
};

describe('douyin: session-based 3-minute rate inside [08:00, 23:00)', () => {
  const m = messageMetrics(
    [
      ...chat({ platform: 'douyin', buyer: 'b1' }, [
        ['buyer', at(22, 58)],
        ['agent', at(22, 58, 30)],
      ]),
      // starts at 22:59, answered at 23:03: the round started inside, so it counts, and fails (240 s)
      ...chat({ platform: 'douyin', buyer: 'b3' }, [
        ['buyer', at(22, 59)],
        ['agent', at(23, 3)],
      ]),
      // starts at 23:01: outside, not counted although slow
      ...chat({ platform: 'douyin', buyer: 'b2' }, [
        ['buyer', at(23, 1)],
        ['agent', at(23, 9)],
      ]),
    ],
    DEFAULT_RULES,
  );

  it('counts a round starting 22:58 and not one starting 23:01', () => {
    // counted sessions: b1 (ok), b3 (240 s > 180 s) → 1/2
    expect(nd(m, 'reply_3min_rate')).toEqual([1, 2]);
    expect(m.accounts[0]!.metrics.get('reply_3min_rate')).toEqual({
      num: 1,
      den: 2,
      approximate: false,
      unit: 'sessions',
    });
    // whole-day counts include the 23:01 session
    expect(nd(m, 'sessions')).toEqual([3, null]);
    expect(nd(m, 'served_buyers')).toEqual([3, null]);
  });

  it('lists the failing round with its start, wait and answer for drill-down', () => {
    expect(m.evidence.filter((e) => e.metric === 'reply_3min_rate')).toEqual([
      {
        metric: 'reply_3min_rate',
        platform: 'douyin',
        shop: 'S',
        account: 'A',
        day: '2026-10-03',
        buyer: 'b3',
        sessionId: null,
        sessionStart: at(22, 59),
        roundStart: at(22, 59),
        wait: 240,
        answered: true,
      },
    ]);
  });
});

describe('one slow round: douyin zeroes the session, kuaishou counts the buyer once a day, taobao counts rounds', () => {
  const conversation = (platform: Platform): Message[] => [
    // b1 session 1: rounds of 60 s, 240 s (slow) and 30 s
    ...chat({ platform, buyer: 'b1', sessionId: `${platform}-1` }, [
      ['buyer', at(10)],
      ['agent', at(10, 1)],
      ['buyer', at(10, 5)],
      ['agent', at(10, 9)],
      ['buyer', at(10, 10)],
      ['agent', at(10, 10, 30)],
    ]),
    // b1 session 2 in the afternoon: 30 s
    ...chat({ platform, buyer: 'b1', sessionId: `${platform}-2` }, [
      ['buyer', at(15)],
      ['agent', at(15, 0, 30)],
    ]),
    // b2: 20 s
    ...chat({ platform, buyer: 'b2', sessionId: `${platform}-3` }, [
      ['buyer', at(11)],
      ['agent', at(11, 0, 20)],
    ]),
  ];
  const m = messageMetrics(
    ['douyin', 'kuaishou', 'taobao'].flatMap((p) => conversation(p as Platform)),
    DEFAULT_RULES,
  );
  const rate = (platform: Platform): [number, number | null] | null => {
    const c = m.accounts.find((x) => x.platform === platform)!.metrics.get('reply_3min_rate');
    return c ? [c.num, c.den] : null;
  };

  it('douyin: 3 counted sessions, the one with the slow round fails → 2/3', () => {
    expect(rate('douyin')).toEqual([2, 3]);
  });

  it('kuaishou: 2 buyers that day, b1 failed once across two sessions → 1/2', () => {
    expect(rate('kuaishou')).toEqual([1, 2]);
    expect(m.accounts.find((x) => x.platform === 'kuaishou')!.metrics.get('reply_3min_rate')!.unit).toBe(
      'buyers',
    );
  });

  it('taobao: 5 counted rounds, 1 over 180 s → 4/5', () => {
    expect(rate('taobao')).toEqual([4, 5]);
  });

  it('computes the response times and ratios over the same counted rounds', () => {
    const dy = m.accounts.find((x) => x.platform === 'douyin')!.metrics;
    // first rounds: 60 + 30 + 20 = 110 over 3 sessions; all rounds: 60+240+30+30+20 = 380 over 5
    expect([dy.get('first_response_s')!.num, dy.get('first_response_s')!.den]).toEqual([110, 3]);
    expect([dy.get('avg_response_s')!.num, dy.get('avg_response_s')!.den]).toEqual([380, 5]);
    // within 30 s: 30, 30, 20 of 5 rounds; first rounds within 30 s: b1-2, b2 of 3 (first_reply_30s_rate is JD-only)
    expect([dy.get('reply_30s_rate')!.num, dy.get('reply_30s_rate')!.den]).toEqual([3, 5]);
    expect(dy.has('first_reply_30s_rate')).toBe(false);
    // 3 + 1 + 1 manual replies over 3 + 1 + 1 buyer messages; both buyers got a reply
    expect([dy.get('answer_ratio')!.num, dy.get('answer_ratio')!.den]).toEqual([5, 5]);
    expect([dy.get('reply_rate')!.num, dy.get('reply_rate')!.den]).toEqual([2, 2]);
  });
});

describe('kuaishou shop level: a buyer once per shop-day, including 未分配', () => {
  const m = messageMetrics(
    [
      ...chat({ platform: 'kuaishou', buyer: 'b1', account: 'A' }, [
        ['buyer', at(10)],
        ['agent', at(10, 1)],
      ]),
      ...chat({ platform: 'kuaishou', buyer: 'b1', account: 'B' }, [
        ['buyer', at(12)],
        ['agent', at(12, 5)],
      ]),
      ...chat({ platform: 'kuaishou', buyer: 'b2', account: 'A' }, [
        ['buyer', at(13)],
        ['agent', at(13, 0, 10)],
      ]),
      ...chat({ platform: 'kuaishou', buyer: 'b3', account: '离线留言' }, [['buyer', at(14)]]),
    ],
    DEFAULT_RULES,
  );

  it('rates each account on its own buyers', () => {
    expect(nd(m, 'reply_3min_rate', 'A')).toEqual([2, 2]);
    expect(nd(m, 'reply_3min_rate', 'B')).toEqual([0, 1]);
    expect(nd(m, 'reply_3min_rate', '未分配')).toEqual([0, 1]);
  });

  it('recomputes the shop: b1 counted once (failed with B), b2 ok, b3 unassigned → 1/3, not 2/4', () => {
    expect(nd(m, 'reply_3min_rate', null)).toEqual([1, 3]);
    // served buyers: distinct buyers with a manual reply: b1, b2 (the unassigned session had none)
    expect(nd(m, 'served_buyers', null)).toEqual([2, null]);
    expect(nd(m, 'sessions', null)).toEqual([3, null]);
    // 未分配 carries no session count: it is not a manual session
    expect(nd(m, 'sessions', '未分配')).toBeNull();
    expect(nd(m, 'reply_rate', null)).toEqual([2, 3]);
  });
});

describe('JD', () => {
  it('seed 003: first replies after 35 s, 21 s and 18 s give a 首次30秒应答率 of 2/3 (66.67%)', () => {
    const m = messageMetrics(
      [
        // c1 also asks a second question answered in 5 s: the per-round 30-second rate differs from the first-reply one
        ...chat({ platform: 'jd', buyer: 'c1' }, [
          ['buyer', at(10)],
          ['agent', at(10, 0, 35)],
          ['buyer', at(10, 1)],
          ['agent', at(10, 1, 5)],
        ]),
        ...chat({ platform: 'jd', buyer: 'c2' }, [
          ['buyer', at(10)],
          ['agent', at(10, 0, 21)],
        ]),
        ...chat({ platform: 'jd', buyer: 'c3' }, [
          ['buyer', at(10)],
          ['agent', at(10, 0, 18)],
        ]),
      ],
      DEFAULT_RULES,
    );
    const first = cell(m.accounts, 'A')!.metrics.get('first_reply_30s_rate')!;
    expect([first.num, first.den, first.unit]).toEqual([2, 3, 'sessions']);
    expect(Math.round((first.num / first.den!) * 10000) / 100).toBe(66.67);
    // rounds: 35 ✗, 5 ✓, 21 ✓, 18 ✓ → 3/4; first response (35 + 21 + 18)/3 = 74/3 s; average (35+5+21+18)/4 = 79/4 s
    expect(nd(m, 'reply_30s_rate')).toEqual([3, 4]);
    expect(nd(m, 'first_response_s')).toEqual([74, 3]);
    expect(nd(m, 'avg_response_s')).toEqual([79, 4]);
    expect(nd(m, 'reply_3min_rate')).toEqual([4, 4]);
    expect(
      m.evidence.filter((e) => e.metric === 'first_reply_30s_rate').map((e) => [e.buyer, e.wait]),
    ).toEqual([['c1', 35]]);
  });

  it('cuts sessions at a buyer message more than 10 minutes after the previous row', () => {
    const m = messageMetrics(
      chat({ platform: 'jd' }, [
        ['buyer', at(14)],
        ['agent', at(14, 0, 10)],
        ['buyer', at(14, 11)], // 650 s after 14:00:10, nothing open: a second session
        ['agent', at(14, 11, 40)],
      ]),
      DEFAULT_RULES,
    );
    // two sessions: first replies 10 s ✓ and 40 s ✗
    expect(nd(m, 'sessions')).toEqual([2, null]);
    expect(nd(m, 'first_reply_30s_rate')).toEqual([1, 2]);
  });

  it('drops sessions that start outside [09:00, 23:00) from every JD metric', () => {
    const m = messageMetrics(
      [
        ...chat({ platform: 'jd', buyer: 'early' }, [
          ['bot', at(8, 55)],
          ['buyer', at(9, 2)],
          ['agent', at(9, 10)],
        ]),
        ...chat({ platform: 'jd', buyer: 'late' }, [
          ['buyer', at(23, 30)],
          ['agent', at(23, 31)],
        ]),
      ],
      DEFAULT_RULES,
    );
    expect(m.accounts).toEqual([]);
    expect(m.evidence).toEqual([]);
  });
});

describe('robots, auto replies and unassigned sessions', () => {
  it('does not stop the clock on robot rows and auto replies, nor count them as a first response', () => {
    const m = messageMetrics(
      chat({ platform: 'douyin' }, [
        ['buyer', at(10)],
        ['bot', at(10, 0, 1)],
        ['auto', at(10, 0, 10)],
        ['agent', at(10, 3, 30)],
      ]),
      DEFAULT_RULES,
    );
    // 10:03:30 − 10:00:00 = 210 s > 180 s
    expect(nd(m, 'reply_3min_rate')).toEqual([0, 1]);
    expect(nd(m, 'first_response_s')).toEqual([210, 1]);
    // one manual reply for one buyer message
    expect(nd(m, 'answer_ratio')).toEqual([1, 1]);
  });

  it('excludes bot-only sessions from every manual metric', () => {
    const m = messageMetrics(
      chat({ platform: 'douyin' }, [
        ['buyer', at(10)],
        ['bot', at(10, 0, 1)],
        ['buyer', at(10, 1)],
        ['bot', at(10, 1, 1)],
      ]),
      DEFAULT_RULES,
    );
    expect(m.accounts).toEqual([]);
    expect(m.shops).toEqual([]);
    expect(m.sessions.map((s) => s.kind)).toEqual(['bot_only']);
  });

  it('charges unassigned sessions to 未分配, failing the shop but no agent', () => {
    const m = messageMetrics(
      [
        ...chat({ platform: 'douyin', buyer: 'x', account: '' }, [['buyer', at(10)]]),
        ...chat({ platform: 'douyin', buyer: 'y' }, [
          ['buyer', at(10)],
          ['agent', at(10, 0, 30)],
        ]),
      ],
      DEFAULT_RULES,
    );
    expect(nd(m, 'reply_3min_rate', '未分配')).toEqual([0, 1]);
    expect(nd(m, 'reply_3min_rate', 'A')).toEqual([1, 1]);
    expect(nd(m, 'reply_3min_rate', null)).toEqual([1, 2]);
    expect(m.evidence.find((e) => e.metric === 'reply_3min_rate')).toMatchObject({
      account: '未分配',
      wait: null,
      answered: false,
    });
  });

  it('answers the answer ratio from manual-phase buyer messages only', () => {
    const m = messageMetrics(
      chat({ platform: 'douyin' }, [
        ['buyer', at(10)],
        ['bot', at(10, 0, 1)],
        ['buyer', at(10, 1)],
        ['system', at(10, 1, 1), '转人工'],
        ['agent', at(10, 1, 20)],
        ['agent', at(10, 1, 30)],
        ['buyer', at(10, 2)],
        ['agent', at(10, 2, 10)],
        ['agent', at(10, 2, 20)],
      ]),
      DEFAULT_RULES,
    );
    // 4 manual replies over 1 buyer message after the hand-over (the two bot-phase questions are the robot's)
    expect(nd(m, 'answer_ratio')).toEqual([4, 1]);
    // rounds: hand-over 10:01:01 → 10:01:20 = 19 s; 10:02:00 → 10:02:10 = 10 s
    expect(nd(m, 'avg_response_s')).toEqual([29, 2]);
  });
});

describe('taobao', () => {
  it('caps each round at 600 s and charges an unanswered round 600 s in the average response', () => {
    const rows = (platform: Platform): Message[] => [
      ...chat({ platform, buyer: 'p' }, [
        ['buyer', at(10)],
        ['agent', at(10, 1, 40)],
      ]), // 100 s
      ...chat({ platform, buyer: 'q' }, [
        ['buyer', at(11)],
        ['agent', at(11, 15)],
      ]), // 900 s
      ...chat({ platform, buyer: 'r' }, [['buyer', at(12)]]), // unanswered
    ];
    const m = messageMetrics([...rows('taobao'), ...rows('douyin')], DEFAULT_RULES);
    const avg = (p: Platform): number[] => {
      const c = m.accounts.find((x) => x.platform === p)!.metrics.get('avg_response_s')!;
      return [c.num, c.den!];
    };
    // taobao: (100 + 600 + 600) / 3; others: answered rounds only, uncapped (100 + 900) / 2
    expect(avg('taobao')).toEqual([1300, 3]);
    expect(avg('douyin')).toEqual([1000, 2]);
  });

  it('counts a 23:30 round for the 3-minute rate ([08:00, 24:00)) but not for the average response ([08:00, 23:00))', () => {
    const m = messageMetrics(
      chat({ platform: 'taobao' }, [
        ['buyer', at(23, 30)],
        ['agent', at(23, 30, 50)],
      ]),
      DEFAULT_RULES,
    );
    expect(nd(m, 'reply_3min_rate')).toEqual([1, 1]);
    expect(nd(m, 'avg_response_s')).toBeNull();
  });

  it('attributes a round to the day it started even when answered after midnight', () => {
    const m = messageMetrics(
      chat({ platform: 'taobao' }, [
        ['buyer', at(23, 59, 50)],
        ['agent', at(0, 0, 20, 4)],
      ]),
      DEFAULT_RULES,
    );
    expect(nd(m, 'reply_3min_rate', 'A', '2026-10-03')).toEqual([1, 1]);
    expect(nd(m, 'reply_3min_rate', 'A', '2026-10-04')).toBeNull();
  });
});

describe('kuaishou window change on 2023-06-30', () => {
  it('counts a 23:30 round on 2023-06-29 and not on 2023-06-30', () => {
    const day = (d: number): Message[] =>
      chat({ platform: 'kuaishou', buyer: `b${d}` }, [
        ['buyer', at(23, 30, 0, d, 6, 2023)],
        ['agent', at(23, 35, 0, d, 6, 2023)],
      ]);
    const m = messageMetrics([...day(29), ...day(30)], DEFAULT_RULES);
    // 06-29: window [08:00, 24:00): one buyer, 300 s → failed; 06-30: [08:00, 23:00): not counted
    expect(nd(m, 'reply_3min_rate', 'A', '2023-06-29')).toEqual([0, 1]);
    expect(nd(m, 'reply_3min_rate', 'A', '2023-06-30')).toBeNull();
    expect(nd(m, 'sessions', 'A', '2023-06-30')).toEqual([1, null]);
  });
});

describe('without evidence', () => {
  it('can skip the drill-down list', () => {
    const m = messageMetrics(chat({ platform: 'douyin' }, [['buyer', at(10)]]), DEFAULT_RULES, {
      evidence: false,
    });
    expect(m.evidence).toEqual([]);
    expect(nd(m, 'reply_3min_rate')).toEqual([0, 1]);
  });
});
