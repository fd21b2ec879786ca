/**
 * The first slice end to end, in a real browser against the real browser host: drop a Douyin export on 导入, check the
 * preview, import it, and read the account's 3-minute manual reply rate on 客服.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goTo, REPO_ROOT, SCREENSHOT_DIR } from './helpers';
import { useAppSession } from './app-session';

/** 星河旗舰店:阿青 on 2026-10-03: 85.00% of 40 sessions = 34/40 (test/integration/douyin-import.test.ts). */
export const EXPECTED_REPLY_3MIN = '85.00%';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'douyin', '飞鸽客服数据_2026-10-03.xlsx');
const FILE_NAME = '飞鸽客服数据_2026-10-03.xlsx';
const ACCOUNT = '星河旗舰店:阿青';

describe('import → scorecard in the browser host', () => {
  const app = useAppSession();

  it("imports a Douyin export through the preview and shows the account's 3-minute reply rate", async () => {
    expect(existsSync(FIXTURE), `fixture missing: ${FIXTURE}`).toBe(true);
    const { page, errors } = app;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });

    await page.goto(app.host.url);
    // the token is taken out of the address bar and the header shows the database
    await page.waitForSelector('[data-testid="header-db"] .sd-path', { timeout: 20_000 });
    expect(page.url()).not.toContain('token=');
    expect(await page.textContent('[data-testid="header-db"]')).toContain(app.host.dbPath);

    await goTo(page, 'import');
    await page.setInputFiles('[data-testid="import-dropzone"] input[type=file]', FIXTURE);

    // preview: detected as a Douyin export of the shop, nothing failed
    const summary = page.locator('[data-testid="preview-summary"]');
    await summary.waitFor({ timeout: 30_000 });
    const preview = page.locator('[data-testid="import-preview"]');
    await expect.poll(() => preview.textContent()).toContain('抖音');
    expect(await preview.textContent()).toContain('星河旗舰店');
    expect(await page.locator('[data-testid="file-error"]').count()).toBe(0);

    // a date taken from the file name must be confirmed before the import
    const periodBoxes = page.locator('[data-testid="confirm-period"] input[type=checkbox]');
    for (let i = 0; i < (await periodBoxes.count()); i++) await periodBoxes.nth(i).check();

    const confirm = page.locator('[data-testid="import-confirm"]');
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();

    // the batch appears in the history as 有效
    const historyRow = page.locator('[data-testid="import-history"] tr.ant-table-row', {
      hasText: FILE_NAME,
    });
    await historyRow.first().waitFor({ timeout: 30_000 });
    expect(await historyRow.first().textContent()).toContain('有效');

    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-accounts"]');
    const row = page.locator('[data-testid="table-accounts"] tr.ant-table-row', {
      has: page.locator('[data-testid="row-name"]', { hasText: ACCOUNT }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    const cell = row.first().locator('[data-testid="metric-value"][data-metric="reply_3min_rate"]');
    expect((await cell.textContent())?.trim()).toBe(EXPECTED_REPLY_3MIN);

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scorecards.png') });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 120_000);
});
