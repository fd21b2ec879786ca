/**
 * Every screen with the demo month, as a team lead first sees it: the first-start button loads the demo through the
 * real import pipeline, then each page is opened, checked for its content and photographed (test-results/demo-*.png).
 * Then every screen, tab, the drill drawer and the alerts bell are photographed again at 1440×900 and 1280×720
 * (test-results/screens/<width>/<screen>.png, issue 11 item 9) and checked for what a lead would see cut off.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, goTo, openApp, SCREENSHOT_DIR } from './helpers';
import { useAppSession } from './app-session';
import { photographScreens } from './screens';

describe('every screen with the demo month', () => {
  const app = useAppSession();

  it('loads the demo from the empty overview and shows real numbers on every screen', async () => {
    const { page, errors } = app;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await openApp(page, app.host);
    await page.click('[data-testid="demo-load"]');
    // 132 files through the pipeline: the overview replaces its empty state when the job is done
    await page.waitForSelector('[data-testid="overview-empty"]', { state: 'detached', timeout: 90_000 });
    const months = await apiCall<string[]>(app.host, 'report:months');
    expect(months.length).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-overview.png'), fullPage: true });
    const overview = (await page.textContent('[data-testid="overview-page"]')) ?? '';
    for (const word of ['抖音', '快手', '京东', '淘宝', '3分钟人工回复率']) expect(overview).toContain(word);

    const screens: { route: string; expect: string[] }[] = [
      { route: 'scorecards', expect: ['李青', '星河旗舰店', '最终得分'] },
      { route: 'ratings', expect: ['快乐小店', '服务态度差'] },
      { route: 'exams', expect: ['逾期未考', '重复预警'] },
      { route: 'schemes', expect: ['星河-标准方案', '权重'] },
      { route: 'import', expect: ['导入记录', '共 132 次导入', '聊天记录_星河旗舰店'] },
      { route: 'sheet', expect: ['星河-标准方案', '导出'] },
      { route: 'settings', expect: ['花名册', '李青'] },
    ];
    for (const s of screens) {
      await goTo(page, s.route);
      for (const word of s.expect)
        await expect
          .poll(async () => (await page.textContent('main')) ?? '', { timeout: 20_000 })
          .toContain(word);
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `demo-${s.route}.png`), fullPage: true });
    }
    // boxes instead of Chinese would mean the CJK fonts are missing: the page's text is measured as CJK glyphs
    const cjkWidth = await page.evaluate<number>(
      `(() => { const s = document.createElement('span'); s.textContent = '客服绩效台'; document.body.appendChild(s);
        const w = s.getBoundingClientRect().width; s.remove(); return w; })()`,
    );
    expect(cjkWidth).toBeGreaterThan(40);
    expect(errors).toEqual([]);
  }, 240_000);

  it('photographs every screen at 1440 and 1280 with nothing cut off', async () => {
    const { page, errors } = app;
    const { problems, known, wide, ellipsis } = await photographScreens(
      page,
      join(SCREENSHOT_DIR, 'screens'),
    );
    // allowed, but listed for whoever looks at the pictures: wide metric tables scroll, long names end in …
    for (const [what, list] of [
      ['known cuts (components not changed here)', known],
      ['tables scrolling sideways', wide],
      ['texts ending in …', ellipsis],
    ] as const)
      if (list.length) process.stderr.write(`${what}:\n  ${list.join('\n  ')}\n`);
    expect(problems).toEqual([]);
    expect(errors.filter((e) => !/favicon/i.test(e))).toEqual([]);
  }, 600_000);
});
