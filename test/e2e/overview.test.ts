/**
 * 总览 in the browser host: the empty state before any data, then after two Douyin days the team card, its light,
 * the trend chart and the freshness table.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, fixture, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

describe('overview screen', () => {
  const app = useAppSession();

  it('shows the empty state with the way to import and the demo hint', async () => {
    const { page } = app;
    await openApp(page, app.host);
    // the first page is the overview
    const empty = page.locator('[data-testid="overview-empty"]');
    await empty.waitFor({ timeout: 20_000 });
    expect(await empty.textContent()).toContain('去导入数据');
    // the hint offers the demo in plain words: no command line in front of the lead (issue 11 item 8)
    const hint = (await page.textContent('[data-testid="demo-hint"]')) ?? '';
    expect(hint).toContain('演示数据');
    expect(hint).not.toContain('npm');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overview-empty.png') });
  }, 30_000);

  it("shows the Douyin team's 3-minute rate 81/105 with a red light, a trend chart and the shop's freshness", async () => {
    const { page, errors } = app;
    await importAll(
      app.host,
      fixture('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-04.csv'),
    );

    // the page refreshes itself on recalc:done; reload anyway in case the event came before the page listened
    await page.reload();
    const kpi = page.locator('[data-testid="platform-card-douyin"] [data-testid="kpi-reply_3min_rate"]');
    await kpi.waitFor({ timeout: 20_000 });
    // (34 + 15 + 5 + 27) / (40 + 25 + 10 + 30) = 81/105 = 77.14%, under the 80% line
    expect((await kpi.locator('[data-testid="kpi-value"]').textContent())?.trim()).toBe('77.14%');
    expect(await kpi.getAttribute('data-light')).toBe('red');
    expect(await kpi.textContent()).toContain('80.00%');

    const canvas = page.locator('[data-testid="trend-chart-douyin"] canvas');
    await canvas.first().waitFor({ timeout: 10_000 });
    expect(await canvas.count()).toBeGreaterThan(0);
    const box = await canvas.first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(150);

    const fresh = page.locator('[data-testid="freshness"]');
    expect(await fresh.locator('[data-testid="freshness-shop"]').allTextContents()).toEqual(['星河旗舰店']);
    // 10-01 and 10-02 have no data: shown as one compact range
    expect(await fresh.textContent()).toContain('10-01~10-02');

    expect(await page.locator('[data-testid="shops-at-risk"]').textContent()).toContain('星河旗舰店');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 40_000);
});
