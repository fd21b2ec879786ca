/**
 * 中差评 as an xlsx (and the 申诉 list): the shop and account figures of the screen with their numerators and
 * denominators, and the rating rows as listed, filtered as on screen. Rates are numbers with the 0.00% format, counts
 * integers; the rows are in the table's default order (newest 归属日 first).
 */
import { aboveLimit, fractionValue } from '../../../../shared/charts-events';
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';
import type { CellValue, ExportColumn, TableSheet } from '../../ui/table-xlsx';
import { APPEAL_ZH, levelSplit, pendingAppeals } from './rating-utils';

const PCT = '0.00%';
const INT = '#,##0';

/** The account cell of a shop's own row. */
export const SHOP_TOTAL = '店铺合计';

export interface RatingsExportInput {
  /** the shops shown (the shop filter applied) */
  shops: readonly RatingSummary[];
  /** the accounts shown (both filters applied) */
  accounts: readonly RatingSummary[];
  /** every rating of the month: the per-level split and the pending appeals are counted from all of them */
  allRatings: readonly RatingRowView[];
  /** the rating rows shown (every filter applied) */
  rows: readonly RatingRowView[];
  /** `platform|shop|account` → agent (null: not bound) */
  agents: ReadonlyMap<string, string | null>;
  /** a finished month has no projection columns */
  monthOver: boolean;
}

function ratioColumns(monthOver: boolean): ExportColumn[] {
  return [
    { title: '平台' },
    { title: '店铺' },
    { title: '账号' },
    { title: '客服' },
    { title: '服务态度差中差评率', format: PCT },
    { title: '服务态度差中差评', format: INT },
    { title: '中差评', format: INT },
    { title: '红线', format: PCT },
    { title: '是否超红线' },
    { title: '一般', format: INT },
    { title: '一般中服务态度差', format: INT },
    { title: '失望', format: INT },
    { title: '失望中服务态度差', format: INT },
    { title: '好评率', format: PCT },
    { title: '好评', format: INT },
    { title: '评价', format: INT },
    { title: '好评率考核线', format: PCT },
    { title: '回到考核线还需满意评价', format: INT },
    ...(monthOver
      ? []
      : [
          { title: '月末预计', format: PCT },
          { title: '本月还可承受', format: INT },
        ]),
    { title: '申诉中', format: INT },
    { title: '若申诉全部成功', format: PCT },
    { title: '说明' },
  ];
}

function ratioRow(s: RatingSummary, allRatings: readonly RatingRowView[], monthOver: boolean): CellValue[] {
  const over = aboveLimit(s.bad_attitude_ratio, s.attitude_limit);
  const split = levelSplit(s, allRatings);
  const pending = pendingAppeals(allRatings, s);
  const proj = s.projection;
  const fraction = (f: { num: number; den: number } | null): [CellValue, CellValue, CellValue] =>
    f && f.den > 0 ? [fractionValue(f), f.num, f.den] : [null, null, null];
  const note = [s.reconciliation?.bad_attitude_ratio, s.reconciliation?.good_rate].filter(Boolean).join('；');
  return [
    PLATFORM_ZH[s.platform],
    s.shop,
    s.account ?? SHOP_TOTAL,
    s.account === null ? null : (s.agent ?? '未绑定'),
    ...fraction(s.bad_attitude_ratio),
    s.attitude_limit,
    over === null ? '本月无中差评' : over ? '超过红线' : '未超红线',
    s.attitude.neutral,
    split?.neutral ?? null,
    s.attitude.dissatisfied,
    split?.dissatisfied ?? null,
    ...fraction(s.good_rate),
    s.good_threshold,
    s.good_threshold !== null ? s.recovery : null,
    ...(monthOver
      ? []
      : [
          fractionValue(proj?.bad_attitude_ratio),
          // the budget is the shop's: its card says it, the account table does not
          s.account === null && proj ? proj.budget_now : null,
        ]),
    pending,
    pending > 0 ? fractionValue(proj?.if_appeals_succeed.bad_attitude_ratio) : null,
    note || null,
  ];
}

/** 店铺与账号: each shop's own row, then its accounts shown on screen. */
export function ratiosSheet(input: RatingsExportInput): TableSheet {
  const rows: CellValue[][] = [];
  for (const shop of input.shops) {
    rows.push(ratioRow(shop, input.allRatings, input.monthOver));
    for (const a of input.accounts)
      if (a.platform === shop.platform && a.shop === shop.shop)
        rows.push(ratioRow(a, input.allRatings, input.monthOver));
  }
  return { name: '店铺与账号', columns: ratioColumns(input.monthOver), rows };
}

const ROW_COLUMNS: ExportColumn[] = [
  { title: '评价归属日' },
  { title: '邀评时间' },
  { title: '评价时间' },
  { title: '平台' },
  { title: '店铺' },
  { title: '账号' },
  { title: '客服' },
  { title: '买家' },
  { title: '等级' },
  { title: '原因' },
  { title: '服务态度差' },
  { title: '渠道' },
  { title: '是否计入' },
];

/** The 是否计入 column: 计入, or why not (已剔除、考核时段外), and 机器人 (not the agent's). */
export function countedText(r: RatingRowView): string {
  const why = [r.removed && '已剔除', r.outside_window && '考核时段外', r.robot && '机器人'].filter(
    (x): x is string => !!x,
  );
  return why.length ? why.join('、') : '计入';
}

function rowCells(r: RatingRowView, agents: ReadonlyMap<string, string | null>): CellValue[] {
  const agent = agents.get(`${r.platform}|${r.shop}|${r.account}`);
  return [
    r.day,
    r.sent_at?.replace('T', ' ') ?? null,
    r.rated_at.replace('T', ' '),
    PLATFORM_ZH[r.platform],
    r.shop,
    r.account || null,
    // a robot-served rating is nobody's
    r.robot || agent === undefined ? null : (agent ?? '未绑定'),
    r.buyer,
    r.level,
    r.reasons || null,
    r.cites_attitude ? '是' : null,
    r.channel,
    countedText(r),
  ];
}

/** The table's default order: 评价归属日, then 评价时间, newest first (ties keep their order). */
export function screenOrder(rows: readonly RatingRowView[]): RatingRowView[] {
  return [...rows].sort((a, b) => -(a.day.localeCompare(b.day) || a.rated_at.localeCompare(b.rated_at)));
}

/** 中差评明细: the rows shown, with their appeal. */
export function ratingRowsSheet(input: Pick<RatingsExportInput, 'rows' | 'agents'>): TableSheet {
  return {
    name: '中差评明细',
    columns: [...ROW_COLUMNS, { title: '申诉' }],
    rows: screenOrder(input.rows).map((r) => [
      ...rowCells(r, input.agents),
      r.appeal ? APPEAL_ZH[r.appeal] : null,
    ]),
  };
}

/** 申诉: the rows shown that carry an appeal mark, the status first. */
export function appealsSheet(input: Pick<RatingsExportInput, 'rows' | 'agents'>): TableSheet {
  return {
    name: '申诉',
    columns: [{ title: '申诉状态' }, ...ROW_COLUMNS],
    rows: screenOrder(input.rows).flatMap((r) =>
      r.appeal ? [[APPEAL_ZH[r.appeal], ...rowCells(r, input.agents)]] : [],
    ),
  };
}

/** The whole screen: 店铺与账号, 中差评明细, 申诉. */
export function ratingsWorkbook(input: RatingsExportInput): TableSheet[] {
  return [ratiosSheet(input), ratingRowsSheet(input), appealsSheet(input)];
}
