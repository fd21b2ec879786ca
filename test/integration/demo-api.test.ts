import { describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import type { Result } from '../../src/shared/api';
import type { ImportRunResult } from '../../src/shared/imports';
import { NOW_NOV, tempDb } from './helpers';

describe('first-start demo button', () => {
  it('loads the demo month as a job into an empty database, and refuses a database that has data', async () => {
    const b = new Backend({ dbPath: tempDb(), host: 'web', now: () => NOW_NOV });
    const done = new Promise<Result<ImportRunResult>>((ok) => {
      const off = b.subscribe((e) => {
        if (e.type === 'job:done') {
          off();
          ok(e.result);
        }
      });
    });
    expect((await b.dispatch('demo:load', {})).ok).toBe(true);
    const r = await done;
    expect(r.ok && r.data.files.every((f) => f.status === 'imported')).toBe(true);
    expect(r.ok && r.data.files.length).toBe(132);
    const months = await b.dispatch('report:months', {});
    expect(months).toEqual({ ok: true, data: ['2026-10'] });
    const again = await b.dispatch('demo:load', {});
    expect(again.ok ? '' : again.error.message).toContain('只能载入到空数据库');
    b.close();
  }, 60_000);
});
