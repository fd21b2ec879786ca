import { describe, expect, it } from 'vitest';
import { hostClock, parseClockStart } from '../../src/main/clock';

describe('host clock (SCOREDESK_NOW)', () => {
  it('reads a China wall-clock time whatever the machine zone', () => {
    // 2026-11-20 10:00 China = 02:00 UTC
    expect(parseClockStart('2026-11-20 10:00:00')).toBe(Date.UTC(2026, 10, 20, 2) / 1000);
    expect(parseClockStart('2026-11-20')).toBe(Date.UTC(2026, 10, 19, 16) / 1000);
    expect(parseClockStart('2026-11-20T10:00:00+08:00')).toBe(Date.UTC(2026, 10, 20, 2) / 1000);
  });

  it('refuses what is not a time', () => {
    expect(parseClockStart('2026-13-40')).toBeNull();
    expect(parseClockStart('yesterday')).toBeNull();
    expect(() => hostClock({ SCOREDESK_NOW: 'soon' })).toThrow(/SCOREDESK_NOW/);
  });

  it('starts at the given instant and runs on from there; without it, the real clock', () => {
    const now = hostClock({ SCOREDESK_NOW: '2026-11-20 10:00' })();
    expect(now - Date.UTC(2026, 10, 20, 2) / 1000).toBeGreaterThanOrEqual(0);
    expect(now - Date.UTC(2026, 10, 20, 2) / 1000).toBeLessThan(5);
    expect(Math.abs(hostClock({})() - Date.now() / 1000)).toBeLessThan(2);
  });
});
