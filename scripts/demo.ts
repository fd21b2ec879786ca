/**
 * `npm run demo -- [--db FILE] [--month YYYY-MM] [--out DIR] [--force]`: fills a database with a generated month for
 * five shops on the four platforms, imported through the real pipeline. Exit codes as the CLI: 0 ok, 1 usage (or a
 * database that already has imports, without --force), 2 a file failed, 3 database error.
 */
import { parseArgs } from 'node:util';
import { isMonth } from '../src/shared/china-time';
import { DbError, openDb, type Db } from '../src/main/db/open';
import { resolveDbPath } from '../src/main/db/paths';
import { DEMO_AGENT_COUNT, DEMO_SHOPS } from '../src/main/demo/generate';
import { hasImports, runDemoAsync } from '../src/main/demo/run';
import { toAppError } from '../src/main/errors';
import { hostClock } from '../src/main/clock';

const EXIT = { ok: 0, usage: 1, fileFailed: 2, db: 3 } as const;

const USAGE = `用法 / usage: npm run demo -- [选项]

  --db FILE        数据库文件（默认 SCOREDESK_DB 或用户数据目录下的 scoredesk.db）
  --month YYYY-MM  生成哪个月（默认：上一个自然月，按北京时间）
  --out DIR        同时把生成的导出文件写到该文件夹，便于查看
  --force          数据库里已有导入记录时也继续（已导入过的相同文件会被跳过）
`;

export interface DemoIo {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => number;
  env: NodeJS.ProcessEnv;
}

export async function demoCli(argv: string[], io: DemoIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        db: { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (values.month !== undefined && !isMonth(values.month)) {
    io.err(`--month 格式应为 YYYY-MM：${values.month}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const dbPath = resolveDbPath(values.db, io.env);
  let db: Db | null = null;
  try {
    db = openDb(dbPath);
    if (hasImports(db) && !values.force) {
      io.err(
        `数据库 ${dbPath} 里已经有导入记录，为避免把演示数据混进真实数据，已停止。\n` +
          '请用 --db 指定一个新的数据库文件；确实要写入这个数据库时加 --force。\n',
      );
      return EXIT.usage;
    }
    const started = performance.now();
    const result = await runDemoAsync(db, {
      now: io.now(),
      month: values.month,
      writeTo: values.out,
      progress: (done, total) => {
        if (process.stderr.isTTY) io.err(`\r正在导入 ${done}/${total} 个文件…`);
      },
    });
    if (process.stderr.isTTY) io.err('\r\x1b[K');
    const count = (s: string): number => result.files.filter((f) => f.status === s).length;
    const rows = result.files.reduce((n, f) => n + f.rows.accepted, 0);
    const rejected = result.files.reduce((n, f) => n + f.rows.rejected, 0);
    for (const f of result.files.filter((x) => x.status === 'failed')) io.err(`✗ ${f.file}：${f.message}\n`);
    io.out(
      [
        `ScoreDesk 演示数据：${result.month}（${DEMO_SHOPS.length} 家店铺，${DEMO_AGENT_COUNT} 位客服，抖音/快手/京东/淘宝）`,
        `文件 ${result.files.length} 个：已导入 ${count('imported')}，跳过 ${count('skipped')}（已导入过），失败 ${count('failed')}`,
        `数据行 ${rows.toLocaleString('en-US')} 行，拒绝 ${rejected} 行；用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`,
        `数据库：${dbPath}`,
        ...(values.out ? [`导出文件已写入：${values.out}`] : []),
        `查看：npm start（或 npm run web），月份选 ${result.month}；命令行：npm run -s cli -- report --month ${result.month} --db ${dbPath}`,
      ].join('\n') + '\n',
    );
    return count('failed') > 0 ? EXIT.fileFailed : EXIT.ok;
  } catch (e) {
    const err = toAppError(e);
    io.err(`${err.message}\n`);
    if (!(e instanceof DbError) && err.code !== 'db_busy' && err.detail) io.err(`${err.detail}\n`);
    return EXIT.db;
  } finally {
    db?.close();
  }
}

// run when executed (tsx scripts/demo.ts), not when a test imports it
if (require.main === module) {
  void demoCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    now: hostClock(),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
