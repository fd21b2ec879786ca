import { readFileSync } from 'node:fs';
import {
  isMethodName,
  inputSchemas,
  type AppEvent,
  type Input,
  type MethodName,
  type Output,
  type Result,
} from '../shared/api';
import type { FileInput } from '../shared/imports';
import { openDb, schemaVersion, type Db } from './db/open';
import { backupToBytes, restoreFromBytes } from './db/backup';
import { toAppError, UserError } from './errors';
import { listBatches } from './import/history';
import { runImport } from './import/pipeline';
import { runImportInWorker, workerScript } from './import-runner';
import { undoBatch } from './import/undo';
import { JobManager } from './jobs';
import { drill, listMonths, recalcMonths } from './report/report';
import { lockInfo, lockMonth, monthReport, unlockMonth } from './month';
import { scoreMonth } from './kpi/compute';
import { deleteScheme, getScheme, listKci, listSchemes, saveKci, saveScheme } from './kpi/store';
import { schemeWhatIf } from './kpi/what-if';
import { importKci } from './kpi/kci-import';
import { ratingsMonth, setAppeal } from './events/ratings-view';
import { addAttempt, addWarning, examReport } from './events/exams';
import { evidence, reconcile } from './events/evidence';
import { eventTemplate } from './events/templates';
import { buildMonthlySheet } from './sheet/monthly-sheet';
import { hasImports, runDemoAsync } from './demo/run';
import { allEventDays, recomputeEventCells } from './events/recalc';
import { confineWebWatchFolder, scanWatchFolder, setWatchFolder, watchFolder, webWatchRoot } from './watch';
import { getSetting, setSetting } from './settings/store';
import { loadRules } from './report/report';
import { weekMonday } from '../shared/engine/exams';
import { chinaDay, chinaEpoch } from '../shared/china-time';
import type { AppSettings } from '../shared/api';
import { runScheduled, scheduleInfo, setScheduleTime, startScheduler } from './scheduler';
import { computeOverview } from './report/overview';
import { assignAccount, deleteAgent, listRoster, saveAgent, unassignAccount } from './settings/roster';
import { deleteRule, listRules, saveRule } from './settings/rules';
import { deleteMapping, listMappings, mappingTargets, saveMapping } from './import/mappings';
import { PRODUCT_NAME } from './db/paths';
import { version } from '../../package.json';
import { addMonths, monthOf } from '../shared/china-time';

export interface BackendOptions {
  dbPath: string;
  host: 'electron' | 'web';
  nativeBinding?: string;
  /** Epoch seconds; tests fix it. */
  now?: () => number;
  /** Run imports in a worker thread (the hosts); tests run them inline. */
  worker?: boolean;
}

type Handlers = { [M in MethodName]: (input: Input<M>) => Promise<Output<M>> | Output<M> };

/** Reads a file input's bytes: from the upload, or (Electron) from the path the shell resolved. */
export function fileBytes(f: FileInput, allowPath: boolean): Uint8Array {
  if (f.bytes) return f.bytes;
  // only the desktop window may name a file on disk (webUtils.getPathForFile); over HTTP a path would let any holder
  // of the token read the machine's files
  if (f.path && allowPath) return readFileSync(f.path);
  throw new UserError(f.path ? `文件“${f.name}”需要以内容上传` : `文件“${f.name}”没有内容`);
}

/**
 * The services behind the typed API, bound to one database. Every host (Electron IPC, browser host, tests) calls
 * `dispatch`; the CLI calls the same modules directly.
 */
export class Backend {
  db: Db;
  readonly jobs = new JobManager();
  readonly now: () => number;
  private readonly handlers: Handlers;

  constructor(readonly options: BackendOptions) {
    this.db = openDb(options.dbPath, { nativeBinding: options.nativeBinding });
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.handlers = {
      'app:info': () => ({
        productName: PRODUCT_NAME,
        version,
        host: this.options.host,
        dbPath: this.options.dbPath,
        schemaVersion: schemaVersion(this.db),
      }),
      'import:start': ({ files, options }) => {
        const jobId = this.jobs.start(async (ctx) => {
          const inputs = files.map((f) => ({
            name: f.name,
            bytes: fileBytes(f, this.options.host === 'electron'),
          }));
          const script = this.options.worker && this.options.dbPath !== ':memory:' ? workerScript() : null;
          const result = script
            ? await runImportInWorker(
                {
                  dbPath: this.options.dbPath,
                  nativeBinding: this.options.nativeBinding,
                  files: inputs,
                  options: options ?? {},
                  now: this.now(),
                },
                ctx,
                script,
              )
            : await runImport(this.db, inputs, options ?? {}, {
                now: this.now(),
                progress: ctx.progress,
                signal: ctx.signal,
              });
          const months = [
            ...new Set(result.files.flatMap((f) => (f.status === 'imported' ? monthsOf(f) : []))),
          ];
          if (months.length) this.jobs.emit({ type: 'recalc:done', months });
          return result;
        });
        return { jobId };
      },
      'import:history': () => listBatches(this.db),
      'import:undo': ({ batchId }) => {
        const r = undoBatch(this.db, batchId, this.now());
        this.jobs.emit({ type: 'recalc:done', months: r.months });
        return r;
      },
      'job:cancel': ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      'report:months': () => listMonths(this.db),
      'report:month': ({ month }) => monthReport(this.db, month, this.now()),
      'report:drill': (input) => drill(this.db, input),
      'report:overview': ({ month }) => computeOverview(this.db, month, this.now()),
      'roster:list': () => listRoster(this.db),
      'roster:saveAgent': (a) => this.changed({ id: saveAgent(this.db, a) }),
      'roster:deleteAgent': ({ id }) => {
        deleteAgent(this.db, id);
        return this.changed({ id });
      },
      'roster:assign': (a) => this.changed(assignAccount(this.db, a)),
      'roster:unassign': ({ id }) => {
        unassignAccount(this.db, id);
        return this.changed({ id });
      },
      'rules:list': () => listRules(this.db),
      'rules:save': (r) => this.rulesChanged({ id: saveRule(this.db, r) }),
      'rules:delete': ({ id }) => {
        deleteRule(this.db, id);
        return this.rulesChanged({ id });
      },
      'mapping:targets': () => mappingTargets(),
      'mapping:list': () => listMappings(this.db),
      'mapping:save': (m) => {
        saveMapping(this.db, m, this.now());
        return { hash: m.hash };
      },
      'mapping:delete': ({ hash }) => {
        deleteMapping(this.db, hash);
        return { hash };
      },
      'scheme:list': () => listSchemes(this.db),
      'scheme:get': ({ name, month }) => getScheme(this.db, name, month),
      'scheme:save': ({ scheme }) => saveScheme(this.db, scheme, this.now()),
      'scheme:delete': ({ name, effective_from }) => ({
        deleted: deleteScheme(this.db, name, effective_from),
      }),
      'scheme:whatif': ({ scheme, month }) => schemeWhatIf(this.db, scheme, month, this.now()),
      'kpi:month': ({ month }) => scoreMonth(this.db, month, this.now()),
      'kci:list': ({ month }) => listKci(this.db, month),
      'kci:save': ({ agent_id, month, item, value }) => {
        saveKci(this.db, agent_id, month, item, value);
        return { ok: true as const };
      },
      'kci:import': ({ file }) =>
        importKci(this.db, file.name, fileBytes(file, this.options.host === 'electron')),
      'month:info': ({ month }) => lockInfo(this.db, month),
      'month:lock': ({ month, note }) => lockMonth(this.db, month, this.now(), note ?? null),
      'month:unlock': ({ month, note }) => unlockMonth(this.db, month, this.now(), note ?? null),
      'schedule:info': () => scheduleInfo(this.db, this.now()),
      'schedule:save': ({ time }) => {
        setScheduleTime(this.db, time);
        this.rearmScheduler();
        return scheduleInfo(this.db, this.now());
      },
      'schedule:runNow': () => {
        const months = runScheduled(this.db, this.now());
        this.jobs.emit({ type: 'recalc:done', months });
        return scheduleInfo(this.db, this.now());
      },
      'ratings:month': ({ month }) => ratingsMonth(this.db, month, this.now()),
      'ratings:appeal': ({ key, status, note }) => {
        setAppeal(this.db, key, status, note ?? null, this.now());
        return { ok: true as const };
      },
      'exams:list': ({ as_of }) => examReport(this.db, loadRules(this.db), as_of ?? chinaDay(this.now())),
      'exams:add': (w) => {
        const key = addWarning(this.db, { ...w, week_start: weekMonday(w.week) });
        return this.changed({ key });
      },
      'exams:attempt': ({ key, time, score }) => {
        const [d, t] = time.split(' ') as [string, string];
        const [y, mo, dd] = d.split('-').map(Number) as [number, number, number];
        const [h, mi, se = 0] = t.split(':').map(Number) as [number, number, number?];
        const at = chinaEpoch(y, mo, dd, h, mi, se);
        if (at === null) throw new UserError(`考试时间无效：${time}`);
        addAttempt(this.db, key, at, score);
        return this.changed({ ok: true as const });
      },
      'report:evidence': (input) => evidence(this.db, input),
      'report:reconcile': ({ month }) => reconcile(this.db, month, this.now()),
      'settings:get': () => appSettings(this.db),
      'settings:save': (input) => {
        // the browser host's threat model (README): a token holder never names a folder outside `watch` next to
        // the database; the check runs before anything is saved, so a refusal changes nothing
        const raw = input.watch_folder?.trim() || null;
        const folder =
          raw && this.options.host === 'web'
            ? confineWebWatchFolder(raw, webWatchRoot(this.options.dbPath))
            : raw;
        if (input.watch_folder !== undefined) setWatchFolder(this.db, folder);
        if (input.precedence) setSetting(this.db, 'precedence', input.precedence);
        if (input.message_content) setSetting(this.db, 'message_content', input.message_content);
        return this.changed(appSettings(this.db));
      },
      'watch:scan': () => {
        const files = scanWatchFolder(this.db, this.now());
        if (files.length) this.jobs.emit({ type: 'watch:imported', files });
        return { files };
      },
      'import:template': ({ kind }) => eventTemplate(kind),
      'sheet:preview': async (input) =>
        (await buildMonthlySheet(this.db, { ...input, now: this.now() })).preview,
      'sheet:export': async (input) => {
        const r = await buildMonthlySheet(this.db, { ...input, now: this.now() });
        return { name: r.name, bytes: r.bytes };
      },
      'demo:load': () => {
        if (hasImports(this.db))
          throw new UserError(
            '数据库里已有导入的数据：演示数据只能载入到空数据库（可在设置中备份后使用新的数据库文件）',
          );
        const jobId = this.jobs.start(async (ctx) => {
          const r = await runDemoAsync(this.db, {
            now: this.now(),
            signal: ctx.signal,
            progress: (done, total, file) => ctx.progress('demo', done, total, file),
          });
          this.jobs.emit({ type: 'recalc:done', months: [r.month] });
          return { files: r.files };
        });
        return { jobId };
      },
      'db:backup': async () => backupToBytes(this.db, this.now()),
      'db:restore': ({ file }) => {
        this.db = restoreFromBytes(
          this.db,
          this.options.dbPath,
          fileBytes(file, this.options.host === 'electron'),
          this.options.nativeBinding,
        );
        return { schemaVersion: schemaVersion(this.db) };
      },
    };
  }

  /** A rule change also moves the engine's cells (windows, flags): every event day is recomputed first. */
  private rulesChanged<T>(result: T): T {
    recomputeEventCells(this.db, allEventDays(this.db), this.now());
    return this.changed(result);
  }

  /** After a roster or rule change: every month with data is recomputed (metrics.md §8). */
  private changed<T>(result: T): T {
    const months = listMonths(this.db);
    recalcMonths(this.db, months, this.now());
    this.jobs.emit({ type: 'recalc:done', months });
    return result;
  }

  /** The daily recalculation (and a catch-up run when one was missed); hosts call this once. */
  startScheduler(): () => void {
    const s = startScheduler({
      db: () => this.db,
      now: this.now,
      onRun: (months) => this.jobs.emit({ type: 'recalc:done', months }),
      onWatch: (files) => this.jobs.emit({ type: 'watch:imported', files }),
    });
    this.rearmScheduler = s.rearm;
    return s.stop;
  }

  /** Set by startScheduler: applies a new daily time to the running schedule. */
  private rearmScheduler: () => void = () => undefined;

  subscribe(listener: (e: AppEvent) => void): () => void {
    return this.jobs.subscribe(listener);
  }

  /** Validates the input with the contract's schema and runs the method; never throws across the boundary. */
  async dispatch(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method))
      return { ok: false, error: { message: `未知的接口 ${method}`, code: 'unknown_method' } };
    const parsed = inputSchemas[method].safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { message: '请求参数无效', detail: parsed.error.message, code: 'invalid_input' },
      };
    }
    try {
      const handler = this.handlers[method] as (input: unknown) => unknown;
      return { ok: true, data: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
  }

  close(): void {
    this.db.close();
  }
}

function appSettings(db: Backend['db']): AppSettings {
  return {
    precedence: getSetting(db, 'precedence', 'summary'),
    message_content: getSetting(db, 'message_content', 'all'),
    watch_folder: watchFolder(db),
  };
}

function monthsOf(f: { period: { from: string; to: string } | null }): string[] {
  if (!f.period) return [];
  const out: string[] = [];
  for (let m = monthOf(f.period.from); m <= monthOf(f.period.to); m = addMonths(m, 1)) out.push(m);
  return out;
}
