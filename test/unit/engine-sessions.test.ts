import { describe, expect, it } from 'vitest';
import { chinaEpoch } from '../../src/shared/china-time';
import { buildSessions, isHandoverMarker, type Session } from '../../src/shared/engine/sessions';
import type { Message, Sender } from '../../src/shared/engine/types';

/** 2026-10-03 (a Saturday) at a China wall-clock time. */
const at = (h: number, mi = 0, s = 0, d = 3): number => chinaEpoch(2026, 10, d, h, mi, s)!;

let seq = 0;
const row = (sender: Sender, time: number, extra: Partial<Message> = {}): Message => ({
  platform: 'douyin',
  shop: '星河旗舰店',
  account: '星河旗舰店:阿青',
  buyer: 'b1',
  sessionId: null,
  time,
  sender,
  seq: seq++,
  ...extra,
});

const only = (msgs: Message[]): Session => {
  const s = buildSessions(msgs);
  expect(s).toHaveLength(1);
  return s[0]!;
};

describe('rounds', () => {
  it('joins consecutive buyer messages into one round until the next manual reply', () => {
    const s = only([
      row('buyer', at(10, 0, 0)),
      row('buyer', at(10, 0, 40)),
      row('buyer', at(10, 1, 10)),
      row('agent', at(10, 2, 0)),
      row('agent', at(10, 2, 5)),
      row('buyer', at(10, 3, 0)),
      row('agent', at(10, 3, 20)),
    ]);
    // round 1 starts at the first of three questions: 10:02:00 − 10:00:00 = 120 s; round 2: 20 s
    expect(s.rounds).toEqual([
      { start: at(10), reply: at(10, 2), wait: 120, buyerMessages: 3 },
      { start: at(10, 3), reply: at(10, 3, 20), wait: 20, buyerMessages: 1 },
    ]);
    expect([s.kind, s.buyerMessages, s.agentMessages, s.buyerInitiated]).toEqual(['manual', 4, 3, true]);
  });

  it('does not stop the clock on robot rows or 客服 rows flagged 自动回复', () => {
    const s = only([
      row('buyer', at(10)),
      row('bot', at(10, 0, 2)),
      row('agent', at(10, 0, 5), { autoReply: true }),
      row('agent', at(10, 4)),
    ]);
    // no hand-over marker: the round starts at the buyer message; 10:04:00 − 10:00:00 = 240 s
    expect(s.rounds).toEqual([{ start: at(10), reply: at(10, 4), wait: 240, buyerMessages: 1 }]);
    expect([s.kind, s.botMessages, s.agentMessages, s.firstManualReply]).toEqual(['manual', 2, 1, at(10, 4)]);
  });

  it('treats buyer messages before a hand-over marker as the bot phase and opens the pending question at the hand-over', () => {
    const s = only([
      row('buyer', at(9, 0, 0)),
      row('bot', at(9, 0, 3)),
      row('buyer', at(9, 1, 0), { content: '转人工' }),
      row('system', at(9, 1, 5), { content: '买家转人工成功，客服已接入' }),
      row('agent', at(9, 1, 35)),
      row('buyer', at(9, 2, 0)),
      row('agent', at(9, 2, 10)),
    ]);
    // the question pending at 09:01:05 waits 30 s, not the 95 s since 09:00:00; bot-phase messages are not counted
    expect(s.handover).toBe(at(9, 1, 5));
    expect(s.rounds.map((r) => [r.start, r.wait, r.buyerMessages])).toEqual([
      [at(9, 1, 5), 30, 0],
      [at(9, 2), 10, 1],
    ]);
    expect(s.buyerMessages).toBe(1);
  });

  it('takes a 接入时间 column as the hand-over', () => {
    const h = at(9, 3);
    const s = only([
      row('buyer', at(9, 0), { handoverAt: h }),
      row('bot', at(9, 0, 1), { handoverAt: h }),
      row('agent', at(9, 3, 50), { handoverAt: h }),
    ]);
    expect(s.handover).toBe(h);
    expect(s.rounds.map((r) => r.wait)).toEqual([50]);
  });

  it('opens no round at a hand-over nobody was waiting at, and knows who spoke first', () => {
    const s = only([
      row('system', at(10), { content: '客服接入' }),
      row('agent', at(10, 0, 5)),
      row('buyer', at(10, 1)),
      row('agent', at(10, 1, 30)),
    ]);
    expect(s.rounds.map((r) => [r.start, r.wait])).toEqual([[at(10, 1), 30]]);
    expect(s.buyerInitiated).toBe(false);
  });

  it('does not read a 未分配 notice as a hand-over', () => {
    expect(isHandoverMarker('买家已接入')).toBe(true);
    expect(isHandoverMarker('会话未分配客服，转为离线留言')).toBe(false);
    expect(isHandoverMarker(undefined)).toBe(false);
  });

  it('keeps file order (seq) for rows with the same timestamp, whatever the array order', () => {
    const t = at(11);
    // agent first, then buyer in the same second: the question is unanswered
    const unanswered = only([row('buyer', t, { seq: 2 }), row('agent', t, { seq: 1 })]);
    expect(unanswered.rounds.map((r) => r.wait)).toEqual([null]);
    const answered = only([row('agent', t, { seq: 2 }), row('buyer', t, { seq: 1 })]);
    expect(answered.rounds.map((r) => r.wait)).toEqual([0]);
  });
});

describe('session cutting without session ids (10 minutes, never inside an open round)', () => {
  it('cuts at a buyer message more than 600 s after the previous row', () => {
    const s = buildSessions([
      row('buyer', at(10, 0, 0)),
      row('agent', at(10, 0, 20)),
      row('buyer', at(10, 10, 20)), // exactly 600 s after 10:00:20: not more than 10 minutes, same session
      row('agent', at(10, 10, 30)),
      row('buyer', at(10, 20, 31)), // 601 s after 10:10:30: a new session
      row('agent', at(10, 20, 40)),
    ]);
    expect(s.map((x) => [x.start, x.end, x.rounds.length])).toEqual([
      [at(10), at(10, 10, 30), 2],
      [at(10, 20, 31), at(10, 20, 40), 1],
    ]);
  });

  it('never splits while a round is open', () => {
    const s = only([row('buyer', at(11)), row('buyer', at(11, 15)), row('agent', at(11, 16))]);
    // one round from 11:00 to 11:16: 960 s
    expect(s.rounds.map((r) => [r.wait, r.buyerMessages])).toEqual([[960, 2]]);
  });

  it('cuts after a robot answered, so the robot-only part is its own bot-only session', () => {
    const s = buildSessions([row('buyer', at(12)), row('bot', at(12, 0, 1)), row('buyer', at(12, 20))]);
    expect(s.map((x) => [x.kind, x.rounds.length])).toEqual([
      ['bot_only', 0],
      ['manual', 1],
    ]);
  });

  it('keeps buyers and accounts apart: a transfer to another agent is a new session', () => {
    const s = buildSessions([
      row('buyer', at(10)),
      row('agent', at(10, 0, 10)),
      row('agent', at(10, 0, 20), { account: '星河旗舰店:小白' }),
      row('buyer', at(10, 0, 30), { buyer: 'b2' }),
    ]);
    expect(s.map((x) => [x.account, x.buyer])).toEqual([
      ['星河旗舰店:阿青', 'b1'],
      ['星河旗舰店:小白', 'b1'],
      ['星河旗舰店:阿青', 'b2'],
    ]);
  });
});

describe('sessions by session id', () => {
  it('keeps one session across long gaps and adopts the account of the agent rows', () => {
    const s = only([
      row('buyer', at(10), { sessionId: 'X', account: '' }),
      row('bot', at(10, 0, 1), { sessionId: 'X', account: '' }),
      row('buyer', at(10, 30), { sessionId: 'X', account: '' }),
      row('agent', at(10, 31), { sessionId: 'X' }),
    ]);
    // no marker: the round starts at 10:00 and the robot did not stop it: 31 minutes
    expect([s.account, s.kind, s.rounds.map((r) => r.wait)]).toEqual(['星河旗舰店:阿青', 'manual', [1860]]);
  });

  it('splits a session id where another assigned account takes over', () => {
    const s = buildSessions([
      row('buyer', at(10), { sessionId: 'Y' }),
      row('agent', at(10, 0, 10), { sessionId: 'Y' }),
      row('agent', at(10, 1), { sessionId: 'Y', account: '星河旗舰店:小白' }),
      row('buyer', at(10, 2), { sessionId: 'Y', account: '星河旗舰店:小白' }),
      row('agent', at(10, 2, 5), { sessionId: 'Y', account: '星河旗舰店:小白' }),
    ]);
    expect(s.map((x) => [x.account, x.sessionId, x.rounds.map((r) => r.wait)])).toEqual([
      ['星河旗舰店:阿青', 'Y', [10]],
      ['星河旗舰店:小白', 'Y', [5]],
    ]);
  });
});

describe('kinds of session', () => {
  it('marks sessions with no assigned agent as unassigned on the shop pseudo-account', () => {
    for (const account of ['', '未分配', '离线留言']) {
      const s = only([row('buyer', at(10), { account })]);
      expect([s.kind, s.account, s.rounds.map((r) => r.wait)]).toEqual(['unassigned', '未分配', [null]]);
    }
  });

  it('marks robot-only sessions as bot-only with no rounds, and agent-less assigned sessions as manual', () => {
    expect(only([row('buyer', at(10)), row('bot', at(10, 0, 1))]).kind).toBe('bot_only');
    // a robot serving alone leaves the account empty: that is the robot's session, not an unassigned failure
    expect(
      only([row('buyer', at(10), { account: '' }), row('bot', at(10, 0, 1), { account: '' })]).kind,
    ).toBe('bot_only');
    const silent = only([row('buyer', at(10)), row('buyer', at(10, 1))]);
    expect([silent.kind, silent.rounds.map((r) => [r.start, r.wait, r.buyerMessages])]).toEqual([
      'manual',
      [[at(10), null, 2]],
    ]);
    // a hand-over marker makes it manual even if nobody answered
    const handed = only([
      row('buyer', at(10)),
      row('bot', at(10, 0, 1)),
      row('system', at(10, 2), { content: '转人工' }),
    ]);
    expect([handed.kind, handed.rounds.map((r) => [r.start, r.wait])]).toEqual([
      'manual',
      [[at(10, 2), null]],
    ]);
  });
});
