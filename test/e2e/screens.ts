/**
 * The screens of the app with the demo month, as the screenshot run visits them (issue 11 item 9): how to open each
 * one and wait for its data, the headers the lead must see, and popups to close again. No vitest here: the screenshot
 * script loads it too.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { E2E_NOW } from './helpers';
import { hiddenHeaders, measureLayout, partProblems } from './screen-check';

export interface Screen {
  name: string;
  /** goes there and waits until the screen shows its data */
  open: (page: Page) => Promise<void>;
  /** header texts the lead must see without scrolling sideways */
  headers?: string[];
  /** tables (data-testid) that must show every column without a sideways scroll */
  fits?: string[];
  /** parts (data-testid) where no text may be shortened with … (ids, file names, the bands, card titles) */
  whole?: string[];
  /** a popup over the page: photographed as the window shows it, not the whole page */
  viewport?: boolean;
  /** undo what `open` left open (a drawer, a popover) */
  close?: (page: Page) => Promise<void>;
}

const visible = (page: Page, selector: string): Promise<void> =>
  page.locator(selector).first().waitFor({ timeout: 20_000 });

const route = (name: string, hash: string, ready: string, headers?: string[]): Screen => ({
  name,
  headers,
  open: async (page) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await visible(page, ready);
  },
});

const settingsTab = (tab: string, ready: string, headers?: string[]): Screen => ({
  name: `settings-${tab}`,
  headers,
  open: async (page) => {
    await page.evaluate(`location.hash = '#/settings?month=2026-10'`);
    await page.click(`[data-testid="settings-tab-${tab}"]`);
    await visible(page, ready);
  },
});

export const SCREENS: Screen[] = [
  route('overview', '#/overview?month=2026-10', '[data-testid="overview-page"] canvas'),
  {
    name: 'scorecards',
    headers: ['客服', '最终得分'],
    open: async (page) => {
      await page.evaluate(`location.hash = '#/scorecards?month=2026-10'`);
      await page.click('[data-testid="tab-agents"]');
      await visible(page, '[data-testid="table-agents"] .ant-table-row');
    },
  },
  {
    name: 'scorecards-accounts',
    headers: ['账号'],
    open: async (page) => {
      await page.evaluate(`location.hash = '#/scorecards?month=2026-10'`);
      await page.click('[data-testid="tab-accounts"]');
      await visible(page, '[data-testid="table-accounts"] .ant-table-row');
    },
  },
  {
    name: 'scorecards-shops',
    headers: ['店铺'],
    open: async (page) => {
      await page.evaluate(`location.hash = '#/scorecards?month=2026-10'`);
      await page.click('[data-testid="tab-shops"]');
      await visible(page, '[data-testid="table-shops"] [data-testid="sparkline"] canvas');
    },
  },
  {
    // 会话ID and file names whole (wrapped), not ending in …
    name: 'drill-drawer',
    viewport: true,
    whole: ['evidence-rounds', 'drill-rows'],
    open: async (page) => {
      await page.evaluate(`location.hash = '#/scorecards?month=2026-10'`);
      await page.click('[data-testid="tab-agents"]');
      await page.locator('[data-testid="table-agents"] button[data-testid="metric-value"]').first().click();
      await visible(page, '[data-testid="drill-drawer"] [data-testid="drill-days"]');
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="drill-drawer"]').waitFor({ state: 'hidden' });
    },
  },
  route('agent', '#/agent/5?month=2026-10', '[data-testid="agent-score-trend"] canvas', ['考核项', '本月值']),
  route('ratings', '#/ratings?month=2026-10', '[data-testid="rt-trend-chart"] canvas', [
    '服务态度差中差评率',
    '申诉',
  ]),
  route('exams', '#/exams?month=2026-10', '[data-testid="ex-table"] .ant-table-row', ['客服', '状态']),
  {
    // all nine inputs of a KPI item in the editor column at 1280, none behind a sideways scroll
    ...route('schemes', '#/schemes?month=2026-10', '[data-testid="whatif-panel"] .ant-table-row', [
      '权重',
      '排名',
      '最小样本',
      '否决',
    ]),
    fits: ['items-table'],
    whole: ['scheme-editor'],
  },
  {
    // the import history with 状态 and 撤销 in view at 1280, no sideways scroll
    ...route('import', '#/import', '[data-testid="import-history"] .ant-table-row', ['文件', '状态', '操作']),
    fits: ['import-history'],
  },
  // 最终得分 and 等级 next to 姓名, in view without scrolling the 20-odd columns
  route('sheet', '#/sheet?month=2026-10', '[data-testid="sheet-table"] .ant-table-row', [
    '排名',
    '姓名',
    '最终得分',
    '等级',
    '店铺',
  ]),
  settingsTab('roster', '[data-testid="roster-table"] .ant-table-row', ['姓名']),
  settingsTab('accounts', '[data-testid="roster-accounts"]'),
  settingsTab('shops', '[data-testid="settings-shops"]'),
  settingsTab('rules', '[data-testid="rules-table-douyin"]'),
  settingsTab('mappings', '[data-testid="mappings-list"]'),
  settingsTab('data', '[data-testid="reconcile-table"] .ant-table-row', ['汇总值', '明细计算值', '差异']),
  settingsTab('alerts', '[data-testid="settings-alerts"]'),
  settingsTab('db', '[data-testid="settings-db"]'),
  settingsTab('about', '[data-testid="settings-about"]'),
  {
    name: 'alerts-bell',
    viewport: true,
    open: async (page) => {
      await page.evaluate(`location.hash = '#/overview?month=2026-10'`);
      await page.click('[data-testid="alerts-bell"]');
      await visible(page, '[data-testid="alerts-panel"]');
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.mouse.click(700, 10);
      await page.locator('[data-testid="alerts-panel"]').waitFor({ state: 'hidden' });
    },
  },
];

/**
 * What is still cut off in components a change does not touch: listed in the report instead of failing the run.
 * `width screen: text` prefixes. Empty: every screen is clean at both widths.
 */
export const KNOWN_CUT: { match: RegExp; why: string }[] = [];

/** The two window sizes every screen is photographed at. */
export const SCREEN_SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

/**
 * Opens every screen at both sizes, writes `<root>/<width>/<screen>.png`, and returns what is cut off (`problems`;
 * `known`: those of KNOWN_CUT), which tables scroll sideways and which texts end in … (`wide`, `ellipsis`: allowed,
 * listed for the reviewer).
 */
export async function photographScreens(
  page: Page,
  root: string,
  only?: (s: Screen) => boolean,
): Promise<{ problems: string[]; known: string[]; wide: string[]; ellipsis: string[] }> {
  const problems: string[] = [];
  const wide: string[] = [];
  const ellipsis: string[] = [];
  // the renderer's “today” is the browser's clock: the host's fixed one (SCOREDESK_NOW), so 考试预警 counts days the
  // same way on every run
  await page.clock.setFixedTime(new Date(`${E2E_NOW.replace(' ', 'T')}+08:00`));
  for (const size of SCREEN_SIZES) {
    const dir = join(root, String(size.width));
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize(size);
    for (const s of SCREENS.filter(only ?? (() => true))) {
      await s.open(page);
      await page.mouse.move(size.width - 2, size.height - 2);
      await page.waitForTimeout(500);
      if (s.viewport) await page.screenshot({ path: join(dir, `${s.name}.png`) });
      else {
        // a window as tall as the page rather than a stitched page: the side menu and sticky scroll bars then sit
        // where they would
        const height = await page.evaluate<number>('document.documentElement.scrollHeight');
        await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(dir, `${s.name}.png`) });
        await page.setViewportSize(size);
      }
      const at = `${size.width} ${s.name}`;
      const layout = await measureLayout(page);
      if (layout.pageOverflow > 1)
        problems.push(`${at}: the page scrolls sideways by ${layout.pageOverflow}px`);
      if (layout.contentOverflow > 1)
        problems.push(`${at}: the content is ${layout.contentOverflow}px wider than its column`);
      for (const c of layout.clipped) problems.push(`${at}: cut off: ${c}`);
      for (const h of await hiddenHeaders(page, s.headers ?? []))
        problems.push(`${at}: header not in view: ${h}`);
      for (const p of await partProblems(page, s)) problems.push(`${at}: ${p}`);
      for (const t of layout.scrollingTables) wide.push(`${at}: ${t}`);
      for (const t of layout.ellipsis) ellipsis.push(`${at}: ${t}`);
      await s.close?.(page);
    }
  }
  const known = problems.filter((p) => KNOWN_CUT.some((k) => k.match.test(p)));
  return { problems: problems.filter((p) => !known.includes(p)), known, wide, ellipsis };
}
