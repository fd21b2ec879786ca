/**
 * 导出 Excel and 打印 with the demo month (issue 11 item 3): 中差评 as a workbook (店铺与账号, 中差评明细 as filtered on
 * screen, 申诉) and its appeal list alone, 对账 with both sources and the difference, and the print views of 中差评 and
 * of the page per agent — no navigation on paper, the content whole, a PDF out of headless Chromium
 * (test-results/print/*.png and *.pdf).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { RatingsMonthView } from '../../src/shared/events-view';
import { SCREENSHOT_DIR, apiCall, loadDemo, openApp } from './helpers';
import { useAppSession } from './app-session';

const PRINT_DIR = join(SCREENSHOT_DIR, 'print');
/** A4 at 96 dpi: what the print layout is laid out at, for the screenshots in print media */
const A4 = { width: 794, height: 1123 };

async function download(page: Page, testId: string): Promise<{ name: string; wb: XLSX.WorkBook }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  const path = await d.path();
  return { name: d.suggestedFilename(), wb: XLSX.read(readFileSync(path), { cellStyles: true }) };
}

/** The cells of a sheet's column, header first, as shown (`w`) or as stored (`v`). */
function column(ws: XLSX.WorkSheet, col: string, shown = false): unknown[] {
  const out: unknown[] = [];
  for (let r = 1; ws[`A${r}`]; r++) {
    const c = ws[`${col}${r}`] as XLSX.CellObject | undefined;
    out.push(c ? (shown ? c.w : c.v) : null);
  }
  return out;
}

function cell(ws: XLSX.WorkSheet, ref: string): XLSX.CellObject | undefined {
  return ws[ref] as XLSX.CellObject | undefined;
}
const val = (ws: XLSX.WorkSheet, ref: string): unknown => cell(ws, ref)?.v ?? null;
const shownAs = (ws: XLSX.WorkSheet, ref: string): string | undefined => cell(ws, ref)?.w;

function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

describe('导出 Excel and 打印', () => {
  const app = useAppSession(async (host) => {
    await loadDemo(host);
    // one appeal: ks_537316's 失望 citing 服务态度差 (10-28, 快乐小店:婷婷)
    const month = await apiCall<RatingsMonthView>(host, 'ratings:month', { month: '2026-10' });
    const row = month.ratings.find((r) => r.buyer === 'ks_537316');
    if (!row) throw new Error('the demo has no rating of ks_537316');
    await apiCall(host, 'ratings:appeal', { key: row.key, status: 'pending' });
  });

  it('exports 中差评 as on screen: the shop and its accounts, every row shown, the appeals', async () => {
    const { page, errors } = app;
    await openApp(page, app.host);
    await page.evaluate(`location.hash = '#/ratings?month=2026-10'`);
    await page.locator('[data-testid="rt-shop-card"]').waitFor({ timeout: 30_000 });

    const { name, wb } = await download(page, 'rt-export');
    expect(name).toBe('中差评_2026-10.xlsx');
    expect(wb.SheetNames).toEqual(['店铺与账号', '中差评明细', '申诉']);
    const ratios = wb.Sheets['店铺与账号']!;
    // October is over (the clock is at 11-20): no projection columns
    expect(XLSX.utils.sheet_to_json<string[]>(ratios, { header: 1 })[0]).toEqual([
      '平台',
      '店铺',
      '账号',
      '客服',
      '服务态度差中差评率',
      '服务态度差中差评',
      '中差评',
      '红线',
      '是否超红线',
      '一般',
      '一般中服务态度差',
      '失望',
      '失望中服务态度差',
      '好评率',
      '好评',
      '评价',
      '好评率考核线',
      '回到考核线还需满意评价',
      '申诉中',
      '若申诉全部成功',
      '说明',
    ]);
    // the shop as its card shows it: 11.01% = 37/336 against 6%, 一般 35 (12 citing 服务态度差), 失望 12 (1),
    // 好评率 87.55% = 2,363/2,699; the appeal would bring the rows' 13/47 to 12/46 = 26.09%
    expect(['A2', 'B2', 'C2', 'D2'].map((c) => val(ratios, c))).toEqual([
      '快手',
      '快乐小店',
      '店铺合计',
      null,
    ]);
    expect(ratios['E2']).toMatchObject({ t: 'n', v: 37 / 336, z: '0.00%', w: '11.01%' });
    expect(['F2', 'G2', 'I2', 'J2', 'K2', 'L2', 'M2'].map((c) => shownAs(ratios, c))).toEqual([
      '37',
      '336',
      '超过红线',
      '35',
      '12',
      '12',
      '1',
    ]);
    expect(ratios['H2']).toMatchObject({ v: 0.06, w: '6.00%' });
    expect(ratios['N2']).toMatchObject({ t: 'n', v: 2363 / 2699, w: '87.55%' });
    expect(ratios['S2']).toMatchObject({ v: 1 });
    expect(ratios['T2']).toMatchObject({ v: 12 / 46, w: '26.09%' });
    // then its six accounts, as the account table lists them
    expect(column(ratios, 'C').slice(2)).toEqual([
      '快乐小店:阿峰',
      '快乐小店:阿杰',
      '快乐小店:婷婷',
      '快乐小店:小美',
      '快乐小店:晓晓',
      '快乐小店:洋洋',
    ]);
    // 婷婷, over the line: 32/143
    expect(column(ratios, 'E', true)[4]).toBe('22.38%');

    // 54 rows as in the table, newest first, the appeal with its row
    const rows = wb.Sheets['中差评明细']!;
    expect(column(rows, 'A')).toHaveLength(55);
    expect([val(rows, 'A2'), val(rows, 'H2')]).toEqual(['2026-10-31', 'ks_525267']);
    const buyers = column(rows, 'H');
    expect(column(rows, 'N')[buyers.indexOf('ks_537316')]).toBe('申诉中');
    expect(column(rows, 'N').filter((v) => v !== null)).toEqual(['申诉', '申诉中']);
    const appeals = wb.Sheets['申诉']!;
    expect(column(appeals, 'A')).toEqual(['申诉状态', '申诉中']);
    expect([val(appeals, 'B2'), val(appeals, 'I2'), val(appeals, 'J2')]).toEqual([
      '2026-10-28',
      'ks_537316',
      '失望',
    ]);

    // the appeal list alone
    const alone = await download(page, 'rt-export-appeals');
    expect(alone.name).toBe('中差评申诉_2026-10.xlsx');
    expect(alone.wb.SheetNames).toEqual(['申诉']);
    expect(column(alone.wb.Sheets['申诉']!, 'I')).toEqual(['买家', 'ks_537316']);

    // filtered on screen, filtered in the file
    await page.click('[data-testid="rt-only-attitude"]');
    // the card title counts the rows shown: 中差评明细 N
    const title = await page
      .locator('.ant-card', { has: page.locator('[data-testid="rt-ratings"]') })
      .locator('.ant-card-head-title')
      .textContent();
    const n = Number(/中差评明细\s*(\d+)/.exec(title ?? '')?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(54);
    const filtered = await download(page, 'rt-export');
    const cited = filtered.wb.Sheets['中差评明细']!;
    expect(column(cited, 'A')).toHaveLength(n + 1);
    expect(new Set(column(cited, 'K').slice(1))).toEqual(new Set(['是']));
    await page.click('[data-testid="rt-only-attitude"]');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 90_000);

  it('exports 对账 with both sources, each in its metric’s format, and the difference as on screen', async () => {
    const { page } = app;
    await page.evaluate(`location.hash = '#/settings?month=2026-10'`);
    await page.click('[data-testid="settings-tab-data"]');
    await page.locator('[data-testid="reconcile-table"] .ant-table-row').first().waitFor({ timeout: 30_000 });
    const onScreen = (await page.locator('[data-testid="reconcile-diff"]').first().textContent())?.trim();

    const { name, wb } = await download(page, 'reconcile-export');
    expect(name).toBe('对账_2026-10.xlsx');
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]).toEqual([
      '平台',
      '店铺',
      '账号',
      '指标',
      '汇总值',
      '汇总分子',
      '汇总分母',
      '明细计算值',
      '明细分子',
      '明细分母',
      '差异',
      '采用',
    ]);
    // all 47 rows of October (the table pages them by 20)
    expect(column(ws, 'A')).toHaveLength(48);
    // 阿青's 3-minute rate: 2,279/2,439 = 93.44% in the summary, 279/300 = 93.00% from the chats: −0.44pp
    expect(['A2', 'B2', 'C2', 'D2'].map((c) => val(ws, c))).toEqual([
      '抖音',
      '星河旗舰店',
      '星河旗舰店:阿青',
      '3分钟人工回复率',
    ]);
    expect(ws['E2']).toMatchObject({ t: 'n', v: 2279 / 2439, z: '0.00%', w: '93.44%' });
    expect(['F2', 'G2', 'I2', 'J2'].map((c) => val(ws, c))).toEqual([2279, 2439, 279, 300]);
    expect(ws['H2']).toMatchObject({ t: 'n', v: 0.93, w: '93.00%' });
    expect(ws['K2']).toMatchObject({ t: 'n', v: -0.44, w: '-0.44pp' });
    expect(onScreen).toBe('−0.44pp');
    expect(val(ws, 'L2')).toBe('汇总');
    // 首次响应时长 in seconds in the same columns: 27,310.7 s / 2,439 = 11.2秒
    expect(val(ws, 'D3')).toBe('首次响应时长');
    expect(ws['E3']).toMatchObject({ t: 'n', w: '11.2秒' });
  }, 60_000);

  it('prints 中差评: the month, the shop’s ratio and every rating row, without the navigation', async () => {
    const { page } = app;
    mkdirSync(PRINT_DIR, { recursive: true });
    await page.evaluate(`location.hash = '#/ratings?month=2026-10'`);
    await page.locator('[data-testid="rt-shop-card"]').waitFor({ timeout: 30_000 });
    await page.setViewportSize(A4);
    await page.emulateMedia({ media: 'print' });
    try {
      const view = page.locator('[data-testid="rt-print"]');
      await view.waitFor();
      for (const hidden of [
        '.ant-layout-sider',
        '.sd-header',
        '[data-testid="rt-print-button"]',
        '[data-testid="rt-filters"]',
        '[data-testid="rt-shop-card"]',
        '[data-testid="rt-ratings"]',
      ])
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      expect(await page.textContent('[data-testid="rt-print"] h1')).toBe('中差评 · 2026年10月');
      expect(await page.textContent('[data-testid="rt-print-month"]')).toContain('全月数据');
      const shop = (await page.textContent('[data-testid="rt-print-shops"] tbody tr')) ?? '';
      for (const t of ['快手 · 快乐小店', '11.01%', '37/336', '超过红线 ≤ 6%', '87.55%'])
        expect(shop).toContain(t);
      // every row, not the first page of 20
      expect(await page.locator('[data-testid="rt-print-rows"] tbody tr').count()).toBe(54);
      expect(await page.locator('[data-testid="rt-print-accounts"] tbody tr').count()).toBe(6);
      await page.screenshot({ path: join(PRINT_DIR, 'ratings-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      writeFileSync(join(PRINT_DIR, 'ratings.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    // back on screen: the print view is gone, the page is whole again
    await page.locator('[data-testid="rt-print"]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="rt-shop-card"]').isVisible()).toBe(true);
  }, 60_000);

  it('prints the page per agent: the 成绩卡 alone on the first sheet, then every table row by row', async () => {
    const { page } = app;
    await page.evaluate(`location.hash = '#/agent/5?month=2026-10'`);
    await page.locator('[data-testid="agent-score-trend"] canvas').first().waitFor({ timeout: 30_000 });
    await page.setViewportSize(A4);
    await page.emulateMedia({ media: 'print' });
    try {
      for (const hidden of [
        '.ant-layout-sider',
        '.sd-header',
        '[data-testid="agent-print"]',
        '[data-testid="agent-png"]',
      ])
        expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
      expect(await page.locator('[data-testid="agent-card"]').isVisible()).toBe(true);
      expect(await page.textContent('[data-testid="card-final"]')).toBe('89.84B');
      const style = (selector: string, prop: string): Promise<string> =>
        page.evaluate<string>(
          `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(prop)})`,
        );
      expect(await style('[data-testid="agent-card"]', 'break-after')).toBe('page');
      expect(await style('[data-testid="agent-metrics"] tbody tr', 'break-inside')).toBe('avoid');
      // the charts are drawn no wider than the paper
      const chart = await page.evaluate<number>(
        `document.querySelector('[data-testid="agent-score-trend"] canvas').getBoundingClientRect().width`,
      );
      expect(chart).toBeLessThanOrEqual(660);
      await page.screenshot({ path: join(PRINT_DIR, 'agent-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      writeFileSync(join(PRINT_DIR, 'agent.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, 60_000);
});
