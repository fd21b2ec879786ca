/**
 * Nothing heavy on the main thread (issue 8): recalculations and the monthly sheet run in the job worker while the
 * host keeps serving the last committed results; a cancel leaves the store consistent; the worker computes exactly
 * what the same job computes inline.
 */
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import { openDb } from '../../src/main/db/open';
import { JobWorkers } from '../../src/main/job-runner';
import { recalcCancelled, recalcJob } from '../../src/main/recalc-job';
import type { JobContext } from '../../src/main/jobs';
import type { AppEvent, JobInfo, JobOutcome, Result, SchemeScores } from '../../src/shared/api';
import type { MonthReport } from '../../src/shared/report';
import type { RosterView } from '../../src/shared/settings';
import type { ImportBatchInfo } from '../../src/shared/imports';
import type { SheetPreview } from '../../src/shared/sheet-preview';
import { BIG_MONTH, buildBigDb, copyDb, SMALL_MONTHS } from './big-db';
import { douyin, NOW_NOV } from './helpers';

// a recalculation of a second or more in the worker on a loaded 2-core machine
const AGENTS = 100;
const MONTHS = [...SMALL_MONTHS, BIG_MONTH, '2026-11', '2026-12'];
let base: string;
const open: Backend[] = [];

beforeAll(async () => {
  base = await buildBigDb(AGENTS);
}, 300_000);

afterAll(() => {
  for (const b of open) if (b.db.open) b.close();
});

function backend(path: string, worker: boolean): Backend {
  const b = new Backend({ dbPath: path, host: 'web', now: () => NOW_NOV, worker });
  open.push(b);
  return b;
}

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * What is committed, as another connection sees it: per month its dirty mark and its stored results (the month's
 * scope rows and KPI rows, in key order).
 */
function committed(path: string): Map<string, { dirty: number; rows: string }> {
  const raw = new Database(path, { readonly: true });
  const out = new Map<string, { dirty: number; rows: string }>();
  for (const r of raw.prepare('SELECT month, dirty FROM month_state').all() as {
    month: string;
    dirty: number;
  }[])
    out.set(r.month, { dirty: r.dirty, rows: '' });
  const rows = raw
    .prepare(
      `SELECT month, scope || '|' || key || '|' || json AS line FROM report_rows
       UNION ALL SELECT month, 'kpi|' || scheme || '|' || agent_id || '|' || json FROM agent_kpi
       ORDER BY 1, 2`,
    )
    .all() as { month: string; line: string }[];
  raw.close();
  for (const r of rows) {
    const m = out.get(r.month);
    if (m) m.rows += `${r.line}\n`;
  }
  return out;
}

/** Every month's report and the big month's KPI, as the screens read them. */
async function numbers(b: Backend): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const m of MONTHS) out[m] = await call<MonthReport>(b, 'report:month', { month: m });
  out.kpi = await call<SchemeScores[]>(b, 'kpi:month', { month: BIG_MONTH });
  return out;
}

/** The recalc jobs' events of a backend, and a promise of the next recalc job's end. */
function recalcEvents(b: Backend): {
  progress: Extract<AppEvent, { type: 'job:progress' }>[];
  nextDone: () => Promise<Result<JobOutcome>>;
} {
  const progress: Extract<AppEvent, { type: 'job:progress' }>[] = [];
  let waiters: ((r: Result<JobOutcome>) => void)[] = [];
  b.subscribe((e) => {
    if (e.type === 'job:progress' && e.kind === 'recalc') progress.push(e);
    if (e.type === 'job:done' && e.kind === 'recalc') {
      const w = waiters;
      waiters = [];
      for (const f of w) f(e.result);
    }
  });
  return { progress, nextDone: () => new Promise((r) => waiters.push(r)) };
}

describe('the job worker (issue 8: nothing heavy on the main thread)', () => {
  it('serves every read from the last committed results while a recalculation runs in the worker, the thread never blocked', async () => {
    const path = copyDb(base);
    const b = backend(path, true);
    const before = await numbers(b);
    const ev = recalcEvents(b);
    const done = ev.nextDone();
    let finished: Result<JobOutcome> | null = null;
    void done.then((r) => (finished = r));

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let last = performance.now();
    let maxTickLag = 0;
    const tick = setInterval(() => {
      const t = performance.now();
      maxTickLag = Math.max(maxTickLag, t - last - 10);
      last = t;
    }, 10);

    // 立即重算: every month marked, the recalculation starts in the worker once the call has returned
    let t = performance.now();
    await call(b, 'schedule:runNow', {});
    const runNowMs = performance.now() - t;
    const started = performance.now();
    const times: Record<string, number[]> = {};
    const failures: unknown[] = [];
    let updatingReads = 0;
    let servedWhileUpdating: MonthReport | null = null;
    let jobsSeen: JobInfo[] = [];
    let writeMs: number | null = null;
    const reads: [string, unknown][] = [
      ['report:month', { month: BIG_MONTH }],
      ['report:overview', { month: BIG_MONTH }],
      ['kpi:month', { month: BIG_MONTH }],
      ['report:months', {}],
      ['job:list', {}],
    ];
    while (!finished) {
      for (const [method, input] of reads) {
        // one call per turn of the event loop, as requests arrive over IPC or HTTP
        await new Promise((r) => setImmediate(r));
        t = performance.now();
        const r = await b.dispatch(method, input);
        (times[method] ??= []).push(performance.now() - t);
        if (!r.ok) failures.push({ method, error: r.error });
        else if (method === 'report:month' && (r.data as MonthReport).updating) {
          updatingReads++;
          // compared after the job: a deep comparison of a 3 MB report here would itself stall the thread
          servedWhileUpdating = r.data as MonthReport;
        } else if (method === 'job:list' && (r.data as JobInfo[]).length) jobsSeen = r.data as JobInfo[];
      }
      if (writeMs === null) {
        // a write while the worker's steps hold the lock: it waits without blocking the thread, then goes through
        t = performance.now();
        await call(b, 'schedule:save', { time: '09:30' });
        writeMs = performance.now() - t;
      }
      await sleep(20);
    }
    const jobMs = performance.now() - started;
    clearInterval(tick);
    loop.disable();

    const result = await done;
    expect(result).toMatchObject({ ok: true, data: { files: [], months: MONTHS } });
    expect(failures).toEqual([]);
    // the last committed results, said to be updating
    expect({ ...servedWhileUpdating!, updating: undefined }).toEqual(before[BIG_MONTH]);
    expect(jobsSeen[0]).toMatchObject({ kind: 'recalc' });
    expect(jobsSeen[0]!.label).toMatch(/^正在重新计算/);
    // one step per month, each with its Chinese label and done/total
    expect(ev.progress.filter((p) => p.stage === 'recalc').map((p) => [p.label, p.done, p.total])).toEqual(
      expect.arrayContaining([
        [`正在重新计算 ${SMALL_MONTHS[0]}`, 0, MONTHS.length],
        [`正在重新计算 ${BIG_MONTH}`, 2, MONTHS.length],
        ['重新计算完成', MONTHS.length, MONTHS.length],
      ]),
    );
    const maxRead = Math.max(...Object.values(times).flat());
    const loopMax = loop.max / 1e6;
    process.stdout.write(
      `recalc job ${(jobMs / 1000).toFixed(1)} s; 立即重算 returned in ${runNowMs.toFixed(0)} ms; ` +
        `${Object.values(times).flat().length} reads, slowest ${maxRead.toFixed(0)} ms ` +
        `(${Object.entries(times)
          .map(([m, v]) => `${m} ${Math.max(...v).toFixed(0)}`)
          .join(', ')}); event-loop delay max ${loopMax.toFixed(0)} ms, timer lag max ` +
        `${maxTickLag.toFixed(0)} ms; a write during the job ${writeMs?.toFixed(0) ?? '–'} ms\n`,
    );
    // reads were served while the worker recalculated, or this measures nothing
    expect(updatingReads).toBeGreaterThanOrEqual(3);
    expect(runNowMs).toBeLessThan(1000);
    // generous bounds (a shared, loaded machine): the real figures are printed above and in `npm run bench`
    expect(maxRead).toBeLessThan(1000);
    expect(loopMax).toBeLessThan(1000);
    expect(writeMs).not.toBeNull();

    await b.settled();
    // the same data recomputed with the same clock: the same numbers, no longer updating
    expect(await numbers(b)).toEqual(before);
  }, 300_000);

  it('cancel leaves every month at its last committed results and marked — in the worker (a step held at the lock, rolled back) and between two steps — and the next run gives the numbers of an uninterrupted one', async () => {
    const path = copyDb(base);
    const ref = copyDb(base);
    const rule = {
      platform: 'douyin',
      key: 'threshold.reply_3min_rate',
      value: { op: '>=', value: 0.99 },
      effective_from: `${SMALL_MONTHS[0]}-01`,
    };
    const before = committed(path);
    const b = backend(path, true);
    const ev = recalcEvents(b);
    const done = ev.nextDone();
    await call(b, 'rules:save', rule);
    // another connection takes the write lock before the job's first step (the job starts after this turn): the
    // step waits for it, so the cancel finds the job mid-step however fast the machine is
    const lock = new Database(path);
    lock.exec('BEGIN IMMEDIATE');
    let result: Result<JobOutcome>;
    try {
      let jobs: JobInfo[] = [];
      while (jobs.length === 0) {
        await sleep(20);
        jobs = await call<JobInfo[]>(b, 'job:list', {});
      }
      expect(jobs[0]).toMatchObject({ kind: 'recalc' });
      expect(await call(b, 'job:cancel', { jobId: jobs[0]!.jobId })).toEqual({ cancelled: true });
      // past the grace period the worker is ended: its step's transaction never commits
      result = await done;
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    expect(result.ok ? 'finished' : result.error.code).toBe('cancelled');
    expect(result.ok ? '' : result.error.message).toContain('已取消重新计算');
    await sleep(300);
    const after = committed(path);
    for (const m of MONTHS) {
      expect(after.get(m), m).toEqual({ ...before.get(m)!, dirty: 1 });
    }
    // served as updating; a read does not start the cancelled recalculation again
    expect((await call<MonthReport>(b, 'report:month', { month: BIG_MONTH })).updating).toBe(true);
    await sleep(300);
    await b.settled();
    expect(await call(b, 'job:list', {})).toEqual([]);
    expect(committed(path).get(BIG_MONTH)!.dirty).toBe(1);
    // the lock is free (the ended worker's connection is gone): a write goes through at once
    const t = performance.now();
    await call(b, 'schedule:save', { time: '09:30' });
    expect(performance.now() - t).toBeLessThan(1000);
    b.close();

    // between two steps (the same job body, inline): the steps done are committed, the others stay marked
    const db = openDb(path);
    let steps = 0;
    expect(() =>
      recalcJob(
        db,
        NOW_NOV,
        { all: true },
        {
          progress: () => undefined,
          between: () => {
            if (++steps > 4) throw recalcCancelled();
          },
        },
      ),
    ).toThrow('已取消重新计算');
    db.close();
    const partial = committed(path);
    const finished = MONTHS.filter((m) => partial.get(m)!.dirty === 0);
    const left = MONTHS.filter((m) => partial.get(m)!.dirty === 1);
    expect(finished.length).toBeGreaterThan(0);
    expect(left).toContain(BIG_MONTH);
    for (const m of finished) expect(partial.get(m)!.rows, m).not.toBe(before.get(m)!.rows);
    for (const m of left) expect(partial.get(m)!.rows, m).toBe(before.get(m)!.rows);

    // the next run (here: the app started again) finishes the months left
    const b2 = backend(path, true);
    await call(b2, 'report:month', { month: BIG_MONTH });
    await b2.settled();
    expect(MONTHS.filter((m) => committed(path).get(m)!.dirty === 1)).toEqual([]);
    const resumed = await numbers(b2);

    const inline = backend(ref, false);
    const untouched = await numbers(inline);
    await call(inline, 'rules:save', rule);
    const reference = await numbers(inline);
    expect(resumed).toEqual(reference);
    // the change moved the numbers, so the comparison says something
    expect(reference[BIG_MONTH]).not.toEqual(untouched[BIG_MONTH]);
  }, 300_000);

  it('rules, roster, exam, KCI and undo changes return at once; the worker job then gives the numbers the inline run gives', async () => {
    const worker = backend(copyDb(base), true);
    const inline = backend(copyDb(base), false);
    const roster = await call<RosterView>(worker, 'roster:list', {});
    const agent = (name: string) => roster.agents.find((a) => a.name === name)!;
    const history = await call<ImportBatchInfo[]>(worker, 'import:history', {});
    const batch = history.find((h) => h.file_name === '飞鸽客服数据_2026-10-04.csv')!;
    const changes: [string, unknown][] = [
      [
        'rules:save',
        {
          // an engine rule: the rating shop's cells are recomputed (events.test.ts: 快乐小店 2/3 → 1/2)
          platform: 'kuaishou',
          key: 'ratings.shop_bad_attitude_includes_robot',
          value: false,
          effective_from: '2026-10-01',
        },
      ],
      ['roster:unassign', { id: agent('客服员1').accounts[0]!.id }],
      [
        'exams:add',
        {
          platform: 'douyin',
          shop: '星河旗舰店',
          account: '星河旗舰店:客服002',
          week: '2026-10-12',
          reasons: '回复慢',
        },
      ],
      ['kci:save', { agent_id: agent('李青').id, month: BIG_MONTH, item: '质检', value: 50 }],
      ['import:undo', { batchId: batch.id }],
    ];
    let previous = await numbers(inline);
    for (const [method, input] of changes) {
      const t = performance.now();
      await call(worker, method, input);
      const ms = performance.now() - t;
      process.stdout.write(`${method} on the worker host returned in ${ms.toFixed(0)} ms\n`);
      expect(ms, method).toBeLessThan(1000);
      await worker.settled();
      await call(inline, method, input);
      await inline.settled();
      const expected = await numbers(inline);
      expect(await numbers(worker), method).toEqual(expected);
      expect(expected, `${method} moves a number`).not.toEqual(previous);
      previous = expected;
    }
  }, 400_000);

  it('builds the monthly sheet in the worker: the same cells as built inline, as a job with its label', async () => {
    const path = copyDb(base);
    const worker = backend(path, true);
    const inline = backend(copyDb(base), false);
    const jobs: AppEvent[] = [];
    worker.subscribe((e) => {
      if ((e.type === 'job:progress' || e.type === 'job:done') && e.kind === 'sheet') jobs.push(e);
    });
    const cells = (bytes: Uint8Array): Record<string, unknown[][]> => {
      const wb = XLSX.read(bytes);
      return Object.fromEntries(
        wb.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1, raw: true })]),
      );
    };
    for (const variant of ['payroll', 'client'] as const) {
      const input = { month: BIG_MONTH, scheme: '星河-测试方案', variant };
      const a = await call<{ name: string; bytes: Uint8Array }>(worker, 'sheet:export', input);
      const b = await call<{ name: string; bytes: Uint8Array }>(inline, 'sheet:export', input);
      expect(a.bytes).toBeInstanceOf(Uint8Array);
      expect(a.name).toBe(b.name);
      const got = cells(a.bytes);
      expect(Object.keys(got)).toHaveLength(5);
      expect(got).toEqual(cells(b.bytes));
      expect(await call<SheetPreview>(worker, 'sheet:preview', input)).toEqual(
        await call<SheetPreview>(inline, 'sheet:preview', input),
      );
    }
    expect(jobs.find((e) => e.type === 'job:progress')).toMatchObject({
      label: `正在生成月度绩效表 ${BIG_MONTH}`,
    });
    expect(jobs.filter((e) => e.type === 'job:done').every((e) => e.type === 'job:done' && e.result.ok)).toBe(
      true,
    );

    // the built worker (what Electron runs): the same recalculation and the same bytes through the bundle
    const built = new JobWorkers(resolve(__dirname, '..', '..', 'out', 'main', 'job-worker.js'), {
      dbPath: path,
    });
    const ctx: JobContext = { progress: () => undefined, signal: new AbortController().signal };
    const raw = new Database(path);
    raw.prepare('UPDATE month_state SET dirty = 1').run();
    raw.close();
    try {
      const r = await built.run({ kind: 'recalc', all: true }, NOW_NOV, ctx);
      expect(r.months).toEqual(MONTHS);
      const s = await built.run(
        { kind: 'sheet', month: BIG_MONTH, scheme: '星河-测试方案', variant: 'payroll' },
        NOW_NOV,
        ctx,
      );
      const input = { month: BIG_MONTH, scheme: '星河-测试方案', variant: 'payroll' };
      const b = await call<{ name: string; bytes: Uint8Array }>(inline, 'sheet:export', input);
      expect(cells(s.bytes)).toEqual(cells(b.bytes));
    } finally {
      built.close();
    }
  }, 300_000);
  it('the daily run and the watched folder go through the worker: a recalc job, a watch job, then the months recomputed', async () => {
    const path = copyDb(base);
    const raw = new Database(path);
    raw.prepare("DELETE FROM settings WHERE key = 'schedule.last_run'").run();
    raw.close();
    const b = backend(path, true);
    const kinds: string[] = [];
    b.subscribe((e) => {
      if (e.type === 'job:done') kinds.push(`${e.kind}:${e.result.ok ? 'ok' : e.result.error.code}`);
    });
    const ev = recalcEvents(b);
    const done = ev.nextDone();
    // the run missed while the app was closed is caught up at start: marked here, recalculated in the worker
    const stop = b.startScheduler();
    try {
      expect(await done).toMatchObject({ ok: true, data: { months: MONTHS } });
      expect((await call<{ last_run: string }>(b, 'schedule:info', {})).last_run).toBe('2026-11-23 09:00:00');

      // a new export in the watched folder (`watch` next to the database for the browser host)
      const folder = join(dirname(path), 'watch');
      mkdirSync(folder);
      await call(b, 'settings:save', { watch_folder: folder });
      await b.settled();
      const file = join(folder, '飞鸽客服数据_2026-10-05.xls');
      copyFileSync(douyin('飞鸽客服数据_2026-10-05.xls'), file);
      utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const before = await call<MonthReport>(b, 'report:month', { month: BIG_MONTH });
      const scan = await call<{ files: { status: string }[] }>(b, 'watch:scan', {});
      expect(scan.files.map((f) => f.status)).toEqual(['imported']);
      await b.settled();
      const after = await call<MonthReport>(b, 'report:month', { month: BIG_MONTH });
      expect(after.updating).toBeUndefined();
      expect(after.shops).not.toEqual(before.shops);
      expect(kinds).toEqual(['recalc:ok', 'recalc:ok', 'watch:ok', 'recalc:ok']);
    } finally {
      stop();
    }
  }, 300_000);
});
