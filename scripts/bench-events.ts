/**
 * Event benchmark (part of `npm run bench`; alone: `npx tsx scripts/bench-events.ts [--sizes 1000000,300000x,5000000] [--data dir]
 * [--profile dir] [--keep month.db]`).
 * A month of chat messages (100 accounts for 1M, 200 for 5M) as daily CSV files (and one xlsx of 300k), imported
 * into a fresh database in a child process: import rows/s, full-month recalculation, incremental recalculation after
 * one more day of one shop, peak RSS, database size — next to the raw parse (csv-parse / SheetJS) and a plain
 * SQLite insert of the same rows in the same run. Informational: always exits 0.
 */
import { fork } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
const HEAD = ['平台', '店铺', '会话ID', '客服账号', '买家', '发送方', '消息时间', '自动回复', '消息内容'];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Day d (1–31) of 2026-10 as rows: sessions of ~6 messages, buyer and agent alternating, waits 5–400 s. */
function dayRows(total: number, accounts: number, day: number, seed: number): string[][] {
  const r = rng(seed + day);
  const rows: string[][] = [];
  let session = 0;
  while (rows.length < total) {
    const acc = Math.floor(r() * accounts);
    const shop = acc < accounts / 2 ? '基准店A' : '基准店B';
    let t = 8 * 3600 + Math.floor(r() * 15 * 3600);
    const sid = `D${day}-S${session++}`;
    const buyer = `b${Math.floor(r() * 1e6)}`;
    for (let k = 0; k < 3 && rows.length < total; k++) {
      const at = (s: number): string =>
        `2026-10-${pad(day)} ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
      rows.push(['抖音', shop, sid, `${shop}:客服${acc}`, buyer, '买家', at(t), '', '请问这个什么时候发货']);
      t += 5 + Math.floor(r() * (r() < 0.1 ? 400 : 120));
      rows.push(['抖音', shop, sid, `${shop}:客服${acc}`, buyer, '客服', at(t), '', '亲，48小时内发货']);
      t += 30 + Math.floor(r() * 300);
    }
  }
  return rows;
}

function csv(rows: string[][]): string {
  return [HEAD, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

interface Result {
  label: string;
  rows: number;
  files: number;
  mb: number;
  parseS: number;
  insertS: number;
  importS: number;
  fullRecalcS: number;
  /** of which the engine's cells (the rest: the month's report recalculation) */
  eventCellsS: number;
  incrementalS: number;
  importCpuS: number;
  /** CPU seconds of the raw parse + plain insert */
  serialCpuS: number;
  fullCpuS: number;
  incrementalCpuS: number;
  /** of which the import of the day and its engine cells (the rest: the month's report recalculation) */
  incrementalEventsS: number;
  peakMb: number;
  dbMb: number;
  note: string;
}

async function child(dir: string, label: string): Promise<Result> {
  const XLSX = await import('xlsx');
  const { parse } = await import('csv-parse/sync');
  const Database = (await import('better-sqlite3')).default;
  const { openDb } = await import('../src/main/db/open');
  const { runImport, importFile } = await import('../src/main/import/pipeline');
  const { recomputeEventCells, allEventDays, recomputeDirtyEvents } =
    await import('../src/main/events/recalc');
  const { recalcMonths } = await import('../src/main/report/report');
  const { chinaEpoch } = await import('../src/shared/china-time');
  const now = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv') || f.endsWith('.xlsx'))
    .sort();
  const extra = files.filter((f) => f.startsWith('z-extra'));
  const main = files.filter((f) => !f.startsWith('z-extra'));
  const mb = main.reduce((a, f) => a + statSync(join(dir, f)).size, 0) / MB;

  // the serial limit, file by file (memory bounded by one file, like the import): the raw parse of each file, then a
  // plain prepared insert of its rows into a table without indexes
  const work = mkdtempSync(join(tmpdir(), 'sd-bench-ev-'));
  const plain = new Database(join(work, 'plain.db'));
  plain.pragma('journal_mode = WAL');
  plain.exec(
    'CREATE TABLE m (p TEXT, shop TEXT, sid TEXT, acc TEXT, buyer TEXT, sender TEXT, time TEXT, auto TEXT, content TEXT)',
  );
  const ins = plain.prepare('INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  let parseS = 0;
  let insertS = 0;
  let rows = 0;
  const cpu0 = process.cpuUsage();
  for (const f of main) {
    let t0 = performance.now();
    const bytes = readFileSync(join(dir, f));
    let parsed: string[][];
    if (f.endsWith('.csv')) {
      const records: string[][] = parse(bytes.toString('utf8'), { relax_column_count: true });
      parsed = records.slice(1);
    } else {
      const wb = XLSX.read(bytes, { type: 'buffer', dense: true });
      const data = wb.Sheets[wb.SheetNames[0]!]!['!data'] ?? [];
      parsed = data.slice(1).map((r) => (r ?? []).map((c) => String(c?.v ?? '')));
    }
    rows += parsed.length;
    parseS += (performance.now() - t0) / 1000;
    t0 = performance.now();
    plain.transaction(() => {
      for (const r of parsed) ins.run(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    })();
    insertS += (performance.now() - t0) / 1000;
  }
  const serial = process.cpuUsage(cpu0);
  const serialCpuS = (serial.user + serial.system) / 1e6;
  plain.close();
  rmSync(join(work, 'plain.db'), { force: true });
  // each file's bytes are read when the import reaches it, not all at once
  const lazy = (names: string[]): { name: string; bytes: Uint8Array }[] =>
    names.map((name) => ({
      name,
      get bytes(): Uint8Array {
        return new Uint8Array(readFileSync(join(dir, name)));
      },
    }));

  const db = openDb(join(work, 'bench.db'));
  // CPU seconds of this process beside each wall time: on a shared machine the wall time depends on the load
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  let c = cpu();
  let t = performance.now();
  const res = await runImport(db, lazy(main), {}, { now });
  const importCpuS = cpu() - c;
  const importS = (performance.now() - t) / 1000;
  const failed = res.files.filter((f) => f.status !== 'imported');

  c = cpu();
  t = performance.now();
  recomputeEventCells(db, allEventDays(db, '2026-10'), now);
  const eventCellsS = (performance.now() - t) / 1000;
  recalcMonths(db, ['2026-10'], now);
  const fullRecalcS = (performance.now() - t) / 1000;
  const fullCpuS = cpu() - c;

  // --keep FILE: the month's database as it stands before the incremental day (to profile that step alone)
  if (process.env.SD_BENCH_KEEP) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(join(work, 'bench.db'), process.env.SD_BENCH_KEEP);
  }
  // one more day of one shop: only its shop-days (widened) and the month are recomputed — what runImport does,
  // step by step, so the month report's share is known
  c = cpu();
  t = performance.now();
  for (const f of lazy(extra)) importFile(db, f.name, f.bytes, {}, now, new Map());
  recomputeDirtyEvents(db, now);
  const incrementalEventsS = (performance.now() - t) / 1000;
  const dirty = (
    db.prepare('SELECT month FROM month_state WHERE dirty = 1 ORDER BY month').all() as { month: string }[]
  ).map((r) => r.month);
  if (dirty.length) recalcMonths(db, dirty, now);
  const incrementalS = (performance.now() - t) / 1000;
  const incrementalCpuS = cpu() - c;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const dbMb = statSync(join(work, 'bench.db')).size / MB;
  rmSync(work, { recursive: true, force: true });
  return {
    label,
    rows,
    files: main.length,
    mb,
    parseS,
    insertS,
    importS,
    fullRecalcS,
    eventCellsS,
    incrementalS,
    incrementalEventsS,
    importCpuS,
    serialCpuS,
    fullCpuS,
    incrementalCpuS,
    peakMb: process.resourceUsage().maxRSS / 1024,
    dbMb,
    note: failed.length ? `${failed.length} 个文件失败：${failed[0]!.message}` : '',
  };
}

function prepare(total: number, accounts: number, asXlsx: boolean, dir: string): Promise<void> {
  return (async () => {
    const perDay = Math.ceil(total / 31);
    if (asXlsx) {
      const XLSX = await import('xlsx');
      const all: string[][] = [];
      for (let d = 1; d <= 31; d++)
        all.push(...dayRows(Math.min(perDay, total - all.length), accounts, d, 7));
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEAD, ...all]), '聊天记录');
      writeFileSync(
        join(dir, '聊天记录_2026-10.xlsx'),
        XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer,
      );
    } else {
      for (let d = 1; d <= 31; d++)
        writeFileSync(join(dir, `聊天记录_2026-10-${pad(d)}.csv`), csv(dayRows(perDay, accounts, d, 7)));
    }
    // the incremental day: a second file for 10-31 of one shop only
    const extra = dayRows(Math.ceil(perDay / 2), accounts, 31, 99)
      .filter((r) => r[1] === '基准店A')
      .map((r) => [r[0]!, r[1]!, `X${r[2]!}`, ...r.slice(3)]);
    writeFileSync(join(dir, 'z-extra_2026-10-31.csv'), csv(extra));
  })();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const r = await child(argv[1]!, argv[2]!);
    process.send?.(r);
    return;
  }
  const opt = (name: string): string | undefined =>
    argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
  const sizesArg = opt('--sizes') ?? '1000000,300000x,5000000';
  // --data DIR: generate the files into DIR/<size> once and reuse them (kept); --profile DIR: a .cpuprofile per child
  const dataRoot = opt('--data');
  const profile = opt('--profile');
  const keep = opt('--keep');
  if (keep) process.env.SD_BENCH_KEEP = keep;
  const out: Result[] = [];
  for (const spec of sizesArg.split(',')) {
    const asXlsx = spec.endsWith('x');
    const total = Number(spec.replace(/x$/, ''));
    const accounts = total >= 5_000_000 ? 200 : 100;
    const dir = dataRoot ? join(dataRoot, spec) : mkdtempSync(join(tmpdir(), 'sd-bench-files-'));
    if (!dataRoot || !existsSync(join(dir, 'z-extra_2026-10-31.csv'))) {
      mkdirSync(dir, { recursive: true });
      process.stderr.write(
        `生成 ${total.toLocaleString()} 条消息（${asXlsx ? 'xlsx' : 'CSV'}，${accounts} 个账号）…\n`,
      );
      await prepare(total, accounts, asXlsx, dir);
    }
    const label = `${(total / 1e6).toFixed(total % 1e6 ? 1 : 0)}M 条 ${asXlsx ? 'xlsx' : 'CSV'} / ${accounts} 账号`;
    const r = await new Promise<Result | null>((ok) => {
      const p = fork(__filename, ['--child', dir, label], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: [
          ...process.execArgv,
          '--max-old-space-size=16384',
          ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
        ],
      });
      let got: Result | null = null;
      p.on('message', (m) => (got = m as Result));
      p.on('exit', () => ok(got));
    });
    if (!dataRoot) rmSync(dir, { recursive: true, force: true });
    if (r) out.push(r);
    else process.stderr.write(`${label}: 子进程失败\n`);
  }
  const f = (x: number, d = 2): string => x.toFixed(d);
  process.stdout.write('\n聊天记录基准 / message benchmark (2026-10)\n');
  process.stdout.write(
    [
      '数据 data',
      '文件 files',
      'MB',
      '原始解析 parse s',
      'SQLite 直插 insert s',
      '导入 import s',
      '行/秒 rows/s',
      '直通 serial rows/s',
      '比 ratio',
      '全月重算 full recalc s (其中事件单元 cells)',
      '增量 incr. s (其中导入与事件单元 import + cells)',
      '峰值 RSS MB',
      '库 DB MB',
    ].join(' | ') + '\n',
  );
  for (const r of out) {
    process.stdout.write(
      [
        r.label,
        r.files,
        f(r.mb, 0),
        f(r.parseS),
        f(r.insertS),
        `${f(r.importS)} (CPU ${f(r.importCpuS)})`,
        Math.round(r.rows / r.importS).toLocaleString(),
        // the serial limit measured beside it: raw parse + a plain prepared insert of the same rows
        Math.round(r.rows / (r.parseS + r.insertS)).toLocaleString(),
        `${Math.round((100 * (r.parseS + r.insertS)) / r.importS)}% (CPU ${Math.round((100 * r.serialCpuS) / r.importCpuS)}%)`,
        `${f(r.fullRecalcS)} (${f(r.eventCellsS)}; CPU ${f(r.fullCpuS)})`,
        `${f(r.incrementalS)} (${f(r.incrementalEventsS)}; CPU ${f(r.incrementalCpuS)})`,
        f(r.peakMb, 0),
        f(r.dbMb, 0),
      ].join(' | ') +
        (r.note ? `  ${r.note}` : '') +
        '\n',
    );
  }
  process.stdout.write(
    '目标 aim: CSV 导入 ≥ 150,000 行/秒且 ≥ 直通的 60%；1M 全月重算 ≤ 5 s；增量 ≤ 0.3 s（仅供参考 / informational）\n',
  );
}

void main().catch((e: unknown) => {
  process.stderr.write(`基准失败：${String(e)}\n`);
  process.exitCode = 0;
});
