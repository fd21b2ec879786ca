import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaEpoch } from '../../src/shared/china-time';
import { runCli } from '../../src/main/cli/index';

export const FIX = join(__dirname, '..', 'fixtures');
export const douyin = (name: string): string => join(FIX, 'douyin', name);
export const bad = (name: string): string => join(FIX, 'bad', name);

/** 2026-10-04 12:00 China: day 10-03 is still provisional (final from 10-05 00:00). */
export const NOW_OCT4 = chinaEpoch(2026, 10, 4, 12, 0, 0)!;
export const NOW_NOV = chinaEpoch(2026, 11, 23, 9, 0, 0)!;

export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'scoredesk-test-')), 'test.db');
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
  json<T = unknown>(): T;
}

/** Runs the CLI in-process with a fixed clock, capturing stdout and stderr. */
export async function cli(args: string[], now = NOW_OCT4): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    now: () => now,
    env: {},
  });
  return { code, out, err, json: <T>() => JSON.parse(out) as T };
}

/**
 * The KPI month most KPI tests start from (at NOW_NOV): the roster, two Douyin days, the Kuaishou month and the test
 * scheme, and with `kci` the KCI sheet too. Fails the test if any step does not exit 0.
 */
export async function importKpiMonth(db: string, opts: { kci: boolean }): Promise<void> {
  const run = (args: string[]): Promise<CliRun> => cli([...args, '--db', db], NOW_NOV);
  const steps: string[][] = [
    [
      'import',
      join(FIX, 'roster', '客服花名册.xlsx'),
      douyin('飞鸽客服数据_2026-10-03.xlsx'),
      douyin('飞鸽客服数据_2026-10-04.csv'),
      join(FIX, 'kuaishou', '客服考核数据_2026-10.xlsx'),
    ],
    ['scheme', 'import', join(FIX, 'kpi', '测试方案.json')],
  ];
  if (opts.kci) steps.push(['kci', 'import', join(FIX, 'kpi', 'KCI_2026-10.xlsx')]);
  for (const args of steps) {
    const r = await run(args);
    if (r.code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} exited ${r.code}: ${r.err}`);
  }
}
