/**
 * `npm run bench [-- --reps N --agents N]`: 200 agents × 31 days of per-agent rows per platform, as xlsx and CSV.
 * For each file, SheetJS's raw parse and ScoreDesk's full import (read → detect → map → commit → recalc into a fresh
 * database) each run in a fresh child process, so the peak RSS (`resourceUsage().maxRSS`) is that work's alone.
 * Timing is information, never pass/fail: the exit code is 0 whatever the numbers.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const MONTH = '2026-10';
const AIM_TIME = 1.2;
const AIM_RSS = 1.5;

type Mode = 'raw' | 'import';

interface Measure {
  ok: boolean;
  ms: number;
  /** RSS after the modules are loaded and the file is read, before the measured work (MB) */
  baseMb: number;
  peakMb: number;
  rows: number;
  note: string;
}

const MB = 1024 * 1024;

// ---------------------------------------------------------------- child: one measurement, then exit

async function child(mode: Mode, path: string, format: string): Promise<Measure> {
  const bytes = new Uint8Array(readFileSync(path));
  if (mode === 'raw') {
    // only SheetJS is loaded here: the raw child's memory is the parse's, not the app's
    const XLSX = await import('xlsx');
    const baseMb = process.memoryUsage().rss / MB;
    const t = performance.now();
    const wb = XLSX.read(bytes, { type: 'array', dense: true, ...(format === 'csv' ? { raw: true } : {}) });
    const ms = performance.now() - t;
    const rows = (wb.Sheets[wb.SheetNames[0]!]?.['!data']?.length ?? 1) - 1;
    return { ok: true, ms, baseMb, peakMb: process.resourceUsage().maxRSS / 1024, rows, note: '' };
  }
  const { openDb } = await import('../src/main/db/open');
  const { importFile } = await import('../src/main/import/pipeline');
  const { recalcDirty } = await import('../src/main/report/report');
  const { chinaEpoch } = await import('../src/shared/china-time');
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-bench-'));
  try {
    const db = openDb(join(dir, 'bench.db'));
    const baseMb = process.memoryUsage().rss / MB;
    const t = performance.now();
    const now = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
    const r = importFile(db, path, bytes, {}, now);
    // end to end includes the month's recomputation, which a run of imports does once at its end
    recalcDirty(db, now);
    const ms = performance.now() - t;
    db.close();
    const ok = r.status === 'imported' && r.rows.rejected === 0;
    return {
      ok,
      ms,
      baseMb,
      peakMb: process.resourceUsage().maxRSS / 1024,
      rows: r.rows.accepted,
      note: ok ? '' : `${r.status}: ${r.message}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- parent: generate, fork, tabulate

function measure(mode: Mode, path: string, format: string): Promise<Measure> {
  return new Promise((resolve) => {
    // fork inherits process.execArgv, so the child runs under tsx like this script
    const p = fork(__filename, ['--child', mode, path, format], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: Measure | null = null;
    p.on('message', (m) => {
      result = m as Measure;
    });
    p.on('exit', (code) => {
      resolve(
        result ?? {
          ok: false,
          ms: NaN,
          baseMb: NaN,
          peakMb: NaN,
          rows: 0,
          note: `child exited with code ${code ?? 'null'}`,
        },
      );
    });
  });
}

/** Display width in a terminal: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function table(head: string[][], rows: string[][]): string {
  const all = [...head, ...rows];
  const cols = Math.max(...all.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]): string =>
    r
      .map((cell, c) =>
        c < 2 ? cell + ' '.repeat(w[c]! - width(cell)) : ' '.repeat(w[c]! - width(cell)) + cell,
      )
      .join('  ');
  return [...head.map(line), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

async function parent(reps: number, agents: number): Promise<void> {
  const { benchFiles } = await import('../src/main/demo/bench-files');
  const started = performance.now();
  const files = benchFiles(MONTH, agents);
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-bench-files-'));
  process.stdout.write(
    `ScoreDesk 导入基准 / import benchmark — ${agents} 位客服 × 31 天 = ${agents * 31} 行/文件；每项在独立子进程中运行，取 ${reps} 次中最快的一次\n` +
      `(${agents} agents × 31 days per file; each measurement in a fresh child process, best of ${reps}; Node ${process.version}, ${process.platform})\n\n`,
  );
  const best = async (mode: Mode, path: string, format: string): Promise<Measure> => {
    let b: Measure | null = null;
    for (let i = 0; i < reps; i++) {
      const m = await measure(mode, path, format);
      if (!b || !b.ok || (m.ok && m.ms < b.ms)) b = m;
    }
    return b!;
  };
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    for (const f of files) {
      const path = join(dir, f.name);
      writeFileSync(path, f.bytes);
      const raw = await best('raw', path, f.format);
      const imp = await best('import', path, f.format);
      const tRatio = imp.ms / raw.ms;
      const mRatio = imp.peakMb / raw.peakMb;
      const met = f.format === 'xlsx' ? (tRatio <= AIM_TIME && mRatio <= AIM_RSS ? '是 yes' : '否 no') : '—';
      rows.push([
        f.layout,
        f.format,
        String(imp.rows || f.rows),
        fmt(f.bytes.length / MB),
        fmt(raw.ms / 1000, 3),
        `${fmt(raw.baseMb, 0)}→${fmt(raw.peakMb, 0)}`,
        fmt(imp.ms / 1000, 3),
        Number.isFinite(imp.ms) ? Math.round((imp.rows / imp.ms) * 1000).toLocaleString('en-US') : '—',
        `${fmt(imp.baseMb, 0)}→${fmt(imp.peakMb, 0)}`,
        `${fmt(tRatio, 1)}×`,
        `${fmt(mRatio, 2)}×`,
        met,
      ]);
      if (!raw.ok) verdicts.push(`原始解析失败 raw parse failed: ${f.name}: ${raw.note}`);
      if (!imp.ok) verdicts.push(`导入失败 import failed: ${f.name}: ${imp.note}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    table(
      [
        [
          '导出类型',
          '格式',
          '行数',
          '文件',
          '原始解析',
          '原始内存',
          '完整导入',
          '行/秒',
          '导入内存',
          '时间比',
          '内存比',
          '达标',
        ],
        [
          'layout',
          'fmt',
          'rows',
          'MB',
          'raw s',
          'raw RSS MB',
          'import s',
          'rows/s',
          'import RSS MB',
          'time ×raw',
          'RSS ×raw',
          'aim met',
        ],
      ],
      rows,
    ) + '\n\n',
  );
  process.stdout.write(
    `目标：xlsx 完整导入时间 ≤ ${AIM_TIME}× 原始解析，峰值内存 ≤ ${AIM_RSS}×（CSV 仅供参考）。内存列为“载入模块后的基线→峰值”（maxRSS）。\n` +
      `Aim: xlsx end to end ≤ ${AIM_TIME}× the raw parse time and ≤ ${AIM_RSS}× its peak RSS (CSV shown for reference). RSS columns are baseline after module load → peak (maxRSS).\n` +
      `完整导入 = importFile：读取、识别、映射、写入新数据库并重算该月 / import = importFile: read, detect, map, commit to a fresh database, recalculate the month.\n`,
  );
  for (const v of verdicts) process.stdout.write(`${v}\n`);
  process.stdout.write(`总用时 total ${fmt((performance.now() - started) / 1000, 1)} s\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [, mode, path, format] = argv;
    const m = await child(mode as Mode, path!, format!).catch((e: unknown): Measure => ({
      ok: false,
      ms: NaN,
      baseMb: NaN,
      peakMb: NaN,
      rows: 0,
      note: e instanceof Error ? e.message : String(e),
    }));
    // the open IPC channel would keep the child alive: close it once the result is out
    process.send?.(m, () => process.disconnect());
    return;
  }
  const { values } = parseArgs({
    args: argv,
    options: { reps: { type: 'string', default: '2' }, agents: { type: 'string', default: '200' } },
  });
  const reps = Math.max(1, Number(values.reps) || 1);
  const agents = Math.max(1, Number(values.agents) || 200);
  await parent(reps, agents);
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    // timing is never pass/fail, but a crashed benchmark is still worth a non-zero code
    process.exitCode = 1;
  },
);
