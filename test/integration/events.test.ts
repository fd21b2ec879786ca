import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../src/main/backend';
import type { Result } from '../../src/shared/api';
import type { EvidenceView, RatingsMonthView, ReconcileRow } from '../../src/shared/events-view';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { chinaEpoch } from '../../src/shared/china-time';
import { cli, FIX, NOW_NOV, tempDb } from './helpers';

let db: string;
const fx = (...p: string[]): string => join(FIX, ...p);
const run = (args: string[], now = NOW_NOV) => cli([...args, '--db', db], now);
const imp = async (files: string[], extra: string[] = []): Promise<FileResult[]> =>
  (await run(['import', ...files, '--json', ...extra])).json<{ files: FileResult[] }>().files;
const month = async (m = '2026-10'): Promise<MonthReport> =>
  (await run(['report', '--month', m, '--json'])).json();
const acc = (r: MonthReport, account: string) => r.accounts.find((a) => a.account === account)?.metrics;

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

beforeEach(() => {
  db = tempDb();
});

describe('chat records → Douyin metrics by the platform rule', () => {
  it('counts a 22:58 round and not a 23:01 one, lets auto replies not stop the clock, and zeroes a session with one slow round', async () => {
    const [f] = await imp([fx('events', '聊天记录_抖音_2026-10-05.csv')]);
    expect(f).toMatchObject({
      status: 'imported',
      layout: 'events_messages',
      platform: 'douyin',
      rows: { read: 17, accepted: 16, rejected: 1, new: 16 },
    });
    expect(f!.rejections).toEqual([
      {
        sheet: '聊天记录_抖音_2026-10-05',
        row: 18,
        column: '消息时间',
        value: '2026-13-05 14:00:05',
        reason: '不是有效时间',
      },
    ]);
    const r = await month();
    const q = acc(r, '星河旗舰店:阿青')!;
    // S1 fails (second round waited 240 s; the 10:01 auto reply does not count), S2 (22:58) passes, S3 (23:01) is not
    // counted, S6 is bot-only → 1/2
    expect(q.reply_3min_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      pass: false,
      status: 'final',
    });
    // first response per counted session: S1 120 s (from 10:00:00 to the manual 10:02:00), S2 60 s
    expect(q.first_response_s).toMatchObject({ numerator: 180, denominator: 2, value: 90 });
    // answered counted rounds: 120, 240, 60
    expect(q.avg_response_s).toMatchObject({ numerator: 420, denominator: 3, value: 140 });
    expect(q.reply_30s_rate).toMatchObject({ numerator: 0, denominator: 3 });
    // manual agent messages 3 (2 in S1 + 1 in S2) / buyer messages 4 over counted sessions
    expect(q.answer_ratio).toMatchObject({ numerator: 3, denominator: 4 });
    // whole day: S1, S2, S3 are manual sessions; buyers B1, B2, B3 got a manual reply
    expect(q.sessions!.value).toBe(3);
    expect(q.served_buyers!.value).toBe(3);
    // 小满: the robot's "请稍候" does not stop the clock: 70 s
    expect(acc(r, '星河旗舰店:小满')!.first_response_s).toMatchObject({ numerator: 70, denominator: 1 });
    // nobody was assigned to B5: the shop's 未分配 pseudo-account fails, never an agent
    expect(acc(r, '未分配')!.reply_3min_rate).toMatchObject({ numerator: 0, denominator: 1 });
    const shop = r.shops.find((s) => s.shop === '星河旗舰店')!.metrics;
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('drills down to the failing session with the round that waited and its wait', async () => {
    await imp([fx('events', '聊天记录_抖音_2026-10-05.csv')]);
    const ev = await api<EvidenceView>('report:evidence', {
      month: '2026-10',
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      metric: 'reply_3min_rate',
    });
    expect(ev.rounds).toEqual([
      expect.objectContaining({
        day: '2026-10-05',
        buyer: 'B1',
        session_id: 'S1',
        session_start: '2026-10-05 10:00:00',
        round_start: '2026-10-05 10:05:00',
        wait: 240,
        answered: true,
      }),
    ]);
    // the conversation itself, auto reply marked
    expect(ev.rounds[0]!.messages.map((m) => [m.time.slice(11), m.sender, m.auto_reply, m.content])).toEqual([
      ['10:00:00', 'buyer', false, '在吗'],
      ['10:00:30', 'buyer', false, '这个有货吗'],
      ['10:01:00', 'agent', true, '您好，欢迎光临'],
      ['10:02:00', 'agent', false, '有的亲'],
      ['10:05:00', 'buyer', false, '几天发货'],
      ['10:09:00', 'agent', false, '48小时内'],
    ]);
  });

  it('a summary export wins over computed events for the same account-day; both are shown in the reconciliation', async () => {
    await imp([fx('events', '聊天记录_抖音_2026-10-05.csv'), fx('douyin', '飞鸽客服数据_2026-10-05.xls')]);
    const r = await month();
    // the 10-05 export says 0.75 × 20 = 15 of 20 for 阿青: authoritative by default
    expect(acc(r, '星河旗舰店:阿青')!.reply_3min_rate).toMatchObject({ numerator: 15, denominator: 20 });
    // 小满 has no export row that day: the computed 1/1 counts
    expect(acc(r, '星河旗舰店:小满')!.reply_3min_rate).toMatchObject({ numerator: 1, denominator: 1 });
    const rec = await api<ReconcileRow[]>('report:reconcile', { month: '2026-10' });
    expect(rec.find((x) => x.account === '星河旗舰店:阿青' && x.metric === 'reply_3min_rate')).toMatchObject({
      summary: { numerator: 15, denominator: 20 },
      events: { numerator: 1, denominator: 2 },
      used: 'summary',
    });
    await api('settings:save', { precedence: 'events' });
    expect(acc(await month(), '星河旗舰店:阿青')!.reply_3min_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });

  it('keeps chat text only for sessions with a failing round when the setting says so', async () => {
    await api('settings:save', { message_content: 'failing_only' });
    await imp([fx('events', '聊天记录_抖音_2026-10-05.csv')]);
    const d = new Database(db, { readonly: true });
    const withText = d
      .prepare('SELECT DISTINCT buyer FROM messages WHERE content IS NOT NULL ORDER BY buyer')
      .all() as { buyer: string }[];
    d.close();
    // B1 (240 s), B2 (60 s > 30 s), B4 (70 s), B5 (unanswered) fail a metric; B3 (23:01, outside the window) and the
    // bot-only B6 fail none
    expect(withText.map((r) => r.buyer)).toEqual(['B1', 'B2', 'B4', 'B5']);
    // and the drill-down still shows the failing session's conversation
    const ev = await api<EvidenceView>('report:evidence', {
      month: '2026-10',
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      metric: 'reply_3min_rate',
    });
    expect(ev.rounds.map((r) => [r.session_id, r.wait, r.messages.length])).toEqual([['S1', 240, 6]]);
  });

  it('undo of a message batch removes its cells; a re-import with the same rows is unchanged', async () => {
    const [f] = await imp([fx('events', '聊天记录_抖音_2026-10-05.csv')]);
    const again = await imp([fx('events', '聊天记录_抖音_2026-10-05.csv')], ['--force']);
    expect(again[0]!.rows).toMatchObject({ new: 0, unchanged: 16 });
    await run(['undo', String(f!.batch_id)]);
    expect(acc(await month(), '星河旗舰店:阿青')!.reply_3min_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    await run(['undo', String(again[0]!.batch_id)]);
    const left = new Database(db, { readonly: true });
    expect(left.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(left.prepare('SELECT COUNT(*) AS n FROM event_cells').get()).toEqual({ n: 0 });
    left.close();
  });
});

describe('ratings → Kuaishou good rate and bad-attitude ratio', () => {
  it('counts cards sent in [08:00, 23:00) by send day, splits reasons, keeps robots off agents, and applies a later removal', async () => {
    await imp([fx('roster', '客服花名册.xlsx'), fx('events', '评价明细_快手_2026-10-05.xlsx')]);
    let r = await month();
    // 小美 on 10-05 (by card send day): satisfied K1 (sent 22:59, answered next morning) and K7; neutral K3 (回复慢；服务态度差);
    // dissatisfied K4; K2 was sent at 23:05 (outside), K5 removed, K6 is the robot's → good 2/4, attitude 1/2
    expect(acc(r, '快乐小店:小美')!.good_rate).toMatchObject({ numerator: 2, denominator: 4, pass: false });
    expect(acc(r, '快乐小店:小美')!.bad_attitude_ratio).toMatchObject({
      numerator: 1,
      denominator: 2,
      pass: false,
    });
    // the shop's bad-attitude ratio includes the robot-served K6 (seed 002), its good rate does not (2023-06-30 notice)
    const shop = r.shops.find((s) => s.shop === '快乐小店')!.metrics;
    expect(shop.good_rate).toMatchObject({ numerator: 2, denominator: 4 });
    expect(shop.bad_attitude_ratio).toMatchObject({ numerator: 2, denominator: 3 });
    expect(
      r.agents.find((a) => a.agent === '李青')!.platforms.find((p) => p.platform === 'kuaishou')!.metrics
        .good_rate,
    ).toMatchObject({ numerator: 2, denominator: 4 });

    const later = await imp([fx('events', '评价明细_快手_2026-10-05_剔除后.xlsx')]);
    expect(later[0]!.rows).toMatchObject({ updated: 1, unchanged: 6 });
    r = await month();
    expect(acc(r, '快乐小店:小美')!.good_rate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(acc(r, '快乐小店:小美')!.bad_attitude_ratio).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('a rule version can take robot-served ratings out of the shop bad-attitude ratio', async () => {
    await imp([fx('events', '评价明细_快手_2026-10-05.xlsx')]);
    expect(
      (await month()).shops.find((x) => x.shop === '快乐小店')!.metrics.bad_attitude_ratio,
    ).toMatchObject({ numerator: 2, denominator: 3 });
    await api('rules:save', {
      platform: 'kuaishou',
      key: 'ratings.shop_bad_attitude_includes_robot',
      value: false,
      effective_from: '2026-10-01',
    });
    // without K6 (the robot's): only 小美's K3 cites it, over K3 and K4
    expect(
      (await month()).shops.find((x) => x.shop === '快乐小店')!.metrics.bad_attitude_ratio,
    ).toMatchObject({ numerator: 1, denominator: 2 });
    const b = new Backend({ dbPath: db, host: 'web', now: () => NOW_NOV });
    const refused = await b.dispatch('rules:save', {
      platform: 'kuaishou',
      key: 'ratings.shop_bad_attitude_includes_robot',
      value: 'no',
      effective_from: '2026-10-01',
    });
    b.close();
    expect(refused.ok ? '' : refused.error.message).toBe('应为 是 或 否');
  });

  it('shows the 中差评 screen data: counts, ratings with reasons, recovery count, projection and budget, appeals', async () => {
    await imp([fx('events', '评价明细_快手_2026-10-05.xlsx')]);
    const v = await api<RatingsMonthView>('ratings:month', { month: '2026-10' });
    expect(v.as_of).toBe('2026-10-31');
    const xm = v.accounts.find((a) => a.account === '快乐小店:小美')!;
    expect(xm.good).toEqual({ satisfied: 2, neutral: 1, dissatisfied: 1, attitude: 1 });
    // (2 + n)/(4 + n) ≥ 80% → n = ceil((80×4 − 100×2)/(100 − 80)) = 6
    expect(xm.recovery).toBe(6);
    expect(xm.trend[4]).toBe(0.5);
    expect(xm.trend[3]).toBeNull();
    // month over: nothing more arrives; 1/2 is already above 6% → no budget
    expect(xm.projection).toMatchObject({ budget_now: 0, bad_attitude_ratio: { num: 1, den: 2 } });
    const rows = v.ratings.filter((x) => x.account === '快乐小店:小美');
    expect(rows.map((x) => [x.buyer, x.cites_attitude, x.outside_window, x.removed])).toEqual([
      ['U3', true, false, false],
      ['U4', false, false, false],
      ['U5', true, false, true],
      ['U2', true, true, false],
    ]);
    await api('ratings:appeal', { key: rows[0]!.key, status: 'pending', note: '买家误评' });
    const after = await api<RatingsMonthView>('ratings:month', { month: '2026-10' });
    const x2 = after.accounts.find((a) => a.account === '快乐小店:小美')!;
    // if the pending appeal on U3 succeeds: attitude 0/1, good 2/3
    expect(x2.projection!.if_appeals_succeed).toEqual({
      good_rate: { num: 2, den: 3 },
      bad_attitude_ratio: { num: 0, den: 1 },
    });
    expect(after.ratings.find((x) => x.buyer === 'U3')!.appeal).toBe('pending');
    // the official number does not change
    expect(acc(await month(), '快乐小店:小美')!.bad_attitude_ratio).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });
});

describe('Douyin exam warnings', () => {
  it('tracks notice Tuesday, deadline, attempts and status as of a date, repeat offenders, and month counts', async () => {
    await imp([fx('roster', '客服花名册.xlsx'), fx('events', '考试预警_抖音.xlsx')]);
    const as = async (d: string) =>
      (await run(['exams', '--as-of', d, '--json'])).json<{
        warnings: {
          account: string;
          week_start: string;
          notice_date: string;
          deadline: string;
          status: string;
          agent: string | null;
          days_left: number | null;
          repeat_offender: boolean;
          attempts: { time: string; score: number }[];
        }[];
      }>().warnings;
    const nov23 = await as('2026-11-23');
    // week 10-19…10-25 → notice Tue 10-27, deadline 11-03; 80 on 10-30, 100 on 11-04 → passed late
    expect(nov23[0]).toMatchObject({
      account: '星河旗舰店:阿青',
      agent: '李青',
      week_start: '2026-10-19',
      notice_date: '2026-10-27',
      deadline: '2026-11-03',
      status: 'passed_late',
      repeat_offender: true,
    });
    expect(nov23[0]!.attempts).toEqual([
      { time: '2026-10-30 10:00:00', score: 80 },
      { time: '2026-11-04 09:00:00', score: 100 },
    ]);
    // any date in the week (10-28) → week 10-26; notice 11-03, deadline 11-10, 100 on 11-05 → passed; 赵六 owns 小满 then
    expect(nov23[1]).toMatchObject({
      account: '星河旗舰店:小满',
      agent: '赵六',
      week_start: '2026-10-26',
      notice_date: '2026-11-03',
      deadline: '2026-11-10',
      status: 'passed',
    });
    expect(nov23[2]).toMatchObject({
      week_start: '2026-11-02',
      notice_date: '2026-11-10',
      deadline: '2026-11-17',
      status: 'overdue',
      repeat_offender: true,
    });
    const nov12 = await as('2026-11-12');
    expect(nov12[2]).toMatchObject({ status: 'open', days_left: 5 });
    // on 11-01 the 11-04 pass is not known yet: still open
    expect((await as('2026-11-01'))[0]).toMatchObject({ status: 'open', attempts: [{ score: 80 }] });
    // month counts: October has one warning (notice 10-27); November has two warnings and two overdue
    // (deadline + 1 = 11-04 for the late pass, 11-18 for the missed exam)
    const oct = await month('2026-10');
    expect(acc(oct, '星河旗舰店:阿青')!.exam_warnings).toMatchObject({ value: 1, pass: false });
    const nov = await month('2026-11');
    expect(acc(nov, '星河旗舰店:阿青')!.exam_warnings!.value).toBe(1);
    expect(acc(nov, '星河旗舰店:阿青')!.exam_overdue!.value).toBe(2);
    expect(acc(nov, '星河旗舰店:小满')!.exam_overdue!.value).toBeNull();
    expect(nov.agents.find((a) => a.agent === '李青')!.total.exam_overdue!.value).toBe(2);
  });

  it('enters a warning and a result by hand', async () => {
    const { key } = await api<{ key: string }>('exams:add', {
      platform: 'douyin',
      shop: '星河旗舰店',
      account: '星河旗舰店:阿青',
      week: '2026-11-18',
      reasons: '消极服务',
    });
    await api('exams:attempt', { key, time: '2026-11-20 10:00', score: 100 });
    const list = (await run(['exams', '--as-of', '2026-11-23', '--json'])).json<{
      warnings: { week_start: string; status: string }[];
    }>().warnings;
    // 11-18 is in the week of Monday 11-16 → notice 11-24: passed before the deadline
    expect(list).toEqual([expect.objectContaining({ week_start: '2026-11-16', status: 'passed' })]);
  });
});

describe('the hand-over marker is data, not chat text (metrics.md §1)', () => {
  // B1 asks at 10:00:00 while the robot serves; a 系统 row at 10:02:00 hands over; the agent replies at 10:04:30.
  // The round starts at the hand-over: wait 150 s (not 270 s from the bot-phase question), so it passes 3 minutes.
  const HANDOVER_CSV = [
    '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容',
    '抖音,转接店,H1,转接店:小王,B1,买家,2026-10-06 10:00:00,,在吗',
    '抖音,转接店,H1,转接店:小王,B1,机器人,2026-10-06 10:00:05,,您好，我是智能助手',
    '抖音,转接店,H1,转接店:小王,B1,系统,2026-10-06 10:02:00,,买家已转人工，客服已接入',
    '抖音,转接店,H1,转接店:小王,B1,客服,2026-10-06 10:04:30,,您好，我是小王',
    '',
  ].join('\n');
  const file = (): string => {
    const p = join(mkdtempSync(join(tmpdir(), 'sd-handover-')), '聊天记录_转人工_2026-10-06.csv');
    writeFileSync(p, HANDOVER_CSV);
    return p;
  };
  const expect150 = (r: MonthReport): void => {
    const m = acc(r, '转接店:小王')!;
    expect(m.avg_response_s).toMatchObject({ numerator: 150, denominator: 1 });
    expect(m.first_response_s).toMatchObject({ numerator: 150, denominator: 1 });
    expect(m.reply_3min_rate).toMatchObject({ numerator: 1, denominator: 1 });
  };
  const stored = (): { handover_at: number | null; content: string | null }[] => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare("SELECT handover_at, content FROM messages WHERE sender = 'system'").all() as {
        handover_at: number | null;
        content: string | null;
      }[];
    } finally {
      d.close();
    }
  };
  const at = (h: number, m: number, s: number): number => chinaEpoch(2026, 10, 6, h, m, s)!;

  it('times the human round from the 系统 hand-over row: 150 s, not 270 s', async () => {
    const [f] = await imp([file()]);
    expect(f).toMatchObject({ status: 'imported', rows: { accepted: 4, new: 4 } });
    expect(stored()).toEqual([{ handover_at: at(10, 2, 0), content: '买家已转人工，客服已接入' }]);
    expect150(await month());
    await run(['recalc']);
    expect150(await month());
  });

  it('keeps the hand-over when only failing rounds keep their text', async () => {
    await api('settings:save', { message_content: 'failing_only' });
    await imp([file()]);
    // 150 s fails the 30-second rate, so this session keeps its text for the drill-down
    expect(stored()).toEqual([{ handover_at: at(10, 2, 0), content: '买家已转人工，客服已接入' }]);
    expect150(await month());
    // a session that fails nothing loses its text under this setting: the hand-over must not go with it
    const d = new Database(db);
    d.prepare('UPDATE messages SET content = NULL').run();
    d.close();
    expect(stored()).toEqual([{ handover_at: at(10, 2, 0), content: null }]);
    await run(['recalc']);
    expect150(await month());
  });

  it('a database from before: the migration turns marker text into hand-over data and recomputes its days', async () => {
    await imp([file()]);
    // as an older version stored it: the text only, and cells computed without the marker (270 s)
    const d = new Database(db);
    d.prepare('UPDATE messages SET handover_at = NULL').run();
    d.close();
    await run(['recalc']);
    const before = acc(await month(), '转接店:小王')!;
    expect(before.avg_response_s).toMatchObject({ numerator: 270, denominator: 1 });
    expect(before.reply_3min_rate).toMatchObject({ numerator: 0, denominator: 1 });
    const o = new Database(db);
    o.pragma('user_version = 9'); // the schema before the hand-over migration (010)
    o.close();
    expect150(await month());
    expect(stored()).toEqual([{ handover_at: at(10, 2, 0), content: '买家已转人工，客服已接入' }]);
  });
});
