/**
 * The demo month: a deterministic set of platform export files (the layouts of imports.md §2, with their banners,
 * summary rows, `-` cells, percent strings, GBK CSV and HTML-as-.xls), generated in memory so they go through the
 * real import pipeline exactly as a lead's downloads would.
 */
import {
  addMonths,
  chinaDay,
  eachDay,
  isoWeekday,
  monthEnd,
  monthOf,
  monthStart,
} from '../../shared/china-time';
import { PLATFORM_ZH, type Day, type Month, type Platform } from '../../shared/domain';
import { demoEventFiles } from './events';
import {
  accountOf,
  AGENTS,
  profileOf,
  SHOPS,
  type DemoAgent,
  type DemoShop,
  type Profile,
  type ShopKey,
} from './cast';
import { clamp, rng, type Rng } from './random';
import {
  gbkCsvBytes,
  htmlXlsBytes,
  money,
  pct,
  pctWhole,
  round,
  xlsxBytes,
  type Cell,
  type Rows,
} from './writers';

export interface DemoFile {
  name: string;
  /** Sub-folder when written to disk (by platform, as a lead sorts downloads); '' for the roster. */
  folder: string;
  bytes: Uint8Array;
}

export interface DemoMonth {
  month: Month;
  files: DemoFile[];
}

/** The natural month before the China day of `now`: the month a lead closes at the start of the next one. */
export function previousMonth(now: number): Month {
  return addMonths(monthOf(chinaDay(now)), -1);
}

/** One account on one day, with the agent who owns it that day. */
interface Slot {
  day: Day;
  account: string;
  nick: string;
  shop: DemoShop;
  agentIndex: number;
  profile: Profile;
  /** the owner's first working day on this account this month (a new hire has no ratings yet) */
  firstDay: boolean;
  r: Rng;
}

interface Ownership {
  account: string;
  nick: string;
  shop: ShopKey;
  agentIndex: number;
  from: Day;
  to: Day;
}

const HANDOVER_DAY = 15;

function ownerships(month: Month): Ownership[] {
  const mid = `${month}-${HANDOVER_DAY}`;
  const midEve = `${month}-${HANDOVER_DAY - 1}`;
  return AGENTS.flatMap((agent, agentIndex) =>
    agent.seats.map((seat) => ({
      account: accountOf(seat),
      nick: seat.nick,
      shop: seat.shop,
      agentIndex,
      from: seat.since === 'mid' ? mid : monthStart(month),
      to: seat.until === 'mid' ? midEve : monthEnd(month),
    })),
  );
}

/** Weekends are the busy days in e-commerce service; Monday carries the weekend's after-sales. */
function dayFactor(day: Day): number {
  return [1.08, 1, 0.97, 1, 1.03, 1.3, 1.36][isoWeekday(day)]!;
}

function slotsOf(month: Month, shop: ShopKey): Slot[] {
  const profiles = AGENTS.map((agent, i) => profileOf(agent, i));
  const owned = ownerships(month).filter((o) => o.shop === shop);
  const out: Slot[] = [];
  const started = new Set<string>();
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    for (const o of owned) {
      if (day < o.from || day > o.to) continue;
      const profile = profiles[o.agentIndex]!;
      if (isoWeekday(day) === profile.restDay) continue;
      const key = `${o.account}|${o.agentIndex}`;
      const firstDay = !started.has(key);
      started.add(key);
      out.push({
        day,
        account: o.account,
        nick: o.nick,
        shop: SHOPS[shop],
        agentIndex: o.agentIndex,
        profile,
        firstDay,
        r: rng(`${month}|${o.account}|${day}`),
      });
    }
  }
  return out;
}

function volume(s: Slot): number {
  return Math.max(4, Math.round(s.shop.base * s.profile.volume * dayFactor(s.day) * (1 + s.r.gauss(0.1))));
}

function rateAround(s: Slot, mean: number, sd: number): number {
  return clamp(mean + s.r.gauss(sd), 0.3, 1);
}

function isNew(s: Slot): boolean {
  return AGENTS[s.agentIndex]!.trait === 'new';
}

function aov(s: Slot): number {
  return s.r.float(s.shop.aov[0], s.shop.aov[1]);
}

// ---------------------------------------------------------------- 抖音 飞鸽 客服数据（经典版）

export const DOUYIN_HEAD = [
  '店铺名称',
  '客服昵称',
  '账号名称',
  '人工已接待人数',
  '人工已接待会话量',
  'CPD',
  '不满意率',
  '3分钟人工回复率 (会话)',
  '3分钟人工回复率',
  '首次响应时长（秒）',
  '平均响应时长（秒）',
  '新平均响应时长（秒）',
  '满意率',
  '客服销售额（元）',
  '询单人数',
  '下单人数',
  '支付人数',
  '询单转化率',
  '预警会话量',
  'PC在线时长（时）',
  'PC小休时长（时）',
  'PC离线时长（时）',
];

interface DouyinDay {
  buyers: number;
  sessions: number;
  k3: number;
  k3Person: number;
  first: number;
  avg: number;
  avgNew: number;
  ratings: number;
  sat: number;
  dis: number;
  inquirers: number;
  ordering: number;
  paying: number;
  sales: number;
  warnings: number;
  online: number;
  rest: number | null;
  offline: number;
}

function douyinDay(s: Slot): DouyinDay {
  const { r, profile: p } = s;
  const sessions = volume(s);
  const buyers = sessions - r.binomial(sessions, 0.06);
  const q = rateAround(s, p.reply3, 0.035);
  const k3 = Math.round(sessions * q);
  const k3Person = Math.min(buyers, Math.round(buyers * clamp(q + 0.012 + r.gauss(0.01), 0, 1)));
  // a new hire's first day has no ratings yet: the export shows `-`, not 0%
  const ratings = isNew(s) && s.firstDay ? 0 : r.binomial(sessions, 0.19);
  const unhappy = r.binomial(ratings, 1 - p.good);
  const dis = r.binomial(unhappy, 0.45);
  const inquirers = r.binomial(sessions, 0.55);
  const paying = r.binomial(inquirers, clamp(s.shop.conversion * p.conversion, 0, 0.9));
  const ordering = paying + r.binomial(inquirers - paying, 0.08);
  const avg = round(p.avgResp * (1 + r.gauss(0.12)), 1);
  return {
    buyers,
    sessions,
    k3,
    k3Person,
    first: round(p.firstResp * (1 + r.gauss(0.15)), 1),
    avg,
    avgNew: round(avg * r.float(1.03, 1.12), 1),
    ratings,
    sat: ratings - unhappy,
    dis,
    inquirers,
    ordering,
    paying,
    sales: round(paying * aov(s), 2),
    warnings: AGENTS[s.agentIndex]!.trait === 'slow' ? r.binomial(3, 0.3) : r.chance(0.03) ? 1 : 0,
    online: round(r.float(7.4, 9.2), 2),
    rest: r.chance(0.05) ? null : round(r.float(0.3, 1.1), 2),
    offline: round(r.float(0.05, 0.5), 2),
  };
}

function douyinRow(shop: string, nick: string, account: string, d: DouyinDay, moneyText: boolean): Cell[] {
  return [
    shop,
    nick,
    account,
    d.buyers,
    d.sessions,
    d.buyers > 0 ? round(d.sessions / d.buyers, 2) : '-',
    pct(d.dis, d.ratings),
    pct(d.k3, d.sessions),
    pct(d.k3Person, d.buyers),
    d.first,
    d.avg,
    d.avgNew,
    pct(d.sat, d.ratings),
    moneyText ? money(d.sales) : d.sales,
    d.inquirers,
    d.ordering,
    d.paying,
    pct(d.paying, d.inquirers),
    d.warnings,
    d.online,
    d.rest ?? '-',
    d.offline,
  ];
}

function douyinTotal(shop: string, days: DouyinDay[], moneyText: boolean): Cell[] {
  const sum = (f: (d: DouyinDay) => number): number => days.reduce((n, d) => n + f(d), 0);
  const sessions = sum((d) => d.sessions);
  const mean = (f: (d: DouyinDay) => number): number => round(sum((d) => f(d) * d.sessions) / sessions, 1);
  const sales = round(
    sum((d) => d.sales),
    2,
  );
  return [
    shop,
    '汇总',
    '-',
    sum((d) => d.buyers),
    sessions,
    '-',
    pct(
      sum((d) => d.dis),
      sum((d) => d.ratings),
    ),
    pct(
      sum((d) => d.k3),
      sessions,
    ),
    pct(
      sum((d) => d.k3Person),
      sum((d) => d.buyers),
    ),
    mean((d) => d.first),
    mean((d) => d.avg),
    mean((d) => d.avgNew),
    pct(
      sum((d) => d.sat),
      sum((d) => d.ratings),
    ),
    moneyText ? money(sales) : sales,
    sum((d) => d.inquirers),
    sum((d) => d.ordering),
    sum((d) => d.paying),
    pct(
      sum((d) => d.paying),
      sum((d) => d.inquirers),
    ),
    sum((d) => d.warnings),
    round(
      sum((d) => d.online),
      2,
    ),
    '-',
    '-',
  ];
}

/** Days of the month whose 云朵美妆店 export was re-saved by Excel as a GBK CSV (encodings must not matter). */
const GBK_DAYS = [6, 20];

function douyinFiles(month: Month, key: 'xinghe' | 'yunduo'): DemoFile[] {
  const shop = SHOPS[key];
  const slots = slotsOf(month, key);
  const moneyText = key === 'xinghe';
  const files: DemoFile[] = [];
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    const today = slots.filter((s) => s.day === day);
    if (today.length === 0) continue;
    const days = today.map(douyinDay);
    const rows: Rows = [
      ['下载数据最多5000条，超出部分会被截断！'],
      [`数据来源：飞鸽 > 数据 > 客服数据（${shop.name}，统计日期 ${day}）`],
      [],
      DOUYIN_HEAD,
      ...today.map((s, i) => douyinRow(shop.name, s.nick, s.account, days[i]!, moneyText)),
      douyinTotal(shop.name, days, moneyText),
    ];
    const base = `飞鸽客服数据_${shop.name}_${day}`;
    const gbk = key === 'yunduo' && GBK_DAYS.includes(Number(day.slice(8)));
    files.push(
      gbk
        ? { name: `${base}.csv`, folder: PLATFORM_ZH.douyin, bytes: gbkCsvBytes(rows) }
        : {
            name: `${base}.xlsx`,
            folder: PLATFORM_ZH.douyin,
            bytes: xlsxBytes([{ name: '客服数据', rows }]),
          },
    );
  }
  return files;
}

// ---------------------------------------------------------------- 快手 客服考核数据 + 满意度数据（数据详情）

export const KS_HEAD = [
  '日期',
  '店铺',
  '客服账号',
  '客服昵称',
  '咨询到人工客服人数',
  '3分钟未回复人数',
  '人工3分钟回复率',
  '满意评价量',
  '一般评价量',
  '失望评价量',
  '好评率',
  '询单人数',
  '支付人数',
  '询单转化率',
  '客服销售额',
];
const KS_DETAIL_HEAD = [
  '统计周期',
  '客服账号',
  '客服昵称',
  '评价人次',
  '好评率',
  '中评率',
  '差评率',
  '服务态度差占比(中评原因)',
  '服务态度差占比(差评原因)',
];

interface KsMonth {
  account: string;
  nick: string;
  n: number;
  sat: number;
  mid: number;
  low: number;
  attMid: number;
  attLow: number;
}

function kuaishouFiles(month: Month): DemoFile[] {
  const shop = SHOPS.kuaile;
  const slots = slotsOf(month, 'kuaile');
  const totals = new Map<string, KsMonth>();
  const rows: Rows = [KS_HEAD];
  for (const s of slots) {
    const { r, profile: p } = s;
    const asked = volume(s);
    const late = asked - Math.round(asked * rateAround(s, Math.min(0.97, p.reply3 + 0.03), 0.03));
    const ratings = r.binomial(asked, 0.3);
    const unhappy = r.binomial(ratings, 1 - p.good);
    const mid = r.binomial(unhappy, 0.55);
    const low = unhappy - mid;
    const inquirers = r.binomial(asked, 0.5);
    const paying = r.binomial(inquirers, clamp(shop.conversion * p.conversion, 0, 0.9));
    const t = totals.get(s.account) ?? {
      account: s.account,
      nick: s.nick,
      n: 0,
      sat: 0,
      mid: 0,
      low: 0,
      attMid: 0,
      attLow: 0,
    };
    t.n += ratings;
    t.sat += ratings - unhappy;
    t.mid += mid;
    t.low += low;
    t.attMid += r.binomial(mid, p.attitude);
    t.attLow += r.binomial(low, clamp(p.attitude * 1.3, 0, 1));
    totals.set(s.account, t);
    rows.push([
      s.day,
      shop.name,
      s.account,
      s.nick,
      asked,
      // the platform fills 3分钟未回复人数 a day late: on the 1st it still shows `-` (the rate is there)
      s.day === monthStart(month) ? '-' : late,
      pct(asked - late, asked),
      ratings - unhappy,
      mid,
      low,
      pct(ratings - unhappy, ratings),
      inquirers,
      paying,
      pct(paying, inquirers),
      round(paying * aov(s), 2),
    ]);
  }
  const period = `${monthStart(month)}~${monthEnd(month)}`;
  const detail: Rows = [
    KS_DETAIL_HEAD,
    ...[...totals.values()].map((t) => [
      period,
      t.account,
      t.nick,
      t.n,
      pct(t.sat, t.n),
      pct(t.mid, t.n),
      pct(t.low, t.n),
      t.mid > 0 ? pct(t.attMid, t.mid) : '-',
      t.low > 0 ? pct(t.attLow, t.low) : '-',
    ]),
  ];
  const range = `${monthStart(month)}至${monthEnd(month)}`;
  return [
    {
      name: `快手客服考核数据_${range}.xlsx`,
      folder: PLATFORM_ZH.kuaishou,
      bytes: xlsxBytes([{ name: '考核数据', rows }]),
    },
    {
      name: `快手满意度数据_数据详情_${range}.xlsx`,
      folder: PLATFORM_ZH.kuaishou,
      bytes: xlsxBytes([{ name: '数据详情', rows: detail }]),
    },
  ];
}

// ---------------------------------------------------------------- 京东 客服管家 → 数据明细

export const JD_HEAD = [
  '客服',
  '接待量',
  '售前接待人数',
  '促成下单人数',
  '促成下单商品金额',
  '平均响应时长（新）',
  '30s应答率',
  '客服3分钟人工回复率',
  '好评量',
  '评价量',
];

interface JdDay {
  reception: number;
  presale: number;
  paying: number;
  amount: number;
  avg: number;
  k30: number;
  k3: number;
  good: number;
  ratings: number;
}

function jdFiles(month: Month): DemoFile[] {
  const slots = slotsOf(month, 'xingchen');
  const files: DemoFile[] = [];
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    const today = slots.filter((s) => s.day === day);
    if (today.length === 0) continue;
    const days: JdDay[] = today.map((s) => {
      const { r, profile: p } = s;
      const reception = volume(s);
      const presale = r.binomial(reception, 0.52);
      const paying = r.binomial(presale, clamp(s.shop.conversion * p.conversion, 0, 0.9));
      const k3 = Math.round(reception * rateAround(s, Math.min(0.98, p.reply3 + 0.04), 0.025));
      const k30 = Math.min(k3, Math.round(reception * rateAround(s, p.reply3 - 0.01, 0.03)));
      const ratings = r.binomial(reception, 0.24);
      return {
        reception,
        presale,
        paying,
        amount: round(paying * aov(s), 2),
        avg: round(p.avgResp * 0.85 * (1 + r.gauss(0.12)), 1),
        k30,
        k3,
        good: r.binomial(ratings, p.good),
        ratings,
      };
    });
    const sum = (f: (d: JdDay) => number): number => days.reduce((n, d) => n + f(d), 0);
    const reception = sum((d) => d.reception);
    const rows: Rows = [
      JD_HEAD,
      ...today.map((s, i) => {
        const d = days[i]!;
        return [
          s.account,
          d.reception,
          d.presale,
          d.paying,
          money(d.amount),
          d.avg,
          pct(d.k30, d.reception),
          pct(d.k3, d.reception),
          d.good,
          d.ratings,
        ];
      }),
      // JD's total row: the 客服 cell is empty
      [
        '',
        reception,
        sum((d) => d.presale),
        sum((d) => d.paying),
        money(sum((d) => d.amount)),
        round(sum((d) => d.avg * d.reception) / reception, 1),
        pct(
          sum((d) => d.k30),
          reception,
        ),
        pct(
          sum((d) => d.k3),
          reception,
        ),
        sum((d) => d.good),
        sum((d) => d.ratings),
      ],
    ];
    files.push({
      name: `京东客服管家_数据明细_${day}.xlsx`,
      folder: PLATFORM_ZH.jd,
      bytes: xlsxBytes([{ name: '整体数据', rows }]),
    });
  }
  return files;
}

// ---------------------------------------------------------------- 淘宝 咨询接待分析 + 千牛 服务体验

export const TB_HEAD = [
  '旺旺昵称',
  '咨询人数',
  '接待人数',
  '未回复人数',
  '有效接待人数',
  '平均响应时长（秒)',
  '3分钟人工响应率',
  '旺旺回复率',
  '首次响应时长（秒)',
  '慢响应人数',
  '答问比',
  '旺旺分组',
];

interface TbMonth {
  account: string;
  sessions: number;
  k3: number;
  respWeighted: number;
  good: number;
  ratings: number;
}

function taobaoFiles(month: Month): DemoFile[] {
  const shop = SHOPS.yunshang;
  const slots = slotsOf(month, 'yunshang');
  const totals = new Map<string, TbMonth>();
  const files: DemoFile[] = [];
  for (const day of eachDay(monthStart(month), monthEnd(month))) {
    const today = slots.filter((s) => s.day === day);
    if (today.length === 0) continue;
    const sums = { consult: 0, reception: 0, unreplied: 0, effective: 0, k3: 0, slow: 0, resp: 0, first: 0 };
    const rows: Rows = [['下载数据最多5000条，超出部分会被截断！'], TB_HEAD];
    for (const s of today) {
      const { r, profile: p } = s;
      const consult = volume(s);
      const unreplied = r.chance(p.missDay) ? r.int(1, 2) : 0;
      const reception = consult - unreplied;
      const effective = reception - r.binomial(reception, 0.09);
      const q = rateAround(s, Math.min(0.98, p.reply3 + 0.02), 0.03);
      const k3 = Math.round(reception * q);
      const resp = round(p.avgResp * (1 + r.gauss(0.12)), 1);
      const first = round(p.firstResp * (1 + r.gauss(0.15)), 1);
      rows.push([
        s.account,
        consult,
        reception,
        unreplied,
        effective,
        resp.toFixed(1),
        pct(k3, reception),
        pct(reception, consult),
        first.toFixed(1),
        reception - k3,
        pctWhole(p.answerRatio * (1 + r.gauss(0.05))),
        s.agentIndex % 2 === 0 ? '售前' : '售后',
      ]);
      sums.consult += consult;
      sums.reception += reception;
      sums.unreplied += unreplied;
      sums.effective += effective;
      sums.k3 += k3;
      sums.slow += reception - k3;
      sums.resp += resp * reception;
      sums.first += first * reception;
      // 千牛 counts sessions (a buyer may open several a day) and answers a little better than the per-buyer view
      const sessions = reception + r.binomial(reception, 0.12);
      const ratings = r.binomial(sessions, 0.2);
      const t = totals.get(s.account) ?? {
        account: s.account,
        sessions: 0,
        k3: 0,
        respWeighted: 0,
        good: 0,
        ratings: 0,
      };
      t.sessions += sessions;
      t.k3 += Math.min(sessions, Math.round(sessions * clamp(q + 0.01, 0, 1)));
      t.respWeighted += resp * sessions;
      t.good += r.binomial(ratings, p.good);
      t.ratings += ratings;
      totals.set(s.account, t);
    }
    rows.push([
      '汇总',
      sums.consult,
      sums.reception,
      sums.unreplied,
      sums.effective,
      (sums.resp / sums.reception).toFixed(1),
      pct(sums.k3, sums.reception),
      pct(sums.reception, sums.consult),
      (sums.first / sums.reception).toFixed(1),
      sums.slow,
      '-',
      '-',
    ]);
    files.push({
      name: `咨询接待分析_${shop.name}_${day}.xls`,
      folder: PLATFORM_ZH.taobao,
      bytes: htmlXlsBytes(rows),
    });
  }
  const list = [...totals.values()];
  files.push({
    name: `千牛服务体验_${shop.name}_${monthStart(month)}~${monthEnd(month)}.xlsx`,
    folder: PLATFORM_ZH.taobao,
    bytes: xlsxBytes([
      {
        name: '按客服查看',
        rows: [
          ['旺旺账号名称', '平均响应时长', '人工接待会话量', '3分钟人工响应率'],
          ...list.map((t) => [
            t.account,
            (t.respWeighted / t.sessions).toFixed(1),
            t.sessions,
            pct(t.k3, t.sessions),
          ]),
        ],
      },
      {
        name: '旺旺账号咨询接待能力明细',
        rows: [
          ['旺旺账号名称', '满意评价量', '旺旺评价量'],
          ...list.map((t) => [t.account, t.good, t.ratings]),
        ],
      },
    ]),
  });
  return files;
}

// ---------------------------------------------------------------- 客服花名册

const ROSTER_HEAD = ['姓名', '工号', '团队', '平台', '店铺', '客服账号', '生效日期', '失效日期'];

function hireDay(month: Month, agent: DemoAgent): Day {
  return monthStart(addMonths(month, -agent.tenure));
}

function rosterFile(month: Month): DemoFile {
  const rows: Rows = [ROSTER_HEAD];
  const owned = ownerships(month);
  AGENTS.forEach((agent, i) => {
    agent.seats.forEach((seat) => {
      const o = owned.find((x) => x.agentIndex === i && x.account === accountOf(seat))!;
      const platform: Platform = SHOPS[seat.shop].platform;
      const from = seat.since === 'mid' ? o.from : hireDay(month, agent);
      rows.push([
        agent.name,
        agent.no,
        agent.team,
        PLATFORM_ZH[platform],
        SHOPS[seat.shop].name,
        o.account,
        from,
        seat.until === 'mid' ? o.to : '',
      ]);
    });
  });
  return { name: '客服花名册.xlsx', folder: '', bytes: xlsxBytes([{ name: '花名册', rows }]) };
}

/**
 * The demo files for a month (default: the month before `now`, China time), roster first. The same month always
 * gives the same bytes.
 */
export function generateDemo(opts: { now: number; month?: Month }): DemoMonth {
  const month = opts.month ?? previousMonth(opts.now);
  return {
    month,
    files: [
      rosterFile(month),
      ...douyinFiles(month, 'xinghe'),
      ...douyinFiles(month, 'yunduo'),
      ...kuaishouFiles(month),
      ...jdFiles(month),
      ...taobaoFiles(month),
      ...demoEventFiles(month),
    ],
  };
}

/** The shops and agents the demo covers, for summaries. */
export const DEMO_SHOPS = Object.values(SHOPS).map((s) => ({ platform: s.platform, shop: s.name }));
export const DEMO_AGENT_COUNT = AGENTS.length;
