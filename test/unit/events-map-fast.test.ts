import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLayouts } from '../../src/main/import/detect';
import { readFile } from '../../src/main/import/read';
import { mapEvents, fnv53 } from '../../src/main/events/map';

const WINDOW = { from: '2015-01-01', to: '2027-11-23' };
const HEAD = '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容';

function both(name: string, text: string | Uint8Array) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const found = detectLayouts(readFile(name, bytes));
  if (!found.ok) throw new Error(`${name}: not detected`);
  const det = found.detections.find((d) => d.layout.kind === 'messages')!;
  expect(det).toBeDefined();
  return [
    mapEvents('messages', det, null, null, WINDOW),
    mapEvents('messages', det, null, null, WINDOW, true),
  ] as const;
}

describe('chat hot path = general path', () => {
  it('gives the same rows, keys, rejections and counts on awkward rows', () => {
    const csv = [
      HEAD,
      '抖音,店A,S1,店A:甲,B1,买家,2026-10-05 10:00:00,,在吗',
      '抖音,店A,S1,店A:甲,B1,买家,2026-10-05 10:00:00,,在吗', // verbatim repeat: one message
      '抖音,店A,S1,店A:乙,B1,客服,2026-10-05 10:00:00,,在吗', // 客服 at the same second: its own key
      '抖音,店A,,店A:甲,B2,买家,2026-10-05 10:00:00,,你好',
      '抖音,店A,,店A:甲,B2,买家,2026-10-05 10:00:00,,你好', // no 会话ID: the second occurrence is its own row
      'douyin , 店A ,--,店A:甲,B3,智能客服,2026/10/05 10:01:00,,', // slash date: general path
      '抖音,店A,S2,,B4,系统,2026-10-05 10:02:00,,买家已转人工，客服已接入',
      '抖音,店A,S2,未分配,B4,系统,2026-10-05 10:02:01,,当前未分配客服',
      '抖音,店A,S3,店A:甲,B5,客服,2026-10-05 10:03:00,是,自动回复',
      '抖音,店A,S3,店A:甲,B5,客服,2026-10-05 24:00:00,,太晚',
      '抖音,店A,S3,店A:甲,B5,客服,2026-13-05 10:00:00,,坏日期',
      '抖音,店A,S3,店A:甲,B5,客服,2030-01-05 10:00:00,,窗口外',
      '抖音,店A,S3,店A:甲,,客服,2026-10-05 10:00:00,,没买家',
      '抖音,店A,S3,店A:甲,B6,路人,2026-10-05 10:00:00,,',
      '抖音,合计,,,,,,,',
      ',,,,,,,,',
      '抖音,店A,S4,店A:甲,B7,买家,2026-10-05 10:00:00', // short row
      '抖音,店A,S4,店A:甲,B7,买家,2026-10-05 23:59:59,否,"多,逗号"',
      '',
    ].join('\n');
    const [fast, general] = both('聊天记录.csv', csv);
    expect(fast).toEqual(general);
    expect(fast.rows.map((r) => r.row)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 11, 19]);
    // 24:00:00 is the next midnight (chinaEpoch accepts it); the general path reads it
    expect(fast.duplicates).toBe(1);
    expect(fast.rejections.map((r) => r.row)).toEqual([12, 13, 14, 15, 18]);
    // the marker row carries its own time as the hand-over; the 未分配 notice is not a marker
    expect(fast.rows.filter((r) => 'handover_at' in r && r.handover_at !== null).map((r) => r.row)).toEqual([
      8,
    ]);
  });

  it('gives the same result on every chat fixture', () => {
    const dir = join(__dirname, '..', 'fixtures', 'events');
    const files = readdirSync(dir).filter((f) => f.startsWith('聊天记录'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const [fast, general] = both(f, new Uint8Array(readFileSync(join(dir, f))));
      expect(fast).toEqual(general);
    }
  });

  it('reads only plain YYYY-MM-DD HH:mm:ss times itself and leaves every other spelling to the general path', () => {
    const times = [
      '2026-10-05 09:08:07',
      '2026-10-05 9:08:07',
      '2026-10-05T09:08:07',
      '２０２６-10-05 09:08:07',
      '2026-10-05 09:60:00',
      '2026-10-05 09:08:0７',
      '2026-10-05 09-08-07',
      '2026/10/05 09:08:07',
      '2026-1x-05 09:08:07',
      '2026-10-05 09:08:07 ',
    ];
    const csv = [HEAD, ...times.map((t, i) => `抖音,店A,S${i},店A:甲,B${i},买家,${t},,在吗 ${i}`), ''].join(
      '\n',
    );
    const [fast, general] = both('聊天记录.csv', csv);
    expect(fast).toEqual(general);
    // 09:08:07 on 2026-10-05, China time: the plain spelling, those the general path normalises (one-digit hour, T,
    // full-width digits, slashes) and the trailing space trimmed; 09:60, dashes in the clock and 1x are rejected
    expect(fast.rows.filter((r) => 'time' in r && r.time === 1791162487).map((r) => r.row)).toEqual([
      2, 3, 4, 5, 7, 9, 11,
    ]);
    expect(fast.rejections.map((r) => r.row)).toEqual([6, 8, 10]);
  });

  it('fingerprints: FNV-1a 64 folded to 53 bits', () => {
    // FNV-1a 64 of "" is cbf29ce484222325; of "a" af63dc4c8601ec8c (UTF-16 units = bytes for ASCII)
    expect(fnv53('')).toBe(0xcbf29ce4 * 2097152 + (0x84222325 >>> 11));
    expect(fnv53('a')).toBe(0xaf63dc4c * 2097152 + (0x8601ec8c >>> 11));
    expect(fnv53('ab')).not.toBe(fnv53('ba'));
  });
});

describe('quote-free CSV split = csv-parse', () => {
  it('gives the same records for line endings, empty lines, empty and cut last records, tabs', async () => {
    const { parse } = await import('csv-parse/sync');
    const texts = [
      'a,b,c\n1,,3\n\n4,5\n',
      'a,b,c\r\n1,2,3\r\n,,\r\n',
      'a\tb\tc\n1\t2\t3\n',
      'a,b,c\n1,2,3\n4,5', // last record without a line break
      'a,b,c\n1,2,3\r\n4,5,6\n', // mixed endings: csv-parse's own reading
      'a,b\n1,"x,y"\n', // quotes: csv-parse
    ];
    for (const t of texts) {
      const sheet = readFile('t.csv', new TextEncoder().encode(t)).sheets[0]!;
      const records: string[][] = parse(t, {
        delimiter: t.includes('\t') ? '\t' : ',',
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      });
      const rows = records.map((r) => {
        const row = r.map((v) => (v === '' ? null : { t: 's', v }));
        while (row.length && row[row.length - 1] === null) row.pop();
        return row;
      });
      while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
      expect(sheet.rows, t).toEqual(rows);
      expect(sheet.widths, t).toEqual(records.slice(0, rows.length).map((r) => r.length));
    }
    expect(readFile('t.csv', new TextEncoder().encode('a,b,c\n1,2,3\n4,5')).sheets[0]!.unterminated).toBe(2);
  });
});
