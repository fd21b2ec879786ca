/**
 * 考核方案 and 月度绩效表 in the browser host: a weight edit previewed with what-if (the values hand-computed in
 * test/integration/kpi.test.ts), KCI entered in the grid, the 薪资版 previewed and exported, and the month locked —
 * refused first while KCI is missing for agents on the default scheme, then locked once it is complete.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ImportBatchInfo } from '../../src/shared/imports';
import { SCREENSHOT_DIR, apiCall, fixture, goTo, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

const tid = (id: string): string => `[data-testid="${id}"]`;

/** Types a value into an antd InputNumber and commits it (the KCI grid saves on Enter). */
async function typeNumber(
  page: Page,
  testId: string,
  value: string,
  commit: 'Enter' | 'Tab' = 'Enter',
): Promise<void> {
  const input = page.locator(`input${tid(testId)}, ${tid(testId)} input`).first();
  await input.click();
  await input.fill(value);
  await input.press(commit);
}

/** Confirms the open Popconfirm. */
async function confirmPop(page: Page, okText: string): Promise<void> {
  const ok = page.locator('.ant-popconfirm:visible .ant-btn', { hasText: okText });
  await ok.click();
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage });
}

describe('KPI schemes, KCI entry and the monthly sheet', () => {
  const app = useAppSession(async (host) => {
    await importAll(
      host,
      fixture('roster', '客服花名册.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-04.csv'),
    );
    const history = await apiCall<ImportBatchInfo[]>(host, 'import:history');
    expect(history).toHaveLength(3);
    const scheme = JSON.parse(readFileSync(fixture('kpi', '测试方案.json'), 'utf8')) as unknown;
    await apiCall(host, 'scheme:save', { scheme });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  it('previews a weight change with what-if, reacts to KCI entered in the grid, and saves', async () => {
    const { page } = app;
    await openApp(page, app.host);
    await goTo(page, 'schemes');
    // the first scheme opens by itself: the shipped default, with its 好评率 bands
    await page.locator(tid('bands-good_rate')).waitFor();
    await page.locator(`${tid('whatif-row-李青')}`).waitFor();
    await shot(page, 'kpi-scheme-default.png', true);
    await page.click(tid('scheme-card-星河-测试方案'));
    await page
      .locator(`${tid('scheme-name')}`)
      .first()
      .waitFor();
    // the editor swaps to the clicked scheme once scheme:get answers: wait for it, not for the previous one
    await expect
      .poll(() => page.inputValue(`input${tid('scheme-name')}, ${tid('scheme-name')} input`), {
        timeout: 15_000,
      })
      .toBe('星河-测试方案');
    expect(await page.textContent(tid('weight-sum'))).toContain('100');

    // 3-minute rate 60 → 20: the sum goes red until the average response takes the other 40
    await typeNumber(page, 'item-weight-reply_3min_rate', '20', 'Tab');
    expect(await page.getAttribute(tid('weight-sum'), 'data-ok')).toBe('false');
    expect(await page.textContent(tid('scheme-errors'))).toContain('考核项权重合计为 60，应为 100');
    await typeNumber(page, 'item-weight-avg_response_s', '80', 'Tab');
    expect(await page.getAttribute(tid('weight-sum'), 'data-ok')).toBe('true');
    await page.locator(tid('scheme-valid')).waitFor();
    // rates are edited as percentages, and the validator's message speaks the form's units
    await typeNumber(page, 'item-target-reply_3min_rate', '50', 'Tab');
    expect(await page.textContent(tid('scheme-errors'))).toContain(
      '考核项「3分钟人工回复率」：方向为上升时，底线 60% 应低于目标 50%',
    );
    await typeNumber(page, 'item-target-reply_3min_rate', '90', 'Tab');
    await page.locator(tid('scheme-valid')).waitFor();

    // no KCI yet: 质检 counts 0 → 李青 (52.24 × 0.8 − 6) = 35.79 → (44.48 × 0.8 − 6) = 29.58
    const li = page.locator(tid('whatif-row-李青'));
    await expect.poll(async () => li.textContent(), { timeout: 10_000 }).toMatch(/35\.79\s*→\s*29\.58/);

    // KCI 录入: 质检 90 for 李青 and 80 for 赵六
    await page.click(tid('schemes-tab-kci'));
    await page.locator(tid('kci-row-李青')).waitFor();
    await typeNumber(page, 'kci-李青-质检', '90');
    await typeNumber(page, 'kci-赵六-质检', '80');
    await expect.poll(async () => page.textContent(tid('kci-progress'))).toContain('已录入 2 /');
    await shot(page, 'kpi-kci-entry.png');

    // back on the editor the what-if has re-run: the numbers of kpi.test.ts
    await page.click(tid('schemes-tab-editor'));
    await expect.poll(async () => li.textContent(), { timeout: 10_000 }).toMatch(/53\.79\s*→\s*47\.58/);
    expect(await li.textContent()).toContain('D');
    expect(await li.locator(tid('grade-crossed')).count()).toBe(0);
    await page
      .locator(`${tid('whatif-chart')} canvas`)
      .first()
      .waitFor();
    await shot(page, 'kpi-scheme-whatif.png');

    // raising grade A to 97 points drops 赵六 (96.00) to B: a red ▼ crossing, until the edit is taken back
    await typeNumber(page, 'grade-min-A', '97', 'Tab');
    const zhao = page.locator(tid('whatif-row-赵六'));
    await zhao.locator(`${tid('grade-crossed')}[data-dir="down"]`).waitFor({ timeout: 10_000 });
    expect(await zhao.textContent()).toContain('A → B');
    expect(await page.textContent(tid('whatif-summary'))).toContain('等级下降 1 人');
    await page.locator(tid('whatif-panel')).scrollIntoViewIfNeeded();
    await shot(page, 'kpi-scheme-whatif-crossing.png');
    await typeNumber(page, 'grade-min-A', '90', 'Tab');
    await expect.poll(async () => zhao.locator(tid('grade-crossed')).count(), { timeout: 10_000 }).toBe(0);
    await shot(page, 'kpi-scheme-editor-full.png', true);

    // same month as the saved version: saving replaces it, after a confirmation
    await page.click(tid('scheme-save'));
    await confirmPop(page, '覆盖保存');
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await expect.poll(async () => page.locator(tid('scheme-dirty')).count()).toBe(0);
    const saved = await apiCall<{ items: { metric: string; weight: number }[] }>(app.host, 'scheme:get', {
      name: '星河-测试方案',
    });
    expect(saved.items.map((i) => [i.metric, i.weight])).toEqual([
      ['reply_3min_rate', 20],
      ['avg_response_s', 80],
    ]);

    // 导出 JSON is the scheme file of kpi.md; 导入 JSON of a bad file says what is wrong and keeps the editor as it was
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(tid('scheme-export'))]);
    expect(file.suggestedFilename()).toBe('星河-测试方案.json');
    expect(JSON.parse(readFileSync(await file.path(), 'utf8'))).toMatchObject({
      name: '星河-测试方案',
      scope: { shops: [{ platform: 'douyin', shop: '星河旗舰店' }] },
      items: [
        { metric: 'reply_3min_rate', weight: 20, target: 0.9, floor: 0.6 },
        { metric: 'avg_response_s', weight: 80, target: 20, floor: 40 },
      ],
    });
    await page.setInputFiles(tid('scheme-import-input'), fixture('kpi', '坏方案.json'));
    const dialog = page.locator('.ant-modal-confirm', { hasText: '不是有效的考核方案' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('考核项权重合计为 90，应为 100');
    await dialog.locator('.ant-btn', { hasText: /确\s*定|知道了|OK/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // the editor swaps to the clicked scheme once scheme:get answers: wait for it, not for the previous one
    await expect
      .poll(() => page.inputValue(`input${tid('scheme-name')}, ${tid('scheme-name')} input`), {
        timeout: 15_000,
      })
      .toBe('星河-测试方案');
  }, 90_000);

  it('previews and exports the 薪资版 sheet under the saved weights', async () => {
    const { page } = app;
    await goTo(page, 'sheet');
    await page.locator(tid('sheet-scheme')).click();
    await page.locator('.ant-select-item-option[title="星河-测试方案"]').click();
    await page.click(tid('variant-payroll'));
    await expect
      .poll(async () => page.textContent(tid('sheet-file-name')))
      .toBe('月度绩效表_星河-测试方案_2026-10_薪资版.xlsx');
    const table = page.locator(tid('sheet-table'));
    const row = table.locator('tr.ant-table-row', { hasText: '李青' });
    const final = await row.locator('td[data-col="最终得分"]').textContent();
    expect(final?.trim()).toBe('47.58');
    // 3-minute rate 78.00% fails Douyin's 80% line: red
    expect(await row.locator('td[data-col="3分钟人工回复率"]').getAttribute('data-mark')).toContain('fail');
    expect(await table.locator('th', { hasText: '奖金' }).count()).toBeGreaterThan(0);
    await shot(page, 'kpi-sheet.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('sheet-export'))]);
    expect(download.suggestedFilename()).toBe('月度绩效表_星河-测试方案_2026-10_薪资版.xlsx');
  }, 60_000);

  it('refuses to lock while KCI is missing, then locks once it is entered', async () => {
    const { page, errors } = app;
    await page.fill(`input${tid('lock-note')}, ${tid('lock-note')} input`, '客户已签字');
    await page.click(tid('lock-month'));
    await confirmPop(page, '锁定');
    const refusal = page.locator(tid('lock-refusal'));
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('还有 KCI 未录入，不能锁定 2026-10');
    expect(text).toContain('星河-标准方案');
    expect(await page.textContent(tid('lock-status'))).toContain('未锁定');

    // the refusal links to the grid; the default scheme needs 出勤 and 质检 from everyone it scores
    await refusal.locator('a', { hasText: '去录入 KCI' }).click();
    await page.locator(tid('kci-row-李青')).waitFor();
    const cells = page.locator(`${tid('kci-entry')} [data-missing="true"] input`);
    await expect.poll(async () => cells.count()).toBeGreaterThan(0);
    for (let n = await cells.count(); n > 0; n = await cells.count()) {
      const id = await cells.first().getAttribute('data-testid');
      await typeNumber(page, id!, '100');
      await expect.poll(async () => cells.count()).toBe(n - 1);
    }
    await expect.poll(async () => page.textContent(tid('kci-progress'))).not.toContain('还缺');

    await goTo(page, 'sheet');
    await page.locator(tid('lock-month')).waitFor();
    await page.fill(`input${tid('lock-note')}, ${tid('lock-note')} input`, '客户已签字');
    await page.click(tid('lock-month'));
    await confirmPop(page, '锁定');
    await expect.poll(async () => page.textContent(tid('lock-status'))).toContain('已锁定');
    expect(await page.textContent(tid('lock-pending'))).toContain('没有待应用的变更');
    expect(await page.textContent(tid('lock-log'))).toContain('锁定 · 客户已签字');
    await shot(page, 'kpi-sheet-locked.png');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 60_000);
});
