/**
 * A database big enough that its recalculation takes seconds (issue 8's "nothing heavy on the main thread"): the
 * fixtures (roster, exports, chat records, ratings, exam warnings, a KPI scheme and its KCI) plus generated per-agent
 * exports of four platforms — `agents` agents over 2026-10 and a fifth of them over 2026-08 and 2026-09, each agent
 * owning their four accounts. Built once per test file into a file, everything stored and clean; tests copy it.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../src/shared/domain';
import { openDb } from '../../src/main/db/open';
import { benchFiles } from '../../src/main/demo/bench-files';
import { importFile } from '../../src/main/import/pipeline';
import { markAllDirty, QUIET_STEPS, recalcJob } from '../../src/main/recalc-job';
import { assignAccount, saveAgent } from '../../src/main/settings/roster';
import { cli, FIX, NOW_NOV } from './helpers';

export const BIG_MONTH = '2026-10';
export const SMALL_MONTHS = ['2026-08', '2026-09'];

export async function buildBigDb(agents: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'scoredesk-big-')), 'big.db');
  const fx = (...p: string[]): string => join(FIX, ...p);
  const steps: string[][] = [
    [
      'import',
      fx('roster', '客服花名册.xlsx'),
      fx('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fx('douyin', '飞鸽客服数据_2026-10-04.csv'),
      fx('kuaishou', '客服考核数据_2026-10.xlsx'),
      fx('events', '聊天记录_抖音_2026-10-05.csv'),
      fx('events', '评价明细_快手_2026-10-05.xlsx'),
      fx('events', '考试预警_抖音.xlsx'),
    ],
    ['scheme', 'import', fx('kpi', '测试方案.json')],
    ['kci', 'import', fx('kpi', 'KCI_2026-10.xlsx')],
  ];
  for (const args of steps) {
    const r = await cli([...args, '--db', path], NOW_NOV);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.err}`);
  }
  const db = openDb(path);
  const small = Math.max(1, Math.round(agents / 5));
  const files = [
    ...benchFiles(BIG_MONTH, agents),
    ...SMALL_MONTHS.flatMap((m) => benchFiles(m, small)),
  ].filter((f) => f.format === 'csv');
  // file by file, no recalculation: one at the end, once the accounts have their owners
  for (const f of files) {
    const r = importFile(db, f.name, f.bytes, {}, NOW_NOV);
    if (r.status !== 'imported') throw new Error(`${r.file}: ${r.message}`);
  }
  const accounts = db
    .prepare('SELECT s.platform, s.name AS shop, a.account FROM accounts a JOIN shops s ON s.id = a.shop_id')
    .all() as { platform: Platform; shop: string; account: string }[];
  db.transaction(() => {
    for (let i = 1; i <= agents; i++) {
      const nick = `客服${String(i).padStart(3, '0')}`;
      const id = saveAgent(db, { name: `客服员${i}`, team: `${1 + (i % 4)}组` });
      for (const a of accounts.filter((x) => x.account.endsWith(`:${nick}`)))
        assignAccount(db, { agent_id: id, ...a, valid_from: null, valid_to: null });
    }
  })();
  markAllDirty(db);
  recalcJob(db, NOW_NOV, { all: true }, QUIET_STEPS);
  db.close();
  return path;
}

/** A copy of the built database for one test (closed databases only: a WAL file is checkpointed on close). */
export function copyDb(path: string): string {
  const to = join(mkdtempSync(join(tmpdir(), 'scoredesk-big-copy-')), 'copy.db');
  copyFileSync(path, to);
  return to;
}
