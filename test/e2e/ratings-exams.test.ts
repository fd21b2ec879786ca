/**
 * 中差评 and 考试预警 in the browser host, on the roster, the Kuaishou rating details of 10-05 and the Douyin exam
 * warnings: the shop's and 小美's 服务态度差中差评率, the recovery count, an appeal and its what-if; the warnings as of
 * 11-23 with their statuses and repeat tags, and a result entered by hand. Screenshots go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RatingsMonthView } from '../../src/shared/events-view';
import type { ImportBatchInfo } from '../../src/shared/imports';
import { E2E_TODAY, SCREENSHOT_DIR, apiCall, fixture, goTo, importFiles, openApp } from './helpers';
import { importAll, useAppSession } from './app-session';

/** The input of an antd picker or number box: the test id lands on the input itself or on its wrapper. */
function inputOf(scope: Page | Locator, testId: string): Locator {
  return scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** Types a value into an antd DatePicker and commits it. */
async function typeDate(page: Page, input: Locator, text: string): Promise<void> {
  await input.click();
  await input.fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(text);
}

/** A 1440×900 screenshot; `full` adds the whole page (a tall window, so the side menu reaches the bottom too). */
async function shot(
  page: Page,
  name: string,
  opts: { full?: boolean; settle?: boolean } = {},
): Promise<void> {
  await page.mouse.move(0, 0);
  // let earlier success toasts fade where they would hide the header
  if (opts.settle)
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 6000 }).toBe(0);
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  if (opts.full && height > 900) {
    await page.setViewportSize({ width: 1440, height });
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SCREENSHOT_DIR, name.replace(/\.png$/, '-full.png')) });
    await page.setViewportSize({ width: 1440, height: 900 });
  }
}

/** Today in China time: the browser host runs on the fixed clock of the UI tests. */
const TODAY = E2E_TODAY;

/**
 * A month in progress (the current one) for a second Kuaishou shop: every day so far 12 satisfied ratings, two 一般 and
 * every other day one 失望 that do not cite 服务态度差, and one 一般 citing it in the middle of the month so far.
 */
function currentMonthRatings(): { name: string; path: string; bytes: Uint8Array } {
  const month = TODAY.slice(0, 7);
  const last = Number(TODAY.slice(8, 10));
  const lines = [
    '平台,店铺,客服账号,会话ID,买家,邀评时间,评价时间,评价等级,不满意原因,评价渠道,服务类型,是否剔除,评价ID',
  ];
  let n = 0;
  const add = (account: string, day: number, level: string, reason: string): void => {
    n++;
    const d = `${month}-${String(day).padStart(2, '0')}`;
    const m = String(n % 50).padStart(2, '0');
    lines.push(
      `快手,开心旗舰店,开心旗舰店:${account},C${n},B${n},${d} 10:${m}:00,${d} 11:${m}:00,${level},${reason},商户邀请评价,人工,,`,
    );
  };
  for (let d = 1; d <= last; d++) {
    for (let i = 0; i < 12; i++) add(i % 2 ? '小王' : '小丽', d, '满意', '');
    add('小王', d, '一般', '物流慢');
    add('小丽', d, '一般', '回复慢');
    if (d % 2 === 0) add('小丽', d, '失望', '商品质量差');
    if (d === Math.ceil(last / 2)) add('小王', d, '一般', '回复慢；服务态度差');
  }
  return {
    name: `评价明细_快手_${month}.csv`,
    path: 'generated.csv',
    bytes: new TextEncoder().encode(`\uFEFF${lines.join('\n')}\n`),
  };
}

describe('中差评 and 考试预警 screens', () => {
  const app = useAppSession(async (host) => {
    await importAll(
      host,
      fixture('roster', '客服花名册.xlsx'),
      fixture('events', '评价明细_快手_2026-10-05.xlsx'),
      fixture('events', '考试预警_抖音.xlsx'),
    );
    const history = await apiCall<ImportBatchInfo[]>(host, 'import:history');
    expect(history).toHaveLength(3);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  it('shows the shop and account ratios, the recovery count, and the what-if of a pending appeal', async () => {
    const { page, errors } = app;
    await openApp(page, app.host);
    await goTo(page, 'ratings');
    // November has only exam warnings: the page lands on October, the latest month with ratings
    const card = page.locator('[data-testid="rt-shop-card"][data-shop="快乐小店"]');
    await card.waitFor({ timeout: 20_000 });
    expect(await inputOf(page, 'rt-month').inputValue()).toBe('2026年10月');
    expect(await page.locator('[data-testid="rt-auto-note"]').textContent()).toContain(
      '2026年11月还没有导入评价明细',
    );

    // the shop counts the robot-served K6 (seed 002): 2/3
    expect(await card.locator('[data-testid="rt-shop-ratio"]').textContent()).toBe('66.67%');
    expect(await card.locator('[data-testid="rt-light"]').getAttribute('data-light')).toBe('red');
    expect(await card.locator('[data-testid="rt-shop-counts"]').textContent()).toBe(
      '一般1（其中服务态度差 1）失望2（其中 1）',
    );
    expect(await card.textContent()).toContain('再获得 6 个满意评价可回到 80%');
    const chart = card.locator('[data-testid="rt-trend-chart"] canvas').first();
    await chart.waitFor();
    expect((await chart.boundingBox())!.width).toBeGreaterThan(300);

    // 小美 (李青): 1/2 attitude, good rate 2/4 → 6 more satisfied ratings reach 80%
    const xm = page.locator('[data-testid="rt-accounts"] tr[data-account="快乐小店:小美"]');
    expect(await xm.locator('[data-testid="rt-account-ratio"]').textContent()).toBe('50.00%');
    expect(await xm.locator('[data-testid="rt-account-good"]').textContent()).toBe('50.00%');
    expect(await xm.locator('[data-testid="rt-account-recovery"]').textContent()).toBe('6 个满意评价');
    expect(await xm.textContent()).toContain('李青');

    // the ratings: U2 (23:05, outside the window) and U5 (removed) are listed but flagged
    const rows = page.locator('[data-testid="rt-ratings"] tr.ant-table-row');
    expect(await rows.count()).toBe(5);
    expect(await page.locator('[data-testid="rt-ratings"] tr[data-buyer="U2"]').textContent()).toContain(
      '考核时段外',
    );
    expect(await page.locator('[data-testid="rt-ratings"] tr[data-buyer="U5"]').textContent()).toContain(
      '已剔除',
    );
    expect(await page.locator('[data-testid="rt-ratings"] tr[data-buyer="U6"]').textContent()).toContain(
      '机器人',
    );
    await shot(page, 'ratings.png', { full: true });

    // appeal U3 (一般, 服务态度差): if it succeeds, 小美 has 0 of 1 → 0.00%, the shop 1 of 2 → 50.00%
    await page.locator('[data-testid="rt-ratings"] tr[data-buyer="U3"] [data-testid="rt-appeal"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="申诉中"]').click();
    const ifAppeal = xm.locator('[data-testid="rt-account-if-appeals"]');
    await ifAppeal.waitFor({ timeout: 10_000 });
    expect(await ifAppeal.textContent()).toBe('0.00%1 条申诉中');
    await ifAppeal.hover();
    await expect
      .poll(() => page.locator('.ant-tooltip:visible').last().textContent())
      .toContain('若申诉中的评价全部成功：0.00%（0/1）');
    expect(await card.locator('[data-testid="rt-if-appeals"]').textContent()).toContain(
      '若申诉中的评价全部成功：50.00%1 条申诉中',
    );
    // the official number does not move
    expect(await card.locator('[data-testid="rt-shop-ratio"]').textContent()).toBe('66.67%');
    expect(await xm.locator('[data-testid="rt-account-ratio"]').textContent()).toBe('50.00%');
    await shot(page, 'ratings-appeal.png', { full: true });

    // November has no rating details yet: the empty state says what to import and hands out the template
    await typeDate(page, inputOf(page, 'rt-month'), '2026年11月');
    const empty = page.locator('[data-testid="rt-empty"]');
    await empty.waitFor({ timeout: 10_000 });
    expect(await empty.textContent()).toContain('2026年11月还没有评价明细');
    expect(await empty.locator('a[href="#/import"]').count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="rt-template-empty"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ScoreDesk模板_评价明细.*\.xlsx$/);
    await shot(page, 'ratings-empty.png');
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 40_000);

  it('shows a month in progress with its end-of-month projection and the remaining budget', async () => {
    const { page, errors } = app;
    const r = await importFiles(app.host, [currentMonthRatings()]);
    expect(r.files[0]!.status).toBe('imported');
    const month = TODAY.slice(0, 7);
    const view = await apiCall<RatingsMonthView>(app.host, 'ratings:month', { month });
    const shop = view.shops.find((s) => s.shop === '开心旗舰店')!;
    await typeDate(page, inputOf(page, 'rt-month'), `${month.slice(0, 4)}年${Number(month.slice(5))}月`);
    const card = page.locator('[data-testid="rt-shop-card"][data-shop="开心旗舰店"]');
    await card.waitFor({ timeout: 10_000 });
    const ratio = shop.bad_attitude_ratio!;
    expect(await card.locator('[data-testid="rt-shop-ratio"]').textContent()).toBe(
      `${((ratio.num / ratio.den) * 100).toFixed(2)}%`,
    );
    const p = shop.projection!;
    expect(await card.locator('[data-testid="rt-projection"]').textContent()).toContain(
      '按当前节奏，月末预计',
    );
    expect(await card.locator('[data-testid="rt-projected"]').textContent()).toBe(
      `${((p.bad_attitude_ratio!.num / p.bad_attitude_ratio!.den) * 100).toFixed(2)}%`,
    );
    expect(await card.locator('[data-testid="rt-budget-now"]').textContent()).toBe(String(p.budget_now));
    expect(await card.locator('[data-testid="rt-trend-chart"] canvas').count()).toBeGreaterThan(0);
    // the projection column appears for a month in progress
    expect(await page.locator('[data-testid="rt-accounts"] thead').textContent()).toContain('月末预计');
    await shot(page, 'ratings-current-month.png', { full: true });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 30_000);

  it('lists the warnings as of 11-23 with statuses and repeat tags, and turns an overdue one into a late pass', async () => {
    const { page, errors } = app;
    await goTo(page, 'exams');
    await page.locator('[data-testid="exams-page"]').waitFor();
    await typeDate(page, inputOf(page, 'ex-as-of'), '2026-11-23');
    const table = page.locator('[data-testid="ex-table"]');
    await expect
      .poll(async () => (await table.locator('[data-testid="ex-status"]').allTextContents()).sort())
      .toEqual(['已通过', '逾期后通过晚 1 天', '逾期未考已逾期 6 天'].sort());

    const row = (status: string): Locator => table.locator(`tr.ant-table-row[data-status="${status}"]`);
    // 李青 (阿青) was warned for the weeks of 10-19 and 11-02: 14 days apart → repeat offender on both rows
    for (const s of ['passed_late', 'overdue']) {
      expect(await row(s).locator('[data-testid="ex-agent"]').textContent()).toBe('李青');
      expect(await row(s).locator('[data-testid="ex-repeat"]').count()).toBe(1);
    }
    expect(await row('passed').locator('[data-testid="ex-agent"]').textContent()).toBe('赵六');
    expect(await row('passed').locator('[data-testid="ex-repeat"]').count()).toBe(0);
    expect(await row('passed_late').locator('[data-testid="ex-week"]').textContent()).toBe('10-19~10-25');
    expect(await row('passed_late').locator('[data-testid="ex-attempts"]').textContent()).toBe(
      '10-30 10:0080分11-04 09:00100分',
    );
    expect(
      await page.locator('[data-testid="ex-stat-overdue"] [data-testid="ex-stat-value"]').textContent(),
    ).toBe('1人次');
    expect(
      await page.locator('[data-testid="ex-stat-repeat"] [data-testid="ex-stat-value"]').textContent(),
    ).toBe('1人');
    await shot(page, 'exams.png', { settle: true });

    // register a 100 on 11-20 10:00 for the overdue row (deadline 11-17): a late pass
    await row('overdue').locator('[data-testid="ex-register"]').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor();
    await typeDate(page, inputOf(modal, 'ex-attempt-time'), '2026-11-20 10:00');
    await inputOf(modal, 'ex-attempt-score').fill('100');
    expect(await modal.locator('[data-testid="ex-attempt-outcome"]').textContent()).toContain('逾期后通过');
    await shot(page, 'exams-attempt.png');
    await page.click('[data-testid="ex-attempt-save"]');
    await modal.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await table.locator('[data-testid="ex-status"]').allTextContents()).sort())
      .toEqual(['已通过', '逾期后通过晚 1 天', '逾期后通过晚 3 天'].sort());
    expect(await table.locator('tr[data-status="overdue"]').count()).toBe(0);

    // a warning entered by hand for any day of the week of 11-16: notice Tuesday 11-24, deadline 12-01
    await page.click('[data-testid="ex-add"]');
    const add = page.locator('.ant-modal:visible');
    await add.waitFor();
    await inputOf(add, 'ex-add-account').fill('星河旗舰店:阿');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option[title="星河旗舰店:阿青"]')
      .click();
    expect(await inputOf(add, 'ex-add-shop').inputValue()).toBe('星河旗舰店');
    await typeDate(page, inputOf(add, 'ex-add-day'), '2026-11-18');
    // the schedule line re-renders after the date commits: wait for it rather than read it once
    await expect
      .poll(() => add.locator('[data-testid="ex-add-schedule"]').textContent())
      .toBe(
        '预警周 11-16（周一） ~ 11-22（周日）预计通知 11-24（周二） · 考试截止 12-01（周二） 23:59（通知后 7 天）',
      );
    await inputOf(add, 'ex-add-reasons').fill('消极服务：回复敷衍');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await shot(page, 'exams-add.png');
    await page.click('[data-testid="ex-add-save"]');
    await add.waitFor({ state: 'hidden' });
    const open = row('open');
    await open.waitFor();
    expect(await open.locator('[data-testid="ex-days-left"]').textContent()).toBe('剩 8 天');
    expect(await open.locator('[data-testid="ex-week"]').textContent()).toBe('11-16~11-22');

    // 李青's history: both warnings, both late
    await row('passed_late').first().locator('[data-testid="ex-agent"]').click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.locator('[data-testid="ex-history-table"]').waitFor();
    await page.waitForTimeout(400); // the drawer slides in
    expect(await drawer.locator('tr.ant-table-row').count()).toBe(3);
    expect(await drawer.textContent()).toContain('共 3 次预警');
    await shot(page, 'exams-history.png', { settle: true });
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 40_000);
});
