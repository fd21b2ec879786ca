/**
 * kill -9 of a real CLI import at seeded random points: after each kill the database passes `PRAGMA integrity_check`,
 * holds no partial batch (its tables and report equal the state before or after the import, nothing in between), and
 * the same file then imports cleanly to the after state.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, douyin, NOW_OCT4, tempDb } from '../integration/helpers';
import { mulberry32 as prng } from '../../src/main/demo/random';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'kill-child.ts');
const BASE = douyin('飞鸽客服数据_2026-10-03.xlsx');
const FILE = douyin('飞鸽客服数据_修订_2026-10-03.xlsx');
const TRIALS = 10;

interface State {
  tables: Record<string, number>;
  batches: string[];
  report: unknown;
}

/** What an import changes, read without writing: row counts, the batches, and the month as the CLI reports it. */
async function state(db: string): Promise<State> {
  const conn = new Database(db, { readonly: true });
  const tables: Record<string, number> = {};
  for (const t of ['import_batches', 'batch_rows', 'facts', 'accounts', 'shops'])
    tables[t] = (conn.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  const batches = (
    conn.prepare('SELECT file_name, rows_accepted, status FROM import_batches ORDER BY id').all() as {
      file_name: string;
      rows_accepted: number;
      status: string;
    }[]
  ).map((b) => `${b.file_name.split('/').pop()}:${b.rows_accepted}:${b.status}`);
  conn.close();
  const r = await cli(['report', '--month', '2026-10', '--db', db, '--json'], NOW_OCT4);
  expect([r.code, r.err]).toEqual([0, '']);
  return { tables, batches, report: r.json() };
}

function integrity(db: string): string {
  const conn = new Database(db);
  const r = conn.pragma('integrity_check', { simple: true });
  conn.close();
  return String(r);
}

function copyDb(from: string): string {
  const to = tempDb();
  copyFileSync(from, to);
  for (const ext of ['-wal', '-shm']) if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
  return to;
}

/** Starts the child, waits for `ready`, starts the import and kills it after `delayMs` (or lets it finish). */
function runChild(db: string, delayMs: number | null): Promise<{ killed: boolean; ms: number | null }> {
  return new Promise((ok, fail) => {
    // node itself with tsx as a loader: the `tsx` binary runs the script in a grandchild, which a kill of the
    // binary would leave running
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'import', FILE, '--db', db], {
      cwd: ROOT,
      env: { ...process.env, KILL_NOW: String(NOW_OCT4) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      const before = out;
      out += c.toString();
      if (!before.includes('ready') && out.includes('ready')) {
        child.stdin.write('go\n');
        if (delayMs !== null) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      const m = /done (\d+) (\d+)/.exec(out);
      if (signal === 'SIGKILL') ok({ killed: true, ms: null });
      else if (m && code === 0) ok({ killed: false, ms: Number(m[2]) });
      else fail(new Error(`child exit ${code}: ${err}`));
    });
  });
}

describe('kill -9 during a CLI import', () => {
  it(`leaves the before or the after state at ${TRIALS} seeded random points, and the file imports cleanly afterwards`, async () => {
    const base = tempDb();
    expect((await cli(['import', BASE, '--db', base])).code).toBe(0);
    const before = await state(base);
    const clean = copyDb(base);
    // one uninterrupted child run: the after state and how long the import itself takes
    const full = await runChild(clean, null);
    const after = await state(clean);
    expect(after.batches).toHaveLength(before.batches.length + 1);
    expect(after).not.toEqual(before);

    const random = prng(20261004);
    const span = Math.max(40, (full.ms ?? 100) * 1.5);
    const outcomes: string[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const db = copyDb(base);
      const delay = Math.floor(random() * span);
      const r = await runChild(db, delay);
      expect([i, integrity(db)]).toEqual([i, 'ok']);
      const s = await state(db);
      const which = JSON.stringify(s) === JSON.stringify(before) ? 'before' : 'after';
      expect([i, delay, s]).toEqual([i, delay, which === 'before' ? before : after]);
      outcomes.push(`${delay}ms:${r.killed ? 'killed' : 'finished'}:${which}`);
      // the same file then imports cleanly (or is recognised as already imported) to the after state
      const again = await cli(['import', FILE, '--db', db]);
      expect([i, again.code]).toEqual([i, 0]);
      expect(await state(db)).toEqual(after);
    }
    // the points are spread over the import: not every trial may land on the same side
    expect(outcomes).toHaveLength(TRIALS);
  }, 170_000);
});
