import { describe, expect, it } from 'vitest';
import { chinaEpoch } from '../../src/shared/china-time';
import { ENGINE_RULES, engineRule, RULE_KEYS } from '../../src/shared/engine/rule-defaults';
import { buildSessions } from '../../src/shared/engine/sessions';
import type { Message, Sender } from '../../src/shared/engine/types';
import {
  inWindow,
  isCountedSession,
  parseClock,
  resolverFor,
  windowOn,
} from '../../src/shared/engine/windows';
import type { Platform } from '../../src/shared/domain';
import { DEFAULT_RULES, type RuleVersion } from '../../src/shared/rules';

const at = (y: number, mo: number, d: number, h: number, mi = 0, s = 0): number =>
  chinaEpoch(y, mo, d, h, mi, s)!;

describe('service windows are half-open China wall-clock intervals', () => {
  it('reads clock times, 24:00 being the end of the day', () => {
    expect([parseClock('08:00'), parseClock('23:00'), parseClock('24:00'), parseClock('22:59:59')]).toEqual([
      28800, 82800, 86400, 82799,
    ]);
    expect([parseClock('24:01'), parseClock('8点'), parseClock('12:60')]).toEqual([null, null, null]);
  });

  it('puts 08:00:00 inside and 23:00:00 outside for douyin', () => {
    const d = (h: number, mi = 0, s = 0): boolean =>
      inWindow('douyin', at(2026, 10, 3, h, mi, s), 'window.service', DEFAULT_RULES);
    expect([d(7, 59, 59), d(8), d(22, 59, 59), d(23)]).toEqual([false, true, true, false]);
  });

  it('switches kuaishou from [08:00, 24:00) to [08:00, 23:00) on 2023-06-30', () => {
    const k = (d: number, h: number, mi = 0, s = 0): boolean =>
      inWindow('kuaishou', at(2023, 6, d, h, mi, s), 'window.service', DEFAULT_RULES);
    expect([k(29, 23, 30), k(29, 23, 59, 59), k(30, 22, 59, 59), k(30, 23, 0), k(30, 23, 30)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(windowOn(DEFAULT_RULES, 'kuaishou', 'window.service', '2023-06-29')).toEqual({
      start: 28800,
      end: 86400,
    });
  });

  it('gives taobao [08:00, 24:00) for the 3-minute rate and [08:00, 23:00) for the rest; jd starts at 09:00', () => {
    const t = at(2026, 10, 3, 23, 30);
    expect(inWindow('taobao', t, 'window.reply_3min', DEFAULT_RULES)).toBe(true);
    expect(inWindow('taobao', t, 'window.service', DEFAULT_RULES)).toBe(false);
    // platforms without their own 3-minute window use the service window
    expect(inWindow('douyin', t, 'window.reply_3min', DEFAULT_RULES)).toBe(false);
    expect(inWindow('jd', at(2026, 10, 3, 8, 59, 59), 'window.service', DEFAULT_RULES)).toBe(false);
    expect(inWindow('jd', at(2026, 10, 3, 9), 'window.service', DEFAULT_RULES)).toBe(true);
  });

  it('limits ratings to the kuaishou card window only', () => {
    expect(inWindow('kuaishou', at(2026, 10, 3, 22, 59), 'window.rating', DEFAULT_RULES)).toBe(true);
    expect(inWindow('kuaishou', at(2026, 10, 3, 23), 'window.rating', DEFAULT_RULES)).toBe(false);
    expect(inWindow('douyin', at(2026, 10, 3, 3), 'window.rating', DEFAULT_RULES)).toBe(true);
  });

  it('follows an edited rule version from its effective day (the later effective_from wins)', () => {
    const rules: RuleVersion[] = [
      ...DEFAULT_RULES,
      {
        platform: 'douyin',
        key: 'window.service',
        value: { start: '09:00', end: '22:00' },
        effective_from: '2026-10-05',
        source: 'test',
      },
    ];
    expect(inWindow('douyin', at(2026, 10, 4, 8, 30), 'window.service', rules)).toBe(true);
    expect(inWindow('douyin', at(2026, 10, 5, 8, 30), 'window.service', rules)).toBe(false);
    expect(inWindow('douyin', at(2026, 10, 5, 22, 30), 'window.service', rules)).toBe(false);
  });
});

describe('counted sessions', () => {
  let seq = 0;
  const chat = (platform: Platform, rows: [Sender, number][]): Message[] =>
    rows.map(([sender, time]) => ({
      platform,
      shop: 'S',
      account: 'A',
      buyer: 'b',
      sessionId: 'x',
      time,
      sender,
      seq: seq++,
    }));

  it('counts a session with a round inside the window, except on JD where the session must start inside', () => {
    const resolver = resolverFor(DEFAULT_RULES);
    // the robot greets at 07:58 / 08:58, the buyer's round starts at 08:01 / 09:01
    const douyin = buildSessions(
      chat('douyin', [
        ['bot', at(2026, 10, 3, 7, 58)],
        ['buyer', at(2026, 10, 3, 8, 1)],
        ['agent', at(2026, 10, 3, 8, 2)],
      ]),
    )[0]!;
    const jd = buildSessions(
      chat('jd', [
        ['bot', at(2026, 10, 3, 8, 58)],
        ['buyer', at(2026, 10, 3, 9, 1)],
        ['agent', at(2026, 10, 3, 9, 2)],
      ]),
    )[0]!;
    expect(isCountedSession(douyin, 'window.service', resolver)).toBe(true);
    expect(isCountedSession(jd, 'window.service', resolver)).toBe(false);
    expect(engineRule(DEFAULT_RULES, 'jd', RULE_KEYS.sessionMustStartInside, '2026-10-03', false)).toBe(true);
    expect(engineRule(DEFAULT_RULES, 'douyin', RULE_KEYS.sessionMustStartInside, '2026-10-03', false)).toBe(
      false,
    );
  });

  it('exports engine defaults as ordinary rule versions that can be seeded', () => {
    for (const r of ENGINE_RULES) expect(r.effective_from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      engineRule(DEFAULT_RULES, 'kuaishou', RULE_KEYS.shopGoodRateIncludesRobot, '2023-06-29', null),
    ).toBe(true);
    expect(
      engineRule(DEFAULT_RULES, 'kuaishou', RULE_KEYS.shopGoodRateIncludesRobot, '2023-06-30', null),
    ).toBe(false);
  });
});
