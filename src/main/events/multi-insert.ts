import type { Db } from '../db/open';

/**
 * Buffered multi-row INSERT: one statement call per `per` rows (SQLite binds up to 32,766 values), so a bulk write
 * costs a fraction of a call per row. `add` takes one row's values in column order; call `flush` at the end.
 */
export function multiInsert(
  db: Db,
  head: string,
  width: number,
  per = 64,
): { add: (...values: unknown[]) => void; flush: () => void } {
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  const many = db.prepare(`${head} VALUES ${new Array<string>(per).fill(tuple).join(', ')}`);
  const one = db.prepare(`${head} VALUES ${tuple}`);
  const buf = new Array<unknown>(per * width);
  let n = 0;
  const flush = (): void => {
    if (n === per) many.run(buf);
    else for (let k = 0; k < n; k++) one.run(buf.slice(k * width, (k + 1) * width));
    n = 0;
  };
  return {
    add(...values: unknown[]): void {
      const o = n * width;
      for (let k = 0; k < width; k++) buf[o + k] = values[k] ?? null;
      if (++n === per) flush();
    },
    flush,
  };
}
