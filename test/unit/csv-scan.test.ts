import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/main/import/csv-scan';

/** csv-parse with the reader's options (src/main/import/read.ts readCsv), or 'error' where it throws. */
function reference(text: string, delimiter: ',' | '\t', to = 1_000_000): string[][] | 'error' {
  try {
    const records: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to,
    });
    return records;
  } catch {
    return 'error';
  }
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', '客服', '12', ' ', '', ',', '\t', '"', '\r', '\n', '\r\n', '买家说："好"', 'x,y'];
const EOLS = ['\n', '\r\n', '\r'];

/** A well-formed export: every field quoted or quote-free, one line-break style, maybe no final line break. */
function wellFormed(r: () => number, delimiter: ',' | '\t'): string {
  const eol = EOLS[Math.floor(r() * EOLS.length)]!;
  const records = 1 + Math.floor(r() * 6);
  const lines: string[] = [];
  for (let k = 0; k < records; k++) {
    const width = Math.floor(r() * 5);
    const fields: string[] = [];
    for (let f = 0; f < width; f++) {
      let v = '';
      for (let p = Math.floor(r() * 4); p > 0; p--) v += PIECES[Math.floor(r() * PIECES.length)]!;
      const needs = v.includes('"') || v.includes(delimiter) || v.includes('\r') || v.includes('\n');
      fields.push(needs || r() < 0.4 ? `"${v.replace(/"/g, '""')}"` : v);
    }
    lines.push(fields.join(delimiter));
  }
  return lines.join(eol) + (r() < 0.7 ? eol : '');
}

/** Arbitrary text from the same pieces: stray quotes, mixed line breaks, unclosed quotes. */
function arbitrary(r: () => number): string {
  let s = '';
  for (let p = Math.floor(r() * 14); p > 0; p--) s += PIECES[Math.floor(r() * PIECES.length)]!;
  return s;
}

describe('quoted CSV scanner', () => {
  it('returns exactly what csv-parse returns on 600 generated well-formed quoted files, and never gives up on them', () => {
    const r = rng(11);
    let quoted = 0;
    for (let k = 0; k < 600; k++) {
      const delimiter = r() < 0.8 ? ',' : '\t';
      const text = wellFormed(r, delimiter);
      if (text.includes('"')) quoted++;
      const want = reference(text, delimiter);
      expect(want, JSON.stringify(text)).not.toBe('error');
      expect(scanCsv(text, delimiter, 1_000_000), JSON.stringify(text)).toEqual(want);
    }
    expect(quoted).toBeGreaterThan(400);
  });

  it('on 3,000 arbitrary texts either returns what csv-parse returns or leaves the text to csv-parse', () => {
    const r = rng(23);
    let scanned = 0;
    for (let k = 0; k < 3000; k++) {
      const delimiter = r() < 0.7 ? ',' : '\t';
      const text = arbitrary(r);
      const got = scanCsv(text, delimiter, 1_000_000);
      if (got === null) continue;
      scanned++;
      expect(got, JSON.stringify(text)).toEqual(reference(text, delimiter));
    }
    // most arbitrary texts are readable, so the comparison is not vacuous
    expect(scanned).toBeGreaterThan(1000);
  });

  it('reads embedded quotes, delimiters and line breaks, empty fields and an unterminated last record', () => {
    const text = 'a,"b ""x"", y","c\r\nd"\r\n,"",\r\n"e",f';
    expect(scanCsv(text, ',', 100)).toEqual([
      ['a', 'b "x", y', 'c\r\nd'],
      ['', '', ''],
      ['e', 'f'],
    ]);
    expect(reference(text, ',')).toEqual(scanCsv(text, ',', 100));
  });

  it('leaves to csv-parse what relax_quotes keeps literally, a second line-break style and an unclosed quote', () => {
    expect(scanCsv('a,b"c\n', ',', 100)).toBeNull();
    expect(scanCsv('a,"b"c\n', ',', 100)).toBeNull();
    expect(scanCsv('a\r\nb\nc\r\n', ',', 100)).toBeNull();
    expect(scanCsv('a,"b\nc', ',', 100)).toBeNull();
  });

  it('stops after the record limit as csv-parse does with `to`', () => {
    const text = '"a"\n"b"\n"c"\n"d\n';
    expect(scanCsv(text, ',', 2)).toEqual([['a'], ['b']]);
    expect(reference(text, ',', 2)).toEqual([['a'], ['b']]);
  });
});
