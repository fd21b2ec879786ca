import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  isMethodName,
  inputSchemas,
  type AppEvent,
  type Input,
  type JobKind,
  type MethodName,
  type Output,
  type Result,
} from '../shared/api';
import type { FileInput, FileResult } from '../shared/imports';
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
import { JobWorkers, workerScript } from './job-runner';
import { cancelError, runJobBody, type JobSpec, type JobSpecs, type JobValues } from './job-body';
import { markAllDirty, recalcJob, QUIET_STEPS, type RecalcRequest } from './recalc-job';
import { undoBatch } from './import/undo';
import { JobManager, type JobContext } from './jobs';
import { anyUpdating, listMonths, monthUpdating } from './report/report';
import { drill } from './report/drill';
import { lockInfo, lockMonth, monthReport, unlockMonth } from './month';
import { kpiMonth } from './kpi/compute';
import { deleteScheme, getScheme, listKci, listSchemes, saveKci, saveScheme } from './kpi/store';
import { schemeWhatIf } from './kpi/what-if';
import { ratingsMonth, setAppeal } from './events/ratings-view';
import { addAttempt, addWarning, examReport } from './events/exams';
import { evidence, reconcile } from './events/evidence';
import { eventTemplate } from './events/templates';
import { hasImports } from './demo/run';
import { confineWebWatchFolder, hasNewWatchFiles, setWatchFolder, watchFolder, webWatchRoot } from './watch';
import { getSetting, setSetting } from './settings/store';
import { loadRules } from './report/report';
import { weekMonday } from '../shared/engine/exams';
import { chinaDay, chinaEpoch } from '../shared/china-time';
import type { AppSettings } from '../shared/api';
import { markScheduled, scheduleInfo, setScheduleTime, startScheduler } from './scheduler';
import { computeOverview } from './report/overview';
import { agentsPage, scopeEntry } from './report/scope-rows';
import { scopesPage } from './report/scope-page';
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
  /**
   * Run the long jobs — imports, recalculations, the watched folder, the monthly sheet — in worker threads (the
   * hosts); without it (tests, `:memory:`) the same job bodies run inline on this connection.
   */
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
  /** The job workers (hosts with `worker` on a file); null runs the job bodies inline on `db`. */
  private readonly workers: JobWorkers | null;
  /**
   * A backup or a restore is reading or swapping the file: no recalculation starts (a worker's commits would restart
   * a backup's copy again and again), no watched-folder import.
   */
  private paused = 0;

  /**
   * A read of several statements (a page: its heads, then its entries and series) in one read transaction, so it sees
   * one committed version even when the job worker commits a recalculation in between. Deferred: it takes no lock
   * and never waits for a writer (WAL).
   */
  private snapshot<T>(read: () => T): T {
    return this.db.transaction(read).deferred();
  }

  constructor(readonly options: BackendOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.log =
      options.log ??
      (options.dbPath === ':memory:'
        ? NO_LOG
        : new Logger(logPathFor(dataDir(options.dbPath)), { now: this.now }));
    this.generation = restoreGeneration(options.dbPath);
    const script = options.worker && options.dbPath !== ':memory:' ? workerScript() : null;
    this.workers = script
      ? new JobWorkers(script, { dbPath: options.dbPath, nativeBinding: options.nativeBinding })
      : null;
    this.db = this.openMain({ now: this.now(), log: this.log });
    // the worker loads its modules while the window opens: the first edit's recalculation does not wait for that
    this.workers?.warm();
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
        const jobId = this.jobs.start('import', async (ctx) => {
          const started = Date.now();
          const inputs = files.map((f) => ({
            name: f.name,
            bytes: fileBytes(f, this.options.host === 'electron'),
          }));
          const result = await this.runBody({ kind: 'import', files: inputs, options: options ?? {} }, ctx);
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
          this.requestRecalc();
          return result;
        });
        return { jobId };
      },
      'import:history': () => listBatches(this.db),
      'import:undo': ({ batchId }) => {
        // the undo writes and marks; the recalculation job recomputes what it marked
        const r = undoBatch(this.db, batchId, this.now());
        this.recalcAfterChange({});
        return r;
      },
      'job:cancel': ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      'job:list': () => this.jobs.list(),
      'report:months': () => listMonths(this.db),
      'report:month': ({ month }) => this.snapshot(() => monthReport(this.db, month, this.now())),
      'report:drill': (input) => this.snapshot(() => drill(this.db, input, this.now())),
      'report:overview': ({ month, accounts }) =>
        this.snapshot(() => computeOverview(this.db, month, this.now(), { accounts })),
      'report:agents': (input) => this.snapshot(() => agentsPage(this.db, input, this.now())),
      'report:scopes': (input) => this.snapshot(() => scopesPage(this.db, input, this.now())),
      'report:scope': (input) => this.snapshot(() => scopeEntry(this.db, input, this.now())),
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
      'kpi:month': ({ month }) => this.snapshot(() => kpiMonth(this.db, month, this.now())),
      'kci:list': ({ month }) => listKci(this.db, month),
      'kci:save': ({ agent_id, month, item, value }) => {
        saveKci(this.db, agent_id, month, item, value);
        return this.dirtied({ ok: true as const });
      },
      'kci:import': async ({ file }) =>
        this.dirtied(
          await this.awaitJob('kci', {
            name: file.name,
            bytes: fileBytes(file, this.options.host === 'electron'),
          }),
        ),
      'month:info': ({ month }) => lockInfo(this.db, month),
      'month:lock': async ({ month, note }) => {
        // a sign-off freezes the month as computed from every change so far: a pending recalculation first (in the
        // worker), so lockMonth finds the month fresh. At most the running run and the one asked for: reads arriving
        // meanwhile can ask for more runs, and `settled` could then wait without end; what is still marked after
        // these, lockMonth computes itself
        if (this.workers && monthUpdating(this.db, month)) {
          this.requestRecalc();
          for (let run = 0; run < 2 && this.recalcRun && monthUpdating(this.db, month); run++)
            await this.recalcRun;
        }
        return this.write(() => lockMonth(this.db, month, this.now(), note ?? null));
      },
      'month:unlock': async ({ month, note }) => {
        // a copy of the signed-off state first; a month that is not locked is refused by unlockMonth, no backup
        if (lockInfo(this.db, month).locked) await this.autoBackup('unlock');
        const info = await this.write(() =>
          unlockMonth(this.db, month, this.now(), note ?? null, this.workers !== null),
        );
        if (this.workers) this.requestRecalc();
        return info;
      },
      'schedule:info': () => scheduleInfo(this.db, this.now()),
      'schedule:save': ({ time }) => {
        setScheduleTime(this.db, time);
        this.rearmScheduler();
        return scheduleInfo(this.db, this.now());
      },
      'schedule:runNow': () => {
        markScheduled(this.db, this.now());
        this.recalcAfterChange({ all: true });
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
      'watch:scan': async () => ({ files: await this.scanWatch() }),
      'import:template': ({ kind }) => eventTemplate(kind),
      'sheet:preview': async (input) => (await this.awaitJob('sheet', input)).preview,
      'sheet:export': async (input) => {
        const r = await this.awaitJob('sheet', input);
        return { name: r.name, bytes: r.bytes };
      },
      'demo:load': () => {
        if (hasImports(this.db))
          throw new UserError(
            '数据库里已有导入的数据：演示数据只能载入到空数据库（可在设置中备份后使用新的数据库文件）',
          );
        const jobId = this.jobs.start('demo', async (ctx) => {
          const r = await this.runBody({ kind: 'demo' }, ctx);
          this.jobs.emit({ type: 'recalc:done', months: [r.month] });
          return { files: r.files };
        });
        return { jobId };
      },
      'db:backup': () => this.exclusive(() => backupToBytes(this.db, this.now())),
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
      'shops:merge': async ({ from_id, into_id }) => {
        const r = await this.awaitJob('merge', { from_id, into_id });
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
        // the merge committed in its own transaction (the job's); marking every month is a short write of its own
        return this.write(() => this.changed(r));
      },
    };
  }

  private backupDir(): string {
    return this.options.dbPath === ':memory:' ? '' : backupSettings(this.db, this.options.dbPath).folder;
  }

  /**
   * The main thread's connection. With job workers it never waits inside SQLite for the write lock (busy_timeout 0):
   * a write that finds a worker's step holding the lock waits asynchronously (`write`), so the thread keeps serving
   * reads and events meanwhile.
   */
  private openMain(extra: { now?: number; log?: Logger } = {}): Db {
    const db = openDb(this.options.dbPath, { nativeBinding: this.options.nativeBinding, ...extra });
    return this.tuneMain(db);
  }

  private tuneMain(db: Db): Db {
    if (this.workers) {
      db.pragma('busy_timeout = 0');
      // a commit here after a worker's large transaction would copy the whole WAL into the file on this thread
      // (an automatic checkpoint runs in the committing connection): the workers' commits checkpoint instead
      db.pragma('wal_autocheckpoint = 0');
    }
    return db;
  }

  private get busyTimeout(): number {
    return this.workers ? 0 : 5000;
  }

  /** An automatic backup (before a restore or an unlock); none for `:memory:`. */
  private async autoBackup(reason: 'restore' | 'unlock'): Promise<void> {
    if (this.options.dbPath === ':memory:') return;
    await this.exclusive(() =>
      makeBackup(this.db, reason, { dbPath: this.options.dbPath, now: this.now(), log: this.log }),
    );
  }

  /**
   * Runs a backup or a restore with the recalculation paused: one still running is waited for, none starts until
   * the end; then the recalculation picks up what is marked.
   */
  private async exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    this.paused++;
    try {
      await this.settled();
      return await fn();
    } finally {
      this.paused--;
      if (this.paused === 0) this.scheduleRecalc();
    }
  }

  /**
   * A restore (an uploaded file or a listed backup): refused while a job of this host still runs; the current
   * data is backed up first; when the swap fails after the connection closed, the (unchanged) file is reopened.
   */
  private async restore(name: string, swap: (db: Db) => Db): Promise<{ schemaVersion: number }> {
    if (this.options.dbPath === ':memory:') throw new UserError('内存数据库不能恢复备份');
    if (this.jobs.active > 0)
      throw new UserError('正在导入、重新计算或生成报表，完成后再恢复备份。数据库没有改变');
    await this.autoBackup('restore');
    await this.exclusive(() => {
      // an import started during the backup: the file must not be swapped under its worker
      if (this.jobs.active > 0)
        throw new UserError('正在导入、重新计算或生成报表，完成后再恢复备份。数据库没有改变');
      try {
        this.db = this.tuneMain(swap(this.db));
      } finally {
        if (!this.db.open) this.db = this.openMain();
        this.generation = restoreGeneration(this.options.dbPath);
      }
    });
    this.log.info('restore', { file: name, schema_version: schemaVersion(this.db) });
    this.jobs.emit({ type: 'recalc:done', months: listMonths(this.db) });
    return { schemaVersion: schemaVersion(this.db) };
  }

  /**
   * Start-up upkeep the hosts run once (and the daily run repeats): the first start of a China day makes an
   * automatic backup. Never throws: a failed backup is logged, the app still starts. A call while one runs joins it
   * (the start-up's and a due daily run's came together and wrote the day's backup twice).
   */
  startMaintenance(): Promise<void> {
    this.maintenance ??= this.exclusive(() =>
      dailyBackup(this.db, { dbPath: this.options.dbPath, now: this.now(), log: this.log }),
    )
      .then(() => undefined)
      .catch((e: unknown) => this.log.error('backup', e, { reason: 'daily' }))
      .finally(() => {
        this.maintenance = null;
      });
    return this.maintenance;
  }

  private maintenance: Promise<void> | null = null;

  /** Another process restored the file (restore-generation changed): this connection points at the old file. */
  private reopenIfRestored(): void {
    const g = restoreGeneration(this.options.dbPath);
    if (g === this.generation) return;
    this.db.close();
    this.db = this.openMain({ log: this.log });
    this.generation = g;
  }

  /**
   * Runs a job's body: in a job worker (the hosts), or inline on this connection with the same body. The inline run
   * can be cancelled only between steps that yield (imports between files); the hosts' worker at any step.
   */
  private runBody<K extends JobKind>(spec: JobSpec<K>, ctx: JobContext): Promise<JobValues[K]> {
    if (this.workers) return this.workers.run(spec, this.now(), ctx);
    return runJobBody(this.db, spec, {
      now: this.now(),
      signal: ctx.signal,
      progress: ctx.progress,
      between: () => {
        if (ctx.signal.aborted) throw cancelError(spec.kind);
      },
    });
  }

  /**
   * A job the caller waits for: in the worker on the hosts, shown in the header and cancellable; inline without a
   * worker (CLI, tests). The monthly sheet (preview and file); a shop merge (it rewrites every row of the merged
   * shop, a million chat messages included; the months are recalculated after it, as after any roster change); a
   * KCI file (a large sheet is seconds of SheetJS).
   */
  private async awaitJob<K extends 'sheet' | 'merge' | 'kci'>(
    kind: K,
    input: JobSpecs[K],
  ): Promise<JobValues[K]> {
    const spec = { kind, ...input } as JobSpec<K>;
    if (!this.workers) return runJobBody(this.db, spec, { ...QUIET_STEPS, now: this.now(), signal: NEVER });
    return this.jobs.launch(
      kind,
      (ctx) => this.runBody(spec, ctx),
      () => ({ files: [] }),
    ).result;
  }

  private watchRun: Promise<FileResult[]> | null = null;

  /**
   * The watched folder's new files, imported by a `watch` job (in the worker); only started when the folder lists a
   * file not handled yet, so the 30-second tick costs a directory listing. Then the months it marked are recalculated.
   */
  private scanWatch(): Promise<FileResult[]> {
    if (this.watchRun) return this.watchRun;
    if (this.paused > 0 || !hasNewWatchFiles(this.db)) return Promise.resolve([]);
    const run = this.jobs.launch(
      'watch',
      (ctx) => this.runBody({ kind: 'watch' }, ctx),
      (files) => ({ files }),
    ).result;
    this.watchRun = run
      .then((files) => {
        if (files.length) this.jobs.emit({ type: 'watch:imported', files });
        return files;
      })
      .finally(() => {
        this.watchRun = null;
        this.requestRecalc();
      });
    return this.watchRun;
  }

  /**
   * A write of the main thread, in one IMMEDIATE transaction. When a worker's step holds the lock (SQLITE_BUSY at
   * BEGIN, nothing written), it waits asynchronously and tries again — the thread stays free — and tells the workers
   * a write is waiting, so a recalculation lets it through at its next step.
   */
  private async write<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + WRITE_WAIT_MS;
    let release: (() => void) | null = null;
    try {
      for (;;) {
        try {
          return this.db
            .transaction(() => {
              const r = fn();
              if (r instanceof Promise) throw new Error('a write handler must be synchronous');
              return r;
            })
            .immediate();
        } catch (e) {
          if (!isBusy(e) || Date.now() > deadline) throw e;
          release ??= this.workers?.waitingWrite() ?? (() => undefined);
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    } finally {
      release?.();
    }
  }

  /** After a roster, rule, settings or exam change: every month (and with `events` every event day) is recomputed. */
  private changed<T>(result: T, events = false): T {
    markAllDirty(this.db, events);
    this.recalcAfterChange({ all: true });
    return result;
  }

  /** A rule change also moves the engine's cells (windows, flags): every event day is recomputed first. */
  private rulesChanged<T>(result: T): T {
    return this.changed(result, true);
  }

  /** A change marked months dirty (scheme, KCI): their stored results are recalculated by the recalc job. */
  private dirtied<T>(result: T): T {
    this.requestRecalc();
    return result;
  }

  /**
   * A change marked what it moves: the hosts recalculate in the worker once the call has returned; inline (tests,
   * `:memory:`) the same job body runs now, inside the caller's transaction, as these calls always did.
   */
  private recalcAfterChange(request: RecalcRequest): void {
    if (this.workers) {
      this.requestRecalc(request);
      return;
    }
    const started = Date.now();
    const { months } = recalcJob(this.db, this.now(), request, QUIET_STEPS);
    this.log.info('recalc', { months, duration_ms: Date.now() - started });
    this.notify({ type: 'recalc:done', months });
  }

  private recalcRun: Promise<void> | null = null;
  private recalcAgain = false;
  private recalcAll = false;
  /** The lead cancelled a recalculation: reads no longer restart it; the next change (or the daily run) does. */
  private recalcHeld = false;

  /** A change asks for the recalculation job (and lifts a cancel's hold). */
  private requestRecalc(request: RecalcRequest = {}): void {
    if (request.all) this.recalcAll = true;
    this.recalcHeld = false;
    this.scheduleRecalc();
  }

  /**
   * The one coalescing `recalc` job: recalculates every dirty month after the current call returns; a request while
   * it runs makes one more run afterwards. Not while an import, the demo or the watched folder runs: their end asks
   * for a run (and this job would only wait for their write lock). With workers the job runs in one, with progress,
   * `job:cancel` and a place in the header; inline it runs on this connection.
   */
  scheduleRecalc(): void {
    if (this.recalcRun) {
      this.recalcAgain = true;
      return;
    }
    this.recalcRun = new Promise<void>((resolve) => {
      setImmediate(() => {
        void this.recalcOnce().finally(() => {
          this.recalcRun = null;
          if (this.recalcAgain) {
            this.recalcAgain = false;
            this.scheduleRecalc();
          }
          resolve();
        });
      });
    });
  }

  private async recalcOnce(): Promise<void> {
    if (this.recalcHeld || this.paused > 0 || !this.db.open) return;
    if (this.jobs.activeOf('import', 'demo', 'watch') > 0) return;
    const all = this.recalcAll;
    // nothing marked (a read asked while the last run was finishing): no job at all
    if (!all && !anyUpdating(this.db)) return;
    this.recalcAll = false;
    const started = Date.now();
    try {
      const months = this.workers
        ? (
            await this.jobs.launch(
              'recalc',
              (ctx) => this.runBody({ kind: 'recalc', all }, ctx),
              (v) => ({ files: [], months: v.months }),
            ).result
          ).months
        : this.recalcInline(all);
      if (months.length) {
        this.log.info('recalc', { months, duration_ms: Date.now() - started });
        this.jobs.emit({ type: 'recalc:done', months });
      }
    } catch (e) {
      if (all) this.recalcAll = true;
      if ((e as { code?: string }).code === 'cancelled') {
        // what was not recomputed stays marked: reads say 正在更新, the next change or daily run finishes it
        this.recalcHeld = true;
        this.log.info('recalc_cancelled', { duration_ms: Date.now() - started });
      } else if (isBusy(e)) setTimeout(() => this.scheduleRecalc(), 500).unref();
      else this.log.error('recalc', e);
    }
  }

  private recalcInline(all: boolean): string[] {
    // another connection (the CLI) holding the write lock: give up at once and retry later, rather than block this
    // thread for the busy timeout
    this.db.pragma('busy_timeout = 0');
    try {
      return recalcJob(this.db, this.now(), { all }, QUIET_STEPS).months;
    } finally {
      this.db.pragma(`busy_timeout = ${this.busyTimeout}`);
    }
  }

  /** Resolves once no recalculation is pending (tests; a host closing; a lock waiting for fresh results). */
  async settled(): Promise<void> {
    while (this.recalcRun) await this.recalcRun;
  }

  /** The daily recalculation (and a catch-up run when one was missed); hosts call this once. */
  startScheduler(): () => void {
    const s = startScheduler({
      db: () => this.db,
      now: this.now,
      runDue: () => {
        const started = this.now();
        void this.write(() => markScheduled(this.db, started))
          .then(() => {
            this.log.info('scheduled_recalc', { at: started });
            this.recalcAfterChange({ all: true });
          })
          .catch((e: unknown) => this.log.error('scheduled_recalc', e))
          // a host left running past midnight makes its day's backup at the daily run
          .finally(() => void this.startMaintenance());
      },
      watchTick: () => {
        void this.scanWatch().catch((e: unknown) => this.log.error('watch_scan', e));
      },
      log: this.log,
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

  /** Events raised inside a write's transaction wait for its commit (a listener would read the old data). */
  private held: AppEvent[] | null = null;

  private notify(e: AppEvent): void {
    if (this.held) this.held.push(e);
    else this.jobs.emit(e);
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
    const started = Date.now();
    try {
      this.reopenIfRestored();
      const handler = this.handlers[method] as (input: unknown) => unknown;
      let data: unknown;
      if (isWrite(method, parsed.data)) {
        const events: AppEvent[] = [];
        data = await this.write(() => {
          events.length = 0;
          this.held = events;
          try {
            return handler(parsed.data);
          } finally {
            this.held = null;
          }
        });
        for (const e of events) this.jobs.emit(e);
      } else data = await handler(parsed.data);
      // reads serve the last committed results (`updating`); the host brings them up to date in the background
      if (READS.has(method) && anyUpdating(this.db)) this.scheduleRecalc();
      this.logSlow(method, started, true);
      return { ok: true, data };
    } catch (e) {
      this.log.error('api', e, { method });
      this.logSlow(method, started, false);
      return { ok: false, error: toAppError(e) };
    }
  }

  /**
   * A call that took a second or more (waiting for a job, a write lock or a busy machine) goes to the log with its
   * method and time: what a lead's "it hung" report needs, and what a failing UI test prints.
   */
  private logSlow(method: string, started: number, ok: boolean): void {
    const duration_ms = Date.now() - started;
    if (duration_ms >= SLOW_CALL_MS) this.log.info('slow_call', { method, ok, duration_ms });
  }

  close(): void {
    this.workers?.close();
    this.db.close();
  }
}

/** A call slower than this is logged (`slow_call`). */
const SLOW_CALL_MS = 1000;

/** How long a main-thread write waits for a worker's step to release the lock before it gives up. */
const WRITE_WAIT_MS = 60_000;

const NEVER = new AbortController().signal;

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * The calls that write (synchronously): each runs in one IMMEDIATE transaction on the main connection, retried while
 * a worker holds the lock. The two settings calls are reads when they carry no field. Everything else is a read, a
 * job, or writes through `write` itself (month:lock, month:unlock).
 */
const WRITES = new Set<string>([
  'import:undo',
  'roster:saveAgent',
  'roster:deleteAgent',
  'roster:assign',
  'roster:unassign',
  'rules:save',
  'rules:delete',
  'mapping:save',
  'mapping:delete',
  'scheme:save',
  'scheme:delete',
  'kci:save',
  // not 'kci:import': a job (its parsing in the worker on the hosts) that commits its own transaction
  'schedule:save',
  'schedule:runNow',
  'ratings:appeal',
  'exams:add',
  'exams:attempt',
  'settings:save',
  'alerts:notified',
  'clients:save',
  'clients:delete',
  'shops:assignClient',
  'shops:rename',
  // not 'shops:merge': a job (in the worker on the hosts) that commits its own transaction
]);

function isWrite(method: string, input: unknown): boolean {
  if (method === 'backup:settings' || method === 'alerts:settings')
    return Object.values(input as Record<string, unknown>).some((v) => v !== undefined);
  return WRITES.has(method);
}

/** Reads of stored results: pure, they never recalculate themselves (issue 8). */
const READS = new Set<string>([
  'report:month',
  'report:overview',
  'report:agents',
  'report:scopes',
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
