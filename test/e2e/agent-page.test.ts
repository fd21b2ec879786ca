/**
 * The page per agent with the demo month: 刘洋 opened from 客服 by his name, his real numbers on the card and in the
 * tables, the scorecard downloaded as a 750-px PNG; the header bell lists 赵磊's overdue exam. Screenshots at 1440 and
 * 1280 (test-results/agent-page-*.png).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, apiCall, loadDemo, openApp } from './helpers';
import { useAppSession } from './app-session';

describe('page per agent', () => {
  const app = useAppSession(async (host) => {
    await loadDemo(host);
  });

  it('opens 刘洋 from 客服 with his card, KPI, metrics and 中差评, and downloads the card as PNG', async () => {
    const { page, errors } = app;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await openApp(page, app.host);
    await page.goto(`${app.host.origin}/#/scorecards`);
    await page.locator('[data-testid="agent-link"]', { hasText: '刘洋' }).first().click();
    await page.waitForSelector('[data-testid="agent-card"]', { timeout: 30_000 });
    expect(new URL(page.url()).hash).toBe('#/agent/5?month=2026-10');

    expect(await page.textContent('[data-testid="agent-sub"]')).toContain('一组 · 工号 E005 · 抖音、快手');
    expect((await page.textContent('[data-testid="card-final"]'))?.trim()).toBe('89.84B');
    expect((await page.textContent('[data-testid="card-rank"]'))?.trim()).toBe('6 / 24');
    const card = (await page.textContent('[data-testid="agent-card"]')) ?? '';
    expect(card).toContain('抖音 3分钟人工回复率考核线 ≥ 80.00%93.12% 达标');
    expect(card).toContain('快手 服务态度差中差评率考核线 ≤ 6.00%3.45% 达标');
    expect(await page.textContent('[data-testid="agent-kpi-sum"]')).toContain('KPI 得分 89.30');
    // numerator and denominator of Douyin's 3-minute rate: 1,421 of 1,526 rounds
    const metrics = (await page.textContent('[data-testid="agent-metrics"]')) ?? '';
    expect(metrics).toContain('1,421 / 1,526');
    expect(await page.locator('[data-testid="agent-ratings"] tbody tr').count()).toBe(6);
    expect(await page.locator('[data-testid="agent-accounts"] tbody tr').allTextContents()).toEqual([
      '抖音星河旗舰店星河旗舰店:洋洋洋洋2025-02-01 起',
      '快手快乐小店快乐小店:洋洋洋洋2025-02-01 起',
    ]);
    await page.locator('[data-testid="agent-score-trend"] canvas').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-page-1440.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="agent-png"]'),
    ]);
    expect(download.suggestedFilename()).toBe('成绩卡-刘洋-2026-10.png');
    const file = join(SCREENSHOT_DIR, 'agent-card.png');
    await download.saveAs(file);
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width then height, big-endian; 8 metric rows → 370 + 8 × 64 + 100
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([750, 982]);

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'agent-page-1280.png'), fullPage: true });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 90_000);

  it('shows the header bell with 赵磊’s overdue exam, linked to 考试预警', async () => {
    const { page } = app;
    const bell = page.locator('[data-testid="alerts-bell"]');
    expect((await bell.textContent())?.trim()).toBe('1');
    await bell.click();
    const item = page.locator('[data-testid="alert-item"]').first();
    await item.waitFor();
    expect(await item.textContent()).toContain('考试已逾期：赵磊');
    expect(await item.getAttribute('href')).toBe('#/exams');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-bell-1280.png') });
    await item.click();
    await page.waitForFunction('location.hash.startsWith("#/exams")');
  }, 30_000);

  it('notifies a new alert once on the desktop, and not again after a reload', async () => {
    const { page, browser, host } = app;
    // a stand-in for the Notification API that records titles across reloads (headless Chromium denies the real one)
    await browser.context.addInitScript(`
      class FakeNotification {
        static permission = 'granted';
        static requestPermission() { return Promise.resolve('granted'); }
        constructor(title) {
          const seen = JSON.parse(sessionStorage.getItem('test.notifications') ?? '[]');
          sessionStorage.setItem('test.notifications', JSON.stringify([...seen, title]));
          this.onclick = null;
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
    `);
    // the e2e files have no DOM types: the page's sessionStorage is typed by hand
    const shown = async (): Promise<string[]> =>
      JSON.parse(
        (await page.evaluate(() =>
          (
            globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
          ).sessionStorage.getItem('test.notifications'),
        )) ?? '[]',
      ) as string[];
    await page.reload();
    for (let i = 0; i < 80 && !(await shown()).length; i++) await new Promise((ok) => setTimeout(ok, 250));
    expect(await shown()).toEqual(['考试已逾期：赵磊']);
    for (let i = 0; i < 40; i++) {
      if ((await apiCall<{ notified: string[] }>(host, 'alerts:list')).notified.length) break;
      await new Promise((ok) => setTimeout(ok, 250));
    }
    await page.reload();
    await page.waitForSelector('[data-testid="alerts-bell"]');
    await page.waitForTimeout(1500);
    expect(await shown()).toEqual(['考试已逾期：赵磊']);
  }, 60_000);
});
