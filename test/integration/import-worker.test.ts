import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Backend } from '../../src/main/backend';
import type { AppEvent, Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { douyin, NOW_OCT4, tempDb } from './helpers';

function waitDone(b: Backend, events: AppEvent[]): Promise<Result<ImportRunResult>> {
  return new Promise((ok) => {
    const off = b.subscribe((e) => {
      events.push(e);
      if (e.type === 'job:done') {
        off();
        ok(e.result);
      }
    });
  });
}

describe('imports off the main thread', () => {
  it('runs the import in a worker thread with progress, and the host sees the result', async () => {
    const b = new Backend({ dbPath: tempDb(), host: 'web', now: () => NOW_OCT4, worker: true });
    const events: AppEvent[] = [];
    const done = waitDone(b, events);
    const files = ['飞鸽客服数据_2026-10-03.xlsx', '飞鸽客服数据_2026-10-04.csv'].map((n) => ({
      name: n,
      bytes: new Uint8Array(readFileSync(douyin(n))),
    }));
    const started = await b.dispatch('import:start', { files });
    expect(started.ok).toBe(true);
    const result = await done;
    expect(result.ok && result.data.files.map((f) => f.status)).toEqual(['imported', 'imported']);
    expect(
      events.filter((e) => e.type === 'job:progress').map((e) => (e.type === 'job:progress' ? e.stage : '')),
    ).toContain('import');
    const r = (await b.dispatch('report:month', { month: '2026-10' })) as Result<MonthReport>;
    expect(r.ok && r.data.shops[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 81,
      denominator: 105,
    });
    b.close();
  });

  it('cancel stops the worker: the file being imported is not written', async () => {
    const b = new Backend({ dbPath: tempDb(), host: 'web', now: () => NOW_OCT4, worker: true });
    const done = waitDone(b, []);
    const bytes = new Uint8Array(readFileSync(douyin('飞鸽客服数据_2026-10-03.xlsx')));
    const started = await b.dispatch('import:start', {
      files: [{ name: '飞鸽客服数据_2026-10-03.xlsx', bytes }],
    });
    if (!started.ok) throw new Error('not started');
    // the worker needs a few hundred milliseconds to start: the cancel arrives first
    const cancel = await b.dispatch('job:cancel', { jobId: (started.data as { jobId: string }).jobId });
    expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
    const result = await done;
    expect(result.ok ? '' : result.error.message).toContain('导入已取消');
    const history = await b.dispatch('import:history', {});
    expect(history).toEqual({ ok: true, data: [] });
    b.close();
  });
});
