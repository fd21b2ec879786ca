import type { AppError } from '../shared/api';
import { DbError } from './db/open';
import { ImportFileError } from './import/types';

/** A failure the lead should read (Chinese message), thrown inside services and turned into a value at the boundary. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    readonly code = 'user_error',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Turns anything thrown into an error value with two audiences (architecture.md #6). */
export function toAppError(e: unknown): AppError {
  if (e instanceof UserError || e instanceof ImportFileError) {
    return { message: e.message, detail: e.detail, code: e.code };
  }
  if (e instanceof DbError) return { message: e.message, detail: e.detail, code: 'db_error' };
  const err = e instanceof Error ? e : new Error(String(e));
  if (/SQLITE_BUSY|database is locked/i.test(err.message)) {
    return { message: '数据库正被其他程序占用，请稍后再试', detail: err.message, code: 'db_busy' };
  }
  return { message: '内部错误，请查看日志', detail: err.stack ?? err.message, code: 'internal' };
}
