/**
 * Drill-downs add up (issue 8): the by-day rows under a value are exactly the parts its numerator and denominator
 * were summed from, each with its source; the evidence rows are exactly the events part of what they list; the
 * coverage sentence says where the rest comes from.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import { openDb } from '../../src/main/db/open';
import { runDemo } from '../../src/main/demo/run';
import { evidence } from '../../src/main/events/evidence';
import { drill } from '../../src/main/report/drill';
import { getMonthReport } from '../../src/main/report/report';
import type { DrillInput, DrillResult, Result } from '../../src/shared/api';
import { chinaEpoch } from '../../src/shared/china-time';
import { EVIDENCE_SPEC } from '../../src/shared/drill';
import type { EvidenceView } from '../../src/shared/events-view';
import type { MetricId } from '../../src/shared/metrics';
import type { MonthReport } from '../../src/shared/report';
import { cli, FIX, NOW_NOV, tempDb } from './helpers';

const csv = (rows: (string | number)[][]): string => `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

// 星河旗舰店:阿青 (Douyin, session-based 3-minute rate). 10-05 has the platform's export (15/20, fixture) and chat
// records; 10-06 and 10-07 have chat records only.
const CHATS = [
  ['平台', '店铺', '会话ID', '客服账号', '买家', '发送方', '消息时间', '自动回复', '消息内容'],
  // 10-05: D8 waited 5 minutes, but the export decides 10-05 → listed as not counted
  ['抖音', '星河旗舰店', 'D8', '星河旗舰店:阿青', 'B8', '买家', '2026-10-05 10:00:00', '', '在吗'],
  ['抖音', '星河旗舰店', 'D8', '星河旗舰店:阿青', 'B8', '客服', '2026-10-05 10:05:00', '否', '在的'],
  // 10-06: D1 has two late rounds (240 s each) → one failing session
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '买家', '2026-10-06 10:00:00', '', '在吗'],
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '客服', '2026-10-06 10:01:00', '否', '在的'],
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '买家', '2026-10-06 10:05:00', '', '几天到'],
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '客服', '2026-10-06 10:09:00', '否', '三天'],
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '买家', '2026-10-06 10:10:00', '', '包邮吗'],
  ['抖音', '星河旗舰店', 'D1', '星河旗舰店:阿青', 'B1', '客服', '2026-10-06 10:14:00', '否', '包邮'],
  // D2 answered in 30 s → passes
  ['抖音', '星河旗舰店', 'D2', '星河旗舰店:阿青', 'B2', '买家', '2026-10-06 11:00:00', '', '有货吗'],
  ['抖音', '星河旗舰店', 'D2', '星河旗舰店:阿青', 'B2', '客服', '2026-10-06 11:00:30', '否', '有'],
  // D3: the robot's 12:00:10 line does not stop the clock: 240 s → fails
  ['抖音', '星河旗舰店', 'D3', '星河旗舰店:阿青', 'B3', '买家', '2026-10-06 12:00:00', '', '能开票吗'],
  ['抖音', '星河旗舰店', 'D3', '星河旗舰店:阿青', 'B3', '机器人', '2026-10-06 12:00:10', '', '请稍候'],
  ['抖音', '星河旗舰店', 'D3', '星河旗舰店:阿青', 'B3', '客服', '2026-10-06 12:04:00', '否', '可以'],
  // D4 starts at 23:05, outside [08:00, 23:00) → not counted; D5 is bot-only → not counted
  ['抖音', '星河旗舰店', 'D4', '星河旗舰店:阿青', 'B4', '买家', '2026-10-06 23:05:00', '', '你好'],
  ['抖音', '星河旗舰店', 'D4', '星河旗舰店:阿青', 'B4', '客服', '2026-10-06 23:20:00', '否', '您好'],
  ['抖音', '星河旗舰店', 'D5', '星河旗舰店:阿青', 'B5', '买家', '2026-10-06 14:00:00', '', '运费'],
  ['抖音', '星河旗舰店', 'D5', '星河旗舰店:阿青', 'B5', '机器人', '2026-10-06 14:00:05', '', '包邮'],
  // 10-07: D6 passes, D7 is never answered → fails
  ['抖音', '星河旗舰店', 'D6', '星河旗舰店:阿青', 'B6', '买家', '2026-10-07 09:00:00', '', '在吗'],
  ['抖音', '星河旗舰店', 'D6', '星河旗舰店:阿青', 'B6', '客服', '2026-10-07 09:02:00', '否', '在'],
  ['抖音', '星河旗舰店', 'D7', '星河旗舰店:阿青', 'B7', '买家', '2026-10-07 15:00:00', '', '人呢'],
];

// 快乐小店:小美 (Kuaishou): the platform's 数据详情 for 10-05 — 10 ratings, good 70% → 7, 中评率 20% → 2, 差评率 10% → 1,
// attitude share 50% of 2 → 1 and 100% of 1 → 1: good 7/10, attitude 2/3
// prettier-ignore
const DETAIL = [
  ['日期', '客服账号', '评价人次', '好评率', '中评率', '差评率', '服务态度差占比(中评原因)', '服务态度差占比(差评原因)'],
  ['2026-10-05', '快乐小店:小美', 10, '70.00%', '20.00%', '10.00%', '50.00%', '100.00%'],
];

/** A 评价明细 row of 小美's, rated 20 minutes after the card was sent. */
function rating(
  n: number,
  sent: string,
  level: string,
  reasons = '',
  flags: { robot?: true; removed?: true } = {},
) {
  const rated = `${sent.slice(0, 14)}${String(Number(sent.slice(14, 16)) + 20).padStart(2, '0')}:00`;
  const service = flags.robot ? '机器人' : '人工';
  const removed = flags.removed ? '是' : '否';
  return [
    '快手',
    '快乐小店',
    '快乐小店:小美',
    '',
    `K${n}`,
    sent,
    rated,
    level,
    reasons,
    '商户邀请评价',
    service,
    removed,
    `R${n}`,
  ];
}

// the rating rows (by card-send day; Kuaishou counts cards sent in [08:00, 23:00))
// prettier-ignore
const RATINGS = [
  ['平台', '店铺', '客服账号', '会话ID', '买家', '邀评时间', '评价时间', '评价等级', '不满意原因', '评价渠道', '服务类型', '是否剔除', '评价ID'],
  // 10-05: the export decides the day → R1 not counted
  rating(1, '2026-10-05 10:00:00', '一般', '服务态度差'),
  // 10-06: R2 satisfied, R3 neutral citing 服务态度差, R4 dissatisfied (物流慢) count: good 1/3, attitude 1/2
  rating(2, '2026-10-06 10:00:00', '满意'),
  rating(3, '2026-10-06 11:00:00', '一般', '回复慢；服务态度差'),
  rating(4, '2026-10-06 12:00:00', '失望', '物流慢'),
  // R5 removed by the platform, R6 sent at 23:10 (outside the card window), R7 served by the robot: none counts
  rating(5, '2026-10-06 13:00:00', '失望', '服务态度差', { removed: true }),
  rating(6, '2026-10-06 23:10:00', '失望', '服务态度差'),
  rating(7, '2026-10-06 15:00:00', '满意', '', { robot: true }),
  // 10-07: R8, R10 satisfied, R9 dissatisfied citing 服务态度差: good 2/3, attitude 1/1
  rating(8, '2026-10-07 09:00:00', '满意'),
  rating(9, '2026-10-07 20:00:00', '失望', '服务态度差'),
  rating(10, '2026-10-07 21:00:00', '满意'),
];

let db: string;

async function api<T>(method: string, input: unknown): Promise<T> {
  const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
  try {
    const r = (await b.dispatch(method, input)) as Result<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.data;
  } finally {
    b.close();
  }
}

const input = (platform: 'douyin' | 'kuaishou', metric: MetricId): DrillInput => ({
  month: '2026-10',
  platform,
  shop: platform === 'douyin' ? '星河旗舰店' : '快乐小店',
  account: platform === 'douyin' ? '星河旗舰店:阿青' : '快乐小店:小美',
  metric,
});

const sums = (d: DrillResult): [number, number] => [
  d.by_day.reduce((s, r) => s + r.numerator, 0),
  d.by_day.reduce((s, r) => s + (r.denominator ?? 0), 0),
];

beforeAll(async () => {
  db = tempDb();
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-drill-'));
  const files = {
    chats: join(dir, '聊天记录_星河旗舰店_2026-10.csv'),
    detail: join(dir, '满意度数据_数据详情_2026-10-05.csv'),
    ratings: join(dir, '评价明细_快乐小店_2026-10.csv'),
  };
  writeFileSync(files.chats, csv(CHATS));
  writeFileSync(files.detail, csv(DETAIL));
  writeFileSync(files.ratings, csv(RATINGS));
  const r = await cli(
    [
      'import',
      join(FIX, 'roster', '客服花名册.xlsx'),
      join(FIX, 'douyin', '飞鸽客服数据_2026-10-05.xls'),
      files.chats,
      files.detail,
      files.ratings,
      '--db',
      db,
      '--json',
    ],
    NOW_NOV,
  );
  const out = r.json<{ files: { file: string; status: string; layout: string }[] }>().files;
  expect(out.map((f) => [f.status, f.layout])).toEqual([
    ['imported', 'roster'],
    ['imported', 'douyin_feige_classic'],
    ['imported', 'events_messages'],
    ['imported', 'kuaishou_satisfaction_detail'],
    ['imported', 'events_ratings'],
  ]);
});

describe('a month with export days and chat days for one agent (李青)', () => {
  it('lists the 3-minute rate by day with its source, and the rows add up to the header: 17/25', async () => {
    const report = await api<MonthReport>('report:month', { month: '2026-10' });
    const header = report.agents
      .find((a) => a.agent === '李青')!
      .platforms.find((p) => p.platform === 'douyin')!.metrics.reply_3min_rate!;
    // 10-05 export 0.75 × 20 = 15/20; 10-06 chat: D1 fails, D2 passes, D3 fails → 1/3; 10-07: D6 passes, D7 → 1/2
    expect([header.numerator, header.denominator, header.source]).toEqual([17, 25, 'mixed']);
    const d = await api<DrillResult>('report:drill', input('douyin', 'reply_3min_rate'));
    expect(d.by_day.map((r) => [r.day, r.source, r.numerator, r.denominator])).toEqual([
      ['2026-10-05', 'summary', 15, 20],
      ['2026-10-06', 'events', 1, 3],
      ['2026-10-07', 'events', 1, 2],
    ]);
    expect(sums(d)).toEqual([17, 25]);
    expect(d.total).toEqual({ value: 17 / 25, numerator: 17, denominator: 25, approximate: false });
    // 8 misses: 5 on the export day, 3 from the chat records (D1, D3, D7)
    expect(d.coverage.misses).toEqual({ total: 8, events: 3, summary: 5, listed: 3 });
    expect(d.coverage.denominator).toEqual({ total: 25, events: 5, summary: 20, listed: null });
    expect(d.coverage.sentence).toBe(
      '8 次未达标中，明细可见 3 次（10-06 至 10-07 的聊天记录），其余 5 次来自平台导出的日汇总',
    );
  });

  it('lists each failing session once, and 10-05 (the export decides) as not counted', async () => {
    const ev = await api<EvidenceView>('report:evidence', input('douyin', 'reply_3min_rate'));
    expect(ev.unit).toBe('sessions');
    expect(
      ev.rounds.map((r) => [r.session_id, r.round_start.slice(5), r.wait, r.also_failed, r.excluded]),
    ).toEqual([
      ['D8', '10-05 10:00:00', 300, 0, 'superseded'],
      // D1's first late round; its second (10:10, 240 s) is the same miss
      ['D1', '10-06 10:05:00', 240, 1, null],
      ['D3', '10-06 12:00:00', 240, 0, null],
      ['D7', '10-07 15:00:00', null, 0, null],
    ]);
    const counted = ev.rounds.filter((r) => r.excluded === null);
    const d = await api<DrillResult>('report:drill', input('douyin', 'reply_3min_rate'));
    expect(counted.length).toBe(d.coverage.misses!.events);
    // the sentence's numbers add up: listed + export = all misses = denominator − numerator
    const m = d.coverage.misses!;
    expect(m.listed! + m.summary).toBe(m.total);
    expect(m.total).toBe(d.total!.denominator! - d.total!.numerator);
  });

  it('counts the good rate 10/16 from the export day and the rating rows, removed, late and robot rows aside', async () => {
    const report = await api<MonthReport>('report:month', { month: '2026-10' });
    const ks = report.agents
      .find((a) => a.agent === '李青')!
      .platforms.find((p) => p.platform === 'kuaishou')!.metrics;
    // 7/10 (export 10-05) + 1/3 (10-06) + 2/3 (10-07)
    expect([ks.good_rate!.numerator, ks.good_rate!.denominator]).toEqual([10, 16]);
    // 2/3 + 1/2 + 1/1
    expect([ks.bad_attitude_ratio!.numerator, ks.bad_attitude_ratio!.denominator]).toEqual([4, 6]);

    const good = await api<DrillResult>('report:drill', input('kuaishou', 'good_rate'));
    expect(good.by_day.map((r) => [r.day, r.source, r.numerator, r.denominator])).toEqual([
      ['2026-10-05', 'summary', 7, 10],
      ['2026-10-06', 'events', 1, 3],
      ['2026-10-07', 'events', 2, 3],
    ]);
    expect(sums(good)).toEqual([10, 16]);
    // 中差评: 3 on the export day, R3, R4, R9 in the rows
    expect(good.coverage.misses).toEqual({ total: 6, events: 3, summary: 3, listed: 3 });
    expect(good.coverage.denominator).toEqual({ total: 16, events: 6, summary: 10, listed: 6 });
    expect(good.coverage.sentence).toBe(
      '6 条中差评中，明细可见 3 条（10-06 至 10-07 的评价明细），其余 3 条来自平台导出的日汇总',
    );

    const att = await api<DrillResult>('report:drill', input('kuaishou', 'bad_attitude_ratio'));
    expect(sums(att)).toEqual([4, 6]);
    expect(att.coverage.numerator).toEqual({ total: 4, events: 2, summary: 2, listed: 2 });
    expect(att.coverage.denominator).toEqual({ total: 6, events: 3, summary: 3, listed: 3 });
    expect(att.coverage.sentence).toBe(
      '4 条服务态度差中差评中，明细可见 2 条（10-06 至 10-07 的评价明细），其余 2 条来自平台导出的日汇总',
    );

    const ev = await api<EvidenceView>('report:evidence', input('kuaishou', 'bad_attitude_ratio'));
    expect(ev.ratings.map((r) => [r.buyer, r.level, r.excluded])).toEqual([
      ['K1', '一般', 'superseded'],
      ['K2', '满意', null],
      ['K3', '一般', null],
      ['K4', '失望', null],
      ['K5', '失望', 'removed'],
      ['K7', '满意', 'robot'],
      ['K6', '失望', 'outside_window'],
      ['K8', '满意', null],
      ['K9', '失望', null],
      ['K10', '满意', null],
    ]);
    const counted = ev.ratings.filter((r) => r.excluded === null);
    // the attitude-cited counted rows are the events part of the numerator, the counted 中差评 that of the denominator
    expect(counted.filter((r) => r.class !== 'satisfied' && r.cites_attitude).length).toBe(
      att.coverage.numerator.events,
    );
    expect(counted.filter((r) => r.class !== 'satisfied').length).toBe(att.coverage.denominator!.events);
  });

  it('with 明细优先 (events first) every miss is a listed row: 2/6, 明细逐条对应全部 4 次', async () => {
    await api('settings:save', { precedence: 'events' });
    try {
      const report = await api<MonthReport>('report:month', { month: '2026-10' });
      const header = report.accounts.find((a) => a.account === '星河旗舰店:阿青')!.metrics.reply_3min_rate!;
      // 10-05 now from the chat: D8 waited 300 s → 0/1
      expect([header.numerator, header.denominator]).toEqual([2, 6]);
      const d = await api<DrillResult>('report:drill', input('douyin', 'reply_3min_rate'));
      expect(d.by_day.map((r) => [r.day, r.source, r.numerator, r.denominator])).toEqual([
        ['2026-10-05', 'events', 0, 1],
        ['2026-10-06', 'events', 1, 3],
        ['2026-10-07', 'events', 1, 2],
      ]);
      expect(d.coverage.sentence).toBe('明细逐条对应全部 4 次未达标');
      const ev = await api<EvidenceView>('report:evidence', input('douyin', 'reply_3min_rate'));
      expect(ev.rounds.filter((r) => r.excluded === null).map((r) => r.session_id)).toEqual([
        'D8',
        'D1',
        'D3',
        'D7',
      ]);
    } finally {
      await api('settings:save', { precedence: 'summary' });
    }
  });
});

describe('the demo month 2026-10: every drill-down adds up', () => {
  it('for every account and agent, every metric with a numerator: Σ by-day rows = the header, rows = events part', () => {
    const db = openDb(tempDb());
    // 2026-11-05 10:00 China: every October day is final
    const now = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
    runDemo(db, { now, month: '2026-10' });
    const report = getMonthReport(db, '2026-10', now);
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
    let checked = 0;
    let evidenced = 0;
    let mixed = 0;
    const failures: string[] = [];
    const drills = new Map<string, DrillResult>();
    for (const acc of report.accounts) {
      for (const [id, m] of Object.entries(acc.metrics) as [
        MetricId,
        NonNullable<(typeof acc.metrics)[MetricId]>,
      ][]) {
        if (m.numerator === null) continue;
        const inp: DrillInput = {
          month: '2026-10',
          platform: acc.platform,
          shop: acc.shop,
          account: acc.account,
          metric: id,
        };
        const d = drill(db, inp, now);
        drills.set(`${acc.platform}|${acc.shop}|${acc.account}|${id}`, d);
        const [num, den] = sums(d);
        const where = `${acc.account} ${id}`;
        if (!close(num, m.numerator)) failures.push(`${where}: Σ numerator ${num} ≠ ${m.numerator}`);
        if ((m.denominator ?? 0) !== den && !close(den, m.denominator ?? 0))
          failures.push(`${where}: Σ denominator ${den} ≠ ${m.denominator}`);
        if (d.total?.numerator !== m.numerator || d.total?.denominator !== m.denominator)
          failures.push(`${where}: 合计 ${d.total?.numerator}/${d.total?.denominator}`);
        checked++;
        if (m.source === 'mixed') mixed++;
        const spec = EVIDENCE_SPEC[id];
        if (!spec) continue;
        const line = spec.headline === 'misses' ? d.coverage.misses! : d.coverage.numerator;
        const ev = evidence(db, inp, { messages: false });
        const counted =
          spec.from === '聊天记录'
            ? ev.rounds.filter((r) => r.excluded === null).length
            : ev.ratings.filter(
                (r) =>
                  r.excluded === null &&
                  (id === 'good_rate'
                    ? r.class !== 'satisfied' && r.class !== null
                    : r.class !== 'satisfied' && r.cites_attitude),
              ).length;
        if (counted !== line.events)
          failures.push(`${where}: ${counted} counted rows ≠ events part ${line.events}`);
        if (line.listed !== counted) failures.push(`${where}: listed ${line.listed} ≠ ${counted}`);
        if (line.events + line.summary !== line.total)
          failures.push(`${where}: ${line.events}+${line.summary}≠${line.total}`);
        if (line.events > 0) evidenced++;
      }
    }
    // the agents' headers (what the 客服 tab shows) drill into their single account on the platform
    for (const agent of report.agents) {
      for (const p of agent.platforms) {
        const own = report.accounts.filter((a) => a.agent_id === agent.agent_id && a.platform === p.platform);
        if (own.length !== 1) continue;
        for (const [id, m] of Object.entries(p.metrics) as [
          MetricId,
          NonNullable<(typeof p.metrics)[MetricId]>,
        ][]) {
          if (m.numerator === null) continue;
          const d = drills.get(`${own[0]!.platform}|${own[0]!.shop}|${own[0]!.account}|${id}`)!;
          if (d.total?.numerator !== m.numerator || d.total?.denominator !== m.denominator)
            failures.push(
              `${agent.agent} ${id}: 合计 ${d.total?.numerator}/${d.total?.denominator} ≠ ${m.numerator}/${m.denominator}`,
            );
        }
      }
    }
    db.close();
    expect(failures).toEqual([]);
    // the check ran over the whole month, and some values had chat or rating rows behind part of them
    expect({ checked, evidenced, mixed }).toEqual({ checked: 287, evidenced: 14, mixed: 35 });
  }, 120_000);
});
