/**
 * The running job in the header (issue 8): a recalculation started in the browser host's job worker shows as
 * 正在重新计算 2026-10（n/m） with 取消 on whichever screen is open, and the cancel ends it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchFiles } from '../../src/main/demo/bench-files';
import { SCREENSHOT_DIR, apiCall, goTo, importFiles, openApp } from './helpers';
import { useAppSession } from './app-session';

const tid = (id: string): string => `[data-testid="${id}"]`;

describe('the running job in the header', () => {
  const s = useAppSession(async (host) => {
    // 60 agents on four platforms over 2026-10: a recalculation of a few seconds in the worker
    const files = benchFiles('2026-10', 60).filter((f) => f.format === 'csv');
    const r = await importFiles(
      host,
      files.map((f) => ({ path: f.name, name: f.name, bytes: f.bytes })),
    );
    expect(r.files.map((f) => f.status)).toEqual(files.map(() => 'imported'));
  });

  it('shows 正在重新计算 2026-10（n/m） with 取消 while the worker recalculates, and 取消 ends it', async () => {
    const { page, host } = s;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await openApp(page, host);
    // a light screen, fully drawn: 客服 with 240 accounts keeps a starved renderer busy for seconds
    await goTo(page, 'import');
    await page.waitForLoadState('networkidle');
    // 设置 → 立即重算: every month marked, the recalculation runs in the worker
    await apiCall(host, 'schedule:runNow');
    const label = page.locator(tid('job-label'));
    await label.waitFor({ timeout: 30_000 });
    expect(await label.textContent()).toMatch(/^正在重新计算( 2026-10)?（\d+\/\d+）$|^正在重新计算…$/);
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `job-indicator-${width}.png`) });
      // the whole label and the button fit in the header
      const box = await page.locator(tid('job-indicator')).boundingBox();
      const header = await page.locator('.sd-header').boundingBox();
      expect(box && header && box.x + box.width <= header.x + header.width).toBe(true);
      // the e2e files have no DOM types: the element's widths are typed by hand
      const fits = await label.evaluate((el) => {
        const e = el as unknown as { scrollWidth: number; clientWidth: number };
        return e.scrollWidth <= e.clientWidth;
      });
      expect(fits).toBe(true);
    }
    await page.click(tid('job-cancel'));
    await page.locator(tid('job-indicator')).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('已取消重新计算').first().waitFor({ timeout: 10_000 });
    expect(await apiCall(host, 'job:list')).toEqual([]);
    expect(s.errors).toEqual([]);
  }, 120_000);
});
