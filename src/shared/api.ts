/**
 * The one typed API between the renderer and the back end. Every host (Electron IPC, the browser host's HTTP, the CLI
 * through the same services) implements exactly these methods; the renderer cannot tell which host it runs on.
 */
import { z } from 'zod';
import { PLATFORMS, type Month } from './domain';
import type { ImportBatchInfo, ImportRunResult } from './imports';
import type { DayValue, MonthReport } from './report';
import type { MetricId } from './metrics';
import type { OverviewReport } from './overview';
import type { RosterView, RuleRow } from './settings';
import type { Scheme } from './kpi/scheme';
import type { AgentScore } from './kpi/score';
import type { ScoreHistogram, WhatIfRow } from './kpi/what-if';
import type { EvidenceView, ExamRowView, RatingsMonthView, ReconcileRow } from './events-view';
import type { DrillCoverage, DrillDay } from './drill';
import type { SheetPreview } from './sheet-preview';
import type { AgentPageView } from './agent-page';
import type { AlertList, AlertSettings } from './alerts';
import type { ClientInfo, ShopInfo, ShopLogEntry, ShopMergeSummary } from './clients';
import {
  AGENT_SORT_KEYS,
  type AgentsPage,
  type AgentsQuery,
  type ScopeInput,
  type ScopesPage,
  type ScopesQuery,
  type ScopeResult,
} from './report-pages';

/** An error as a value, with two audiences: the lead (Chinese) and the log. */
export interface AppError {
  message: string;
  detail?: string;
  code?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export interface AppInfo {
  productName: string;
  version: string;
  host: 'electron' | 'web';
  dbPath: string;
  schemaVersion: number;
  /** the rotating log a lead can send (`<data folder>/logs/scoredesk.log`) */
  logPath: string;
  /** where automatic backups go (设置 → 数据库) */
  backupDir: string;
}

/** Why an automatic backup was made. */
export type BackupReason = 'daily' | 'restore' | 'migration' | 'unlock';

/** One automatic backup: file name in the backups folder, China time, bytes. */
export interface BackupEntry {
  name: string;
  time: string;
  size: number;
  reason: BackupReason;
}

export interface BackupSettings {
  folder: string;
  keep: number;
  default_folder: string;
}

/** The folders 打开所在文件夹 may open: only these, never a path from the caller. */
export type KnownFolder = 'data' | 'logs' | 'backups';

export interface JobStarted {
  jobId: string;
}

/**
 * What a long operation does: imports, the demo, the watched folder, a recalculation, the monthly sheet, a shop
 * merge (it rewrites every row of the merged shop), a KCI file's import (its parsing).
 */
export type JobKind = 'import' | 'demo' | 'watch' | 'recalc' | 'sheet' | 'merge' | 'kci';

/** A job still running, as the header shows it: its Chinese label (正在重新计算 2026-10) and steps done/total. */
export interface JobInfo {
  jobId: string;
  kind: JobKind;
  label: string;
  stage: string;
  done: number;
  total: number;
  file?: string;
}

/** What `job:done` reports: the files a job imported (none for a recalculation or the sheet), the months recomputed. */
export type JobOutcome = ImportRunResult & { months?: Month[] };

/** Bytes the host saves: a save dialog in Electron, a download in the browser. */
export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export interface UndoResult {
  batch_id: number;
  removed: number;
  restored: number;
  months: Month[];
}

export interface DrillInput {
  month: Month;
  platform: (typeof PLATFORMS)[number];
  shop: string;
  account: string;
  metric: MetricId;
}

export interface DrillResult {
  /** the counted one-day parts (what `by_day` lists for single days, without the source) */
  days: DayValue[];
  /**
   * Every part the month value was summed from, in day order, with its source: export rows (a day, or a longer
   * period) and the engine's day cells. Σ numerator / Σ denominator = `total` = the month value.
   */
  by_day: DrillDay[];
  /** the 合计 of `by_day`, summed as the month value is */
  total: { value: number | null; numerator: number; denominator: number | null; approximate: boolean } | null;
  /** how much of the value the evidence rows explain one by one, and where the rest comes from */
  coverage: DrillCoverage;
  rows: {
    batch_id: number;
    file_name: string;
    sheet: string;
    row: number;
    from: string;
    to: string;
    values: Record<string, string>;
  }[];
}

/** A lead's mapping of an unknown layout's columns (header text → field of a known layout), kept per header hash. */
export interface LayoutMapping {
  hash: string;
  base_layout: string;
  name: string;
  columns: Record<string, string>;
}

/** A layout a mapping can target, with its fields. */
export interface MappingTarget {
  id: string;
  zh: string;
  platform: string;
  fields: {
    field: string;
    label: string;
    required: boolean;
    role: string;
    /** how values are read: count, rate, money, duration … */
    kind: string;
    /** rate fields: the count field that is their numerator, offered when a column holds the count */
    numerator?: { field: string; label: string };
  }[];
}

export interface SchemeScores {
  scheme: Scheme;
  agents: {
    agent_id: number;
    agent: string;
    team: string | null;
    score: AgentScore;
    rank: number | null;
    worked_days: number;
    sales_amount: number | null;
  }[];
}

/** The daily recalculation: China time `HH:mm`, last and next run (China time). */
export interface ScheduleInfo {
  time: string;
  last_run: string | null;
  next_run: string;
}

/** App settings the lead edits in 设置. */
export interface AppSettings {
  /** which source wins where a summary export and computed events both give a metric for a day */
  precedence: 'summary' | 'events';
  /** keep all chat text for drill-down, or only the failing rounds' (smaller database) */
  message_content: 'all' | 'failing_only';
  /** a folder whose new export files are imported automatically (checked every 30 s), or null */
  watch_folder: string | null;
}

export interface MonthLockInfo {
  month: Month;
  locked: boolean;
  locked_at: string | null;
  note: string | null;
  pending_changes: number;
  log: { action: 'lock' | 'unlock'; at: string; note: string | null }[];
}

/** Method → input and output. Method names are `domain:verb`. */
export interface ApiSpec {
  'app:info': { input: Record<string, never>; output: AppInfo };
  'import:start': { input: z.infer<typeof importStartInput>; output: JobStarted };
  'import:history': { input: Record<string, never>; output: ImportBatchInfo[] };
  'import:undo': { input: { batchId: number }; output: UndoResult };
  'job:cancel': { input: { jobId: string }; output: { cancelled: boolean } };
  /** the jobs running now (the header's 正在重新计算 …), so a window opened mid-job shows it */
  'job:list': { input: Record<string, never>; output: JobInfo[] };
  'report:months': { input: Record<string, never>; output: Month[] };
  'report:month': { input: { month: Month }; output: MonthReport };
  'report:drill': { input: DrillInput; output: DrillResult };
  /** `accounts: false`: without the per-account day series (the 总览 screen; the 客服 sparklines ask for them) */
  'report:overview': { input: { month: Month; accounts?: boolean }; output: OverviewReport };
  /** one page of the 客服 table (agent rows), searched, filtered and sorted as on screen */
  'report:agents': { input: AgentsQuery; output: AgentsPage };
  /** one page of the 账号 or 店铺 table (account or shop rows), searched, filtered and sorted as on screen */
  'report:scopes': { input: ScopesQuery; output: ScopesPage };
  /** one agent's, account's or shop's entry of the month report */
  'report:scope': { input: ScopeInput; output: ScopeResult };
  'roster:list': { input: Record<string, never>; output: RosterView };
  'roster:saveAgent': {
    input: { id?: number; name: string; employee_no?: string | null; team?: string | null };
    output: { id: number };
  };
  'roster:deleteAgent': { input: { id: number }; output: { id: number } };
  'roster:assign': { input: z.infer<typeof assignInput>; output: { id: number; warning: string | null } };
  'roster:unassign': { input: { id: number }; output: { id: number } };
  'rules:list': { input: Record<string, never>; output: RuleRow[] };
  'rules:save': { input: z.infer<typeof ruleInput>; output: { id: number } };
  'rules:delete': { input: { id: number }; output: { id: number } };
  'mapping:targets': { input: Record<string, never>; output: MappingTarget[] };
  'mapping:list': { input: Record<string, never>; output: LayoutMapping[] };
  'mapping:save': { input: LayoutMapping; output: { hash: string } };
  'mapping:delete': { input: { hash: string }; output: { hash: string } };
  'scheme:list': {
    input: Record<string, never>;
    output: { name: string; versions: Month[]; scope: Scheme['scope'] }[];
  };
  'scheme:get': { input: { name: string; month?: Month }; output: Scheme };
  'scheme:save': { input: { scheme: unknown }; output: Scheme };
  'scheme:delete': { input: { name: string; effective_from?: Month }; output: { deleted: number } };
  'scheme:whatif': {
    input: { scheme: unknown; month: Month };
    output: { month: Month; rows: WhatIfRow[]; before: ScoreHistogram | null; after: ScoreHistogram };
  };
  'kpi:month': { input: { month: Month }; output: SchemeScores[] };
  'kci:list': {
    input: { month: Month };
    output: { agent_id: number; agent: string; month: Month; item: string; value: number | null }[];
  };
  'kci:save': {
    input: { agent_id: number; month: Month; item: string; value: number | null };
    output: { ok: true };
  };
  'kci:import': {
    input: { file: { name: string; bytes?: Uint8Array; path?: string } };
    output: {
      file: string;
      rows: { read: number; accepted: number; rejected: number };
      items: string[];
      rejections: { sheet: string; row: number; column: string; value: string; reason: string }[];
    };
  };
  'month:info': { input: { month: Month }; output: MonthLockInfo };
  'month:lock': { input: { month: Month; note?: string | null }; output: MonthLockInfo };
  'month:unlock': { input: { month: Month; note?: string | null }; output: MonthLockInfo };
  'schedule:info': { input: Record<string, never>; output: ScheduleInfo };
  'schedule:save': { input: { time: string }; output: ScheduleInfo };
  'schedule:runNow': { input: Record<string, never>; output: ScheduleInfo };
  'ratings:month': { input: { month: Month }; output: RatingsMonthView };
  'ratings:appeal': {
    input: { key: string; status: 'pending' | 'success' | 'failed' | null; note?: string | null };
    output: { ok: true };
  };
  'exams:list': { input: { as_of?: string }; output: ExamRowView[] };
  'exams:add': {
    input: {
      platform: (typeof PLATFORMS)[number];
      shop: string;
      account: string;
      week: string;
      reasons: string;
      notice_date?: string | null;
      deadline?: string | null;
    };
    output: { key: string };
  };
  'exams:attempt': { input: { key: string; time: string; score: number }; output: { ok: true } };
  'report:evidence': { input: DrillInput; output: EvidenceView };
  'report:reconcile': { input: { month: Month }; output: ReconcileRow[] };
  'settings:get': { input: Record<string, never>; output: AppSettings };
  'settings:save': { input: Partial<AppSettings>; output: AppSettings };
  'watch:scan': { input: Record<string, never>; output: ImportRunResult };
  'import:template': { input: { kind: 'messages' | 'ratings' | 'orders' | 'exams' }; output: ExportFile };
  /** `client`: a 客户版 of one client's shops only (and the agents serving them) */
  'sheet:preview': {
    input: { month: Month; scheme: string; variant: 'client' | 'payroll'; client?: string | null };
    output: SheetPreview;
  };
  'sheet:export': {
    input: { month: Month; scheme: string; variant: 'client' | 'payroll'; client?: string | null };
    output: ExportFile;
  };
  'demo:load': { input: Record<string, never>; output: JobStarted };
  'db:backup': { input: Record<string, never>; output: ExportFile };
  'db:restore': {
    input: { file: { name: string; bytes?: Uint8Array; path?: string } };
    output: { schemaVersion: number };
  };
  'backup:list': { input: Record<string, never>; output: { folder: string; backups: BackupEntry[] } };
  'backup:restore': { input: { name: string }; output: { schemaVersion: number } };
  /** no fields = read; folder null = back to the default folder */
  'backup:settings': { input: { folder?: string | null; keep?: number }; output: BackupSettings };
  'app:openFolder': { input: { folder: KnownFolder }; output: { path: string } };
  'agent:page': { input: { agent_id: number; month: Month }; output: AgentPageView };
  /** the bell's list as of now (China time), with the ids already shown as desktop notifications */
  'alerts:list': { input: Record<string, never>; output: AlertList & { notified: string[] } };
  /** no fields = read */
  'alerts:settings': { input: Partial<AlertSettings>; output: AlertSettings };
  'alerts:notified': { input: { ids: string[] }; output: { notified: string[] } };
  'clients:list': { input: Record<string, never>; output: ClientInfo[] };
  /** add (no id) or edit a client; a renamed client's schemes follow the new name */
  'clients:save': { input: { id?: number; name: string; note?: string | null }; output: { id: number } };
  /** refused while the client owns shops or a scheme names it */
  'clients:delete': { input: { id: number }; output: { id: number } };
  /** every shop with its client and aliases, and the last renames and merges */
  'shops:list': { input: Record<string, never>; output: { shops: ShopInfo[]; log: ShopLogEntry[] } };
  /** client_id null: the shop belongs to no client */
  'shops:assignClient': { input: { shop_id: number; client_id: number | null }; output: { id: number } };
  /** refused for a name the platform already has (合并 is the way for one shop spelled two ways) */
  'shops:rename': { input: { shop_id: number; name: string }; output: { id: number; name: string } };
  /** what a merge would move (read only) */
  'shops:mergePreview': { input: { from_id: number; into_id: number }; output: ShopMergeSummary };
  /** merges shop `from_id` into `into_id` (same platform); refused while a month with its data is locked */
  'shops:merge': { input: { from_id: number; into_id: number }; output: ShopMergeSummary };
}

export type MethodName = keyof ApiSpec;
export type Input<M extends MethodName> = ApiSpec[M]['input'];
export type Output<M extends MethodName> = ApiSpec[M]['output'];

/** Results of long operations, delivered through `subscribe`. */
export interface JobResults {
  import: ImportRunResult;
}

export type AppEvent =
  | ({ type: 'job:progress' } & JobInfo)
  | { type: 'job:done'; jobId: string; kind: JobKind; result: Result<JobOutcome> }
  | { type: 'recalc:done'; months: Month[] }
  | { type: 'watch:imported'; files: ImportRunResult['files'] };

export type Api = { [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>> } & {
  /** Listens to progress and notices; returns the unsubscribe function. */
  subscribe(listener: (event: AppEvent) => void): () => void;
};

/** No KCI 满分 in a scheme is this large; a value above it is a typing slip, not a score. */
export const KCI_VALUE_LIMIT = 10_000;

const bytes = z.instanceof(Uint8Array);
const fileInput = z
  .object({
    name: z.string().min(1).max(1000),
    bytes: bytes.optional(),
    path: z.string().min(1).max(4000).optional(),
  })
  .refine((f) => f.bytes !== undefined || f.path !== undefined, { message: '文件没有内容' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });
const empty = z.object({}).strict();

const importStartInput = z.object({
  files: z.array(fileInput).min(1),
  options: z
    .object({
      dryRun: z.boolean().optional(),
      strict: z.boolean().optional(),
      force: z.boolean().optional(),
      platform: z.enum(PLATFORMS).optional(),
      shop: z.string().min(1).optional(),
      period: z.object({ from: day, to: day }).optional(),
    })
    .strict()
    .optional(),
});

const optDay = day.nullable();
const assignInput = z
  .object({
    id: z.number().int().positive().optional(),
    agent_id: z.number().int().positive(),
    platform: z.enum(PLATFORMS),
    shop: z.string().min(1).max(200),
    account: z.string().min(1).max(200),
    valid_from: optDay,
    valid_to: optDay,
  })
  .strict();
const ruleInput = z
  .object({
    id: z.number().int().positive().optional(),
    platform: z.enum(PLATFORMS),
    key: z.string().min(1).max(100),
    value: z.unknown(),
    effective_from: day,
    effective_to: optDay.optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
const idInput = z.object({ id: z.number().int().positive() }).strict();
const sheetInput = z
  .object({
    month,
    scheme: z.string().min(1),
    variant: z.enum(['client', 'payroll']),
    client: z.string().max(100).nullable().optional(),
  })
  .strict();
const shopId = z.number().int().positive();
const mergeInput = z
  .object({ from_id: shopId, into_id: shopId })
  .strict()
  .refine((m) => m.from_id !== m.into_id, { message: '请选择两家不同的店铺' });

/** Input schemas: every host validates with these before calling a service. */
/** A page of the 客服, 账号 or 店铺 table: where it starts, its size, the search box, column filters, sort, 对比上月. */
const tablePage = {
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(0).max(500).optional(),
  search: z.string().max(200).optional(),
  platform: z.array(z.enum(PLATFORMS)).nullable().optional(),
  shop: z.array(z.string().max(200)).nullable().optional(),
  sort: z
    .object({
      key: z.enum(AGENT_SORT_KEYS as [string, ...string[]]),
      order: z.enum(['ascend', 'descend']),
    })
    .strict()
    .nullable()
    .optional(),
  compare: z.boolean().optional(),
};

export const inputSchemas: { [M in MethodName]: z.ZodType<Input<M>, unknown> } = {
  'app:info': empty,
  'import:start': importStartInput,
  'import:history': empty,
  'import:undo': z.object({ batchId: z.number().int().positive() }).strict(),
  'job:cancel': z.object({ jobId: z.string().min(1) }).strict(),
  'job:list': empty,
  'report:months': empty,
  'report:month': z.object({ month }).strict(),
  'report:drill': z
    .object({
      month,
      platform: z.enum(PLATFORMS),
      shop: z.string(),
      account: z.string(),
      metric: z.string() as z.ZodType<MetricId>,
    })
    .strict(),
  'report:overview': z.object({ month, accounts: z.boolean().optional() }).strict(),
  'report:agents': z
    .object({
      month,
      scheme: z.string().max(200).nullable().optional(),
      team: z.string().max(200).nullable().optional(),
      summary: z.boolean().optional(),
      ...tablePage,
    })
    .strict() as z.ZodType<AgentsQuery>,
  'report:scopes': z
    .object({ month, scope: z.enum(['account', 'shop']), ...tablePage })
    .strict() as z.ZodType<ScopesQuery>,
  'report:scope': z.discriminatedUnion('scope', [
    z.object({ month, scope: z.literal('agent'), agent_id: z.number().int().positive() }).strict(),
    z
      .object({
        month,
        scope: z.literal('account'),
        platform: z.enum(PLATFORMS),
        shop: z.string().min(1).max(200),
        account: z.string().min(1).max(200),
      })
      .strict(),
    z
      .object({
        month,
        scope: z.literal('shop'),
        platform: z.enum(PLATFORMS),
        shop: z.string().min(1).max(200),
      })
      .strict(),
  ]),
  'roster:list': empty,
  'roster:saveAgent': z
    .object({
      id: z.number().int().positive().optional(),
      name: z.string().min(1).max(100),
      employee_no: z.string().max(100).nullable().optional(),
      team: z.string().max(100).nullable().optional(),
    })
    .strict(),
  'roster:deleteAgent': idInput,
  'roster:assign': assignInput,
  'roster:unassign': idInput,
  'rules:list': empty,
  'rules:save': ruleInput,
  'rules:delete': idInput,
  'mapping:targets': empty,
  'mapping:list': empty,
  'mapping:save': z
    .object({
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      base_layout: z.string().min(1),
      name: z.string().min(1).max(100),
      columns: z.record(z.string(), z.string()),
    })
    .strict(),
  'mapping:delete': z.object({ hash: z.string().min(1) }).strict(),
  'scheme:list': empty,
  'scheme:get': z.object({ name: z.string().min(1), month: month.optional() }).strict(),
  'scheme:save': z.object({ scheme: z.unknown() }).strict(),
  'scheme:delete': z.object({ name: z.string().min(1), effective_from: month.optional() }).strict(),
  'scheme:whatif': z.object({ scheme: z.unknown(), month }).strict(),
  'kpi:month': z.object({ month }).strict(),
  'kci:list': z.object({ month }).strict(),
  'kci:save': z
    .object({
      agent_id: z.number().int().positive(),
      month,
      item: z.string().trim().min(1).max(100),
      // the item's own 满分 (max) is checked by the service against the schemes in force; this bound only keeps
      // absurd numbers out of the contract
      value: z
        .number()
        .min(0, { message: 'KCI 分数不能小于 0' })
        .max(KCI_VALUE_LIMIT, { message: `KCI 分数不能大于 ${KCI_VALUE_LIMIT}` })
        .nullable(),
    })
    .strict(),
  'kci:import': z.object({ file: fileInput }).strict(),
  'month:info': z.object({ month }).strict(),
  'month:lock': z.object({ month, note: z.string().max(500).nullable().optional() }).strict(),
  'month:unlock': z.object({ month, note: z.string().max(500).nullable().optional() }).strict(),
  'schedule:info': empty,
  'schedule:save': z
    .object({ time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间应为 HH:mm' }) })
    .strict(),
  'schedule:runNow': empty,
  'ratings:month': z.object({ month }).strict(),
  'ratings:appeal': z
    .object({
      key: z.string().min(1),
      status: z.enum(['pending', 'success', 'failed']).nullable(),
      note: z.string().max(500).nullable().optional(),
    })
    .strict(),
  'exams:list': z.object({ as_of: day.optional() }).strict(),
  'exams:add': z
    .object({
      platform: z.enum(PLATFORMS),
      shop: z.string().min(1).max(200),
      account: z.string().min(1).max(200),
      week: day,
      reasons: z.string().max(500),
      notice_date: day.nullable().optional(),
      deadline: day.nullable().optional(),
    })
    .strict(),
  'exams:attempt': z
    .object({
      key: z.string().min(1),
      time: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, { message: '时间格式应为 YYYY-MM-DD HH:mm' }),
      score: z.number().min(0).max(100),
    })
    .strict(),
  'report:evidence': z
    .object({
      month,
      platform: z.enum(PLATFORMS),
      shop: z.string(),
      account: z.string(),
      metric: z.string() as z.ZodType<MetricId>,
    })
    .strict(),
  'report:reconcile': z.object({ month }).strict(),
  'settings:get': empty,
  'settings:save': z
    .object({
      precedence: z.enum(['summary', 'events']).optional(),
      message_content: z.enum(['all', 'failing_only']).optional(),
      watch_folder: z
        .string()
        .max(1000)
        .refine((t) => !t.includes('\0'), { message: '文件夹路径无效' })
        .nullable()
        .optional(),
    })
    .strict(),
  'watch:scan': empty,
  'import:template': z.object({ kind: z.enum(['messages', 'ratings', 'orders', 'exams']) }).strict(),
  'sheet:preview': sheetInput,
  'sheet:export': sheetInput,
  'demo:load': empty,
  'db:backup': empty,
  'db:restore': z.object({ file: fileInput }).strict(),
  'backup:list': empty,
  'backup:restore': z.object({ name: z.string().min(1).max(200) }).strict(),
  'backup:settings': z
    .object({
      folder: z.string().max(2000).nullable().optional(),
      keep: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  'app:openFolder': z.object({ folder: z.enum(['data', 'logs', 'backups']) }).strict(),
  'agent:page': z.object({ agent_id: z.number().int().positive(), month }).strict(),
  'alerts:list': empty,
  'alerts:settings': z
    .object({
      stale_days: z
        .number()
        .int({ message: '天数应为整数' })
        .min(1, { message: '天数至少为 1' })
        .max(60, { message: '天数最多为 60' })
        .optional(),
      notify: z.boolean().optional(),
    })
    .strict(),
  'alerts:notified': z.object({ ids: z.array(z.string().min(1).max(500)).max(1000) }).strict(),
  'clients:list': empty,
  'clients:save': z
    .object({
      id: z.number().int().positive().optional(),
      name: z
        .string()
        .trim()
        .min(1, { message: '客户名称不能为空' })
        .max(100, { message: '客户名称最多 100 个字' }),
      note: z.string().max(500, { message: '备注最多 500 个字' }).nullable().optional(),
    })
    .strict(),
  'clients:delete': idInput,
  'shops:list': empty,
  'shops:assignClient': z
    .object({ shop_id: shopId, client_id: z.number().int().positive().nullable() })
    .strict(),
  'shops:rename': z
    .object({
      shop_id: shopId,
      name: z
        .string()
        .trim()
        .min(1, { message: '店铺名称不能为空' })
        .max(200, { message: '店铺名称最多 200 个字' }),
    })
    .strict(),
  'shops:mergePreview': mergeInput,
  'shops:merge': mergeInput,
};

export const METHOD_NAMES = Object.keys(inputSchemas) as MethodName[];

export function isMethodName(s: string): s is MethodName {
  return Object.prototype.hasOwnProperty.call(inputSchemas, s);
}
