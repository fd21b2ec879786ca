/**
 * Column mapping in the browser host: an outsourcer's own daily sheet is not a known layout; the lead maps its columns
 * onto the Douyin classic export, the preview runs again by itself, and the import lands on 客服 → 店铺.
 */
import { describe, expect, it } from 'vitest';
import { fixture, goTo, openApp } from './helpers';
import { useAppSession } from './app-session';

const FILE = '外包日报_2026-10-05.xlsx';

describe('column mapping for an unknown layout', () => {
  const app = useAppSession();

  it('maps 外包日报 onto the Douyin classic export, imports it, and the shop shows 25/30', async () => {
    const { page, errors } = app;
    await openApp(page, app.host);
    await goTo(page, 'import');
    await page.setInputFiles('[data-testid="import-dropzone"] input[type=file]', fixture('bad', FILE));

    const open = page.locator('[data-testid="open-mapping-top"]');
    await open.waitFor({ timeout: 30_000 });
    expect(await page.textContent('[data-testid="file-error"]')).toContain('无法识别');
    await open.click();

    const modal = page.locator('.ant-modal', { has: page.locator('[data-testid="mapping-columns"]') });
    await modal.waitFor();
    // the headers and sample rows of the file
    expect(await modal.locator('[data-testid="mapping-preview"]').textContent()).toContain('星河旗舰店:阿青');

    await page.click('[data-testid="mapping-target"]');
    await page.keyboard.type('飞鸽客服数据（经典版）');
    await page.keyboard.press('Enter');

    const choose = async (header: string, label: string): Promise<void> => {
      await page.click(`[data-testid="map-${header}"]`);
      await page.keyboard.type(label);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(`[data-testid="map-${header}"]`).textContent()).toContain(label);
    };
    await choose('店铺', '店铺名称');
    await choose('账号', '账号名称');
    await choose('会话数', '人工已接待会话量');
    await choose('三分钟回复率', '3分钟人工回复率(会话)');
    expect(await page.locator('[data-testid="map-备注"]').textContent()).toContain('不导入');

    await page.click('[data-testid="mapping-save"]');
    await modal.waitFor({ state: 'hidden' });

    // the preview runs again by itself and now recognises the file
    const summary = page.locator('[data-testid="preview-summary"]');
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toContain('可导入 1 个文件');
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('抖音');
    const periodBoxes = page.locator('[data-testid="confirm-period"] input[type=checkbox]');
    for (let i = 0; i < (await periodBoxes.count()); i++) await periodBoxes.nth(i).check();
    const confirm = page.locator('[data-testid="import-confirm"]');
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();
    await page
      .locator('[data-testid="import-history"] tr.ant-table-row', { hasText: FILE })
      .first()
      .waitFor({ timeout: 30_000 });

    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-shops"]');
    const row = page.locator('[data-testid="table-shops"] tr.ant-table-row', {
      has: page.locator('[data-testid="row-name"]', { hasText: '星河旗舰店' }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    // 90.00% × 20 = 18 and 70.00% × 10 = 7: 25/30
    const cell = row.first().locator('[data-testid="metric-value"][data-metric="reply_3min_rate"]');
    expect((await cell.textContent())?.trim()).toBe('83.33%');
    expect(await row.first().textContent()).toContain('25/30');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 60_000);
});
