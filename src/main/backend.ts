import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { backupToBytes, restoreFromBytes, restoreFromFile, restoreGeneration } from './db/backup';
import {
  backupPath,
  backupSettings,
  dailyBackup,
  dataDir,
  listBackups,
  makeBackup,
  saveBackupSettings,
} from './db/auto-backup';
import { Logger, logPathFor, NO_LOG } from './log';
import { systemFolderOpener, type FolderOpener } from './open-folder';
import { toAppError, UserError } from './errors';
import { listBatches } from './import/history';
import { runImport } from './import/pipeline';
import { runImportInWorker, workerScript } from './import-runner';
import { undoBatch } from './import/undo';
import { JobManager } from './jobs';
import { anyUpdating, listMonths, recalcDirty, recalcMonths } from './report/report';
import { drill } from './report/drill';
import { lockInfo, lockMonth, monthReport, unlockMonth } from './month';
import { kpiMonth } from './kpi/compute';
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
import { agentsPage, scopeEntry } from './report/scope-rows';
import { assignAccount, deleteAgent, listRoster, saveAgent, unassignAccount } from './settings/roster';
import { deleteRule, listRules, saveRule } from './settings/rules';
import { deleteMapping, listMappings, mappingTargets, saveMapping } from './import/mappings';
import { PRODUCT_NAME } from './db/paths';
import { version } from '../../package.json';
import { eachMonth, monthOf } from '../shared/china-time';
import { agentPage } from './report/agent-page';
import { alertSettings, listAlerts, markNotified, saveAlertSettings } from './alerts';
import {
  assignShopClient,
  deleteClient,
  listClients,
  listShops,
  mergePreview,
  mergeShops,
  renameShop,
  saveClient,
  shopLog,
} from './settings/clients';

export interface BackendOptions {
  dbPath: string;
  host: 'electron' | 'web';
  nativeBinding?: string;
  /** Epoch seconds; tests fix it. */
  now?: () => number;
  /** Run imports in a worker thread (the hosts); tests run them inline. */
  worker?: boolean;
  /** The log; default `<data folder>/logs/scoredesk.log` (none for `:memory:`). */
  log?: Logger;
  /** 打开所在文件夹: Electron's shell passes shell.openPath; default the platform's file manager. */
  openFolder?: FolderOpener;
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
  readonly log: Logger;
  private readonly handlers: Handlers;
  /** The restore-generation marker seen when the connection was opened (db/backup.ts). */
  private generation: string;

  constructor(readonly options: BackendOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.log =
      options.log ??
      (options.dbPath === ':memory:'
        ? NO_LOG
        : new Logger(logPathFor(dataDir(options.dbPath)), { now: this.now }));
    this.generation = restoreGeneration(options.dbPath);
    this.db = openDb(options.dbPath, {
      nativeBinding: options.nativeBinding,
      now: this.now(),
      log: this.log,
    });
    // a job's failure (an import in the worker, the demo) reaches the lead as a value: its detail goes to the log
    this.jobs.subscribe((e) => {
      if (e.type === 'job:done' && !e.result.ok) this.log.errorValue('job', e.result.error, { job: e.jobId });
    });
    this.handlers = {
      'app:info': () => ({
        productName: PRODUCT_NAME,
        version,
        host: this.options.host,
        dbPath: this.options.dbPath,
        schemaVersion: schemaVersion(this.db),
        logPath: this.log.file ?? '',
        backupDir: this.backupDir(),
      }),
      'import:start': ({ files, options }) => {
        const jobId = this.jobs.start(async (ctx) => {
          const started = Date.now();
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
          const duration_ms = Date.now() - started;
          // counts and ids only: never a cell of the file (chat text, buyer names or ids)
          for (const f of result.files)
            this.log.info('import', {
              file: f.file,
              status: f.status,
              layout: f.layout,
              read: f.rows.read,
              accepted: f.rows.accepted,
              rejected: f.rows.rejected,
              batch_id: f.batch_id,
              duration_ms,
            });
          const months = [
            ...new Set(result.files.flatMap((f) => (f.status === 'imported' ? monthsOf(f) : []))),
          ];
          if (months.length) this.jobs.emit({ type: 'recalc:done', months });
          // anything marked dirty meanwhile (a KCI save during the import) is recalculated once the job is over
          this.scheduleRecalc();
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
      'report:drill': (input) => drill(this.db, input, this.now()),
      'report:overview': ({ month }) => computeOverview(this.db, month, this.now()),
      'report:agents': (input) => agentsPage(this.db, input, this.now()),
      'report:scope': (input) => scopeEntry(this.db, input, this.now()),
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
      'scheme:save': ({ scheme }) => this.dirtied(saveScheme(this.db, scheme, this.now())),
      'scheme:delete': ({ name, effective_from }) =>
        this.dirtied({ deleted: deleteScheme(this.db, name, effective_from) }),
      'scheme:whatif': ({ scheme, month }) => schemeWhatIf(this.db, scheme, month, this.now()),
      'kpi:month': ({ month }) => kpiMonth(this.db, month, this.now()),
      'kci:list': ({ month }) => listKci(this.db, month),
      'kci:save': ({ agent_id, month, item, value }) => {
        saveKci(this.db, agent_id, month, item, value);
        return this.dirtied({ ok: true as const });
      },
      'kci:import': ({ file }) =>
        this.dirtied(importKci(this.db, file.name, fileBytes(file, this.options.host === 'electron'))),
      'month:info': ({ month }) => lockInfo(this.db, month),
      'month:lock': ({ month, note }) => lockMonth(this.db, month, this.now(), note ?? null),
      'month:unlock': async ({ month, note }) => {
        // a copy of the signed-off state first; a month that is not locked is refused by unlockMonth, no backup
        if (lockInfo(this.db, month).locked) await this.autoBackup('unlock');
        return unlockMonth(this.db, month, this.now(), note ?? null);
      },
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
      'report:evidence': (input) => evidence(this.db, input, { now: this.now() }),
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
        const bytes = fileBytes(file, this.options.host === 'electron');
        return this.restore(file.name, (db) =>
          restoreFromBytes(db, this.options.dbPath, bytes, this.options.nativeBinding),
        );
      },
      'backup:list': () => {
        const folder = this.backupDir();
        return { folder, backups: listBackups(folder) };
      },
      'backup:restore': ({ name }) => {
        const file = backupPath(this.backupDir(), name);
        return this.restore(name, (db) =>
          restoreFromFile(db, this.options.dbPath, file, this.options.nativeBinding),
        );
      },
      'backup:settings': (input) => {
        if (this.options.dbPath === ':memory:') throw new UserError('内存数据库没有自动备份');
        return input.folder === undefined && input.keep === undefined
          ? backupSettings(this.db, this.options.dbPath)
          : saveBackupSettings(this.db, this.options.dbPath, input);
      },
      'app:openFolder': async ({ folder }) => {
        if (this.options.dbPath === ':memory:') throw new UserError('内存数据库没有数据文件夹');
        // only folders the back end knows: the request names one of three, never a path
        const path =
          folder === 'data'
            ? dataDir(this.options.dbPath)
            : folder === 'logs'
              ? dirname(this.log.file ?? logPathFor(dataDir(this.options.dbPath)))
              : this.backupDir();
        await (this.options.openFolder ?? systemFolderOpener())(path);
        return { path };
      },
      'agent:page': ({ agent_id, month }) => agentPage(this.db, agent_id, month, this.now()),
      'alerts:list': () => listAlerts(this.db, this.now()),
      'alerts:settings': (input) =>
        input.stale_days === undefined && input.notify === undefined
          ? alertSettings(this.db)
          : saveAlertSettings(this.db, input),
      'alerts:notified': ({ ids }) => ({
        notified: markNotified(
          this.db,
          ids,
          listAlerts(this.db, this.now()).alerts.map((a) => a.id),
        ),
      }),
      'clients:list': () => listClients(this.db),
      'clients:save': (c) => {
        const r = saveClient(this.db, c);
        // a renamed client's schemes follow it: their stored results name the scheme's scope
        return r.schemesChanged ? this.dirtied({ id: r.id }) : { id: r.id };
      },
      'clients:delete': ({ id }) => {
        deleteClient(this.db, id);
        return { id };
      },
      'shops:list': () => ({ shops: listShops(this.db), log: shopLog(this.db) }),
      'shops:assignClient': ({ shop_id, client_id }) =>
        // schemes scoped to a client cover its shops as they are assigned
        assignShopClient(this.db, shop_id, client_id) ? this.dirtied({ id: shop_id }) : { id: shop_id },
      'shops:rename': ({ shop_id, name }) => {
        const r = renameShop(this.db, shop_id, name, this.now());
        this.log.info('shop-rename', { shop_id });
        // shop names are in every stored result: all months, as after a roster change
        return this.changed(r);
      },
      'shops:mergePreview': ({ from_id, into_id }) => mergePreview(this.db, from_id, into_id),
      'shops:merge': ({ from_id, into_id }) => {
        const r = mergeShops(this.db, from_id, into_id, this.now());
        // counts and ids only, as for imports
        this.log.info('shop-merge', {
          from_id,
          into_id,
          accounts: r.accounts,
          joined: r.joined,
          days: r.days,
          export_rows: r.export_rows,
          events: r.events,
          duplicates: r.duplicates,
          unaligned: r.unaligned,
          months: r.months,
        });
        return this.changed(r);
      },
    };
  }

  private backupDir(): string {
    return this.options.dbPath === ':memory:' ? '' : backupSettings(this.db, this.options.dbPath).folder;
  }

  /** An automatic backup (before a restore or an unlock); none for `:memory:`. */
  private async autoBackup(reason: 'restore' | 'unlock'): Promise<void> {
    if (this.options.dbPath === ':memory:') return;
    await makeBackup(this.db, reason, { dbPath: this.options.dbPath, now: this.now(), log: this.log });
  }

  /**
   * A restore (an uploaded file or a listed backup): refused while a job of this host still writes; the current
   * data is backed up first; when the swap fails after the connection closed, the (unchanged) file is reopened.
   */
  private async restore(name: string, swap: (db: Db) => Db): Promise<{ schemaVersion: number }> {
    if (this.options.dbPath === ':memory:') throw new UserError('内存数据库不能恢复备份');
    if (this.jobs.active > 0) throw new UserError('正在导入或载入数据，完成后再恢复备份。数据库没有改变');
    await this.autoBackup('restore');
    try {
      this.db = swap(this.db);
    } finally {
      if (!this.db.open) this.db = openDb(this.options.dbPath, { nativeBinding: this.options.nativeBinding });
      this.generation = restoreGeneration(this.options.dbPath);
    }
    this.log.info('restore', { file: name, schema_version: schemaVersion(this.db) });
    this.jobs.emit({ type: 'recalc:done', months: listMonths(this.db) });
    return { schemaVersion: schemaVersion(this.db) };
  }

  /**
   * Start-up upkeep the hosts run once (and the daily run repeats): the first start of a China day makes an
   * automatic backup. Never throws: a failed backup is logged, the app still starts.
   */
  async startMaintenance(): Promise<void> {
    try {
      await dailyBackup(this.db, { dbPath: this.options.dbPath, now: this.now(), log: this.log });
    } catch (e) {
      this.log.error('backup', e, { reason: 'daily' });
    }
  }

  /** Another process restored the file (restore-generation changed): this connection points at the old file. */
  private reopenIfRestored(): void {
    const g = restoreGeneration(this.options.dbPath);
    if (g === this.generation) return;
    this.db.close();
    this.db = openDb(this.options.dbPath, { nativeBinding: this.options.nativeBinding, log: this.log });
    this.generation = g;
  }

  /** A rule change also moves the engine's cells (windows, flags): every event day is recomputed first. */
  private rulesChanged<T>(result: T): T {
    recomputeEventCells(this.db, allEventDays(this.db), this.now());
    return this.changed(result);
  }

  /** After a roster or rule change: every month with data is recomputed (metrics.md §8). */
  private changed<T>(result: T): T {
    const months = listMonths(this.db);
    const started = Date.now();
    recalcMonths(this.db, months, this.now());
    this.log.info('recalc', { months, duration_ms: Date.now() - started });
    this.jobs.emit({ type: 'recalc:done', months });
    return result;
  }

  /** A change marked months dirty (scheme, KCI): their stored results are recalculated by the recalc job. */
  private dirtied<T>(result: T): T {
    this.scheduleRecalc();
    return result;
  }

  private recalcRun: Promise<void> | null = null;
  private recalcAgain = false;

  /**
   * The one coalescing `recalc` job: recalculates every dirty month after the current call returns; a request while
   * it runs makes one more run afterwards. Not while an import or the demo runs: their own run recalculates at its
   * end (and this connection would only wait for their write lock).
   */
  scheduleRecalc(): void {
    if (this.recalcRun) {
      this.recalcAgain = true;
      return;
    }
    this.recalcRun = new Promise<void>((resolve) => {
      setImmediate(() => {
        try {
          if (this.jobs.active === 0 && this.db.open) {
            const started = Date.now();
            // another connection (the CLI, a worker) holding the write lock: give up at once and retry later,
            // rather than block this thread for the busy timeout
            this.db.pragma('busy_timeout = 0');
            try {
              const months = recalcDirty(this.db, this.now());
              if (months.length) {
                this.log.info('recalc', { months, duration_ms: Date.now() - started });
                this.jobs.emit({ type: 'recalc:done', months });
              }
            } finally {
              this.db.pragma('busy_timeout = 5000');
            }
          }
        } catch (e) {
          if ((e as { code?: string }).code === 'SQLITE_BUSY')
            setTimeout(() => this.scheduleRecalc(), 500).unref();
          else this.log.error('recalc', e);
        } finally {
          this.recalcRun = null;
          if (this.recalcAgain) {
            this.recalcAgain = false;
            this.scheduleRecalc();
          }
          resolve();
        }
      });
    });
  }

  /** Resolves once no recalculation is pending (tests; a host closing). */
  async settled(): Promise<void> {
    while (this.recalcRun) await this.recalcRun;
  }

  /** The daily recalculation (and a catch-up run when one was missed); hosts call this once. */
  startScheduler(): () => void {
    const s = startScheduler({
      db: () => this.db,
      now: this.now,
      onRun: (months) => {
        this.jobs.emit({ type: 'recalc:done', months });
        // a host left running past midnight makes its day's backup at the daily run
        void this.startMaintenance();
      },
      log: this.log,
      onWatch: (files) => this.jobs.emit({ type: 'watch:imported', files }),
    });
    this.rearmScheduler = s.rearm;
    void this.startMaintenance();
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
      this.reopenIfRestored();
      const handler = this.handlers[method] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      // reads serve the last committed results (`updating`); the host brings them up to date in the background
      if (READS.has(method) && anyUpdating(this.db)) this.scheduleRecalc();
      return { ok: true, data };
    } catch (e) {
      this.log.error('api', e, { method });
      return { ok: false, error: toAppError(e) };
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Reads of stored results: pure, they never recalculate themselves (issue 8). */
const READS = new Set<string>([
  'report:month',
  'report:overview',
  'report:agents',
  'report:scope',
  'kpi:month',
  'ratings:month',
  'sheet:preview',
  'sheet:export',
]);

function appSettings(db: Backend['db']): AppSettings {
  return {
    precedence: getSetting(db, 'precedence', 'summary'),
    message_content: getSetting(db, 'message_content', 'all'),
    watch_folder: watchFolder(db),
  };
}

function monthsOf(f: { period: { from: string; to: string } | null }): string[] {
  if (!f.period) return [];
  // counted, never compared as strings (`10000-01` sorts below `9999-12`); imports refuse far dates before this
  return eachMonth(monthOf(f.period.from), monthOf(f.period.to));
}
