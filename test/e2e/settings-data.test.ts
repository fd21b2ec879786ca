/**
 * 设置 → 数据与计算 in the browser host, on the Douyin summary of 10-05 and the chat records of the same day: the
 * summary says 15/20 = 75.00% for 星河旗舰店:阿青, the chat records 1/2 (test/integration/events.test.ts); switching the
 * precedence to 明细计算优先 turns 客服's value into 50.00%, and the reconciliation shows both. Then the daily
 * recalculation is moved to 07:15, and the watched folder refuses folders outside watch/ (over HTTP) and imports a file dropped inside it.
 */
import { copyFileSync, mkdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportBatchInfo } from '../../src/shared/imports';
import { SCREENSHOT_DIR, apiCall, fixture, goTo, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').trim();

function aqRate(page: Page): Locator {
  return page
    .locator('[data-testid="table-accounts"] tr.ant-table-row', {
      has: page.locator('[data-testid="row-name"]', { hasText: '星河旗舰店:阿青' }),
    })
    .first()
    .locator('[data-testid="metric-value"][data-metric="reply_3min_rate"]');
}

async function openDataTab(page: Page): Promise<void> {
  await goTo(page, 'settings');
  await page.click('[data-testid="settings-tab-data"]');
  await page.locator('[data-testid="settings-data"]').waitFor({ timeout: 10_000 });
}

describe('settings: data precedence, schedule, reconciliation and the watched folder', () => {
  let folder: string | undefined;
  // registered before the session's: after hooks run last-registered first, so the host stops before this removal
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const app = useAppSession(async (host) => {
    await importAll(
      host,
      fixture('douyin', '飞鸽客服数据_2026-10-05.xls'),
      fixture('events', '聊天记录_抖音_2026-10-05.csv'),
    );
  });

  it('明细计算优先 turns 星河旗舰店:阿青 from the summary 75.00% into the computed 50.00%', async () => {
    const { page, errors } = app;
    await openApp(page, app.host);
    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-accounts"]');
    await expect.poll(() => text(aqRate(page)), { timeout: 20_000 }).toBe('75.00%');

    await openDataTab(page);
    // the default is the platform summary, and it says why
    const checked = page.locator('[data-testid="precedence"] .ant-radio-wrapper-checked');
    expect(await text(checked)).toContain('平台汇总数据优先');
    expect(await text(checked)).toContain('平台考核以后台汇总为准');
    await page.click('[data-testid="precedence-events"]');
    await page.locator('.ant-message-notice', { hasText: '已改为明细计算优先' }).waitFor({ timeout: 10_000 });
    expect(await text(checked)).toContain('明细计算优先');

    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-accounts"]');
    await expect.poll(() => text(aqRate(page)), { timeout: 10_000 }).toBe('50.00%');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);

  it('moves the daily recalculation to 07:15 and shows the next run; the reconciliation shows 15/20 vs 1/2', async () => {
    const { page, errors } = app;
    await openDataTab(page);
    const time = page.locator('[data-testid="schedule"] .ant-picker input');
    await expect.poll(() => time.inputValue()).toBe('09:30');
    await time.click();
    await time.fill('07:15');
    await page.keyboard.press('Enter');
    await expect.poll(() => time.inputValue()).toBe('07:15');
    await page.click('[data-testid="schedule-save"]');
    await expect
      .poll(() => text(page.locator('[data-testid="schedule-next"]')), { timeout: 10_000 })
      .toMatch(/^\d{4}-\d{2}-\d{2} 07:15$/);
    expect(await apiCall<{ time: string }>(app.host, 'schedule:info')).toMatchObject({ time: '07:15' });

    const rec = page.locator('[data-testid="reconcile-table"] tr.ant-table-row', {
      hasText: '星河旗舰店:阿青',
    });
    const row = rec.filter({ hasText: '3分钟人工回复率' });
    await row.waitFor({ timeout: 10_000 });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells.slice(0, 4)).toEqual(['抖音', '星河旗舰店', '星河旗舰店:阿青', '3分钟人工回复率']);
    expect(cells[4]).toBe('75.00%15/20');
    expect(cells[5]).toBe('50.00%1/2');
    expect(cells[6]).toBe('−25.00pp');
    expect(cells[7]).toBe('明细');
    expect(await row.getAttribute('class')).toContain('sd-row-warn');
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 6000 }).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-data.png') });
    // the whole tab in a tall window (the reconciliation sits below the fold at 900 px)
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    await page.setViewportSize({ width: 1440, height });
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-data-full.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);

  it('over HTTP refuses any folder outside watch/ beside the database, existing or not, and imports the files of one inside it on 立即扫描', async () => {
    const { page, errors } = app;
    const input = page.locator('[data-testid="watch-input"]');
    // the same refusal whether the folder exists or not: the browser host reveals nothing of other folders
    for (const outside of ['/nonexistent/scoredesk-watch', tmpdir()]) {
      await input.fill(outside);
      await page.click('[data-testid="watch-save"]');
      await expect
        .poll(() => text(page.locator('[data-testid="watch-error"]')), { timeout: 10_000 })
        .toContain('浏览器版只能监视数据文件夹下的 watch 文件夹');
    }

    folder = join(dirname(app.host.dbPath), 'watch', '下载');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, '客服花名册.xlsx');
    copyFileSync(fixture('roster', '客服花名册.xlsx'), file);
    // files changed in the last 5 s are taken as still being written
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    await input.fill(folder);
    await page.click('[data-testid="watch-save"]');
    await page.locator('[data-testid="watch"] .ant-tag', { hasText: '监视中' }).waitFor({ timeout: 10_000 });
    await page.click('[data-testid="watch-scan"]');
    const results = page.locator('[data-testid="watch-results"]');
    await results.waitFor({ timeout: 15_000 });
    // the host's own 30-second scan may have been first: then this one finds nothing new
    expect(await text(results)).toMatch(/已导入客服花名册\.xlsx|没有新的文件/);
    await expect
      .poll(async () =>
        (await apiCall<ImportBatchInfo[]>(app.host, 'import:history')).map((b) => b.file_name),
      )
      .toContain('客服花名册.xlsx');

    await page.click('[data-testid="watch-clear"]');
    await page.locator('[data-testid="watch"] .ant-tag', { hasText: '未设置' }).waitFor({ timeout: 10_000 });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);
});
