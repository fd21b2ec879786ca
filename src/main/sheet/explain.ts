/**
 * 口径说明: what the numbers in the other sheets mean and where they came from — the scheme, the rule versions, the
 * import batches, when the sheet was made and whether the month is signed off (kpi.md §5).
 */
import type { Worksheet } from 'exceljs';
import { chinaDateTime, daysInMonth, monthEnd } from '../../shared/china-time';
import type { Band, SchemeItem } from '../../shared/kpi/scheme';
import { METRICS, SMALL_SAMPLE_MIN } from '../../shared/metrics';
import { ruleSinceZh, ruleSourceZh } from '../../shared/rule-names';
import {
  EMPTY,
  FMT,
  displayWidth,
  fitColumns,
  fitRowHeights,
  metricFormat,
  num,
  plainFormat,
  text,
  restyle,
  writeHeader,
  writeRow,
  writeTitle,
  type OutCell,
} from './cells';
import { DEDUCTION_ZH, STATUS_ZH, platformZh, ruleKeyZh, ruleValueText } from './labels';
import type { SheetData } from './sheet-data';

const WIDTH = 9;
const HASH_COL = 8;

function bandsText(item: SchemeItem): string {
  const f = metricFormat(item.metric);
  const sign = item.direction === 'up' ? '≥ ' : '≤ ';
  return (item.bands ?? []).map((b: Band) => `${sign}${f.show(b.at)} → ${b.score} 分`).join('；');
}

function itemRow(item: SchemeItem): OutCell[] {
  const f = metricFormat(item.metric);
  return [
    text(METRICS[item.metric].zh),
    num(item.weight, plainFormat(item.weight)),
    text(item.direction === 'up' ? '越高越好' : '越低越好'),
    text(item.scoring === 'linear' ? '线性' : '分档'),
    item.scoring === 'linear' && item.target !== undefined ? num(item.target, f) : EMPTY,
    item.scoring === 'linear' && item.floor !== undefined ? num(item.floor, f) : EMPTY,
    text(item.scoring === 'bands' ? bandsText(item) : '', { wrap: true }),
    item.min_sample !== undefined ? num(item.min_sample, FMT.count) : text('默认'),
    text(item.veto ? '是' : '否'),
  ];
}

function definitions(d: SheetData): string[] {
  const m = SMALL_SAMPLE_MIN;
  const lines = [
    '比率 = 当月 Σ分子 ÷ Σ分母（各账号、各天的分子分母先相加再相除），不是每日比率的平均值；比率以百分比显示。',
    '时长为按会话量加权的平均值（秒）；金额单位为元；答问比为比值（1.45 = 145%）。',
    '空白单元格 = 无数据（没有导入，或分母为 0），不是 0。',
    `样本少：分母低于最少样本数（评价 ${m.ratings}、会话 ${m.sessions}、人数 ${m.buyers}、轮次 ${m.rounds}、询单人数 ${m.inquirers}；方案可为单项另设），该项不计分，其余考核项按权重重新归一；黄色底并注明“样本少（N）”。`,
    '红色底：指标值未达平台考核线，或该项得分为 0。平台考核线取当月最后一天生效的规则版本。',
    '一个指标在多个平台都有值时，按平台分别计分，再按分母加权平均；显示的值为按分母加权的合并值。',
    'KPI得分 = Σ(权重 × 单项得分) ÷ Σ(计分项权重)；KCI得分 = Σ(权重 × 录入分 ÷ 满分 × 100) ÷ Σ权重，未录入按 0 分计。',
    `最终得分 = max(0, KPI得分 × ${d.scheme.kpi_share}% + KCI得分 × ${d.scheme.kci_share}% − 扣分)；扣分列以负数显示（−6 即扣 6 分）；平台考核线未达标按（客服、平台、指标）逐项扣分。`,
    `等级与排名按最终得分保留两位小数（四舍五入）；同分同名次（1, 1, 3）；出勤少于 ${d.scheme.min_working_days} 天的客服照常计分但不参与排名。`,
    '出勤天数 = 有任何按日接待数据的天数；只有整月汇总数据（没有按日数据）的客服按整月计。',
  ];
  if (d.variant === 'payroll') {
    lines.push(
      `奖金 = 基数 × 等级系数 × 出勤天数 ÷ 当月天数（${daysInMonth(d.month)}）+ 提成比例 × 客服销售额，保留两位小数。`,
    );
  } else {
    lines.push('客户版只含方案范围内的店铺，不含奖金、出勤与薪资信息。');
  }
  lines.push(
    `状态：${STATUS_ZH.final} = 数据在统计日 D+2 之后导入；${STATUS_ZH.provisional} = 平台还可能修订；${STATUS_ZH.reimport_needed} = 已过 D+2 仍是暂定数据，请重新下载导入。`,
    '客服与账号的归属按花名册的生效日期逐日判断；一个账号当月有多位负责人时，指标明细列出账号整月合计。',
    '所有时间均为北京时间（UTC+8）。',
  );
  return lines;
}

/** Writes 口径说明 onto an empty worksheet. */
export function writeExplanation(ws: Worksheet, d: SheetData, title: string): void {
  const s = d.scheme;
  let r = 1;
  const fit: (readonly (OutCell | string)[])[] = [];
  const paragraphs: { row: number; text: string }[] = [];

  const gap = (): void => {
    r++;
  };
  const section = (name: string): void => {
    writeTitle(ws, r++, name, WIDTH);
  };
  const kv = (key: string, value: OutCell | string): void => {
    const k = text(key, { bold: true });
    writeRow(ws, r++, [k, typeof value === 'string' ? text(value) : { ...value, align: 'left' }], false);
    // values are free text that may overflow to the right; only keys size the column
    fit.push([k]);
  };
  const tables: { start: number; rows: OutCell[][] }[] = [];
  const table = (header: string[], rows: OutCell[][], sized = rows): void => {
    writeHeader(ws, r++, header);
    if (rows.length === 0) writeRow(ws, r++, [text('（无）')], false);
    tables.push({ start: r, rows });
    for (const row of rows) writeRow(ws, r++, row);
    fit.push(header, ...sized);
  };
  const paragraph = (t: string): void => {
    paragraphs.push({ row: r, text: t });
    writeRow(ws, r++, [text(t)], false);
  };

  writeTitle(ws, r++, `${title} · 口径说明`, WIDTH, 14);
  gap();

  section('基本信息');
  kv('方案', s.name);
  kv('月份', d.month);
  kv('版本', d.variant === 'client' ? '客户版' : '薪资版');
  kv('生成时间', `${chinaDateTime(d.now)}（北京时间）`);
  kv(
    '月份状态',
    d.lock.locked
      ? `已锁定（${d.lock.locked_at ?? ''} 锁定${d.lock.note ? `；${d.lock.note}` : ''}）`
      : '未锁定（数据可能还会变化）',
  );
  if (d.lock.locked && d.lock.pending_changes > 0)
    kv('锁定后变更', `${d.lock.pending_changes} 个账号有锁定后到达的数据，解锁后才计入`);
  kv('客服人数', num(d.agents.length, FMT.count));
  gap();

  section('考核方案');
  kv('名称', s.name);
  kv('生效月份', s.effective_from);
  kv(
    '适用店铺',
    [
      ...(s.scope.client ? [`客户“${s.scope.client}”的全部店铺`] : []),
      ...s.scope.shops.map((x) => `${platformZh(x.platform)}·${x.shop}`),
    ].join('、') || '全部店铺',
  );
  if (d.client !== null) kv('本表客户', `${d.client}（只含该客户的店铺和在这些店铺工作的客服）`);
  kv('KPI 占比', `${s.kpi_share}%`);
  kv('KCI 占比', `${s.kci_share}%`);
  kv('最少出勤天数', `${s.min_working_days} 天（不足不参与排名）`);
  gap();

  section('KPI 考核项');
  table(
    ['指标', '权重', '方向', '评分方式', '目标值', '保底值', '分档', '最少样本', '一票否决'],
    s.items.map(itemRow),
  );
  gap();

  section('KCI 项');
  table(
    ['名称', '权重', '满分'],
    s.kci_items.map((k) => [
      text(k.name),
      num(k.weight, plainFormat(k.weight)),
      num(k.max, plainFormat(k.max)),
    ]),
  );
  gap();

  section('扣分项');
  table(
    ['扣分项', '每次扣分'],
    s.deductions.map((x) => [text(DEDUCTION_ZH[x.kind]), num(x.points, plainFormat(x.points))]),
  );
  gap();

  section('等级');
  const payroll = d.variant === 'payroll';
  table(
    payroll ? ['等级', '最低分', '奖金系数'] : ['等级', '最低分'],
    s.grades.map((g) => {
      const row = [text(g.grade), num(g.min, FMT.score)];
      return payroll ? [...row, num(s.bonus.coefficient[g.grade] ?? 0, FMT.ratio)] : row;
    }),
  );
  gap();

  if (payroll) {
    section('奖金');
    kv('基数', num(s.bonus.base, FMT.money));
    kv('提成比例', num(s.bonus.commission_rate, FMT.rate));
    kv('公式', '奖金 = 基数 × 等级系数 × 出勤天数 ÷ 当月天数 + 提成比例 × 客服销售额（保留两位小数）');
    gap();
  }

  section(`平台规则（${monthEnd(d.month)} 生效的版本）`);
  table(
    ['平台', '规则', '值', '生效日期', '失效日期', '来源'],
    d.rules.map((x) => [
      text(platformZh(x.platform)),
      text(ruleKeyZh(x.key)),
      text(ruleValueText(x.key, x.value)),
      text(ruleSinceZh(x.effective_from)),
      text(x.effective_to ?? ''),
      text(ruleSourceZh(x.source)),
    ]),
  );
  gap();

  const batchHeader = [
    '文件',
    '导入时间（北京时间）',
    '统计期间',
    '平台',
    '店铺',
    '格式',
    '导入行数',
    // the file's SHA-256, named for what the lead uses it for: telling two copies of a file apart
    '文件校验码',
  ];
  const batchRow = (b: SheetData['batches'][number]): OutCell[] => [
    text(b.file_name),
    text(b.imported_at),
    text(b.period_from && b.period_to ? `${b.period_from}~${b.period_to}` : ''),
    text(b.platform ? platformZh(b.platform) : ''),
    text(b.shop ?? ''),
    text(b.layout === 'roster' ? '客服花名册' : b.layout_zh),
    num(b.rows.accepted, FMT.count),
    text(b.sha256),
  ];
  // the hash is 64 characters: it must not widen the column that other tables share, so it wraps instead
  const batchRows = d.batches.map(batchRow);
  const rosterRows = d.roster_batches.map(batchRow);
  section(`导入批次（统计期间与 ${d.month} 重叠的有效批次${d.lock.locked ? '，锁定前导入' : ''}）`);
  const batchStart = r + 1;
  table(
    batchHeader,
    batchRows,
    batchRows.map((x) => x.slice(0, HASH_COL - 1)),
  );
  const batchEnd = r;
  gap();
  section('花名册（客服与账号归属）');
  const rosterStart = r + 1;
  table(
    batchHeader,
    rosterRows,
    rosterRows.map((x) => x.slice(0, HASH_COL - 1)),
  );
  const rosterEnd = r;
  gap();

  section('事件数据');
  kv(
    '服务态度差',
    d.events.ratings.available ? '见「服务态度差」表' : `暂无事件数据：${d.events.ratings.reason}`,
  );
  kv('考试预警', d.events.exams.available ? '见「考试预警」表' : `暂无事件数据：${d.events.exams.reason}`);
  gap();

  section('口径定义');
  for (const line of definitions(d)) paragraph(line);
  if (d.notes.length) {
    gap();
    section('特别说明');
    for (const n of d.notes) paragraph(n);
  }

  fitColumns(ws, fit, 8, 40);
  for (const t of tables) fitRowHeights(ws, t.start, t.rows);
  const hashCol = ws.getColumn(HASH_COL);
  hashCol.width = Math.max(hashCol.width ?? 10, 34);
  for (const [from, to] of [
    [batchStart, batchEnd],
    [rosterStart, rosterEnd],
  ] as const) {
    for (let i = from; i < to; i++) {
      const c = ws.getRow(i).getCell(HASH_COL);
      if (c.value) {
        restyle(c, { alignment: { wrapText: true, vertical: 'top' } });
        ws.getRow(i).height = 30;
      }
    }
  }

  // a paragraph spans the table width and wraps: overflowing text would be cut off when printed
  let total = 0;
  for (let i = 1; i <= WIDTH; i++) total += ws.getColumn(i).width ?? 10;
  for (const p of paragraphs) {
    // restyled before the merge: the merged cells take the first cell's style, as when it was changed in place
    restyle(ws.getRow(p.row).getCell(1), { alignment: { wrapText: true, vertical: 'top' } });
    ws.mergeCells(p.row, 1, p.row, WIDTH);
    ws.getRow(p.row).height = 16 * Math.max(1, Math.ceil((displayWidth(p.text) + 2) / total));
  }
}
