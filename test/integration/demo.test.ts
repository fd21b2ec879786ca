import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCli } from '../../scripts/demo';
import { openDb } from '../../src/main/db/open';
import { generateDemo, previousMonth } from '../../src/main/demo/generate';
import { runDemo } from '../../src/main/demo/run';
import { examReport } from '../../src/main/events/exams';
import { ratingsMonth } from '../../src/main/events/ratings-view';
import { loadRules, getMonthReport } from '../../src/main/report/report';
import { chinaEpoch } from '../../src/shared/china-time';
import type { MonthReport } from '../../src/shared/report';
import { cli, tempDb } from './helpers';
import { monthReport } from '../../src/main/month';

// 2026-11-05 10:00 China: the demo month is October, and every October day is past its T+2 lag (final)
const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const MONTH = '2026-10';
const SHOPS = [
  ['douyin', '星河旗舰店'],
  ['douyin', '云朵美妆店'],
  ['kuaishou', '快乐小店'],
  ['jd', '京东星辰自营'],
  ['taobao', '云裳女装旗舰店'],
];
// 31 days: roster + 2 Douyin shops × 31 + Kuaishou 考核数据 and 数据详情 + JD × 31 + Taobao × 31 + 千牛 服务体验
const FILES = 1 + 62 + 2 + 31 + 31 + 1 + 4; // + chat records, ratings, orders, exam warnings

function sha(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

describe('npm run demo', () => {
  it('imports a realistic month for five shops on the four platforms through the real pipeline, deterministically', async () => {
    const file = tempDb();
    const db = openDb(file);
    const run = runDemo(db, { now: NOW });
    const report = getMonthReport(db, run.month, NOW);
    const exams = examReport(db, loadRules(db), '2026-11-05');
    const ratingsView = ratingsMonth(db, run.month, NOW);
    const perDay = db
      .prepare(
        `SELECT period_from AS day, SUM(value_n * 1.0 / value_d) AS sessions FROM facts
          WHERE field IN ('manual_sessions', 'jd_reception', 'consulted_buyers', 'reception_buyers') AND period_from = period_to
          GROUP BY period_from ORDER BY period_from`,
      )
      .all() as { day: string; sessions: number }[];
    db.close();

    expect(run.month).toBe(MONTH);
    expect(run.files).toHaveLength(FILES);
    for (const f of run.files) {
      expect({
        file: f.file,
        status: f.status,
        rejected: f.rows.rejected,
        message: f.status === 'imported' ? '' : f.message,
      }).toEqual({
        file: f.file,
        status: 'imported',
        rejected: 0,
        message: '',
      });
      expect(f.rejections).toEqual([]);
    }
    expect(run.files[0]).toMatchObject({ file: '客服花名册.xlsx', layout: 'roster', rows: { accepted: 29 } });
    // every detected layout of the issue, encodings and containers included
    const layouts = new Set(run.files.map((f) => f.layout));
    expect([...layouts].sort()).toEqual(
      [
        'douyin_feige_classic',
        'jd_detail',
        'kuaishou_assessment',
        'kuaishou_satisfaction_detail',
        'roster',
        'taobao_qianniu_by_agent+taobao_qianniu_capability',
        'taobao_reception',
        'events_messages',
        'events_ratings',
        'events_orders',
        'events_exams',
      ].sort(),
    );
    expect(run.files.filter((f) => f.file.endsWith('.csv'))).toHaveLength(3);
    expect(run.files.find((f) => f.file === '飞鸽客服数据_星河旗舰店_2026-10-03.xlsx')).toMatchObject({
      period: { from: '2026-10-03', to: '2026-10-03', source: 'file_name' },
    });
    expect(run.files.find((f) => f.layout === 'kuaishou_satisfaction_detail')).toMatchObject({
      period: { from: '2026-10-01', to: '2026-10-31', source: 'column' },
    });
    // banner lines, 汇总 rows and the JD total row are dropped, never read as agents
    for (const f of run.files.filter(
      (x) =>
        x.layout === 'douyin_feige_classic' || x.layout === 'jd_detail' || x.layout === 'taobao_reception',
    )) {
      expect(f.accounts.every((a) => a.includes(':'))).toBe(true);
    }

    expect(report.shops.map((s) => [s.platform, s.shop]).sort()).toEqual([...SHOPS].sort());
    expect(report.notices).toEqual([]);
    const withMetrics = report.agents.filter((a) =>
      a.platforms.some((p) => p.metrics.reply_3min_rate?.value != null),
    );
    expect(withMetrics.length).toBeGreaterThanOrEqual(20);
    expect(report.agents).toHaveLength(24);
    // the month of events: exam warnings (passed late and repeat, passed, overdue), ratings for 中差评, chat evidence
    expect(exams.map((w) => w.status)).toEqual(['passed_late', 'passed', 'overdue']);
    expect(exams.filter((w) => w.repeat)).toHaveLength(2);
    expect(ratingsView.has_events).toBe(true);
    expect(
      ratingsView.accounts.some(
        (a) => a.bad_attitude_ratio && a.bad_attitude_ratio.num / a.bad_attitude_ratio.den > 0.06,
      ),
    ).toBe(true);
    expect(new Set(report.agents.map((a) => a.team))).toEqual(new Set(['一组', '二组', '三组']));

    const agent = (name: string) => report.agents.find((a) => a.agent === name)!;
    const on = (name: string, platform: string) =>
      agent(name).platforms.find((p) => p.platform === platform)!.metrics;
    // the slow agent fails the Douyin 3-minute rate (≥ 80%) at 65–75%
    const slow = on('赵磊', 'douyin').reply_3min_rate!;
    expect(slow.pass).toBe(false);
    expect(slow.value!).toBeGreaterThan(0.65);
    expect(slow.value!).toBeLessThan(0.75);
    expect(slow.approximate).toBe(false);
    // Kuaishou: one agent over the 6% bad-attitude line, the shop with her
    const rude = on('朱婷', 'kuaishou').bad_attitude_ratio!;
    expect(rude.value!).toBeGreaterThan(0.06);
    expect(rude.pass).toBe(false);
    const kuaishouOthers = report.agents
      .filter((a) => a.agent !== '朱婷')
      .flatMap((a) =>
        a.platforms.filter((p) => p.platform === 'kuaishou').map((p) => p.metrics.bad_attitude_ratio!),
      );
    expect(kuaishouOthers.length).toBeGreaterThanOrEqual(4);
    for (const m of kuaishouOthers) expect(m.pass).toBe(true);
    // JD: one agent under the 80% good rate
    expect(on('罗琳', 'jd').good_rate!.pass).toBe(false);
    // most agents pass the 3-minute rate
    const reply = report.agents.flatMap((a) => a.platforms.map((p) => p.metrics.reply_3min_rate!));
    expect(reply.filter((m) => m.pass === true).length).toBeGreaterThanOrEqual(reply.length - 2);
    // conversions are real fractions
    for (const a of report.accounts) {
      const c = a.metrics.conversion_rate;
      if (c?.value != null) expect(c.numerator!).toBeLessThanOrEqual(c.denominator!);
    }
    // weekends are busier (10-01 is a Thursday: day i is weekday (i + 3) % 7, Monday = 0)
    expect(perDay).toHaveLength(31);
    const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / xs.length;
    const weekend = perDay.filter((_, i) => (i + 3) % 7 >= 5).map((d) => d.sessions);
    const weekdays = perDay.filter((_, i) => (i + 3) % 7 < 5).map((d) => d.sessions);
    expect(weekend).toHaveLength(9);
    expect(mean(weekend)).toBeGreaterThan(1.2 * mean(weekdays));

    // 云朵美妆店:小鹿 changes hands on the 15th: each half goes to its owner, the month row has no single owner
    const handed = report.accounts.find((a) => a.account === '云朵美妆店:小鹿')!;
    expect(handed.agent_id).toBeNull();
    const before = on('周晓', 'douyin').sessions!.value!;
    const after = on('吴敏', 'douyin').sessions!.value!;
    expect(before + after).toBe(handed.metrics.sessions!.value);
    expect(
      agent('周晓')
        .platforms.map((p) => p.platform)
        .sort(),
    ).toEqual(['douyin', 'kuaishou']);
    // two-platform agents keep one metric set per platform
    expect(
      agent('冯宇')
        .platforms.map((p) => p.platform)
        .sort(),
    ).toEqual(['jd', 'taobao']);

    // every October day was imported after D+2: final
    for (const s of report.shops) expect(s.metrics.reply_3min_rate!.status).toBe('final');

    // a second run through the CLI (runImport, as the first-start button) into another database: the identical report
    const other = tempDb();
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), now: () => NOW, env: {} };
    expect(await demoCli(['--db', other], io)).toBe(0);
    expect(out).toContain(`ScoreDesk 演示数据：${MONTH}`);
    expect(out).toContain(`文件 ${FILES} 个：已导入 ${FILES}，跳过 0（已导入过），失败 0`);
    const db2 = openDb(other);
    const report2: MonthReport = getMonthReport(db2, MONTH, NOW);
    db2.close();
    expect(JSON.stringify(report2)).toBe(JSON.stringify(report));

    // the demo never mixes into a database that has imports, unless forced; forced, the same files are skipped
    out = '';
    expect(await demoCli(['--db', other], io)).toBe(1);
    expect(err).toContain('已经有导入记录');
    expect(await demoCli(['--db', other, '--force'], io)).toBe(0);
    expect(out).toContain(`已导入 0，跳过 ${FILES}`);
    expect(await demoCli(['--month', '2026-13', '--db', other], io)).toBe(1);
  }, 240_000);

  it('generates the same bytes every time, for any month, in China time', () => {
    const a = generateDemo({ now: NOW });
    const b = generateDemo({ now: NOW });
    expect(a.files.map((f) => [f.name, sha(f.bytes)])).toEqual(b.files.map((f) => [f.name, sha(f.bytes)]));
    // 00:30 on New Year's Day in China is still 12-31 in UTC and in Los Angeles: the previous month is December
    expect(previousMonth(chinaEpoch(2026, 1, 1, 0, 30, 0)!)).toBe('2025-12');
    expect(previousMonth(chinaEpoch(2026, 10, 31, 23, 59, 0)!)).toBe('2026-09');
    const feb = generateDemo({ now: NOW, month: '2026-02' });
    expect(feb.month).toBe('2026-02');
    expect(feb.files).toHaveLength(1 + 56 + 2 + 28 + 28 + 1 + 4);
    expect(feb.files.some((f) => f.name === '千牛服务体验_云裳女装旗舰店_2026-02-01~2026-02-28.xlsx')).toBe(
      true,
    );
  });
});

describe('npm run demo -- --out DIR', () => {
  it('also writes the KCI sheet: importing the written files by hand gives the same grades as the demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoredesk-demo-out-'));
    const db = openDb(tempDb());
    runDemo(db, { now: NOW, writeTo: dir });
    const demo = monthReport(db, MONTH, NOW);
    db.close();
    const written = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(dir, f))
      .filter((f) => statSync(f).isFile());
    const kci = written.filter((f) => f.includes(`${join(dir, 'KCI')}`));
    expect(kci.map((f) => f.slice(dir.length + 1))).toEqual([join('KCI', `KCI_${MONTH}.xlsx`)]);
    expect(written.length).toBe(FILES + 1);

    // by hand: the roster first, then every export, then the KCI sheet
    const other = tempDb();
    const roster = written.filter((f) => f.endsWith('客服花名册.xlsx'));
    const rest = written.filter((f) => !roster.includes(f) && !kci.includes(f));
    expect((await cli(['import', ...roster, '--db', other], NOW)).code).toBe(0);
    expect((await cli(['import', ...rest, '--db', other], NOW)).code).toBe(0);
    const k = await cli(['kci', 'import', kci[0]!, '--db', other], NOW);
    expect(k.code).toBe(0);
    const byHand = JSON.parse(
      (await cli(['report', '--month', MONTH, '--json', '--db', other], NOW)).out,
    ) as {
      agents: { agent: string; kpi: { grade: string | null; final: number | null }[] }[];
    };
    const grades = (agents: typeof byHand.agents): string[] =>
      agents
        .map((a) => `${a.agent}:${a.kpi.map((x) => `${x.grade}/${x.final?.toFixed(2)}`).join(',')}`)
        .sort();
    const demoJson = JSON.parse(JSON.stringify(demo)) as typeof byHand;
    expect(grades(byHand.agents)).toEqual(grades(demoJson.agents));
    // the demo's KCI makes grades complete: no agent left at D for want of KCI
    expect(grades(byHand.agents).filter((g) => g.includes('D/')).length).toBeLessThan(5);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
