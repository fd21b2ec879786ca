import { describe, expect, it } from 'vitest';
import { chinaDateTime, chinaEpoch } from '../../src/shared/china-time';
import { openDb } from '../../src/main/db/open';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/main/import/pipeline';
import { getMonthReport } from '../../src/main/report/report';
import {
  isRunMissed,
  lastDue,
  runScheduled,
  scheduleInfo,
  setScheduleTime,
  startScheduler,
} from '../../src/main/scheduler';

describe('daily recalculation schedule (China time)', () => {
  it('finds the latest due time at or before now, across midnight', () => {
    expect(lastDue(chinaEpoch(2026, 11, 23, 10, 0)!, '09:30')).toBe(chinaEpoch(2026, 11, 23, 9, 30));
    expect(lastDue(chinaEpoch(2026, 11, 23, 9, 29, 59)!, '09:30')).toBe(chinaEpoch(2026, 11, 22, 9, 30));
    expect(lastDue(chinaEpoch(2026, 11, 1, 0, 10)!, '09:30')).toBe(chinaEpoch(2026, 10, 31, 9, 30));
  });

  it('runs at start-up when a run was missed, not again until the next due time', () => {
    const db = openDb(':memory:');
    const t0 = chinaEpoch(2026, 11, 23, 8, 0)!;
    expect(isRunMissed(db, t0)).toBe(true);
    runScheduled(db, t0);
    expect(isRunMissed(db, chinaEpoch(2026, 11, 23, 9, 0)!)).toBe(false);
    expect(isRunMissed(db, chinaEpoch(2026, 11, 23, 9, 30)!)).toBe(true);
    expect(scheduleInfo(db, t0)).toEqual({
      time: '09:30',
      last_run: '2026-11-23 08:00:00',
      next_run: '2026-11-23 09:30:00',
    });
    setScheduleTime(db, '07:15');
    expect(scheduleInfo(db, t0).next_run).toBe('2026-11-24 07:15:00');
    expect(() => setScheduleTime(db, '25:00')).toThrow('HH:mm');
    db.close();
  });

  it('re-arms the running job when the time changes', () => {
    const db = openDb(':memory:');
    runScheduled(db, Math.floor(Date.now() / 1000));
    const s = startScheduler({
      db: () => db,
      now: () => Math.floor(Date.now() / 1000),
      runDue: () => undefined,
    });
    const at = (d: Date | null): string => chinaDateTime(Math.floor(d!.getTime() / 1000)).slice(11, 16);
    expect(at(s.nextRun())).toBe('09:30');
    setScheduleTime(db, '07:15');
    s.rearm();
    expect(at(s.nextRun())).toBe('07:15');
    s.stop();
    db.close();
  });

  it('moves a lagged day from 暂定 to 需重新导入 without inventing data', () => {
    const db = openDb(':memory:');
    const file = join(__dirname, '..', 'fixtures', 'douyin', '飞鸽客服数据_2026-10-03.xlsx');
    importFile(db, file, readFileSync(file), {}, chinaEpoch(2026, 10, 4, 12, 0)!);
    const status = () => getMonthReport(db, '2026-10', 0).accounts[0]!.metrics.reply_3min_rate!;
    expect(status()).toMatchObject({ status: 'provisional', numerator: 15 });
    // 10-03 is final only for data imported on or after 10-05 00:00; at 10-06 09:30 it is overdue
    runScheduled(db, chinaEpoch(2026, 10, 6, 9, 30)!);
    expect(status()).toMatchObject({ status: 'reimport_needed', numerator: 15, denominator: 25 });
    db.close();
  });
});
