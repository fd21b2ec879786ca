/**
 * The monthly performance sheet (月度绩效表, kpi.md §5), written with ExcelJS because SheetJS Community Edition cannot
 * write fills. Five sheets: 绩效汇总, 指标明细, 服务态度差, 考试预警, 口径说明. 客户版 adds the shop-level table on
 * 绩效汇总 below the agents, after two blank rows and a caption, outside the auto-filter.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { isMonth } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import { round2 } from '../../shared/exact';
import type { SchemeItem } from '../../shared/kpi/scheme';
import { METRICS, metricsFor, type MetricId } from '../../shared/metrics';
import { SOURCE_ZH, type MetricValue, type ShopReport, type Threshold } from '../../shared/report';
import { meets } from '../../shared/rollup';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import {
  EMPTY,
  FMT,
  colLetter,
  fitColumns,
  fitRowHeights,
  metricFormat,
  num,
  plainFormat,
  prefixed,
  previewOf,
  text,
  writeHeader,
  writeRow,
  writeTitle,
  type OutCell,
} from './cells';
import { writeExplanation } from './explain';
import { STATUS_ZH, opSign, platformZh, thresholdText } from './labels';
import type { PreviewTable, SheetPreview } from '../../shared/sheet-preview';
import { collectSheetData, type SheetAgent, type SheetData, type Variant } from './sheet-data';
import type { EventSource } from './events';

export type { SheetPreview } from '../../shared/sheet-preview';
export type { Variant } from './sheet-data';

export const SHEET_NAMES = ['绩效汇总', '指标明细', '服务态度差', '考试预警', '口径说明'] as const;

const VARIANT_ZH: Record<Variant, string> = { client: '客户版', payroll: '薪资版' };

/** File-system-safe: scheme and client names are typed by the lead and may contain / or :. */
export function sheetFileName(
  scheme: string,
  month: Month,
  variant: Variant,
  client: string | null = null,
): string {
  // eslint-disable-next-line no-control-regex
  const safe = (t: string): string => t.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  const who = client === null ? '' : `${safe(client) || '客户'}_`;
  return `月度绩效表_${safe(scheme) || '方案'}_${who}${month}_${VARIANT_ZH[variant]}.xlsx`;
}

// ---------------------------------------------------------------- 绩效汇总

function summaryHeader(d: SheetData): string[] {
  return [
    '排名',
    '姓名',
    ...(d.variant === 'payroll' ? ['工号'] : []),
    '团队',
    '店铺',
    ...d.scheme.items.flatMap((i) => [METRICS[i.metric].zh, `${METRICS[i.metric].zh}得分`]),
    'KPI得分',
    'KCI得分',
    '扣分',
    '最终得分',
    '等级',
    ...(d.variant === 'payroll' ? ['出勤天数', '客服销售额', '奖金'] : []),
    '备注',
  ];
}

const score2 = (x: number | null): number | null => (x === null ? null : round2(x));

function itemCells(item: SchemeItem, s: SheetAgent['items'][number]): OutCell[] {
  const fmt = metricFormat(item.metric);
  const failing = s.failing.length
    ? `未达平台考核线（${s.failing
        .map(
          (f) =>
            `${platformZh(f.platform)}${f.threshold ? ` ${thresholdText(item.metric, f.threshold)}` : ''}`,
        )
        .join('；')}）`
    : null;
  let value: OutCell;
  if (s.reason === 'small_sample') {
    // left out of the KPI, but a failing value still costs a platform-breach deduction: say so beside the sample
    const note = [`样本少（${s.sample ?? '—'}）`, failing].filter(Boolean).join('；');
    value = num(s.value, fmt, { mark: 'small_sample', note });
  } else if (failing) {
    value = num(s.value, fmt, { mark: 'fail', note: failing });
  } else if (s.score === 0) {
    value = num(s.value, fmt, {
      mark: 'fail',
      note: item.scoring === 'bands' ? '低于最低档，得 0 分' : '未达保底值，得 0 分',
    });
  } else {
    value = num(s.value, fmt);
  }
  const score =
    s.score === 0
      ? num(0, FMT.score, {
          mark: 'fail',
          ...(s.reason === 'veto' ? { note: '一票否决：未达平台考核线' } : {}),
        })
      : num(score2(s.score), FMT.score);
  return [value, score];
}

function remarks(d: SheetData, a: SheetAgent): string {
  const out: string[] = [];
  if (a.kpi.final === null) out.push('所有考核项无数据或样本少，不计分、不参与排名');
  else if (!a.kpi.ranked)
    out.push(`出勤 ${a.kpi.worked_days} 天，少于 ${d.scheme.min_working_days} 天，不参与排名`);
  if (a.kpi.kci_missing.length) out.push(`KCI 未录入：${a.kpi.kci_missing.join('、')}（按 0 分计）`);
  const small = a.items.filter((i) => i.reason === 'small_sample').map((i) => METRICS[i.metric].zh);
  if (small.length) out.push(`样本少未计分：${small.join('、')}`);
  const none = a.items.filter((i) => i.reason === 'no_data').map((i) => METRICS[i.metric].zh);
  if (none.length && a.kpi.final !== null) out.push(`无数据未计分：${none.join('、')}`);
  return out.join('；');
}

function deductionNote(a: SheetAgent): string | undefined {
  const d = a.kpi.deduction_detail;
  const parts = [
    d.exam_warning ? `考试预警 ${d.exam_warning} 分` : '',
    d.exam_overdue ? `逾期考试 ${d.exam_overdue} 分` : '',
    d.platform_breach ? `平台考核线未达标 ${d.platform_breach} 分` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : undefined;
}

function summaryRows(d: SheetData): OutCell[][] {
  return d.agents.map((a) => {
    const k = a.kpi;
    const kci = k.kci_missing.length
      ? num(round2(k.kci_total), FMT.score, {
          mark: 'kci_missing',
          note: `未录入：${k.kci_missing.join('、')}（按 0 分计）`,
        })
      : num(round2(k.kci_total), FMT.score);
    const note = deductionNote(a);
    return [
      k.ranked && k.rank !== null
        ? num(k.rank, FMT.days, { align: 'center' })
        : text('不参与排名', { align: 'center' }),
      text(a.agent),
      ...(d.variant === 'payroll' ? [text(a.employee_no ?? '')] : []),
      text(a.team ?? ''),
      // an agent can serve many shops: wrap so the numbers stay on screen
      text(
        a.shops
          .map((s) => s.shop)
          .filter((s, i, all) => all.indexOf(s) === i)
          .join('、'),
        { wrap: true },
      ),
      ...d.scheme.items.flatMap((item, i) => itemCells(item, a.items[i]!)),
      num(score2(k.kpi_total), FMT.score),
      kci,
      // negative, as on screen (−6): the column reads as points taken off, not as a score
      num(k.deductions === 0 ? 0 : -round2(k.deductions), FMT.points, note ? { note } : {}),
      num(score2(k.final), FMT.score, { bold: true }),
      text(k.grade ?? '', { bold: true, align: 'center' }),
      ...(d.variant === 'payroll'
        ? [
            num(k.worked_days, FMT.days),
            num(a.sales_amount, FMT.money),
            num(k.bonus, FMT.money, { bold: true }),
          ]
        : []),
      text(remarks(d, a), { wrap: true }),
    ];
  });
}

// ------------------------------------------------------- 客户版: shop table

const SHOP_HEADER = [
  '平台',
  '店铺',
  '指标',
  '本月值',
  '合同目标',
  '是否达到目标',
  '平台考核线',
  '是否达标',
  '状态',
];

/** The contract target of an item: its `target`, or for bands the bound of the top band. */
function contractTarget(item: SchemeItem): number | null {
  if (item.scoring === 'bands') return item.bands?.[0]?.at ?? null;
  return item.target ?? null;
}

const yesNo = (x: boolean | null): OutCell =>
  x === null ? EMPTY : x ? text('是', { align: 'center' }) : text('否', { mark: 'fail', align: 'center' });

/** Scheme items that exist on the platform, then any other metric with a platform threshold and a value. */
function shopMetrics(d: SheetData, shop: ShopReport): MetricId[] {
  const items = d.scheme.items
    .map((i) => i.metric)
    .filter((m) => METRICS[m].platforms.includes(shop.platform));
  const others = metricsFor(shop.platform).filter(
    (m) =>
      !items.includes(m) &&
      shop.metrics[m]?.threshold &&
      shop.metrics[m]?.value !== null &&
      shop.metrics[m] !== undefined,
  );
  return [...items, ...others];
}

function ruleThreshold(d: SheetData, platform: ShopReport['platform'], metric: MetricId): Threshold | null {
  const v = d.rules.find((r) => r.platform === platform && r.key === `threshold.${metric}`)?.value;
  return typeof v === 'object' && v !== null && 'op' in v && 'value' in v ? (v as Threshold) : null;
}

function shopRows(d: SheetData): OutCell[][] {
  return d.shops.flatMap((shop) =>
    shopMetrics(d, shop).map((m) => {
      const mv: MetricValue | undefined = shop.metrics[m];
      const fmt = metricFormat(m);
      const item = d.scheme.items.find((i) => i.metric === m);
      const target = item ? contractTarget(item) : null;
      const value = mv?.value ?? null;
      const reached =
        item && target !== null && value !== null && mv?.numerator != null
          ? meets(mv.numerator, mv.denominator, { op: item.direction === 'up' ? '>=' : '<=', value: target })
          : null;
      // a scope shop without data still shows the line it will be held to
      const t = mv?.threshold ?? ruleThreshold(d, shop.platform, m);
      const valueCell = mv?.small_sample
        ? num(value, fmt, { mark: 'small_sample', note: `样本少（${mv.denominator ?? '—'}）` })
        : mv?.pass === false
          ? num(value, fmt, { mark: 'fail', note: t ? `未达平台考核线 ${thresholdText(m, t)}` : undefined })
          : num(value, fmt);
      return [
        text(platformZh(shop.platform)),
        text(shop.shop),
        text(METRICS[m].zh),
        valueCell,
        item && target !== null ? num(target, prefixed(fmt, item.direction === 'up' ? '≥ ' : '≤ ')) : EMPTY,
        yesNo(reached),
        t ? num(t.value, prefixed(fmt, opSign(t.op))) : EMPTY,
        yesNo(mv?.pass ?? null),
        text(mv?.status ? STATUS_ZH[mv.status] : '', { align: 'center' }),
      ];
    }),
  );
}

function printSetup(ws: Worksheet, title: string, titleRows?: string): void {
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  // & starts a header/footer code; a scheme named "A&B" must print as typed
  ws.headerFooter = {
    oddHeader: `&C&"-,Bold"${title.replace(/&/g, '&&')}`,
    oddFooter: '&C第 &P 页，共 &N 页',
  };
}

function writeSummary(
  wb: Workbook,
  d: SheetData,
  title: string,
): { agents: PreviewTable; shops: PreviewTable | null } {
  const ws = wb.addWorksheet(SHEET_NAMES[0], {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2', activeCell: 'C2' }],
  });
  const header = summaryHeader(d);
  const rows = summaryRows(d);
  writeHeader(ws, 1, header);
  rows.forEach((r, i) => writeRow(ws, i + 2, r));
  if (rows.length === 0) writeRow(ws, 2, [text('方案范围内本月没有客服数据')], false);
  ws.autoFilter = `A1:${colLetter(header.length)}${rows.length + 1}`;
  const fit: (readonly (OutCell | string)[])[] = [header, ...rows];

  let shops: PreviewTable | null = null;
  if (d.variant === 'client') {
    const srows = shopRows(d);
    const start = rows.length + 4;
    writeTitle(ws, start, '店铺平台指标：合同目标（方案目标值）与平台考核线', SHOP_HEADER.length);
    writeHeader(ws, start + 1, SHOP_HEADER);
    srows.forEach((r, i) => writeRow(ws, start + 2 + i, r));
    if (srows.length === 0) writeRow(ws, start + 2, [text('方案范围内本月没有店铺数据')], false);
    fit.push(SHOP_HEADER, ...srows);
    shops = previewOf(SHOP_HEADER, srows);
  }
  fitColumns(ws, fit);
  fitRowHeights(ws, 2, rows);
  ws.getRow(1).height = 30;
  printSetup(ws, title, '1:1');
  return { agents: previewOf(header, rows), shops };
}

// ---------------------------------------------------------------- 指标明细

const DETAIL_HEADER = [
  '客服',
  '平台',
  '店铺',
  '账号',
  '指标',
  '值',
  '分子',
  '分母',
  '考核线',
  '是否达标',
  '状态',
  '来源',
  '备注',
];

/** 来源: 平台导出 / 明细计算 / 混合 with the days from each (the value's own source, metrics.md §5). */
function sourceText(mv: MetricValue | undefined): string {
  if (!mv?.source) return '';
  if (mv.source !== 'mixed') return SOURCE_ZH[mv.source];
  return `混合（导出 ${mv.source_days?.summary ?? 0} 天·明细 ${mv.source_days?.events ?? 0} 天）`;
}

function writeDetail(wb: Workbook, d: SheetData, names: Map<number, string>, title: string): void {
  const ws = wb.addWorksheet(SHEET_NAMES[1], {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
  });
  const itemIds = d.scheme.items.map((i) => i.metric);
  const rows: OutCell[][] = [];
  for (const { account, owners } of d.accounts) {
    const ids = metricsFor(account.platform);
    const shown = [
      ...itemIds.filter((m) => ids.includes(m)),
      ...ids.filter(
        (m) =>
          !itemIds.includes(m) &&
          account.metrics[m]?.threshold &&
          account.metrics[m]?.value !== null &&
          account.metrics[m] !== undefined,
      ),
    ];
    const who = owners.map((o) => names.get(o) ?? String(o)).join('、');
    for (const m of shown) {
      const mv = account.metrics[m];
      const fmt = metricFormat(m);
      const notes: string[] = [];
      if (mv?.small_sample) notes.push(`样本少（${mv.denominator ?? '—'}）`);
      if (mv?.approximate) notes.push('近似值（由平台比率或均值换算）');
      if (owners.length > 1) notes.push('月内交接：为账号整月合计');
      if (mv === undefined || mv.value === null) notes.push('无数据');
      const value = mv?.small_sample
        ? num(mv.value, fmt, { mark: 'small_sample', note: `样本少（${mv.denominator ?? '—'}）` })
        : mv?.pass === false
          ? num(mv.value, fmt, { mark: 'fail' })
          : num(mv?.value ?? null, fmt);
      rows.push([
        text(who),
        text(platformZh(account.platform)),
        text(account.shop),
        text(account.account),
        text(METRICS[m].zh),
        value,
        mv?.numerator != null && mv.value !== null ? num(mv.numerator, plainFormat(mv.numerator)) : EMPTY,
        mv?.denominator != null && mv.value !== null
          ? num(mv.denominator, plainFormat(mv.denominator))
          : EMPTY,
        text(mv?.threshold ? thresholdText(m, mv.threshold) : ''),
        yesNo(mv?.pass ?? null),
        text(mv?.status ? STATUS_ZH[mv.status] : '', { align: 'center' }),
        text(sourceText(mv), { align: 'center' }),
        text(notes.join('；'), { wrap: true }),
      ]);
    }
  }
  writeHeader(ws, 1, DETAIL_HEADER);
  rows.forEach((r, i) => writeRow(ws, i + 2, r));
  if (rows.length === 0) writeRow(ws, 2, [text('方案范围内本月没有归属到客服的账号数据')], false);
  ws.autoFilter = `A1:${colLetter(DETAIL_HEADER.length)}${Math.max(1, rows.length) + 1}`;
  fitColumns(ws, [DETAIL_HEADER, ...rows]);
  fitRowHeights(ws, 2, rows);
  ws.getRow(1).height = 30;
  printSetup(ws, title, '1:1');
}

// ------------------------------------------------------------ event sheets

function writeEvents(
  wb: Workbook,
  name: (typeof SHEET_NAMES)[number],
  source: EventSource,
  title: string,
): void {
  if (!source.available) {
    const ws = wb.addWorksheet(name);
    const row: OutCell[] = [text('暂无事件数据', { bold: true }), text(source.reason)];
    writeRow(ws, 1, row, false);
    fitColumns(ws, [row], 6, 80);
    printSetup(ws, title);
    return;
  }
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
  });
  // free-text columns wrap; the others (dates, date-times, accounts) are sized to their whole text, not to half of
  // it as a header string would be: 2026-10-27 13:05 and 消极服务：未解决买家问题 must read in full
  const wrapped = new Set(['预警原因', '不满意原因', '说明', '考试记录']);
  const rows: OutCell[][] = source.rows.map((r) =>
    r.map((c, i) => text(c, wrapped.has(source.header[i] ?? '') ? { wrap: true } : {})),
  );
  writeHeader(ws, 1, source.header);
  rows.forEach((r, i) => writeRow(ws, i + 2, r));
  ws.autoFilter = `A1:${colLetter(source.header.length)}${rows.length + 1}`;
  fitColumns(ws, [source.header, ...rows], 6, 60);
  fitRowHeights(ws, 2, rows);
  ws.getRow(1).height = 30;
  printSetup(ws, title, '1:1');
}

/**
 * Builds the monthly sheet of one scheme (kpi.md §5). A locked month is written from its sign-off snapshot. Throws
 * UserError for an unknown scheme or a month before the scheme's first version.
 */
export async function buildMonthlySheet(
  db: Db,
  opts: { month: Month; scheme: string; variant: Variant; now: number; client?: string | null },
): Promise<{ name: string; bytes: Uint8Array; preview: SheetPreview }> {
  // the hosts validate too; this keeps a typo from producing 月度绩效表_…_undefined.xlsx
  if (!isMonth(opts.month)) throw new UserError(`月份格式应为 YYYY-MM：${opts.month}`);
  if (opts.variant !== 'client' && opts.variant !== 'payroll') {
    throw new UserError(`版本应为 client（客户版）或 payroll（薪资版）：${String(opts.variant)}`);
  }
  const d = collectSheetData(db, opts);
  const name = sheetFileName(d.scheme.name, d.month, d.variant, d.client);
  const title = `月度绩效表 ${d.scheme.name}${d.client === null ? '' : ` ${d.client}`} ${d.month} ${VARIANT_ZH[d.variant]}`;
  const names = new Map(
    (db.prepare('SELECT id, name FROM agents').all() as { id: number; name: string }[]).map((a) => [
      a.id,
      a.name,
    ]),
  );
  // a locked month shows the names it was signed off with
  for (const a of d.agents) names.set(a.agent_id, a.agent);

  const wb = new Workbook();
  wb.creator = 'ScoreDesk';
  wb.created = new Date(d.now * 1000);
  wb.modified = wb.created;
  wb.title = title;

  const summary = writeSummary(wb, d, title);
  writeDetail(wb, d, names, title);
  writeEvents(wb, SHEET_NAMES[2], d.events.ratings, title);
  writeEvents(wb, SHEET_NAMES[3], d.events.exams, title);
  const explanation = wb.addWorksheet(SHEET_NAMES[4]);
  writeExplanation(explanation, d, title);
  printSetup(explanation, title);

  const buf = await wb.xlsx.writeBuffer();
  const notes = [...d.notes];
  if (!d.events.ratings.available) notes.push(`服务态度差：${d.events.ratings.reason}`);
  if (!d.events.exams.available) notes.push(`考试预警：${d.events.exams.reason}`);
  return {
    name,
    bytes: new Uint8Array(buf),
    preview: {
      file_name: name,
      month: d.month,
      scheme: d.scheme.name,
      variant: d.variant,
      client: d.client,
      locked: d.lock.locked,
      ...summary.agents,
      shop_table: summary.shops,
      notes,
    },
  };
}
