/**
 * Who the demo month is about: five client shops on the four platforms and a 24-person outsourced team in three
 * groups. A few agents serve two platforms, and one Douyin account changes hands mid-month (date-ranged ownership).
 */
import type { Platform } from '../../shared/domain';
import { clamp, rng } from './random';

export type ShopKey = 'xinghe' | 'yunduo' | 'kuaile' | 'xingchen' | 'yunshang';

export interface DemoShop {
  key: ShopKey;
  platform: Platform;
  name: string;
  /** Daily volume of one full-time agent on a weekday (sessions, buyers or 接待量 by platform). */
  base: number;
  /** Average order value range, yuan. */
  aov: [number, number];
  /** Share of inquirers who pay. */
  conversion: number;
}

export const SHOPS: Record<ShopKey, DemoShop> = {
  xinghe: {
    key: 'xinghe',
    platform: 'douyin',
    name: '星河旗舰店',
    base: 78,
    aov: [129, 189],
    conversion: 0.32,
  },
  yunduo: {
    key: 'yunduo',
    platform: 'douyin',
    name: '云朵美妆店',
    base: 56,
    aov: [89, 149],
    conversion: 0.27,
  },
  kuaile: {
    key: 'kuaile',
    platform: 'kuaishou',
    name: '快乐小店',
    base: 62,
    aov: [49, 89],
    conversion: 0.24,
  },
  xingchen: {
    key: 'xingchen',
    platform: 'jd',
    name: '京东星辰自营',
    base: 92,
    aov: [259, 429],
    conversion: 0.22,
  },
  yunshang: {
    key: 'yunshang',
    platform: 'taobao',
    name: '云裳女装旗舰店',
    base: 70,
    aov: [159, 259],
    conversion: 0.3,
  },
};

/** Where a seat's ownership starts or ends inside the month: `mid` = the 15th (hand-over day). */
type Edge = 'mid';

export interface Seat {
  shop: ShopKey;
  /** 花名 shown by the platform; the account is `店铺:花名`. */
  nick: string;
  since?: Edge;
  until?: Edge;
}

/** What makes an agent stand out in the demo (most agents have none and pass their thresholds). */
export type Trait = 'slow' | 'low_good' | 'rude' | 'new';

export interface DemoAgent {
  name: string;
  no: string;
  team: '一组' | '二组' | '三组';
  seats: Seat[];
  trait?: Trait;
  /** Months since hire before the demo month (the roster's 生效日期). */
  tenure: number;
}

const a = (
  name: string,
  no: string,
  team: DemoAgent['team'],
  seats: Seat[],
  tenure: number,
  trait?: Trait,
): DemoAgent => (trait ? { name, no, team, seats, tenure, trait } : { name, no, team, seats, tenure });

export const AGENTS: DemoAgent[] = [
  a('李青', 'E001', '一组', [{ shop: 'xinghe', nick: '阿青' }], 14),
  a('王满', 'E002', '一组', [{ shop: 'xinghe', nick: '小满' }], 9),
  a('赵磊', 'E003', '一组', [{ shop: 'xinghe', nick: '大壮' }], 3, 'slow'),
  a('陈晨', 'E004', '一组', [{ shop: 'xinghe', nick: '晨晨' }], 11),
  a(
    '刘洋',
    'E005',
    '一组',
    [
      { shop: 'xinghe', nick: '洋洋' },
      { shop: 'kuaile', nick: '洋洋' },
    ],
    20,
  ),
  a('杨帆', 'E006', '一组', [{ shop: 'xinghe', nick: '帆帆' }], 7),
  a(
    '韩冰',
    'E007',
    '一组',
    [
      { shop: 'xinghe', nick: '冰冰' },
      { shop: 'yunshang', nick: '冰冰' },
    ],
    16,
  ),
  a('黄蕾', 'E008', '一组', [{ shop: 'yunduo', nick: '蕾蕾' }], 8),
  a(
    '周晓',
    'E009',
    '二组',
    [
      { shop: 'yunduo', nick: '小鹿', until: 'mid' },
      { shop: 'kuaile', nick: '晓晓', since: 'mid' },
    ],
    12,
  ),
  a('吴敏', 'E010', '二组', [{ shop: 'yunduo', nick: '小鹿', since: 'mid' }], 0, 'new'),
  a('郑爽', 'E011', '二组', [{ shop: 'yunduo', nick: '爽爽' }], 6),
  a('孙悦', 'E012', '二组', [{ shop: 'yunduo', nick: '悦悦' }], 10),
  a('马丽', 'E013', '二组', [{ shop: 'kuaile', nick: '小美' }], 13),
  a('朱婷', 'E014', '二组', [{ shop: 'kuaile', nick: '婷婷' }], 4, 'rude'),
  a('胡杰', 'E015', '二组', [{ shop: 'kuaile', nick: '阿杰' }], 9),
  a(
    '林峰',
    'E016',
    '二组',
    [
      { shop: 'kuaile', nick: '阿峰' },
      { shop: 'xingchen', nick: '阿峰' },
    ],
    18,
  ),
  a('何静', 'E017', '三组', [{ shop: 'xingchen', nick: '小静' }], 15),
  a('高远', 'E018', '三组', [{ shop: 'xingchen', nick: '小高' }], 5),
  a('罗琳', 'E019', '三组', [{ shop: 'xingchen', nick: '琳琳' }], 4, 'low_good'),
  a(
    '冯宇',
    'E020',
    '三组',
    [
      { shop: 'xingchen', nick: '小宇' },
      { shop: 'yunshang', nick: '小宇' },
    ],
    22,
  ),
  a('梁雨', 'E021', '三组', [{ shop: 'yunshang', nick: '小雨' }], 17),
  a('宋花', 'E022', '三组', [{ shop: 'yunshang', nick: '阿花' }], 8),
  a('谢婉', 'E023', '三组', [{ shop: 'yunshang', nick: '婉婉' }], 6),
  a('唐糖', 'E024', '三组', [{ shop: 'yunshang', nick: '糖糖' }], 3),
];

/** How an agent tends to work; the days scatter around it. */
export interface Profile {
  /** Share of a full-time seat's volume (two-platform agents split their day). */
  volume: number;
  reply3: number;
  avgResp: number;
  firstResp: number;
  good: number;
  /** Share of mid/low ratings citing 服务态度差 (Kuaishou). */
  attitude: number;
  /** Multiplier on the shop's conversion. */
  conversion: number;
  answerRatio: number;
  /** Probability that a day has unreplied buyers (淘宝 旺旺回复率 below 100%). */
  missDay: number;
  /** 0 = Monday … 4 = Friday: the weekday this agent rests (weekends are all hands). */
  restDay: number;
}

/** The same agent behaves the same way every month: the profile is keyed by 工号 only. */
export function profileOf(agent: DemoAgent, index: number): Profile {
  const r = rng(`profile|${agent.no}`);
  const p: Profile = {
    volume: (agent.seats.length > 1 ? 0.6 : 1) * r.float(0.85, 1.15),
    reply3: r.float(0.88, 0.95),
    avgResp: r.float(13, 24),
    firstResp: 0,
    good: r.float(0.87, 0.95),
    attitude: r.float(0.004, 0.015),
    conversion: r.float(0.85, 1.15),
    answerRatio: r.float(1.36, 1.62),
    missDay: index % 3 === 0 ? 0.12 : 0,
    restDay: (index * 2) % 5,
  };
  switch (agent.trait) {
    case 'slow':
      Object.assign(p, { reply3: 0.7, avgResp: 46, answerRatio: 1.18, conversion: 0.8 });
      break;
    case 'low_good':
      p.good = 0.72;
      break;
    case 'rude':
      Object.assign(p, { attitude: 0.16, good: 0.77 });
      break;
    case 'new':
      Object.assign(p, { reply3: 0.86, avgResp: 27, volume: 0.8 });
      break;
  }
  p.firstResp = clamp(p.avgResp * r.float(0.45, 0.6), 4, 40);
  return p;
}

export function accountOf(seat: Seat): string {
  return `${SHOPS[seat.shop].name}:${seat.nick}`;
}
