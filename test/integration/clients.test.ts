import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Backend } from '../../src/main/backend';
import type { AppEvent, Result, SchemeScores } from '../../src/shared/api';
import type { ClientInfo, ShopInfo, ShopMergeSummary } from '../../src/shared/clients';
import type { ImportRunResult } from '../../src/shared/imports';
import { DEFAULT_SCHEME, type Scheme } from '../../src/shared/kpi/scheme';
import type { MonthReport } from '../../src/shared/report';
import type { SheetPreview } from '../../src/shared/sheet-preview';
import { cli, NOW_NOV, tempDb } from './helpers';

const MONTH = '2026-10';
const XH = '星河旗舰店';
const XH_B = '星河旗舰店（官方）';
const KL = '快乐小店';
const KL_B = '快乐小店（快手）';

const open: Backend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.close();
});

function backend(dbPath = tempDb()): Backend {
  const b = new Backend({ dbPath, host: 'web', now: () => NOW_NOV });
  open.push(b);
  return b;
}

async function call<T>(b: Backend, method: string, input: unknown = {}): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}

async function fail(b: Backend, method: string, input: unknown): Promise<string> {
  const r = await b.dispatch(method, input);
  expect(r.ok, `${method} should be refused`).toBe(false);
  return r.ok ? '' : r.error.message;
}

/** Imports files (name → CSV text) through the API, one job, and waits for its result. */
async function importCsv(
  b: Backend,
  files: [string, string][],
  options: { force?: boolean } = {},
): Promise<ImportRunResult> {
  const done = new Promise<ImportRunResult>((ok, no) => {
    const off = b.subscribe((e: AppEvent) => {
      if (e.type !== 'job:done') return;
      off();
      if (e.result.ok) ok(e.result.data);
      else no(new Error(e.result.error.message));
    });
  });
  await call(b, 'import:start', {
    files: files.map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })),
    options,
  });
  const r = await done;
  for (const f of r.files) expect(f.status, `${f.file}: ${f.message}`).toBe('imported');
  await b.settled();
  return r;
}

// 飞鸽 客服数据 (classic) with a 日期 column: reply_3min_rate = round(rate × sessions) / sessions
const FEIGE_HEAD = '店铺名称,客服昵称,账号名称,日期,人工已接待会话量,3分钟人工回复率(会话)';
const feige = (shop: string, rows: [string, string, string, number, string][]): string =>
  [FEIGE_HEAD, ...rows.map(([nick, acc, day, n, rate]) => [shop, nick, acc, day, n, rate].join(','))].join(
    '\n',
  ) + '\n';

/** 10-03 under the first spelling: 阿青 32/40, 小满 18/20. */
const A1 = (): [string, string] => [
  '星河_A_1003.csv',
  feige(XH, [
    ['阿青', `${XH}:阿青`, '2026-10-03', 40, '80%'],
    ['小满', `${XH}:小满`, '2026-10-03', 20, '90%'],
  ]),
];
/** 10-04 under the other spelling: 阿青 35/50, 小满 30/30, 小林 (only here) 6/10. */
const B1 = (shop: string): [string, string] => [
  '星河_B_1004.csv',
  feige(shop, [
    ['阿青', `${XH}:阿青`, '2026-10-04', 50, '70%'],
    ['小满', `${XH}:小满`, '2026-10-04', 30, '100%'],
    ['小林', `${XH}:小林`, '2026-10-04', 10, '60%'],
  ]),
];
/** A revised 10-03 for 阿青 under the other spelling, imported last: 34/40 replaces 32/40. */
const B2 = (shop: string): [string, string] => [
  '星河_B_1003_修订.csv',
  feige(shop, [['阿青', `${XH}:阿青`, '2026-10-03', 40, '85%']]),
];

// 快手 评价明细 template: card sent in the 08:00–23:00 window, so every rating counts
const RATE_HEAD =
  '平台,店铺,客服账号,会话ID,买家,邀评时间,评价时间,评价等级,不满意原因,评价渠道,服务类型,是否剔除,评价ID';
const rating = (shop: string, id: string, buyer: string, hour: string, level: string, why = ''): string =>
  [
    '快手',
    shop,
    `${KL}:小美`,
    `S-${id}`,
    buyer,
    `2026-10-05 ${hour}:00:00`,
    `2026-10-05 ${hour}:30:00`,
    level,
    why,
    '商户邀请评价',
    '人工',
    '',
    id,
  ].join(',');
/** R-1 满意 under the first spelling. */
const KA = (): [string, string] => [
  '评价明细_A.csv',
  `${RATE_HEAD}\n${rating(KL, 'R-1', 'U1', '10', '满意')}\n`,
];
/** Later, the other spelling: R-1 revised to 一般 (服务态度差), and R-2 满意. */
const KB = (shop: string): [string, string] => [
  '评价明细_B.csv',
  `${RATE_HEAD}\n${rating(shop, 'R-1', 'U1', '10', '一般', '服务态度差')}\n${rating(shop, 'R-2', 'U2', '11', '满意')}\n`,
];

async function shops(b: Backend): Promise<ShopInfo[]> {
  return (await call<{ shops: ShopInfo[] }>(b, 'shops:list')).shops;
}
async function shopId(b: Backend, name: string): Promise<number> {
  const s = (await shops(b)).find((x) => x.name === name);
  expect(s, name).toBeDefined();
  return s!.id;
}
async function month(b: Backend): Promise<MonthReport> {
  await b.settled();
  return call<MonthReport>(b, 'report:month', { month: MONTH });
}
const shopOf = (r: MonthReport, name: string) => r.shops.find((s) => s.shop === name)!;
const accountOf = (r: MonthReport, account: string) => r.accounts.find((a) => a.account === account)!;

/** The four files in order; `spelling` is how the later two per platform name their shop. */
async function importAll(b: Backend, xh: string, kl: string): Promise<void> {
  await importCsv(b, [A1()]);
  await importCsv(b, [B1(xh)]);
  await importCsv(b, [B2(xh)]);
  await importCsv(b, [KA()]);
  await importCsv(b, [KB(kl)]);
}

describe('merging two spellings of one shop', () => {
  it('gives the month report that importing every file under one name gives', async () => {
    const control = backend();
    await importAll(control, XH, KL);
    const merged = backend();
    await importAll(merged, XH_B, KL_B);
    expect((await shops(merged)).map((s) => s.name).sort()).toEqual([KL, KL_B, XH, XH_B].sort());

    // the confirm dialog's numbers: 3 accounts (阿青 and 小满 join the same accounts), 2 days (10-03, 10-04),
    // 4 export rows
    const preview = await call<ShopMergeSummary>(merged, 'shops:mergePreview', {
      from_id: await shopId(merged, XH_B),
      into_id: await shopId(merged, XH),
    });
    expect(preview).toMatchObject({ accounts: 3, joined: 2, days: 2, export_rows: 4, events: 0, locked: [] });
    expect(preview.months).toEqual([MONTH]);
    const done = await call<ShopMergeSummary>(merged, 'shops:merge', {
      from_id: await shopId(merged, XH_B),
      into_id: await shopId(merged, XH),
    });
    // 阿青's 10-03 from A1 (32/40) is inside B2's newer row for the same day: one export row stops counting
    expect(done.duplicates).toBe(1);
    const kuaishou = await call<ShopMergeSummary>(merged, 'shops:merge', {
      from_id: await shopId(merged, KL_B),
      into_id: await shopId(merged, KL),
    });
    // 小美 and the shop's 未分配 (the ratings import registers it) join the same accounts; R-1 under both spellings is
    // one rating: the older 满意 stops counting
    expect(kuaishou).toMatchObject({ accounts: 2, joined: 2, days: 1, events: 2, duplicates: 1 });
    expect((await shops(merged)).map((s) => s.name).sort()).toEqual([KL, XH].sort());
    // both merges are logged, newest first
    expect(
      (
        await call<{ log: { action: string; from_name: string; to_name: string }[] }>(merged, 'shops:list')
      ).log.map((l) => [l.action, l.from_name, l.to_name]),
    ).toEqual([
      ['merge', KL_B, KL],
      ['merge', XH_B, XH],
    ]);

    const m = await month(merged);
    const c = await month(control);
    // shop: (34 + 18 + 35 + 30 + 6) / (40 + 20 + 50 + 30 + 10) = 123/150
    expect(shopOf(m, XH).metrics.reply_3min_rate).toMatchObject({
      numerator: 123,
      denominator: 150,
      value: 0.82,
    });
    // 阿青 (34 + 35)/(40 + 50), 小满 (18 + 30)/(20 + 30), 小林 6/10
    expect(accountOf(m, `${XH}:阿青`).metrics.reply_3min_rate).toMatchObject({
      numerator: 69,
      denominator: 90,
    });
    expect(accountOf(m, `${XH}:小满`).metrics.reply_3min_rate).toMatchObject({
      numerator: 48,
      denominator: 50,
    });
    expect(accountOf(m, `${XH}:小林`).metrics.reply_3min_rate).toMatchObject({
      numerator: 6,
      denominator: 10,
    });
    // 小美: R-1 一般 (服务态度差) and R-2 满意 → good 1/2, attitude 1 of 1 mid/low; counting R-1 twice gave 2/3
    expect(accountOf(m, `${KL}:小美`).metrics.good_rate).toMatchObject({ numerator: 1, denominator: 2 });
    expect(accountOf(m, `${KL}:小美`).metrics.bad_attitude_ratio).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(m.shops).toEqual(c.shops);
    expect(m.accounts).toEqual(c.accounts);

    // undo of the revision brings 阿青's first 10-03 back in both: (32 + 35)/90
    const batchOf = async (b: Backend): Promise<number> =>
      (await call<{ id: number; file_name: string }[]>(b, 'import:history')).find(
        (x) => x.file_name === '星河_B_1003_修订.csv',
      )!.id;
    await call(merged, 'import:undo', { batchId: await batchOf(merged) });
    await call(control, 'import:undo', { batchId: await batchOf(control) });
    const mu = await month(merged);
    expect(accountOf(mu, `${XH}:阿青`).metrics.reply_3min_rate).toMatchObject({
      numerator: 67,
      denominator: 90,
    });
    expect(mu.accounts).toEqual((await month(control)).accounts);
  });

  it('lands a later import spelled the old way on the merged shop, versioned against its rows', async () => {
    const b = backend();
    await importCsv(b, [A1()]);
    await importCsv(b, [B1(XH_B)]);
    await importCsv(b, [KA()]);
    await importCsv(b, [KB(KL_B)]);
    await call(b, 'shops:merge', { from_id: await shopId(b, XH_B), into_id: await shopId(b, XH) });
    await call(b, 'shops:merge', { from_id: await shopId(b, KL_B), into_id: await shopId(b, KL) });
    expect((await shops(b)).find((s) => s.name === XH)!.aliases).toEqual([XH_B]);

    // 10-05 spelled the merged shop's old way: no new shop, the day is 星河旗舰店's
    const r = await importCsv(b, [
      ['星河_B_1005.csv', feige(XH_B, [['阿青', `${XH}:阿青`, '2026-10-05', 20, '50%']])],
    ]);
    expect(r.files[0]!.rows).toMatchObject({ new: 1 });
    expect((await shops(b)).map((s) => s.name).sort()).toEqual([KL, XH].sort());
    const m = await month(b);
    // 阿青: 32/40 (10-03) + 35/50 (10-04) + 10/20 (10-05) = 77/110
    expect(accountOf(m, `${XH}:阿青`).metrics.reply_3min_rate).toMatchObject({
      numerator: 77,
      denominator: 110,
    });
    expect(shopOf(m, XH_B)).toBeUndefined();

    // the same ratings file again under the old spelling (forced): every rating is the one already stored
    const again = await call<{ jobId: string }>(b, 'import:start', {
      files: [{ name: KB(KL_B)[0], bytes: new TextEncoder().encode(KB(KL_B)[1]) }],
      options: { force: true },
    });
    expect(again.jobId).toBeTruthy();
    await new Promise<void>((ok) => {
      const off = b.subscribe((e) => {
        if (e.type !== 'job:done') return;
        off();
        expect(e.result.ok && e.result.data.files[0]!.rows).toMatchObject({
          new: 0,
          updated: 0,
          unchanged: 2,
        });
        ok();
      });
    });
    // and under the merged name: the same two ratings, not two more
    const asA = await importCsv(b, [['评价明细_A2.csv', KB(KL)[1]]]);
    expect(asA.files[0]!.rows).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(accountOf(await month(b), `${KL}:小美`).metrics.good_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });

  it('is refused while a month with the shop’s data is locked', async () => {
    const b = backend();
    await importCsv(b, [A1()]);
    await importCsv(b, [B1(XH_B)]);
    await call(b, 'scheme:delete', { name: DEFAULT_SCHEME.name });
    await call(b, 'month:lock', { month: MONTH });
    const ids = { from_id: await shopId(b, XH_B), into_id: await shopId(b, XH) };
    expect((await call<ShopMergeSummary>(b, 'shops:mergePreview', ids)).locked).toEqual([MONTH]);
    expect(await fail(b, 'shops:merge', ids)).toContain('2026-10 已锁定');
    // nothing moved
    expect((await shops(b)).map((s) => s.name).sort()).toEqual([XH, XH_B].sort());
    expect(await fail(b, 'shops:merge', { from_id: ids.from_id, into_id: ids.from_id })).toBe('请求参数无效');
  });
});

describe('merging chat records', () => {
  const CHAT_HEAD = '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容';
  /** U1 (会话ID S1) answered after 60 s; U2 (no 会话ID, the same line twice in one second) answered after 300 s. */
  const chat = (shop: string): string =>
    [
      CHAT_HEAD,
      `抖音,${shop},S1,${XH}:阿青,U1,买家,2026-10-05 10:00:00,,在吗`,
      `抖音,${shop},S1,${XH}:阿青,U1,客服,2026-10-05 10:01:00,否,在的`,
      `抖音,${shop},,${XH}:阿青,U2,买家,2026-10-05 11:00:00,,你好`,
      `抖音,${shop},,${XH}:阿青,U2,买家,2026-10-05 11:00:00,,你好`,
      `抖音,${shop},,${XH}:阿青,U2,客服,2026-10-05 11:05:00,否,您好`,
    ].join('\n') + '\n';

  it('counts a message stored under both spellings once, and keeps its identity for later imports', async () => {
    const control = backend();
    await importCsv(control, [['聊天_A.csv', chat(XH)]]);
    const b = backend();
    await importCsv(b, [['聊天_A.csv', chat(XH)]]);
    await importCsv(b, [['聊天_B.csv', chat(XH_B)]]);
    const done = await call<ShopMergeSummary>(b, 'shops:merge', {
      from_id: await shopId(b, XH_B),
      into_id: await shopId(b, XH),
    });
    // all five rows were already in 星河旗舰店 (the two identical 你好 rows are two messages, matched one to one)
    expect(done).toMatchObject({ events: 5, duplicates: 5, unaligned: 0, days: 1 });
    const m = await month(b);
    // U1 within 3 minutes, U2 after 5: 1 of 2 sessions
    expect(accountOf(m, `${XH}:阿青`).metrics.reply_3min_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(m.accounts).toEqual((await month(control)).accounts);
    // the old spelling again and the merged name again (forced: the same bytes): the same five messages
    for (const [name, text] of [
      ['聊天_B.csv', chat(XH_B)],
      ['聊天_A.csv', chat(XH)],
    ] as const) {
      const r = await importCsv(b, [[name, text]], { force: true });
      expect(r.files[0]!.rows).toMatchObject({ new: 0, updated: 0, unchanged: 5 });
    }
    expect(accountOf(await month(b), `${XH}:阿青`).metrics.reply_3min_rate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });
  it('says how many chat rows could not take the new identity because their text was already cleared', async () => {
    const b = backend();
    await importCsv(b, [A1()]);
    await importCsv(b, [['聊天_B.csv', chat(XH_B)]]);
    // as 设置 → 只保留未达标会话的聊天内容 leaves them: U2's three rows lose their text
    b.db.prepare("UPDATE messages SET content = NULL WHERE buyer = 'U2'").run();
    const done = await call<ShopMergeSummary>(b, 'shops:merge', {
      from_id: await shopId(b, XH_B),
      into_id: await shopId(b, XH),
    });
    expect(done).toMatchObject({ events: 5, duplicates: 0, unaligned: 3 });
    // U1's two rows follow the shop: the same file again finds them; U2's three are added again (README)
    const again = await importCsv(b, [['聊天_B.csv', chat(XH_B)]], { force: true });
    expect(again.files[0]!.rows).toMatchObject({ new: 3, unchanged: 2 });
  });
});

describe('renaming a shop', () => {
  it('is refused for a name the platform already has, and keeps the old name importing into the shop', async () => {
    const b = backend();
    await importCsv(b, [A1()]);
    await importCsv(b, [B1(XH_B)]);
    const id = await shopId(b, XH_B);
    const msg = await fail(b, 'shops:rename', { shop_id: id, name: XH });
    expect(msg).toContain(`抖音已有店铺“${XH}”`);
    expect(msg).toContain('合并');

    await call(b, 'shops:rename', { shop_id: id, name: '星河官方店' });
    const list = await shops(b);
    expect(list.find((s) => s.id === id)).toMatchObject({ name: '星河官方店', aliases: [XH_B] });
    // the old spelling is now an alias of 星河官方店: no other shop may take it
    expect(await fail(b, 'shops:rename', { shop_id: await shopId(b, XH), name: XH_B })).toContain(
      '是抖音店铺“星河官方店”的别名',
    );
    await importCsv(b, [['星河_B_1005.csv', feige(XH_B, [['阿青', `${XH}:阿青`, '2026-10-05', 20, '50%']])]]);
    const m = await month(b);
    // 星河官方店's 阿青: 35/50 (10-04) + 10/20 (10-05)
    const renamed = m.accounts.find((a) => a.shop === '星河官方店' && a.account === `${XH}:阿青`)!;
    expect(renamed.metrics.reply_3min_rate).toMatchObject({ numerator: 45, denominator: 70 });
    expect(m.shops.map((s) => s.shop).sort()).toEqual(['星河官方店', XH].sort());

    // event rows keep the identity they were stored with: the same ratings under the new name are the same rows
    await importCsv(b, [KA()]);
    await call(b, 'shops:rename', { shop_id: await shopId(b, KL), name: '快乐小店旗舰' });
    const again = await importCsv(b, [
      ['评价明细_A_新名.csv', KA()[1].replaceAll(`,${KL},`, ',快乐小店旗舰,')],
    ]);
    expect(again.files[0]!.rows).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
  });
});

describe('clients', () => {
  it('cannot be deleted while it owns a shop or a scheme names it', async () => {
    const b = backend();
    await importCsv(b, [A1()]);
    const { id } = await call<{ id: number }>(b, 'clients:save', { name: '星河集团', note: '2026 年合同' });
    expect(await fail(b, 'clients:save', { name: '星河集团' })).toBe(
      '已有名为“星河集团”的客户，客户名称不能重复',
    );
    const shop = await shopId(b, XH);
    await call(b, 'shops:assignClient', { shop_id: shop, client_id: id });
    expect(await call<ClientInfo[]>(b, 'clients:list')).toEqual([
      {
        id,
        name: '星河集团',
        note: '2026 年合同',
        shops: [{ id: shop, platform: 'douyin', name: XH }],
        schemes: [],
      },
    ]);
    expect(await fail(b, 'clients:delete', { id })).toBe(
      `客户“星河集团”还有 1 家店铺（抖音·${XH}），不能删除：请先把这些店铺改为其他客户或“未指定客户”`,
    );
    await call(b, 'shops:assignClient', { shop_id: shop, client_id: null });
    await call(b, 'scheme:save', {
      scheme: { ...DEFAULT_SCHEME, name: '星河合同', scope: { shops: [], client: '星河集团' } },
    });
    expect(await fail(b, 'clients:delete', { id })).toContain(
      '考核方案 “星河合同” 的适用范围是客户“星河集团”',
    );
    // a renamed client takes its schemes along
    await call(b, 'clients:save', { id, name: '星河控股' });
    expect((await call<Scheme>(b, 'scheme:get', { name: '星河合同' })).scope).toEqual({
      shops: [],
      client: '星河控股',
    });
    await call(b, 'scheme:delete', { name: '星河合同' });
    await call(b, 'clients:delete', { id });
    expect(await call<ClientInfo[]>(b, 'clients:list')).toEqual([]);
  });

  it('a scheme scoped to a client covers a shop assigned after the scheme was saved', async () => {
    const b = backend();
    await importAll(b, XH, KL);
    const agent = async (name: string, shop: string, account: string): Promise<void> => {
      const { id } = await call<{ id: number }>(b, 'roster:saveAgent', { name });
      await call(b, 'roster:assign', {
        agent_id: id,
        platform: shop === KL ? 'kuaishou' : 'douyin',
        shop,
        account,
        valid_from: null,
        valid_to: null,
      });
    };
    await agent('李青', XH, `${XH}:阿青`);
    await agent('王满', XH, `${XH}:小满`);
    await agent('赵六', KL, `${KL}:小美`);
    await call(b, 'clients:save', { name: '星河集团' });
    const scheme: Scheme = {
      ...DEFAULT_SCHEME,
      name: '星河合同',
      scope: { shops: [], client: '星河集团' },
      kpi_share: 100,
      kci_share: 0,
      items: [
        {
          metric: 'reply_3min_rate',
          weight: 100,
          direction: 'up',
          scoring: 'linear',
          target: 1,
          floor: 0.5,
          min_sample: 0,
        },
      ],
      kci_items: [],
      deductions: [],
      grades: [{ grade: 'A', min: 0 }],
      bonus: { base: 0, coefficient: { A: 0 }, commission_rate: 0 },
      min_working_days: 0,
    };
    expect(
      await fail(b, 'scheme:save', { scheme: { ...scheme, scope: { shops: [], client: '' } } }),
    ).toContain('适用客户 scope.client（客户名称）：不能为空');
    expect(
      await fail(b, 'scheme:save', { scheme: { ...scheme, scope: { shops: [], client: '无此客户' } } }),
    ).toContain('适用客户“无此客户”不存在');
    await call(b, 'scheme:save', { scheme });
    await b.settled();
    const scored = async (): Promise<SchemeScores['agents']> =>
      (await call<SchemeScores[]>(b, 'kpi:month', { month: MONTH })).find(
        (s) => s.scheme.name === '星河合同',
      )!.agents;
    // the client owns no shop yet: nobody is scored
    expect(await scored()).toEqual([]);

    const clientId = (await call<ClientInfo[]>(b, 'clients:list'))[0]!.id;
    await call(b, 'shops:assignClient', { shop_id: await shopId(b, XH), client_id: clientId });
    await b.settled();
    const agents = await scored();
    expect(agents.map((a) => a.agent).sort()).toEqual(['李青', '王满']);
    // 李青 69/90 → (69/90 − 0.5)/(1 − 0.5) × 100 = 53.33…; 王满 48/50 = 0.96 → 92
    expect(agents.find((a) => a.agent === '李青')!.score.final).toBeCloseTo(160 / 3, 9);
    expect(agents.find((a) => a.agent === '王满')!.score.final).toBeCloseTo(92, 9);
  });

  it('makes a 客户版 of one client: only its shops and the agents serving them', async () => {
    const dbPath = tempDb();
    const b = backend(dbPath);
    await importAll(b, XH, KL);
    for (const [name, shop, account, platform] of [
      ['李青', XH, `${XH}:阿青`, 'douyin'],
      ['王满', XH, `${XH}:小满`, 'douyin'],
      ['赵六', KL, `${KL}:小美`, 'kuaishou'],
    ] as const) {
      const { id } = await call<{ id: number }>(b, 'roster:saveAgent', { name });
      await call(b, 'roster:assign', {
        agent_id: id,
        platform,
        shop,
        account,
        valid_from: null,
        valid_to: null,
      });
    }
    const { id: kuaile } = await call<{ id: number }>(b, 'clients:save', { name: '快乐集团' });
    const { id: xinghe } = await call<{ id: number }>(b, 'clients:save', { name: '星河集团' });
    await call(b, 'shops:assignClient', { shop_id: await shopId(b, KL), client_id: kuaile });
    await call(b, 'shops:assignClient', { shop_id: await shopId(b, XH), client_id: xinghe });
    await b.settled();

    // without a client the 客户版 has the scheme's whole scope: all three agents
    const whole = await call<SheetPreview>(b, 'sheet:preview', {
      month: MONTH,
      scheme: DEFAULT_SCHEME.name,
      variant: 'client',
    });
    expect(whole.rows.map((r) => r[1]).sort()).toEqual(['李青', '王满', '赵六'].sort());
    const input = { month: MONTH, scheme: DEFAULT_SCHEME.name, variant: 'client', client: '快乐集团' };
    const preview = await call<SheetPreview>(b, 'sheet:preview', input);
    expect(preview.file_name).toBe(`月度绩效表_${DEFAULT_SCHEME.name}_快乐集团_${MONTH}_客户版.xlsx`);
    expect(preview.client).toBe('快乐集团');
    const file = await call<{ name: string; bytes: Uint8Array }>(b, 'sheet:export', input);
    const wb = XLSX.read(file.bytes);
    const rows = (sheet: string): unknown[][] =>
      XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null });
    const summary = rows('绩效汇总');
    const header = summary[0] as string[];
    // 赵六 alone (李青 and 王满 serve 星河旗舰店 only); the shop table lists 快乐小店 only
    expect(summary[1]![1]).toBe('赵六');
    expect(summary.some((r) => r[1] === '李青' || r[1] === '王满')).toBe(false);
    expect(summary.flat().filter((v) => typeof v === 'string' && v.includes('星河旗舰店'))).toEqual([]);
    expect(summary.flat()).toContain(KL);
    // 赵六's 好评率 over 快乐小店: R-1 一般, R-2 满意 → 50.00%
    const zhao = summary.find((r) => r[1] === '赵六')!;
    expect(zhao[header.indexOf('好评率')]).toBe(0.5);
    const detail = rows('指标明细').slice(1);
    expect(detail.length).toBeGreaterThan(0);
    expect(new Set(detail.map((r) => r[2]))).toEqual(new Set([KL]));
    const explain = rows('口径说明').flat();
    expect(explain).toContain('本表客户');

    // refused for 薪资版 and for an unknown client
    expect(await fail(b, 'sheet:preview', { ...input, variant: 'payroll' })).toContain(
      '只有客户版可以按客户生成',
    );
    expect(await fail(b, 'sheet:preview', { ...input, client: '无此客户' })).toContain(
      '没有名为“无此客户”的客户',
    );

    // the CLI writes the same file
    b.close();
    open.splice(open.indexOf(b), 1);
    const out = join(mkdtempSync(join(tmpdir(), 'scoredesk-sheet-')), 'k.xlsx');
    const run = await cli(
      [
        'sheet',
        '--db',
        dbPath,
        '--month',
        MONTH,
        '--variant',
        'client',
        '--scheme',
        DEFAULT_SCHEME.name,
        '--client',
        '快乐集团',
        '--out',
        out,
      ],
      NOW_NOV,
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`月度绩效表_${DEFAULT_SCHEME.name}_快乐集团_${MONTH}_客户版.xlsx`);
    const fromCli = XLSX.read(readFileSync(out));
    const names = XLSX.utils
      .sheet_to_json<unknown[]>(fromCli.Sheets['绩效汇总']!, { header: 1, defval: null })
      .map((r) => r[1]);
    expect(names).toContain('赵六');
    expect(names).not.toContain('李青');
    const refused = await cli(
      [
        'sheet',
        '--db',
        dbPath,
        '--month',
        MONTH,
        '--variant',
        'payroll',
        '--client',
        '快乐集团',
        '--out',
        out,
      ],
      NOW_NOV,
    );
    expect(refused.code).toBe(1);
    writeFileSync(out, '');
  });
});
