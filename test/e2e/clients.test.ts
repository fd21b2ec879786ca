/**
 * 设置 → 店铺与客户 in the browser host: two exports spell 星河旗舰店 two ways (星河旗舰店（官方） on 10-04). The lead adds the
 * client 星河集团, gives it 星河旗舰店, and merges 星河旗舰店（官方） into 星河旗舰店 after a dialog that says what moves
 * (3 个账号、1 天数据); the shop's month then counts both days: (32 + 18 + 35 + 30 + 6) / (40 + 20 + 50 + 30 + 10).
 * Then a scheme is scoped 按客户 and the 客户版 is previewed for 星河集团.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MonthReport } from '../../src/shared/report';
import { SCREENSHOT_DIR, apiCall, fixture, goTo, importFiles, openApp } from './helpers';
import { useAppSession } from './app-session';

const tid = (id: string): string => `[data-testid="${id}"]`;
const text = async (l: Locator): Promise<string> => ((await l.textContent()) ?? '').trim();

const HEAD = '店铺名称,客服昵称,账号名称,日期,人工已接待会话量,3分钟人工回复率(会话)';
const A = [
  HEAD,
  '星河旗舰店,阿青,星河旗舰店:阿青,2026-10-03,40,80%',
  '星河旗舰店,小满,星河旗舰店:小满,2026-10-03,20,90%',
];
const B = [
  HEAD,
  '星河旗舰店（官方）,阿青,星河旗舰店:阿青,2026-10-04,50,70%',
  '星河旗舰店（官方）,小满,星河旗舰店:小满,2026-10-04,30,100%',
  '星河旗舰店（官方）,小林,星河旗舰店:小林,2026-10-04,10,60%',
];

/** Screenshots at 1280×720 and 1440×900 (the browser's own size, restored after). */
async function shots(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  for (const [w, h] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${w}.png`) });
  }
}

function shopRow(page: Page, name: string): Locator {
  return page.locator(`${tid('shops-table')} tr.ant-table-row`, {
    has: page.locator(tid('shop-name'), { hasText: new RegExp(`^${name.replace(/[()（）]/g, '.')}$`) }),
  });
}

describe('设置 → 店铺与客户: clients, a shop given to a client, two spellings merged', () => {
  const app = useAppSession(async (host) => {
    // the roster: 李青 on 星河旗舰店:阿青 (and 快乐小店:小美), 王满 then 赵六 on 星河旗舰店:小满
    const roster = await importFiles(host, [{ path: fixture('roster', '客服花名册.xlsx') }]);
    expect(roster.files.map((f) => f.status)).toEqual(['imported']);
    const enc = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\n') + '\n');
    for (const [name, lines] of [
      ['星河_1003.csv', A],
      ['星河官方_1004.csv', B],
    ] as const) {
      const r = await importFiles(host, [{ path: name, bytes: enc(lines) }]);
      expect(r.files.map((f) => f.status)).toEqual(['imported']);
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  it('adds 星河集团, gives it 星河旗舰店 and merges 星河旗舰店（官方） into it', async () => {
    const { page, errors } = app;
    await openApp(page, app.host);
    await goTo(page, 'settings');
    await page.click(tid('settings-tab-shops'));
    await shopRow(page, '星河旗舰店（官方）').waitFor({ timeout: 10_000 });
    // 快乐小店 comes from the roster
    expect(await page.locator(`${tid('shops-table')} tr.ant-table-row`).count()).toBe(3);

    // a client: the name typed, Enter saves
    await page.click(tid('client-add'));
    const name = page.locator(tid('client-name'));
    await name.waitFor();
    await name.fill('星河集团');
    await page.locator(tid('client-note')).fill('2026 年服务合同');
    await page.keyboard.press('Enter');
    await page.locator(tid('client-name-cell'), { hasText: '星河集团' }).waitFor({ timeout: 10_000 });

    // 星河旗舰店 belongs to 星河集团
    await shopRow(page, '星河旗舰店').locator(tid('shop-client')).click();
    await page.locator('.ant-select-item-option[title="星河集团"]').click();
    await expect
      .poll(() => text(page.locator(tid('client-shops'))), { timeout: 10_000 })
      .toBe('抖音·星河旗舰店');
    await shots(page, 'clients-1-assigned');

    // merge: the dialog says what moves before anything does
    await shopRow(page, '星河旗舰店（官方）').locator(tid('shop-merge')).click();
    const into = page.locator(`${tid('shop-merge-into')}`);
    await into.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.locator('.ant-select-item-option[title="星河旗舰店"]').waitFor();
    await page.keyboard.press('Enter');
    const summary = page.locator(tid('shop-merge-summary'));
    await summary.waitFor({ timeout: 10_000 });
    // 阿青, 小满 (both joining 星河旗舰店's own) and 小林; one day, 10-04
    expect(await text(page.locator(tid('merge-accounts')))).toBe('3 个账号');
    expect(await text(page.locator(tid('merge-days')))).toBe('1 天数据');
    expect(await text(summary)).toContain('其中 2 个与“星河旗舰店”的同名账号合为一个');
    expect(await text(summary)).toContain('3 行');
    await shots(page, 'clients-2-merge-dialog');
    // Enter confirms
    await page.keyboard.press('Enter');
    await page
      .locator('.ant-message-notice', { hasText: '已将“星河旗舰店（官方）”合并到“星河旗舰店”' })
      .waitFor({
        timeout: 20_000,
      });
    await expect.poll(() => page.locator(`${tid('shops-table')} tr.ant-table-row`).count()).toBe(2);
    expect(await text(shopRow(page, '星河旗舰店').locator(tid('shop-aliases')))).toBe(
      '别名：星河旗舰店（官方）',
    );
    // the client keeps its shop; the account count is 3 (小林 moved in)
    expect(await text(page.locator(tid('client-shops')))).toBe('抖音·星河旗舰店');
    await shots(page, 'clients-3-merged');

    const r = await apiCall<MonthReport>(app.host, 'report:month', { month: '2026-10' });
    expect(r.shops.map((s) => s.shop)).toEqual(['星河旗舰店']);
    expect(r.accounts.filter((a) => a.shop === '星河旗舰店（官方）')).toEqual([]);
    // (32 + 18 + 35 + 30 + 6) / (40 + 20 + 50 + 30 + 10)
    expect(r.shops[0]!.metrics.reply_3min_rate).toMatchObject({ numerator: 121, denominator: 150 });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 90_000);

  it('scopes a scheme 按客户 and previews the 客户版 of 星河集团', async () => {
    const { page, errors } = app;
    await goTo(page, 'schemes');
    await page.locator(tid('scheme-editor')).waitFor({ timeout: 20_000 });
    await page.click(tid('scope-by-client'));
    // one client: chosen by itself
    await expect.poll(() => text(page.locator(tid('scope-client')))).toContain('星河集团');
    await shots(page, 'clients-4-scheme-scope');

    await goTo(page, 'sheet');
    const client = page.locator(tid('sheet-client'));
    await client.waitFor({ timeout: 20_000 });
    await client.click();
    await page.locator('.ant-select-item-option[title="星河集团"]').click();
    await expect
      .poll(() => text(page.locator(tid('sheet-file-name'))), { timeout: 20_000 })
      .toBe('月度绩效表_星河-标准方案_星河集团_2026-10_客户版.xlsx');
    // the agents serving 星河旗舰店 (李青 on 阿青; 王满, then 赵六, on 小满)
    await expect.poll(() => text(page.locator(tid('sheet-table'))), { timeout: 20_000 }).toContain('李青');
    expect(await text(page.locator(tid('sheet-table')))).toContain('赵六');
    await shots(page, 'clients-5-sheet');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 60_000);
});
