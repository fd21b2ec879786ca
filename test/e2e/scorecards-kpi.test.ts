/**
 * 客服 scorecards with KPI in the browser host: the roster and two Douyin days scored on 星河-测试方案 (KCI 质检 entered
 * through the API) show 李青 53.79 / D / 2 with 6 points deducted and 赵六 96.00 / A / 1, and 李青's item breakdown
 * (the arithmetic is in test/integration/kpi.test.ts). Then the 10-05 chat records and the exam warnings come in: the
 * drill-down of 星河旗舰店:阿青's 3-minute rate lists the round of buyer B1 that waited 4分0秒, and the overview lists
 * the exam warning that is overdue. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { RosterView } from '../../src/shared/settings';
import { SCREENSHOT_DIR, apiCall, fixture, goTo, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

// .ant-table-row, not tr: the 客服 table is virtual (its rows are divs)
function rowOf(page: Page, table: string, name: string): Locator {
  return page
    .locator(`[data-testid="table-${table}"] .ant-table-row`, {
      has: page.locator('[data-testid="row-name"]', { hasText: name }),
    })
    .first();
}

const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').trim();

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
}

describe('scorecards: KPI scores, the item breakdown and the drill-down evidence', () => {
  const app = useAppSession(async (host) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await importAll(
      host,
      fixture('roster', '客服花名册.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-04.csv'),
    );
    const scheme: unknown = JSON.parse(readFileSync(fixture('kpi', '测试方案.json'), 'utf8'));
    await apiCall(host, 'scheme:save', { scheme });
    const roster = await apiCall<RosterView>(host, 'roster:list');
    const id = (name: string): number => roster.agents.find((a) => a.name === name)!.id;
    await apiCall(host, 'kci:save', { agent_id: id('李青'), month: '2026-10', item: '质检', value: 90 });
    await apiCall(host, 'kci:save', { agent_id: id('赵六'), month: '2026-10', item: '质检', value: 80 });
  });

  it('ranks 赵六 96.00 A first and 李青 53.79 D second with 6 points deducted, and opens 李青 item by item', async () => {
    const { page, errors } = app;
    // every API call of the page, with its input
    const calls: { method: string; input: Record<string, unknown> }[] = [];
    page.on('request', (r) => {
      const m = /\/api\/call\/([^?]+)/.exec(r.url());
      if (!m) return;
      let input: Record<string, unknown> = {};
      try {
        input = JSON.parse(r.postData() ?? '{}') as Record<string, unknown>;
      } catch {
        // a body with file bytes: not one of the reads looked at here
      }
      calls.push({ method: decodeURIComponent(m[1]!), input });
    });
    // the app opens on 总览, which reads report:overview once its chunk has loaded: wait for that answer, then count
    // only the 客服 page's calls (the read could otherwise be sent after the count starts)
    const overviewRead = page.waitForResponse((r) => /\/api\/call\/report(:|%3A)overview/i.test(r.url()), {
      timeout: 20_000,
    });
    await openApp(page, app.host);
    await overviewRead;
    calls.length = 0;
    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-agents"]');
    await page.locator('[data-testid="kpi-scheme-bar"]').waitFor({ timeout: 20_000 });
    await page.click('[data-testid="kpi-scheme"]');
    await page.locator('.ant-select-item-option[title="星河-测试方案"]').click();
    await expect
      .poll(() => text(page.locator('[data-testid="kpi-scheme-bar"] .ant-select')))
      .toContain('星河-测试方案');

    const li = rowOf(page, 'agents', '李青');
    await expect.poll(() => text(li.locator('[data-testid="kpi-final"]')), { timeout: 10_000 }).toBe('53.79');
    expect(await text(li.locator('[data-testid="kpi-grade"]'))).toBe('D');
    expect(await text(li.locator('[data-testid="kpi-rank"]'))).toBe('2');
    expect(await text(li.locator('[data-testid="kpi-deductions"]'))).toBe('−6');
    expect(await text(li.locator('[data-testid="kpi-kpi"]'))).toBe('52.24');
    expect(await text(li.locator('[data-testid="kpi-kci"]'))).toBe('90.00');
    const zhao = rowOf(page, 'agents', '赵六');
    expect(await text(zhao.locator('[data-testid="kpi-final"]'))).toBe('96.00');
    expect(await text(zhao.locator('[data-testid="kpi-grade"]'))).toBe('A');
    expect(await text(zhao.locator('[data-testid="kpi-rank"]'))).toBe('1');
    // sorted by rank: 赵六, 李青, then 王满 (nothing scored: 不参与排名)
    const names = await page
      .locator('[data-testid="table-agents"] [data-testid="row-name"]')
      .allTextContents();
    expect(names).toEqual(['赵六', '李青', '王满']);
    expect(await text(rowOf(page, 'agents', '王满').locator('[data-testid="kpi-rank"]'))).toBe('不参与排名');

    // the 客服 table reads its page from report:agents, never the whole month
    expect(calls.some((c) => c.method === 'report:agents')).toBe(true);
    expect(calls.filter((c) => c.method === 'report:month' || c.method === 'report:overview')).toEqual([]);
    // the search goes to the server (debounced: one read for the word typed, not one per key)
    const before = calls.length;
    await page.fill('input[data-testid="scorecards-search"]', '李');
    await expect
      .poll(() => page.locator('[data-testid="table-agents"] [data-testid="row-name"]').allTextContents())
      .toEqual(['李青']);
    const searched = calls.slice(before).filter((c) => c.method === 'report:agents');
    expect(searched.map((c) => c.input.search)).toEqual(['李']);
    await page.fill('input[data-testid="scorecards-search"]', '');
    await expect
      .poll(() => page.locator('[data-testid="table-agents"] [data-testid="row-name"]').count())
      .toBe(3);
    // so does the sort: by 最终得分, lowest first on the second click (nulls last: 王满 has no score)
    const sortFrom = calls.length;
    const finalHeader = page.locator('[data-testid="table-agents"] th', { hasText: '最终得分' });
    await finalHeader.click();
    await finalHeader.click();
    await expect
      .poll(() => page.locator('[data-testid="table-agents"] [data-testid="row-name"]').allTextContents())
      .toEqual(['李青', '赵六', '王满']);
    expect(
      calls
        .slice(sortFrom)
        .filter((c) => c.method === 'report:agents')
        .map((c) => c.input.sort),
    ).toEqual([
      { key: 'kpi-final', order: 'descend' },
      { key: 'kpi-final', order: 'ascend' },
    ]);
    // back to rank order for what follows
    const rankHeader = page.locator('[data-testid="table-agents"] th', { hasText: '排名' });
    await rankHeader.click();
    await expect
      .poll(() => page.locator('[data-testid="table-agents"] [data-testid="row-name"]').allTextContents())
      .toEqual(['赵六', '李青', '王满']);

    // the deduction's detail on hover
    await li.locator('[data-testid="kpi-deductions"]').hover();
    const tip = page.locator('.ant-tooltip:visible', { hasText: '平台违规' }).last();
    await tip.waitFor({ timeout: 5000 });
    expect(await text(tip)).toContain('平台违规6 分');

    await li.locator('.ant-table-row-expand-icon').click();
    const breakdown = page.locator('[data-testid="kpi-breakdown"]').first();
    await breakdown.waitFor();
    const items = breakdown.locator('[data-testid="kpi-items"] tr.ant-table-row');
    expect(await items.count()).toBe(2);
    expect(await text(items.nth(0))).toContain('3分钟人工回复率');
    expect(await text(items.nth(0))).toContain('78.00%');
    expect(await text(items.nth(0).locator('[data-testid="item-score"]'))).toBe('60.00');
    expect(await text(items.nth(1))).toContain('平均响应时长');
    expect(await text(items.nth(1).locator('[data-testid="item-score"]'))).toBe('40.60');
    expect(await text(breakdown)).toContain('最终得分 53.79');
    // 王满's items are left out: small sample and no data
    await rowOf(page, 'agents', '王满').locator('.ant-table-row-expand-icon').click();
    const wang = page.locator('[data-testid="kpi-breakdown"]').nth(1);
    await wang.waitFor();
    expect(await text(wang)).toContain('样本少，不计分');
    expect(await text(wang)).toContain('无数据，不计分');
    expect(await text(wang)).toContain('60 → 0');
    await rowOf(page, 'agents', '王满').locator('.ant-table-row-expand-icon').click();
    await shot(page, 'scorecards-kpi.png');

    // the export writes every matching row, read from report:agents, in the table's order and columns
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-agents"]'),
    ]);
    expect(d.suggestedFilename()).toBe('客服指标_2026-10.xlsx');
    const wb = XLSX.read(readFileSync(await d.path()));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, {
      header: 1,
      defval: null,
    });
    expect(sheet[0]!.slice(0, 5)).toEqual(['排名', '客服', '团队', '最终得分', '等级']);
    expect(sheet.slice(1).map((r) => r.slice(0, 2))).toEqual([
      [1, '赵六'],
      [2, '李青'],
      ['不参与排名', '王满'],
    ]);
    const finals = sheet.slice(1).map((r) => r[3] as number | null);
    expect(finals[0]).toBeCloseTo(96, 2);
    expect(finals[1]).toBeCloseTo(53.79, 2);
    expect(finals[2]).toBeNull();
    expect(calls.filter((c) => c.method === 'report:month')).toEqual([]);

    // the 账号 and 店铺 tabs read their page from report:scopes: never the whole month (report:month) nor every
    // account's day series (report:overview); the sparklines come with the page
    const tabsFrom = calls.length;
    await page.click('[data-testid="tab-accounts"]');
    await rowOf(page, 'accounts', '星河旗舰店:阿青').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="table-accounts"] [data-testid="sparkline"] canvas').first().waitFor();
    // its export writes every account, read from report:scopes too
    const [accountsFile] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-accounts"]'),
    ]);
    expect(accountsFile.suggestedFilename()).toBe('账号指标_2026-10.xlsx');
    const accountsSheet = XLSX.utils.sheet_to_json<unknown[]>(
      XLSX.read(readFileSync(await accountsFile.path())).Sheets['账号 2026-10']!,
      { header: 1, defval: null },
    );
    const { total } = await apiCall<{ total: number }>(app.host, 'report:scopes', {
      month: '2026-10',
      scope: 'account',
    });
    expect(accountsSheet.length - 1).toBe(total);
    expect(accountsSheet.some((r) => r.includes('星河旗舰店:阿青'))).toBe(true);
    await page.click('[data-testid="tab-shops"]');
    await rowOf(page, 'shops', '星河旗舰店').waitFor({ timeout: 10_000 });
    expect(
      await page.locator('[data-testid="table-shops"] [data-testid="row-name"]').allTextContents(),
    ).toEqual(['星河旗舰店']);
    const scopeReads = calls.slice(tabsFrom).filter((c) => c.method === 'report:scopes');
    expect(new Set(scopeReads.map((c) => c.input.scope))).toEqual(new Set(['account', 'shop']));
    expect(scopeReads.every((c) => c.input.month === '2026-10' && typeof c.input.limit === 'number')).toBe(
      true,
    );
    expect(calls.filter((c) => c.method === 'report:month' || c.method === 'report:overview')).toEqual([]);
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 60_000);

  it("drills into 星河旗舰店:阿青's 3-minute rate: buyer B1's round waited 4分0秒", async () => {
    const { page, errors } = app;
    await importAll(
      app.host,
      fixture('events', '聊天记录_抖音_2026-10-05.csv'),
      fixture('events', '考试预警_抖音.xlsx'),
    );
    await page.click('[data-testid="tab-accounts"]');
    const row = rowOf(page, 'accounts', '星河旗舰店:阿青');
    const cell = row.locator('[data-testid="metric-value"][data-metric="reply_3min_rate"]');
    // the page refreshes on recalc:done: 10-05's chat day adds 1/2 to 39/50
    await expect.poll(() => text(cell), { timeout: 15_000 }).toBe('76.92%');
    await cell.click();
    const drawer = page.locator('[data-testid="drill-drawer"]');
    const rounds = drawer.locator('[data-testid="evidence-rounds"]');
    await rounds.waitFor({ timeout: 10_000 });
    expect(await text(drawer.locator('[data-testid="evidence-count"]'))).toContain(
      '本月 1 个轮次未在 3 分钟内人工回复',
    );
    const round = rounds.locator('tr.ant-table-row');
    expect(await round.count()).toBe(1);
    // the first cell is the expand button of the conversation
    const cells = await round.first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['2026-10-05', 'B1', 'S1', '10:00:00', '10:05:00', '4分0秒']);
    await round.first().locator('.ant-table-row-expand-icon').click();
    const talk = drawer.locator('[data-testid="evidence-conversation"]');
    await talk.waitFor();
    // the buyer's 10:05 question waited until 10:09; the 10:01 welcome was an auto reply
    expect((await talk.textContent()) ?? '').toContain('10:01:00自动回复您好，欢迎光临');
    expect((await talk.textContent()) ?? '').toContain('10:05:00买家几天发货10:09:00客服48小时内');
    await drawer.locator('[data-testid="drill-days"]').waitFor();
    await page.waitForTimeout(300);
    await shot(page, 'drill-evidence.png');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);

  it('the drill-down adds up: 12 misses = 1 from the chat records + 11 from the daily exports, by-day rows with 来源 and 合计 40/52', async () => {
    const { page, errors } = app;
    const row = rowOf(page, 'accounts', '星河旗舰店:阿青');
    await row.locator('[data-testid="metric-value"][data-metric="reply_3min_rate"]').click();
    const drawer = page.locator('[data-testid="drill-drawer"]');
    const coverage = drawer.locator('[data-testid="drill-coverage"]');
    await coverage.waitFor({ timeout: 10_000 });
    // 10-03 export 34/40, 10-04 export 5/10, 10-05 chat 1/2: 40/52, 12 misses of which S1 is the one with rows
    expect(await text(coverage)).toBe(
      '12 次未达标中，明细可见 1 次（10-05 的聊天记录），其余 11 次来自平台导出的日汇总',
    );
    const days = drawer.locator('[data-testid="drill-days"]');
    const header = await days.locator('thead th').allTextContents();
    expect(header).toEqual(['日期', '来源', '值', '分子', '分母']);
    const rows = days.locator('tbody tr.ant-table-row');
    const cells = async (i: number): Promise<string[]> =>
      (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
    expect(await rows.count()).toBe(3);
    expect(await cells(0)).toEqual(['2026-10-03', '平台导出', '85.00%', '34', '40']);
    expect(await cells(1)).toEqual(['2026-10-04', '平台导出', '50.00%', '5', '10']);
    expect(await cells(2)).toEqual(['2026-10-05', '明细计算', '50.00%', '1', '2']);
    const total = days.locator('[data-testid="drill-total"]');
    expect(await text(total.locator('[data-testid="drill-total-numerator"]'))).toBe('40');
    expect(await text(total.locator('[data-testid="drill-total-denominator"]'))).toBe('52');
    expect(await text(total)).toContain('76.92%');
    await page.waitForTimeout(300);
    await shot(page, 'drill-adds-up.png');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);

  it('lists the overdue exam warning of 11-02 ~ 11-08 on the overview, with the last recalculation', async () => {
    const { page, errors } = app;
    await goTo(page, 'overview');
    const card = page.locator('[data-testid="overview-exams"]');
    await card.waitFor({ timeout: 20_000 });
    const row = card.locator('tr.ant-table-row', { hasText: '11-02 ~ 11-08' });
    await row.waitFor();
    expect(await text(row)).toContain('星河旗舰店:阿青');
    expect(await text(row)).toContain('李青');
    expect(await text(row)).toContain('2026-11-17');
    expect(await text(row.locator('[data-testid="exam-status"]'))).toMatch(/逾期未考|剩 \d+ 天|今天截止/);
    expect(await card.locator('a[href="#/exams"]').count()).toBe(1);
    // the freshness section tells when the daily recalculation last ran (the host catches up a missed run at start)
    await expect
      .poll(() => text(page.locator('[data-testid="last-recalc"]')), { timeout: 10_000 })
      .toMatch(/上次重算 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await text(page.locator('[data-testid="status-counts"]'))).toMatch(/暂定 \d+需重新导入 \d+/);
    await card.scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 200)');
    await shot(page, 'overview-exams.png');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);
});
