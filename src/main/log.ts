/**
 * The log a lead can send: `<data folder>/logs/scoredesk.log`, one JSON line per event with China time, rotated at
 * 5 MB into scoredesk.log.1 … .4 (5 files at most). Only the fields the callers pass are written, and callers pass
 * only counts, ids, names of files and error details: never chat text (消息内容) or buyer names/ids.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chinaDateTime } from '../shared/china-time';

export const LOG_FILE = 'scoredesk.log';
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES = 5;

export type LogFields = Record<string, string | number | boolean | null | undefined | string[] | number[]>;

export interface LoggerOptions {
  maxBytes?: number;
  files?: number;
  /** Epoch seconds; tests fix it. */
  now?: () => number;
}

export function logPathFor(dataDir: string): string {
  return join(dataDir, 'logs', LOG_FILE);
}

export class Logger {
  private size = -1;
  private readonly maxBytes: number;
  private readonly files: number;
  private readonly now: () => number;

  constructor(
    readonly file: string | null,
    options: LoggerOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
    this.files = options.files ?? LOG_FILES;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  info(event: string, fields: LogFields = {}): void {
    this.write('info', event, fields);
  }

  /** An error with its detail and stack (the detail of a UserError, the stack of anything else). */
  error(event: string, e: unknown, fields: LogFields = {}): void {
    const err = e instanceof Error ? e : new Error(String(e));
    const detail = (err as { detail?: unknown }).detail;
    this.write('error', event, {
      ...fields,
      message: err.message,
      detail: typeof detail === 'string' ? detail : undefined,
      stack: err.stack,
    });
  }

  /** An error already turned into a value (a job's result, a worker's failure). */
  errorValue(
    event: string,
    error: { message: string; detail?: string; code?: string },
    fields: LogFields = {},
  ): void {
    this.write('error', event, { ...fields, message: error.message, detail: error.detail, code: error.code });
  }

  private write(level: 'info' | 'error', event: string, fields: LogFields): void {
    if (!this.file) return;
    const line = JSON.stringify({ time: chinaDateTime(this.now()), level, event, ...fields }) + '\n';
    // a log that cannot be written must never break the operation it describes
    try {
      if (this.size < 0) {
        mkdirSync(dirname(this.file), { recursive: true });
        try {
          this.size = statSync(this.file).size;
        } catch {
          this.size = 0;
        }
      }
      const bytes = Buffer.byteLength(line);
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line);
      this.size += bytes;
    } catch {
      this.size = -1;
    }
  }

  /** scoredesk.log → .1 → .2 …; the oldest (.files-1) is dropped. */
  private rotate(): void {
    const f = this.file!;
    rmSync(`${f}.${this.files - 1}`, { force: true });
    for (let i = this.files - 2; i >= 1; i--) {
      try {
        renameSync(`${f}.${i}`, `${f}.${i + 1}`);
      } catch {
        // a missing older file is normal
      }
    }
    renameSync(f, `${f}.1`);
    this.size = 0;
  }
}

/** A logger that writes nothing (`:memory:` databases, tests that do not look at the log). */
export const NO_LOG = new Logger(null);
