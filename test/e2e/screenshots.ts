/**
 * Screenshots for review (not a test): the browser host on a fresh temp database with every fixture imported, at
 * 1440×900, written to test-results/. Run: `npx tsx test/e2e/screenshots.ts` (after `npx electron-vite build`).
 *
 * September copies of a Douyin day are imported too, so 对比上月 has something to compare with, and a Taobao good-rate
 * line of 85% is added so the recovery hint shows.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiCall,
  fixture,
  goTo,
  importFiles,
  launchBrowser,
  openApp,
  SCREENSHOT_DIR,
  startWebHost,
  type BrowserSession,
  type WebHostProcess,
} from './helpers';

const PLATFORM_DIRS = ['douyin', 'kuaishou', 'jd', 'taobao'];

/** A Douyin classic CSV for a September day, numbers shifted so the deltas are visible. */
function septemberCsv(
  day: string,
  rates: [string, string],
): { name: string; path: string; bytes: Uint8Array } {
  const src = fixture('douyin', '飞鸽客服数据_2026-10-04.csv');
  const text = new TextDecoder('gbk').decode(readFileSync(src));
  const lines = text.trim().split(/\r?\n/);
  const out = [lines[0]!];
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    cells[7] = rates[i]!; // 3分钟人工回复率 (会话)
    cells[8] = rates[i]!.replace('.00', '');
    out.push(cells.join(','));
  });
  return {
    name: `飞鸽客服数据_${day}.csv`,
    path: src,
    bytes: new TextEncoder().encode(`\uFEFF${out.join('\n')}\n`),
  };
}

async function main(): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let host: WebHostProcess | undefined;
  let browser: BrowserSession | undefined;
  try {
    host = await startWebHost();
    const files = PLATFORM_DIRS.flatMap((d) =>
      readdirSync(fixture(d))
        .sort()
        .map((f) => ({ path: fixture(d, f) })),
    );
    const r = await importFiles(host, [...files, { path: fixture('roster', '客服花名册.xlsx') }]);
    for (const f of r.files) console.log(`${f.status.padEnd(9)} ${f.file}`);
    const sep = await importFiles(
      host,
      [septemberCsv('2026-09-18', ['60.00%', '80.00%']), septemberCsv('2026-09-19', ['70.00%', '85.00%'])],
      { force: true },
    );
    for (const f of sep.files) console.log(`${f.status.padEnd(9)} ${f.file}`);
    await apiCall(host, 'rules:save', {
      platform: 'taobao',
      key: 'threshold.good_rate',
      value: { op: '>=', value: 0.85 },
      effective_from: '2026-10-01',
      note: '客户合同约定',
    });

    browser = await launchBrowser();
    const { page } = browser;
    await openApp(page, host);
    const shot = async (name: string, fullPage = false): Promise<void> => {
      await page.waitForTimeout(400);
      if (fullPage) {
        // a tall window rather than a stitched page: the sticky side menu then reaches the bottom too
        const height = await page.evaluate<number>('document.documentElement.scrollHeight');
        await page.setViewportSize({ width: 1440, height });
        await page.waitForTimeout(400);
      }
      await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
      if (fullPage) await page.setViewportSize({ width: 1440, height: 900 });
      console.log(`wrote test-results/${name}`);
    };

    // 1. overview: the month picker lands on the latest month (October)
    await goTo(page, 'overview');
    await page.locator('[data-testid="platform-card-douyin"]').waitFor();
    await page.locator('[data-testid="trend-chart-douyin"] canvas').waitFor();
    await page.mouse.move(0, 0);
    await shot('overview.png', true);
    await shot('overview-top.png');

    // 2. scorecards, accounts tab, with sparklines and 对比上月
    await goTo(page, 'scorecards');
    await page.click('[data-testid="tab-accounts"]');
    await page.locator('[data-testid="table-accounts"] [data-testid="sparkline"] canvas').first().waitFor();
    await page.click('[data-testid="compare-toggle"]');
    await page.locator('[data-testid="table-accounts"] [data-testid="delta"]').first().waitFor();
    await page.mouse.move(0, 0);
    await shot('scorecards-compare.png');
    // the recovery hint on 云裳女装旗舰店:小雨's good rate
    const rec = page.locator('[data-testid="table-accounts"] [data-testid="recovery"]').first();
    if (await rec.count()) {
      await rec.scrollIntoViewIfNeeded();
      const good = page
        .locator('[data-testid="table-accounts"] tr.ant-table-row', { hasText: '云裳女装旗舰店:小雨' })
        .locator('[data-testid="metric-value"][data-metric="good_rate"]');
      await good.hover();
      await page.locator('[data-testid="metric-tooltip"]').first().waitFor();
      await shot('scorecards-recovery.png');
    }

    // 3. settings: roster, with one agent's account ranges open
    await goTo(page, 'settings');
    await page.locator('[data-testid="roster-table"]').waitFor();
    await page.locator('[data-testid="roster-table"] .ant-table-row-expand-icon').first().click();
    await page.mouse.move(0, 0);
    await shot('settings-roster.png');
    await page.click('[data-testid="assign-add"]');
    await page.locator('#assign_account').waitFor();
    await page.locator('#assign_account').click();
    await page.waitForTimeout(300);
    await shot('settings-assign-modal.png');
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-close').first().click();
    await page.locator('.ant-modal').first().waitFor({ state: 'hidden' });
    await page.click('[data-testid="settings-tab-accounts"]');
    await page.locator('[data-testid="roster-accounts"]').waitFor();
    await shot('settings-accounts.png');

    // 4. settings: rules, the add-version modal open on the 3-minute rate
    await page.click('[data-testid="settings-tab-rules"]');
    await page.locator('[data-testid="rules-table-douyin"]').waitFor();
    await shot('settings-rules.png');
    await page.click('[data-testid="rules-add"]');
    await page.locator('#rule_key').waitFor();
    await page.locator('#rule_key').click();
    await page.locator('#rule_key').fill('3分钟人工回复率');
    await page.keyboard.press('Enter');
    await page.locator('#rule_amount').waitFor();
    await page.locator('#rule_amount').fill('75');
    await page.locator('#rule_note').fill('客户合同约定');
    await page.mouse.move(0, 0);
    await shot('settings-rules-modal.png');
    await page.keyboard.press('Escape');

    // 5. import: the mapping modal for an unknown layout
    await goTo(page, 'import');
    await page.setInputFiles(
      '[data-testid="import-dropzone"] input[type=file]',
      fixture('bad', '外包日报_2026-10-05.xlsx'),
    );
    await page.locator('[data-testid="open-mapping"]').waitFor({ timeout: 30_000 });
    await page.mouse.move(0, 0);
    await shot('import-mapping-failed.png');
    await page.click('[data-testid="open-mapping-top"]');
    await page.locator('[data-testid="mapping-target"]').waitFor();
    await page.click('[data-testid="mapping-target"]');
    await page.locator('.ant-select-item-option[title="抖音 飞鸽客服数据（经典版）"]').click();
    for (const [header, label] of [
      ['会话数', '人工已接待会话量'],
      ['三分钟回复率', '3分钟人工回复率(会话)'],
    ] as const) {
      await page.click(`[data-testid="map-${header}"]`);
      await page.keyboard.type(label);
      await page.keyboard.press('Enter');
    }
    await page.mouse.move(0, 0);
    await shot('import-mapping-modal.png');
  } finally {
    await browser?.close();
    await host?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
