/**
 * Large per-agent exports for `npm run bench`: one file per platform's main layout with 200 agents × 31 days, a
 * 日期 column making it one month file, as .xlsx and as UTF-8 CSV. The headers are the demo's (the real layouts').
 */
import { eachDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Month, Platform } from '../../shared/domain';
import { DOUYIN_HEAD, JD_HEAD, KS_HEAD, TB_HEAD } from './generate';
import { clamp, rng, type Rng } from './random';
import { money, pct, pctWhole, round, utf8CsvBytes, xlsxBytes, type Cell, type Rows } from './writers';

export interface BenchFile {
  platform: Platform;
  layout: string;
  format: 'xlsx' | 'csv';
  name: string;
  rows: number;
  bytes: Uint8Array;
}

type RowMaker = (r: Rng, day: string, shop: string, nick: string, q: number) => Cell[];

function counts(r: Rng, base: number, q: number): { n: number; k: number; part: number; pay: number } {
  const n = Math.max(5, Math.round(base * (1 + r.gauss(0.15))));
  const part = Math.round(n * r.float(0.4, 0.6));
  return {
    n,
    k: Math.round(n * clamp(q + r.gauss(0.03), 0.3, 1)),
    part,
    pay: Math.round(part * r.float(0.15, 0.35)),
  };
}

const douyin: RowMaker = (r, day, shop, nick, q) => {
  const { n, k, part, pay } = counts(r, 70, q);
  const buyers = n - Math.round(n * 0.05);
  const ratings = Math.round(n * 0.2);
  const dis = Math.round(ratings * r.float(0, 0.08));
  return [
    day,
    shop,
    nick,
    `${shop}:${nick}`,
    buyers,
    n,
    round(n / buyers, 2),
    pct(dis, ratings),
    pct(k, n),
    pct(Math.min(buyers, k), buyers),
    round(r.float(5, 15), 1),
    round(r.float(12, 28), 1),
    round(r.float(13, 30), 1),
    pct(ratings - dis, ratings),
    money(pay * r.float(90, 200)),
    part,
    pay + Math.round((part - pay) * 0.1),
    pay,
    pct(pay, part),
    0,
    round(r.float(7, 9), 2),
    round(r.float(0.3, 1), 2),
    round(r.float(0.1, 0.5), 2),
  ];
};

const kuaishou: RowMaker = (r, day, shop, nick, q) => {
  const { n, k, part, pay } = counts(r, 60, q);
  const ratings = Math.round(n * 0.3);
  const mid = Math.round(ratings * r.float(0, 0.08));
  const low = Math.round(ratings * r.float(0, 0.04));
  const sat = ratings - mid - low;
  return [
    day,
    shop,
    `${shop}:${nick}`,
    nick,
    n,
    n - k,
    pct(k, n),
    sat,
    mid,
    low,
    pct(sat, ratings),
    part,
    pay,
    pct(pay, part),
    round(pay * r.float(40, 90), 2),
  ];
};

const jd: RowMaker = (r, day, shop, nick, q) => {
  const { n, k, part, pay } = counts(r, 90, q);
  const ratings = Math.round(n * 0.25);
  return [
    day,
    `${shop}:${nick}`,
    n,
    part,
    pay,
    money(pay * r.float(250, 420)),
    round(r.float(10, 25), 1),
    pct(Math.round(k * 0.95), n),
    pct(k, n),
    Math.round(ratings * r.float(0.82, 0.96)),
    ratings,
  ];
};

const taobao: RowMaker = (r, day, shop, nick, q) => {
  const { n, k } = counts(r, 70, q);
  const unreplied = r.chance(0.1) ? 1 : 0;
  const reception = n - unreplied;
  return [
    day,
    `${shop}:${nick}`,
    n,
    reception,
    unreplied,
    reception - Math.round(reception * 0.08),
    round(r.float(12, 28), 1).toFixed(1),
    pct(Math.min(k, reception), reception),
    pct(reception, n),
    round(r.float(4, 12), 1).toFixed(1),
    reception - Math.min(k, reception),
    pctWhole(r.float(1.3, 1.6)),
    '售前',
  ];
};

const SPECS: {
  platform: Platform;
  layout: string;
  file: string;
  sheet: string;
  shop: string;
  head: readonly string[];
  row: RowMaker;
}[] = [
  {
    platform: 'douyin',
    layout: '抖音 飞鸽客服数据（经典版）',
    file: '飞鸽客服数据_按日',
    sheet: '客服数据',
    shop: '星河旗舰店',
    head: ['日期', ...DOUYIN_HEAD],
    row: douyin,
  },
  {
    platform: 'kuaishou',
    layout: '快手 客服考核数据',
    file: '快手客服考核数据',
    sheet: '考核数据',
    shop: '快乐小店',
    head: KS_HEAD,
    row: kuaishou,
  },
  {
    platform: 'jd',
    layout: '京东 客服管家数据明细',
    file: '京东客服管家_数据明细_按日',
    sheet: '整体数据',
    shop: '京东星辰自营',
    head: ['日期', ...JD_HEAD],
    row: jd,
  },
  {
    platform: 'taobao',
    layout: '淘宝 咨询接待分析',
    file: '咨询接待分析_按日',
    sheet: '数据信息',
    shop: '云裳女装旗舰店',
    head: ['日期', ...TB_HEAD],
    row: taobao,
  },
];

/** Eight files (four layouts × xlsx, csv) of `agents × days` rows each. */
export function benchFiles(month: Month, agents = 200): BenchFile[] {
  const days = eachDay(monthStart(month), monthEnd(month));
  return SPECS.flatMap((spec) => {
    const rows: Rows = [[...spec.head]];
    for (const day of days) {
      for (let i = 1; i <= agents; i++) {
        const nick = `客服${String(i).padStart(3, '0')}`;
        const r = rng(`bench|${spec.platform}|${nick}|${day}`);
        rows.push(spec.row(r, day, spec.shop, nick, 0.8 + 0.15 * rng(`bench|q|${nick}`).next()));
      }
    }
    const base = { platform: spec.platform, layout: spec.layout, rows: rows.length - 1 };
    return [
      {
        ...base,
        format: 'xlsx' as const,
        name: `${spec.file}_${month}.xlsx`,
        bytes: xlsxBytes([{ name: spec.sheet, rows }]),
      },
      { ...base, format: 'csv' as const, name: `${spec.file}_${month}.csv`, bytes: utf8CsvBytes(rows) },
    ];
  });
}
