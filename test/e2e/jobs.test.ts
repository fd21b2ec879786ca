/**
 * The running job in the header (issue 8): a recalculation in the browser host's job worker shows as
 * 正在重新计算 2026-10（n/m） with 取消 on whichever screen is open, and the cancel ends it.
 *
 * The recalculation is held at its step by another connection holding the write lock, so the job is on screen for as
 * long as the test looks at it, however fast the machine recalculates.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MonthReport } from '../../src/shared/report';
import { SCREENSHOT_DIR, apiCall, fixture, goTo, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

const tid = (id: string): string => `[data-testid="${id}"]`;

describe('the running job in the header', () => {
  const s = useAppSession(async (host) => {
    await importAll(
      host,
      fixture('roster', '客服花名册.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fixture('douyin', '飞鸽客服数据_2026-10-04.csv'),
    );
  });

  it('shows 正在重新计算 2026-10（0/1） with 取消 while the worker recalculates, and 取消 ends it', async () => {
    const { page, host } = s;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await openApp(page, host);
    await goTo(page, 'import');
    // drawn: the history lists the three imports (networkidle never comes: the event stream stays open)
    await page
      .locator(`${tid('import-history')} tr.ant-table-row`)
      .nth(2)
      .waitFor();

    // the month marked for recalculation, and the write lock held: the worker's step will wait for it
    const lock = new Database(host.dbPath);
    try {
      lock.prepare('UPDATE month_state SET dirty = 1').run();
      lock.exec('BEGIN IMMEDIATE');
      // a read finds the month marked: the host starts the recalculation in its worker and serves the last results
      const served = await apiCall<MonthReport>(host, 'report:month', { month: '2026-10' });
      expect(served.updating).toBe(true);

      const label = page.locator(tid('job-label'));
      await label.waitFor({ timeout: 30_000 });
      expect(await label.textContent()).toBe('正在重新计算 2026-10（0/1）');
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
      expect(await apiCall(host, 'job:list')).toMatchObject([
        { kind: 'recalc', label: '正在重新计算 2026-10' },
      ]);

      await page.click(tid('job-cancel'));
      await page.locator(tid('job-indicator')).waitFor({ state: 'detached', timeout: 30_000 });
      await page.getByText('已取消重新计算').first().waitFor({ timeout: 10_000 });
      expect(await apiCall(host, 'job:list')).toEqual([]);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    // nothing was written: the month still waits, served from its last results, and no job started again
    await page.waitForTimeout(500);
    expect((await apiCall<MonthReport>(host, 'report:month', { month: '2026-10' })).updating).toBe(true);
    expect(await apiCall(host, 'job:list')).toEqual([]);
    expect(s.errors).toEqual([]);
  }, 120_000);
});
