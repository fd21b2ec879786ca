/** Domain vocabulary shared by every layer. Pure TypeScript: no node, electron or DOM. */

export const PLATFORMS = ['douyin', 'kuaishou', 'jd', 'taobao'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_ZH: Record<Platform, string> = {
  douyin: '抖音',
  kuaishou: '快手',
  jd: '京东',
  taobao: '淘宝',
};

/** Words a file or a user may use for a platform. */
const PLATFORM_ALIASES: Record<string, Platform> = {
  douyin: 'douyin',
  抖音: 'douyin',
  抖店: 'douyin',
  飞鸽: 'douyin',
  kuaishou: 'kuaishou',
  快手: 'kuaishou',
  jd: 'jd',
  京东: 'jd',
  taobao: 'taobao',
  淘宝: 'taobao',
  天猫: 'taobao',
  tmall: 'taobao',
  千牛: 'taobao',
};

export function parsePlatform(text: string | null | undefined): Platform | null {
  if (!text) return null;
  return PLATFORM_ALIASES[text.trim().toLowerCase()] ?? null;
}

/** Name of the per-shop pseudo-account that carries sessions no agent was assigned to. */
export const UNASSIGNED_ACCOUNT = '未分配';

/** `YYYY-MM-DD`, a China calendar day. */
export type Day = string;
/** `YYYY-MM`, a natural month. */
export type Month = string;
