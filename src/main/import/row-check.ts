/** Whole-row checks shared by the summary and event map stages: a row cut short is never data. */
import type { RawSheet } from './types';

/**
 * Null for a complete row, else the Chinese reason it is rejected: a CSV record with fewer fields than the header
 * (the file was cut, or a cell holds an unquoted line break), or a last record without a line break (a download cut
 * mid-row, which can turn `30` into `3`).
 */
export function rowDefect(sheet: RawSheet, index: number, headerIndex: number): string | null {
  if (sheet.unterminated === index)
    return '是文件最后一行但没有换行结尾，可能在下载或复制时被截断（请重新导出完整文件）';
  const widths = sheet.widths;
  if (!widths) return null;
  // the named header cells: a trailing empty header cell (`a,b,c,`) asks nothing of the rows
  const want = sheet.rows[headerIndex]?.length ?? 0;
  const got = widths[index] ?? 0;
  if (got < want) return `只有 ${got} 列，表头有 ${want} 列（行不完整）`;
  return null;
}
