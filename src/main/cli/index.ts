/**
 * The headless CLI: `npm run -s cli -- <command> …`. stdout carries only the command's output (JSON with --json);
 * notices go to stderr. Exit codes (imports.md §4): 0 ok, 1 usage, 2 a file failed as a whole, 3 database error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hostClock } from '../clock';
import { chinaDay, isDay, isMonth } from '../../shared/china-time';
import { examReport } from '../events/exams';
import { allEventDays, recomputeEventCells } from '../events/recalc';
import { parsePlatform, PLATFORM_ZH } from '../../shared/domain';
import type { ImportOptions } from '../../shared/imports';
import { formatMetric, METRICS, type MetricId } from '../../shared/metrics';
import { backupToFile, restoreFromFile } from '../db/backup';
import { DbError, openDb, type Db } from '../db/open';
import { resolveDbPath } from '../db/paths';
import { toAppError, UserError } from '../errors';
import { listBatches } from '../import/history';
import { defaultDateWindow, outsideWindow } from '../import/date-window';
import { failed, importFile } from '../import/pipeline';
import { undoBatch } from '../import/undo';
import { listMonths, loadRules, recalcDirty, recalcMonths } from '../report/report';
import { monthReport, lockMonth, unlockMonth } from '../month';
import { getScheme, listSchemes, saveScheme, schemesForMonth } from '../kpi/store';
import { buildMonthlySheet } from '../sheet/monthly-sheet';
import { importKci } from '../kpi/kci-import';
import { writeFileAtomic } from '../fs-atomic';
import { dataDir, makeBackup } from '../db/auto-backup';
import { Logger, logPathFor } from '../log';

export const EXIT = { ok: 0, usage: 1, fileFailed: 2, db: 3 } as const;

const USAGE = `用法 / usage: npm run -s cli -- <命令> [选项]

命令:
  import FILE...            导入平台导出文件（默认写入数据库）
      --dry-run               只预览，不写入
      --strict                任何一行被拒绝则整个文件不导入
      --force                 相同文件（相同 SHA-256）也重新导入
      --date YYYY-MM-DD       文件没有日期列、文件名也没有日期时的统计日
      --period A~B            同上，统计期间（YYYY-MM-DD~YYYY-MM-DD）
      --shop NAME             文件没有店铺列时的店铺
      --platform P            douyin|kuaishou|jd|taobao（或 抖音/快手/京东/淘宝）
      --date-window A~B       允许的日期范围（默认 2015-01-01 至今天后一年）
  report --month YYYY-MM    月度指标（--json 输出 JSON）
  months                    有数据的月份
  batches                   导入记录
  undo BATCH_ID             撤销一个导入批次
  recalc [--month YYYY-MM]  重新计算（默认所有有数据的月份）
  exams [--as-of YYYY-MM-DD] 抖音考试预警及状态（默认今天，中国时间）
  sheet --month YYYY-MM [--scheme NAME] --variant client|payroll [--client NAME] --out FILE.xlsx
                            写出月度绩效表（客户版 client / 薪资版 payroll）；--client 只写该客户（甲方）
                            的店铺和在这些店铺工作的客服（仅客户版）
  scheme list               考核方案及其版本
  scheme import FILE        导入考核方案 JSON（先校验）
  scheme export NAME [--month YYYY-MM] [--out FILE]
                            导出考核方案 JSON（默认最新版本，输出到 stdout）
  kci import FILE           导入 KCI 分数（列：姓名、月份、每个 KCI 项一列）
  lock --month YYYY-MM [--note TEXT]    锁定已签字的月份
  unlock --month YYYY-MM [--note TEXT]  解锁（应用锁定期间的变更）
  backup FILE               备份数据库到一个文件
  restore FILE              从备份恢复（先检查完整性与版本）

通用选项:
  --db FILE                 数据库文件（默认 SCOREDESK_DB 或用户数据目录下的 scoredesk.db）
  --json                    输出 JSON
`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => number;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

let cliLog: Logger | null = null;

function openOrFail(dbPath: string, now?: number): Db {
  return openDb(dbPath, { now, log: cliLog ?? undefined });
}

/** Runs one CLI invocation; returns the exit code. Exported for tests (no process.exit inside). */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        date: { type: 'string' },
        period: { type: 'string' },
        shop: { type: 'string' },
        platform: { type: 'string' },
        'date-window': { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        'as-of': { type: 'string' },
        scheme: { type: 'string' },
        variant: { type: 'string' },
        client: { type: 'string' },
        note: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const dbPath = resolveDbPath(values.db, io.env);
  const log = new Logger(logPathFor(dataDir(dbPath)), { now: io.now });
  cliLog = log;
  let db: Db | null = null;
  try {
    switch (command) {
      case 'import': {
        if (args.length === 0) throw new UsageError('import 需要至少一个文件');
        const options = importOptions(values, io.now());
        db = openOrFail(dbPath, io.now());
        const files = [];
        const seen = new Map<string, string>();
        let code: number = EXIT.ok;
        for (const path of args) {
          let bytes: Uint8Array;
          try {
            bytes = readFileSync(path);
          } catch {
            files.push(failed(path, `找不到或无法读取文件：${path}`));
            io.err(`✗ ${path}: 找不到或无法读取文件\n`);
            code = EXIT.fileFailed;
            continue;
          }
          const started = Date.now();
          const r = importFile(db, path, bytes, options, io.now(), seen);
          // counts and ids only: never a cell of the file (chat text, buyer names or ids)
          log.info('import', {
            file: r.file,
            status: r.status,
            layout: r.layout,
            read: r.rows.read,
            accepted: r.rows.accepted,
            rejected: r.rows.rejected,
            batch_id: r.batch_id,
            duration_ms: Date.now() - started,
            host: 'cli',
          });
          if (r.status === 'failed') code = EXIT.fileFailed;
          if (r.period?.source === 'file_name')
            io.err(`注意：${r.file} 的统计期间 ${r.period.from}~${r.period.to} 来自文件名\n`);
          files.push(r);
          // stdout carries the result of each file; a failure and the rejected rows are diagnostics (stderr), also
          // with --json so a script piping the JSON still shows the lead what went wrong
          const line = `${r.status === 'failed' ? '✗' : r.status === 'skipped' ? '–' : '✓'} ${r.file}: ${r.layout_zh ?? ''} ${r.message}\n`;
          if (r.status === 'failed') io.err(line);
          else if (!values.json) io.out(line);
          if (!values.json)
            for (const j of r.rejections)
              io.err(`    工作表“${j.sheet}”第 ${j.row} 行 ${j.column} “${j.value}”：${j.reason}\n`);
        }
        recalcDirty(db, io.now());
        if (values.json) io.out(JSON.stringify({ files }, null, 2) + '\n');
        return code;
      }
      case 'report': {
        const month = values.month;
        if (!month || !isMonth(month)) throw new UsageError('report 需要 --month YYYY-MM');
        db = openOrFail(dbPath, io.now());
        // reads are pure (they serve the last committed results): the CLI is a writer, it recalculates first
        recalcDirty(db, io.now());
        const report = monthReport(db, month, io.now());
        if (values.json) {
          io.out(JSON.stringify(report, null, 2) + '\n');
        } else {
          const shown: MetricId[] = [
            'reply_3min_rate',
            'avg_response_s',
            'good_rate',
            'conversion_rate',
            'sales_amount',
            'sessions',
          ];
          io.out(`${month} 月度指标\n`);
          for (const a of report.accounts) {
            const cells = shown
              .filter((id) => a.metrics[id])
              .map((id) => `${METRICS[id].zh} ${formatMetric(id, a.metrics[id]!.value)}`);
            io.out(
              `${PLATFORM_ZH[a.platform]} ${a.shop} ${a.account}${a.agent ? `（${a.agent}）` : ''}: ${cells.join('  ')}\n`,
            );
          }
          for (const n of report.notices) io.err(`注意：${n.message}\n`);
        }
        return EXIT.ok;
      }
      case 'months': {
        db = openOrFail(dbPath, io.now());
        const months = listMonths(db);
        io.out(values.json ? JSON.stringify(months) + '\n' : months.join('\n') + (months.length ? '\n' : ''));
        return EXIT.ok;
      }
      case 'batches': {
        db = openOrFail(dbPath, io.now());
        const list = listBatches(db);
        if (values.json) io.out(JSON.stringify(list, null, 2) + '\n');
        else
          for (const b of list)
            io.out(
              `#${b.id} ${b.imported_at} ${b.status === 'active' ? '有效' : '已撤销'} ${b.file_name} ${b.layout_zh} ${b.period_from ?? ''}~${b.period_to ?? ''} ${b.rows.accepted} 行\n`,
            );
        return EXIT.ok;
      }
      case 'undo': {
        const id = Number(args[0]);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('undo 需要批次编号');
        db = openOrFail(dbPath, io.now());
        const r = undoBatch(db, id, io.now());
        // the undo marks what it touched; the CLI recalculates before it returns
        recalcDirty(db, io.now());
        io.out(
          values.json
            ? JSON.stringify(r) + '\n'
            : `已撤销批次 ${id}：删除 ${r.removed} 条数据，恢复 ${r.restored} 条旧数据\n`,
        );
        return EXIT.ok;
      }
      case 'recalc': {
        if (values.month && !isMonth(values.month)) throw new UsageError('--month 格式应为 YYYY-MM');
        db = openOrFail(dbPath, io.now());
        recomputeEventCells(db, allEventDays(db, values.month), io.now());
        const months = values.month ? [values.month] : listMonths(db);
        const started = Date.now();
        recalcMonths(db, months, io.now());
        log.info('recalc', { months, duration_ms: Date.now() - started, host: 'cli' });
        io.out(
          values.json
            ? JSON.stringify({ months }) + '\n'
            : `已重新计算：${months.join('、') || '（无数据）'}\n`,
        );
        return EXIT.ok;
      }
      case 'sheet': {
        const m = values.month;
        if (!m || !isMonth(m)) throw new UsageError('sheet 需要 --month YYYY-MM');
        if (values.variant !== 'client' && values.variant !== 'payroll')
          throw new UsageError('sheet 需要 --variant client（客户版）或 payroll（薪资版）');
        if (!values.out) throw new UsageError('sheet 需要 --out FILE.xlsx');
        if (values.client !== undefined && values.variant !== 'client')
          throw new UsageError('--client 只用于客户版（--variant client）');
        db = openOrFail(dbPath, io.now());
        let scheme = values.scheme;
        if (!scheme) {
          const inForce = schemesForMonth(db, m).map((x) => x.name);
          if (inForce.length !== 1)
            throw new UsageError(
              inForce.length
                ? `${m} 有多个考核方案，请用 --scheme 指定：${inForce.join('、')}`
                : `${m} 没有生效的考核方案`,
            );
          scheme = inForce[0]!;
        }
        recalcDirty(db, io.now());
        const r = await buildMonthlySheet(db, {
          month: m,
          scheme,
          variant: values.variant,
          now: io.now(),
          client: values.client ?? null,
        });
        writeFileAtomic(values.out, r.bytes);
        io.out(
          values.json
            ? JSON.stringify({ file: values.out, name: r.name, rows: r.preview.rows.length }) + '\n'
            : `已写出 ${values.out}（${r.name}，${r.preview.rows.length} 位客服）\n`,
        );
        return EXIT.ok;
      }
      case 'exams': {
        const asOf = values['as-of'] ?? chinaDay(io.now());
        if (!isDay(asOf)) throw new UsageError('--as-of 格式应为 YYYY-MM-DD');
        db = openOrFail(dbPath, io.now());
        const rows = examReport(db, loadRules(db), asOf);
        const warnings = rows.map((w) => ({
          platform: w.platform,
          shop: w.shop,
          account: w.account,
          agent: w.agent,
          week_start: w.week_start,
          notice_date: w.notice_date,
          deadline: w.deadline,
          status: w.status,
          label: w.label,
          days_left: w.days_left,
          repeat_offender: w.repeat,
          reasons: w.reasons,
          attempts: w.attempts,
        }));
        if (values.json) io.out(JSON.stringify({ as_of: asOf, warnings }, null, 2) + '\n');
        else
          for (const w of warnings)
            io.out(
              `${w.week_start} ${w.account}${w.agent ? `（${w.agent}）` : ''} ${w.label}${w.status === 'open' ? `，剩 ${w.days_left} 天` : ''} 截止 ${w.deadline}${w.repeat_offender ? ' 【重复预警】' : ''}\n`,
            );
        return EXIT.ok;
      }
      case 'scheme': {
        const [sub, arg] = args;
        db = openOrFail(dbPath, io.now());
        if (sub === 'list') {
          const list = listSchemes(db);
          io.out(
            values.json
              ? JSON.stringify(list, null, 2) + '\n'
              : list.map((x) => `${x.name}  版本：${x.versions.join('、')}\n`).join(''),
          );
          return EXIT.ok;
        }
        if (sub === 'import') {
          if (!arg) throw new UsageError('scheme import 需要 JSON 文件');
          let json: unknown;
          try {
            json = JSON.parse(readFileSync(arg, 'utf8'));
          } catch (e) {
            throw new UserError(`无法读取考核方案文件 ${arg}：${(e as Error).message}`);
          }
          const saved = saveScheme(db, json, io.now());
          // the CLI writes: the months the scheme changes are recalculated before it exits
          recalcDirty(db, io.now());
          io.out(
            values.json
              ? JSON.stringify({ name: saved.name, effective_from: saved.effective_from }) + '\n'
              : `已导入考核方案“${saved.name}”（${saved.effective_from} 起生效）\n`,
          );
          return EXIT.ok;
        }
        if (sub === 'export') {
          if (!arg) throw new UsageError('scheme export 需要方案名称');
          if (values.month && !isMonth(values.month)) throw new UsageError('--month 格式应为 YYYY-MM');
          const text = JSON.stringify(getScheme(db, arg, values.month), null, 2) + '\n';
          if (values.out) {
            writeFileAtomic(values.out, text);
            io.err(`已导出到 ${values.out}\n`);
          } else io.out(text);
          return EXIT.ok;
        }
        throw new UsageError('scheme 的子命令：list、import FILE、export NAME');
      }
      case 'kci': {
        if (args[0] !== 'import' || !args[1]) throw new UsageError('用法：kci import FILE');
        db = openOrFail(dbPath, io.now());
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(args[1]);
        } catch {
          throw new UserError(`找不到或无法读取文件：${args[1]}`);
        }
        const r = importKci(db, args[1], bytes);
        recalcDirty(db, io.now());
        if (values.json) io.out(JSON.stringify(r, null, 2) + '\n');
        else {
          io.out(
            `已导入 KCI：${r.rows.accepted} 行（项目：${r.items.join('、')}）${r.rows.rejected ? `；${r.rows.rejected} 行被拒绝` : ''}\n`,
          );
          for (const j of r.rejections)
            io.out(`    工作表“${j.sheet}”第 ${j.row} 行 ${j.column} “${j.value}”：${j.reason}\n`);
        }
        return r.rows.rejected && values.strict ? EXIT.fileFailed : EXIT.ok;
      }
      case 'lock':
      case 'unlock': {
        if (!values.month || !isMonth(values.month)) throw new UsageError(`${command} 需要 --month YYYY-MM`);
        db = openOrFail(dbPath, io.now());
        // an unlock changes a signed-off month: a copy of it first
        if (command === 'unlock' && db.prepare('SELECT 1 FROM month_locks WHERE month = ?').get(values.month))
          await makeBackup(db, 'unlock', { dbPath, now: io.now(), log });
        const info =
          command === 'lock'
            ? lockMonth(db, values.month, io.now(), values.note ?? null)
            : unlockMonth(db, values.month, io.now(), values.note ?? null);
        io.out(
          values.json
            ? JSON.stringify(info, null, 2) + '\n'
            : `${values.month} 已${command === 'lock' ? '锁定' : '解锁'}\n`,
        );
        return EXIT.ok;
      }
      case 'backup': {
        if (!args[0]) throw new UsageError('backup 需要目标文件');
        db = openOrFail(dbPath, io.now());
        await backupToFile(db, args[0]);
        io.out(values.json ? JSON.stringify({ file: args[0] }) + '\n' : `已备份到 ${args[0]}\n`);
        return EXIT.ok;
      }
      case 'restore': {
        if (!args[0]) throw new UsageError('restore 需要备份文件');
        db = openOrFail(dbPath, io.now());
        await makeBackup(db, 'restore', { dbPath, now: io.now(), log });
        db = restoreFromFile(db, dbPath, args[0]);
        log.info('restore', { file: args[0], host: 'cli' });
        io.out(values.json ? JSON.stringify({ restored: args[0] }) + '\n' : `已从 ${args[0]} 恢复\n`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`未知命令：${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    const err = toAppError(e);
    log.error('cli', e, { command });
    io.err(`${err.message}\n`);
    if (e instanceof DbError || err.code === 'db_busy') return EXIT.db;
    if (e instanceof UserError) return EXIT.fileFailed;
    if (err.detail) io.err(`${err.detail}\n`);
    return EXIT.db;
  } finally {
    if (db?.open) db.close();
    cliLog = null;
  }
}

function dayRange(text: string): { from: string; to: string } | null {
  const [from, to, ...rest] = text.split('~');
  return from && to && rest.length === 0 && isDay(from) && isDay(to) && from <= to ? { from, to } : null;
}

function importOptions(values: Record<string, string | boolean | undefined>, now: number): ImportOptions {
  const o: ImportOptions = {
    dryRun: values['dry-run'] === true,
    strict: values.strict === true,
    force: values.force === true,
  };
  let window = defaultDateWindow(now);
  if (typeof values['date-window'] === 'string') {
    const w = dayRange(values['date-window']);
    if (!w) throw new UsageError(`--date-window 格式应为 YYYY-MM-DD~YYYY-MM-DD：${values['date-window']}`);
    window = w;
    o.dateWindow = w;
  }
  if (typeof values.platform === 'string') {
    const p = parsePlatform(values.platform);
    if (!p) throw new UsageError(`未知平台：${values.platform}`);
    o.platform = p;
  }
  if (typeof values.shop === 'string') o.shop = values.shop;
  if (typeof values.date === 'string') {
    if (!isDay(values.date)) throw new UsageError(`--date 不是有效日期：${values.date}`);
    o.period = { from: values.date, to: values.date };
  }
  if (typeof values.period === 'string') {
    const p = dayRange(values.period);
    if (!p) throw new UsageError(`--period 格式应为 YYYY-MM-DD~YYYY-MM-DD：${values.period}`);
    o.period = p;
  }
  if (o.period) {
    const why = outsideWindow(o.period.from, window) ?? outsideWindow(o.period.to, window);
    if (why)
      throw new UsageError(`${typeof values.period === 'string' ? '--period' : '--date'} 不可用：${why}`);
  }
  return o;
}

// Run when executed directly (tsx src/main/cli/index.ts), not when imported by tests.
if (require.main === module) {
  void runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    now: hostClock(),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
