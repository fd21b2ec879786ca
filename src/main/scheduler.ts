import { Cron } from 'croner';
import { chinaDateTime, chinaDay, dayStart } from '../shared/china-time';
import type { ScheduleInfo } from '../shared/api';
import type { Db } from './db/open';
import { UserError } from './errors';
import { recalcJob, QUIET_STEPS } from './recalc-job';
import { getSetting, setSetting } from './settings/store';
import { NO_LOG, type Logger } from './log';

export const DEFAULT_RECALC_TIME = '09:30';
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The latest scheduled instant at or before `now` for a daily China-time `HH:mm` (epoch seconds). */
export function lastDue(now: number, time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new Error(`bad time ${time}`);
  const today = dayStart(chinaDay(now)) + Number(m[1]) * 3600 + Number(m[2]) * 60;
  return today <= now ? today : today - 86400;
}

export function scheduleInfo(db: Db, now: number): ScheduleInfo {
  const time = getSetting(db, 'schedule.time', DEFAULT_RECALC_TIME);
  const last = getSetting<number | null>(db, 'schedule.last_run', null);
  return {
    time,
    last_run: last === null ? null : chinaDateTime(last),
    next_run: chinaDateTime(lastDue(now, time) + 86400),
  };
}

export function setScheduleTime(db: Db, time: string): void {
  if (!TIME.test(time)) throw new UserError('重算时间应为 HH:mm（如 09:30）');
  setSetting(db, 'schedule.time', time);
}

/**
 * The scheduled run's write (metrics.md §8): every stored month is due for recomputation, so lagged days move on
 * (暂定 → 需重新导入) and rule changes apply; the recalculation job (`recalcJob` with `all`) then does it, in the hosts'
 * job worker. It never invents revisions: only an import brings revised platform data.
 */
export function markScheduled(db: Db, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE month_state SET dirty = 1').run();
    setSetting(db, 'schedule.last_run', now);
  })();
}

/** The scheduled run inline (tests, a connection without a worker): the mark, then the recalculation job. */
export function runScheduled(db: Db, now: number): string[] {
  markScheduled(db, now);
  return recalcJob(db, now, { all: true }, QUIET_STEPS).months;
}

/** True when the last run is older than the latest due time (the app was closed at 09:30). */
export function isRunMissed(db: Db, now: number): boolean {
  const last = getSetting<number | null>(db, 'schedule.last_run', null);
  return last === null || last < lastDue(now, getSetting(db, 'schedule.time', DEFAULT_RECALC_TIME));
}

export interface SchedulerHost {
  db: () => Db;
  now: () => number;
  /** the daily run is due (or was missed while the app was closed): the host marks and starts its recalculation */
  runDue: () => void;
  /** every 30 s: the host looks for new files in the watched folder (metrics.md §8 "scan the watched folder") */
  watchTick?: () => void;
  log?: Logger;
}

/**
 * Starts the daily run (China time, whatever the machine zone) and catches up a missed one. `rearm` re-reads the
 * configured time (after 设置 changes it); `stop` ends everything.
 */
export function startScheduler(host: SchedulerHost): {
  stop: () => void;
  rearm: () => void;
  nextRun: () => Date | null;
} {
  let job: Cron | null = null;
  const log = host.log ?? NO_LOG;
  const run = (): void => {
    try {
      host.runDue();
    } catch (e) {
      log.error('scheduled_recalc', e);
      process.stderr.write(`定时重算失败: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  };
  const arm = (): void => {
    job?.stop();
    const [h, m] = getSetting(host.db(), 'schedule.time', DEFAULT_RECALC_TIME).split(':');
    job = new Cron(`${Number(m)} ${Number(h)} * * *`, { timezone: 'Asia/Shanghai', protect: true }, run);
  };
  arm();
  if (isRunMissed(host.db(), host.now())) setImmediate(run);
  const watch = setInterval(() => {
    try {
      host.watchTick?.();
    } catch (e) {
      log.error('watch_scan', e);
      process.stderr.write(`监视文件夹导入失败: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }, 30_000);
  watch.unref();
  return {
    stop: () => {
      job?.stop();
      clearInterval(watch);
    },
    rearm: arm,
    nextRun: () => job?.nextRun() ?? null,
  };
}
