/**
 * A CSV scanner for quoted text (imports.md §1): records exactly as csv-parse returns them with the options the reader
 * uses (`relax_column_count`, `relax_quotes`, `skip_empty_lines: false`, `to`), at a fraction of its cost — csv-parse
 * builds its records one character at a time through a state machine with a buffer per field.
 *
 * Handled: fields either without a quote or wholly quoted (`""` for a quote inside; delimiters and line breaks of any
 * kind inside quotes are data), records ended by one line-break style — the first one met outside quotes, as
 * csv-parse detects it. Anything else returns null and csv-parse reads the text: a quote inside an unquoted field or
 * text after a closing quote (relax_quotes keeps those literally), a second line-break style outside quotes, a quote
 * never closed (csv-parse reports the line).
 */
export function scanCsv(text: string, delimiter: ',' | '\t', maxRecords: number): string[][] | null {
  const D = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const n = text.length;
  const records: string[][] = [];
  if (n === 0) return records;
  /** the record delimiter: 0 not seen yet, 1 `\n`, 2 `\r`, 3 `\r\n` */
  let rd = 0;
  let row: string[] = [];
  let i = 0;
  for (;;) {
    // a field starts at i
    let field: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      let head = '';
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null;
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          head += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        field = head + text.slice(from, q);
        i = q + 1;
        break;
      }
      if (i < n) {
        const c = text.charCodeAt(i);
        if (c !== D && c !== CR && c !== LF) return null;
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === D || c === CR || c === LF) break;
        if (c === QUOTE) return null;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) {
      records.push(row);
      return records;
    }
    const c = text.charCodeAt(i);
    if (c === D) {
      i++;
      continue;
    }
    const kind = c === LF ? 1 : i + 1 < n && text.charCodeAt(i + 1) === LF ? 3 : 2;
    if (rd === 0) rd = kind;
    else if (kind !== rd) return null;
    records.push(row);
    if (records.length >= maxRecords) return records;
    row = [];
    i += kind === 3 ? 2 : 1;
    if (i >= n) return records;
  }
}
