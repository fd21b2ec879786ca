/**
 * The 200-agent month (issue 8): 800 accounts on the four platforms (200 agents × one account each), per-agent daily
 * exports for every day of 2026-10 (31 one-day files per platform) plus a chat part (one shop, a few days), imported
 * through the real pipeline into a temp database with a roster; then the reads the screens make, each timed
 * min/median of 3 beside its plain baseline in the same run:
 *   report:agents (a 50-row page of the 客服 table), report:scope (one agent), report:scopes (a page of the 账号 or
 *   店铺 table, with its sparkline series: what those tabs read instead of report:month + report:overview with the
 *   per-account series, both still timed), report:month, report:overview (the 总览 screen's call without the
 *   per-account series, and with them as the 客服 sparklines used to ask), kpi:month and
 *   scheme:whatif (a reweighted draft of the saved scheme, what the editor calls live) (Backend.dispatch) vs
 *   JSON-encoding the whole month report — aim ≤ 300 ms;
 *   the monthly sheet (sheet:export) vs ExcelJS writing the same number of cells plainly — aim ≤ 2 s and ≤ 3×;
 *   the recalculation after one more day of per-agent exports for 200 agents — aim ≤ 1 s (issue 8 item 6) — as the
 *   job worker runs it after its last recalculation of the month (the rows' values kept), and with nothing kept (its
 *   first run), each followed by the recalculation's phase times.
 * Each line prints its aim and, when missed, by how much; cpu (this process's CPU time) is steadier than wall time
 * on a shared machine.
 * `npx tsx scripts/bench-month.ts [--agents 200] [--keep db] [--db existing.db] [--only report:agents,recalc,…]`;
 * `--profile dir` writes one .cpuprofile per measure (only the measured calls), then
 * `npx tsx scripts/bench-month.ts --top dir/recalc.cpuprofile` lists self time by function.
 *   and the main thread while the whole month is recalculated in the job worker (issue 8 item 5): the slowest of
 *   the screens' calls made meanwhile (report:month, report:overview, report:agents, kpi:month; the slowest of each
 *   is printed) and the event-loop delay, against the 100 ms target (`--only main`).
 *   `--only page`: the 客服 page in headless Chromium on the browser host (src/main/web) with this month — from
 *   report:agents' response to the table drawn and the main thread free (aim ≤ 300 ms), and from a keystroke in the
 *   search box to the filtered table painted (needs the built renderer: `npx electron-vite build`).
 * Informational: timing is never pass/fail.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const MONTH = '2026-10';
const MB = 1024 * 1024;
const CHAT_HEAD = [
  '平台',
  '店铺',
  '会话ID',
  '客服账号',
  '买家',
  '发送方',
  '消息时间',
  '自动回复',
  '消息内容',
];
const CHAT_DAYS = 5;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One-day CSV files cut from the bench's month files (their first column is the day). */
async function dailyFiles(agents: number): Promise<{ name: string; bytes: Uint8Array; day: string }[]> {
  const { benchFiles } = await import('../src/main/demo/bench-files');
  const out: { name: string; bytes: Uint8Array; day: string }[] = [];
  for (const f of benchFiles(MONTH, agents).filter((x) => x.format === 'csv')) {
    const text = new TextDecoder().decode(f.bytes).replace(/^\uFEFF/, '');
    const [head, ...lines] = text.split('\n').filter((l) => l.length > 0);
    const byDay = new Map<string, string[]>();
    for (const l of lines) {
      const day = l.replace(/^"/, '').slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), l]);
    }
    for (const [day, ls] of byDay)
      out.push({
        name: f.name.replace(`_${MONTH}.csv`, `_${day}.csv`),
        day,
        bytes: new TextEncoder().encode('\uFEFF' + [head, ...ls].join('\n') + '\n'),
      });
  }
  return out;
}

/** Chat messages of the 抖音 shop's accounts for the first CHAT_DAYS days: ~30 messages per account-day. */
function chatFiles(agents: number): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (let day = 1; day <= CHAT_DAYS; day++) {
    const r = rng(day);
    const rows: string[][] = [];
    for (let a = 1; a <= agents; a++) {
      const acc = `星河旗舰店:客服${String(a).padStart(3, '0')}`;
      for (let s = 0; s < 5; s++) {
        let t = 8 * 3600 + Math.floor(r() * 14 * 3600);
        const sid = `D${day}-A${a}-S${s}`;
        const buyer = `b${Math.floor(r() * 1e6)}`;
        for (let k = 0; k < 3; k++) {
          const at = (x: number): string =>
            `${MONTH}-${pad(day)} ${pad(Math.floor(x / 3600) % 24)}:${pad(Math.floor(x / 60) % 60)}:${pad(x % 60)}`;
          rows.push(['抖音', '星河旗舰店', sid, acc, buyer, '买家', at(t), '', '请问什么时候发货']);
          t += 5 + Math.floor(r() * (r() < 0.1 ? 400 : 120));
          rows.push(['抖音', '星河旗舰店', sid, acc, buyer, '客服', at(t), '', '亲，48小时内发货']);
          t += 30 + Math.floor(r() * 300);
        }
      }
    }
    out.push({
      name: `聊天记录_${MONTH}-${pad(day)}.csv`,
      bytes: new TextEncoder().encode([CHAT_HEAD, ...rows].map((x) => x.join(',')).join('\n') + '\n'),
    });
  }
  return out;
}

/** Builds the month into a fresh database file; the last day's exports are held back for the incremental run. */
async function build(
  path: string,
  agents: number,
  now: number,
): Promise<{ lastDay: { name: string; bytes: Uint8Array }[] }> {
  const { openDb } = await import('../src/main/db/open');
  const { runImport } = await import('../src/main/import/pipeline');
  const { saveAgent, assignAccount } = await import('../src/main/settings/roster');
  const db = openDb(path);
  const files = await dailyFiles(agents);
  const last = `${MONTH}-31`;
  const t = performance.now();
  // roster first: the accounts exist once the first exports are in, ownership is per account
  const res = await runImport(
    db,
    [...files.filter((f) => f.day !== last), ...chatFiles(agents)],
    {},
    { now },
  );
  const bad = res.files.filter((f) => f.status !== 'imported');
  if (bad.length) throw new Error(`import failed: ${bad.map((b) => `${b.file}: ${b.message}`).join('; ')}`);
  const accounts = db
    .prepare('SELECT s.platform, s.name AS shop, a.account FROM accounts a JOIN shops s ON s.id = a.shop_id')
    .all() as { platform: 'douyin' | 'kuaishou' | 'jd' | 'taobao'; shop: string; account: string }[];
  db.transaction(() => {
    for (let i = 1; i <= agents; i++) {
      const nick = `客服${String(i).padStart(3, '0')}`;
      const id = saveAgent(db, { name: `客服员${i}`, team: `${1 + (i % 8)}组` });
      for (const a of accounts.filter((x) => x.account.endsWith(nick)))
        assignAccount(db, { agent_id: id, ...a, valid_from: null, valid_to: null });
    }
  })();
  const { recalcMonths } = await import('../src/main/report/report');
  recalcMonths(db, [MONTH], now);
  const facts = (db.prepare('SELECT COUNT(*) AS n FROM facts').get() as { n: number }).n;
  const msgs = (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number } | undefined)?.n;
  process.stdout.write(
    `生成 built: ${accounts.length} accounts, ${facts} fact rows, ${msgs ?? '?'} chat messages in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  db.close();
  return { lastDay: files.filter((f) => f.day === last) };
}

function stats(ms: number[]): { min: number; median: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]! };
}

interface Timing {
  min: number;
  median: number;
  /** median CPU time of this process (user + system): steadier than wall time on a shared machine */
  cpu: number;
}

/** Profiles every measure into this folder when set (`--profile dir`): one .cpuprofile per measure. */
let profileDir: string | null = null;

async function timed<T>(
  reps: number,
  fn: () => Promise<T> | T,
  label = 'measure',
  before?: () => Promise<void> | void,
): Promise<Timing & { last: T }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let last: T | undefined;
  const session = profileDir ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (let i = 0; i < reps; i++) {
    await before?.();
    const c = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `${label.replace(/[^\w-]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  return { ...stats(ms), cpu: stats(cpu).median, last: last as T };
}

const s3 = (ms: number): string => (ms / 1000).toFixed(3);

/** Self time by function from a .cpuprofile: the hot spots. */
function top(file: string, n = 25): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      children?: number[];
    }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  // an anonymous function is named by its nearest named caller (tsx's line numbers are of the compiled code)
  const name = (id: number): string => {
    let at: number | undefined = id;
    while (at !== undefined && !byId.get(at)!.callFrame.functionName) at = parent.get(at);
    return at === undefined || at === id
      ? byId.get(id)!.callFrame.functionName || '(anonymous)'
      : `(anonymous in ${byId.get(at)!.callFrame.functionName})`;
  };
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const f = byId.get(id)!.callFrame;
    const key = `${name(id)} ${f.url.replace(/^.*\/(src|node_modules)\//, '$1/')}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n))
    process.stdout.write(
      `${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}\n`,
    );
}

/**
 * 立即重算 on a host with the job worker, then the screens' reads (report:overview, report:agents, report:scopes,
 * kpi:month), one per
 * turn of the event loop as requests arrive, until the recalculation's job:done: the slowest call and the event-loop
 * delay of the main thread meanwhile.
 */
async function mainThreadDuringRecalc(path: string, now: number): Promise<string> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const { Backend } = await import('../src/main/backend');
  const host = new Backend({ dbPath: path, host: 'web', now: () => now, worker: true });
  try {
    let done = false;
    host.subscribe((e) => {
      if (e.type === 'job:done' && e.kind === 'recalc') done = true;
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const calls: number[] = [];
    /** the slowest call of each method: which screen read misses the aim */
    const slowest = new Map<string, number>();
    loop.enable();
    const started = performance.now();
    const r = await host.dispatch('schedule:runNow', {});
    if (!r.ok) throw new Error(`schedule:runNow: ${JSON.stringify(r.error)}`);
    calls.push(performance.now() - started);
    slowest.set('schedule:runNow', calls[0]!);
    while (!done) {
      for (const [method, input] of [
        // what the screens ask for (总览, 客服, 账号, KPI); report:month is only the CLI's `report --json`
        ['report:overview', { month: MONTH, accounts: false }],
        ['report:agents', { month: MONTH, limit: 100 }],
        ['report:scopes', { month: MONTH, scope: 'account', limit: 50 }],
        ['kpi:month', { month: MONTH }],
      ] as const) {
        await new Promise((ok) => setImmediate(ok));
        const t = performance.now();
        const res = await host.dispatch(method, input);
        if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
        const ms = performance.now() - t;
        calls.push(ms);
        slowest.set(method, Math.max(slowest.get(method) ?? 0, ms));
      }
      await new Promise((ok) => setTimeout(ok, 50));
    }
    const jobMs = performance.now() - started;
    loop.disable();
    const max = Math.max(...calls);
    const { min, median } = stats(calls);
    // the aim (issue 8 item 5) is on the slowest call, not the median: no main-thread call over 100 ms
    const verdict =
      max <= 100 ? 'ok (slowest call)' : `slowest missed by ${s3(max - 100)} s (${(max / 100).toFixed(1)}×)`;
    return (
      `${'主线程调用 main thread, recalc on'.padEnd(34)} ${s3(min).padStart(8)} ${s3(median).padStart(8)} ` +
      `${''.padStart(8)} ${'≤ 0.100'.padStart(8)}  ${verdict.padEnd(26)} slowest ${s3(max)} s, event-loop delay max ` +
      `${s3(loop.max / 1e6)} s; ${calls.length} calls during a ${s3(jobMs)} s recalculation in the worker; slowest per ` +
      `method: ${[...slowest].map(([k, v]) => `${k} ${s3(v)}`).join(', ')}`
    );
  } finally {
    host.close();
  }
}

/**
 * Run in the page before the app loads (as source: this script has no DOM types): long tasks, and the first frame
 * painted with the 客服 table's rows.
 */
const PAGE_PROBE = `(() => {
  window.__lt = [];
  window.__drawn = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lt.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const watch = () => {
    // the task after the frame that drew the rows: they are on screen
    if (document.querySelector('[data-testid="table-agents"] .ant-table-row'))
      requestAnimationFrame(() => setTimeout(() => (window.__drawn = performance.now()), 0));
    else requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})()`;

/** In the page, after a load: from report:agents' response that filled the table to painted and to interactive. */
const LOAD_TIMES = `(() => {
  const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/call/report%3Aagents'));
  const data = calls.filter((e) => e.responseEnd <= window.__drawn).at(-1);
  const busy = window.__lt.filter(([s, d]) => s + d > data.responseEnd).map(([s, d]) => s + d);
  return {
    drawn: window.__drawn - data.responseEnd,
    ready: Math.max(window.__drawn, ...busy) - data.responseEnd,
    bytes: data.encodedBodySize,
  };
})()`;

/** In the page: resolves with the time from the next key pressed in the search box to its echo and to new rows. */
const KEY_PROBE = `new Promise((ok) => {
  const names = () => [...document.querySelectorAll('[data-testid="table-agents"] [data-testid="row-name"]')]
    .map((e) => e.textContent).join('|');
  const input = document.querySelector('input[data-testid="scorecards-search"]');
  const before = names();
  const valueBefore = input.value;
  // a search that changes nothing on screen would never resolve: give up after 30 s
  setTimeout(() => ok({ echo: NaN, filtered: NaN }), 30000);
  input.addEventListener('keydown', (ev) => {
    const t0 = ev.timeStamp;
    let echo = 0;
    const frame = () => {
      if (!echo && input.value !== valueBefore) setTimeout(() => (echo = performance.now() - t0), 0);
      if (names() !== before) return void setTimeout(() => ok({ echo, filtered: performance.now() - t0 }), 0);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, { once: true });
})`;

/**
 * The 客服 page in headless Chromium on the browser host with this month's database: per load, from the end of the
 * report:agents response that filled the table to the rows painted and to the end of the last long task after the
 * response (interactive); per keystroke in the search box, to the echo and to the filtered table painted.
 */
async function pageInteractive(path: string, reps: number): Promise<string[]> {
  const { spawn } = await import('node:child_process');
  const { launchBrowser } = await import('../test/e2e/helpers');
  const root = join(__dirname, '..');
  if (!existsSync(join(root, 'out', 'renderer', 'index.html')))
    throw new Error('--only page needs the built renderer: run `npx electron-vite build` first');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('src', 'main', 'web', 'index.ts'), '--db', path, '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, SCOREDESK_DB: path, SCOREDESK_NOW: '2026-11-05 10:00:00' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const browser = await launchBrowser();
  try {
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /ScoreDesk web: (http:\/\/\S+)/.exec(out);
        if (m?.[1]) ok(m[1]);
      });
      child.once('exit', (code) => fail(new Error(`web host exited (${code}) before printing its URL`)));
    });
    const origin = new URL(url).origin;
    const { page } = browser;
    await page.addInitScript(PAGE_PROBE);
    await page.goto(url);
    await page.waitForSelector('[data-testid="header-db"] .sd-path', { timeout: 60_000 });
    const drawn: number[] = [];
    const ready: number[] = [];
    let bytes = 0;
    for (let i = 0; i < reps + 1; i++) {
      await page.goto(`${origin}/#/scorecards?month=${MONTH}`);
      await page.reload();
      await page.locator('[data-testid="table-agents"] .ant-table-row').first().waitFor({ timeout: 120_000 });
      await page.waitForFunction('window.__drawn !== null');
      await page.waitForTimeout(1500);
      const m = await page.evaluate<{ drawn: number; ready: number; bytes: number }>(LOAD_TIMES);
      process.stderr.write(
        `page: load ${i} → painted ${m.drawn.toFixed(0)} ms, interactive ${m.ready.toFixed(0)} ms\n`,
      );
      // the first load warms the host's caches and the browser's code cache: not counted
      if (i === 0) continue;
      drawn.push(m.drawn);
      ready.push(m.ready);
      bytes = m.bytes;
    }
    const echo: number[] = [];
    const filtered: number[] = [];
    const search = page.locator('input[data-testid="scorecards-search"]');
    for (const key of ['7', '3', '5'].slice(0, Math.max(1, reps))) {
      await search.fill('');
      await page.waitForTimeout(1000);
      await search.focus();
      const probe = page.evaluate<{ echo: number; filtered: number }>(KEY_PROBE);
      await page.waitForTimeout(50);
      await page.keyboard.press(key);
      const k = await probe;
      process.stderr.write(
        `page: key ${key} → echo ${k.echo.toFixed(0)} ms, filtered ${k.filtered.toFixed(0)} ms\n`,
      );
      if (Number.isNaN(k.filtered)) continue;
      echo.push(k.echo);
      filtered.push(k.filtered);
    }
    const fmt = (label: string, ms: number[], aim: number | null, base: string): string => {
      const { min, median } = stats(ms);
      const verdict =
        aim === null
          ? ''
          : median <= aim
            ? 'ok'
            : `missed by ${s3(median - aim)} s (${(median / aim).toFixed(1)}×)`;
      return (
        `${label.padEnd(34)} ${s3(min).padStart(8)} ${s3(median).padStart(8)} ${''.padStart(8)} ` +
        `${(aim === null ? '' : `≤ ${s3(aim)}`).padStart(8)}  ${verdict.padEnd(26)} ${base}`
      );
    };
    return [
      fmt(
        '客服 page: data → table painted',
        drawn,
        null,
        `report:agents page ${(bytes / 1024).toFixed(0)} KB`,
      ),
      fmt('客服 page: data → interactive', ready, 300, 'end of the last long task after the response'),
      fmt('客服 search: key → echo', echo, null, 'the typed character painted in the box'),
      fmt('客服 search: key → filtered', filtered, null, 'incl. the 200 ms debounce and report:agents'),
    ];
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      agents: { type: 'string', default: '200' },
      reps: { type: 'string', default: '3' },
      db: { type: 'string' },
      keep: { type: 'string' },
      only: { type: 'string' },
      top: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  if (values.top) {
    process.stdout.on('error', () => undefined);
    return top(values.top);
  }
  profileDir = values.profile ?? null;
  const agents = Math.max(1, Number(values.agents) || 200);
  const reps = Math.max(1, Number(values.reps) || 3);
  const { chinaEpoch } = await import('../src/shared/china-time');
  const now = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-bench-month-'));
  const path = join(dir, 'month.db');
  try {
    let lastDay: { name: string; bytes: Uint8Array }[] | null = null;
    if (values.db && existsSync(values.db)) copyFileSync(values.db, path);
    else {
      lastDay = (await build(path, agents, now)).lastDay;
      if (values.keep) copyFileSync(path, values.keep);
    }
    const { Backend } = await import('../src/main/backend');
    const backend = new Backend({ dbPath: path, host: 'web', now: () => now, log: undefined });
    // a database from an older build is brought into the results store first: the reads measured are the store's
    const { recalcDirty } = await import('../src/main/report/report');
    recalcDirty(backend.db, now);
    const call = async (method: string, input: unknown): Promise<string> => {
      const r = await backend.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
      return JSON.stringify(r.data);
    };
    const only = values.only ? new Set(values.only.split(',')) : null;
    const want = (k: string): boolean => !only || only.has(k);
    const rows: string[] = [];
    /** One measure beside its aim (issue 8 item 6) and its baseline; a missed aim says by how much. */
    const line = (label: string, m: Timing, aim: number | null, base: string): void => {
      const verdict =
        aim === null
          ? ''
          : m.median <= aim * 1000
            ? 'ok'
            : `missed by ${s3(m.median - aim * 1000)} s (${(m.median / (aim * 1000)).toFixed(1)}×)`;
      rows.push(
        `${label.padEnd(34)} ${s3(m.min).padStart(8)} ${s3(m.median).padStart(8)} ${s3(m.cpu).padStart(8)} ` +
          `${(aim === null ? '' : `≤ ${aim.toFixed(3)}`).padStart(8)}  ${verdict.padEnd(26)} ${base}`,
      );
    };
    // the plain baseline for reads: encoding the whole month report, as a cached read would
    const { getMonthReport } = await import('../src/main/report/report');
    const stored = JSON.stringify(getMonthReport(backend.db, MONTH, now));
    const encode = await timed(reps, () => JSON.stringify(JSON.parse(stored)), 'encode');
    line('JSON 编码月报 encode stored report', encode, null, `${(stored.length / MB).toFixed(1)} MB`);
    // the reads a screen makes: the aim is 300 ms for the 200-agent month's results
    const firstAgent = (backend.db.prepare('SELECT MIN(id) AS id FROM agents').get() as { id: number | null })
      .id;
    for (const [label, method, input] of [
      ['report:agents (50-row page)', 'report:agents', { month: MONTH, limit: 50 }],
      [
        'report:agents (search, page 2)',
        'report:agents',
        {
          month: MONTH,
          offset: 50,
          limit: 50,
          search: '客服',
          sort: { key: 'reply_3min_rate', order: 'descend' },
        },
      ],
      [
        'report:scope (one agent)',
        'report:scope',
        { month: MONTH, scope: 'agent', agent_id: firstAgent ?? 1 },
      ],
      ['report:scopes (账号, 50-row page)', 'report:scopes', { month: MONTH, scope: 'account', limit: 50 }],
      [
        'report:scopes (账号, sorted, 对比)',
        'report:scopes',
        {
          month: MONTH,
          scope: 'account',
          offset: 50,
          limit: 50,
          search: '店',
          sort: { key: 'reply_3min_rate', order: 'descend' },
          compare: true,
        },
      ],
      ['report:scopes (店铺)', 'report:scopes', { month: MONTH, scope: 'shop', limit: 50 }],
      ['report:month', 'report:month', { month: MONTH }],
      ['report:overview (总览 screen)', 'report:overview', { month: MONTH, accounts: false }],
      ['report:overview (+account series)', 'report:overview', { month: MONTH }],
      ['kpi:month', 'kpi:month', { month: MONTH }],
    ] as const) {
      if (!want(method)) continue;
      const m = await timed(reps, () => call(method, input), label);
      line(
        label,
        m,
        0.3,
        `${(m.last.length / MB).toFixed(2)} MB, ${(m.median / encode.median).toFixed(1)}× encode`,
      );
    }
    if (want('scheme:whatif')) {
      const { schemesForMonth } = await import('../src/main/kpi/store');
      const saved = schemesForMonth(backend.db, MONTH)[0];
      if (saved) {
        const draft = JSON.parse(JSON.stringify(saved)) as { items: { weight: number }[] };
        if (draft.items.length > 1) {
          draft.items[0]!.weight += 5;
          draft.items[1]!.weight -= 5;
        }
        const input = { scheme: draft, month: MONTH };
        const m = await timed(reps, () => call('scheme:whatif', input), 'scheme-whatif');
        line(
          'scheme:whatif (draft of the saved)',
          m,
          0.3,
          `${(m.last.length / MB).toFixed(2)} MB, ${(m.median / encode.median).toFixed(1)}× encode`,
        );
      }
    }
    if (want('sheet')) {
      const m = await timed(
        reps,
        () => backend.dispatch('sheet:export', { month: MONTH, scheme: '星河-标准方案', variant: 'payroll' }),
        'sheet',
      );
      // ExcelJS writing the same number of cells with no styles: the plain baseline
      const r = m.last as { ok: boolean; data?: { bytes: Uint8Array } };
      if (!r.ok) throw new Error(`sheet:export: ${JSON.stringify(m.last)}`);
      const ExcelJS = (await import('exceljs')).default;
      const src = new ExcelJS.Workbook();
      await src.xlsx.load(Buffer.from(r.data!.bytes) as unknown as ArrayBuffer);
      let cells = 0;
      src.eachSheet((ws) => ws.eachRow((row) => (cells += row.cellCount)));
      const plain = await timed(
        reps,
        async () => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('plain');
          const cols = 20;
          for (let i = 0; i < Math.ceil(cells / cols); i++)
            ws.addRow(Array.from({ length: cols }, (_, c) => (c % 2 ? i * c : `v${i}-${c}`)));
          return wb.xlsx.writeBuffer();
        },
        'sheet-plain',
      );
      line('ExcelJS plain write, same cells', plain, null, `${cells} cells, no styles`);
      const ratio = m.median / plain.median;
      line(
        'sheet:export (payroll)',
        m,
        2,
        `${ratio.toFixed(1)}× plain (aim ≤ 3×: ${ratio <= 3 ? 'ok' : `missed, ${(ratio / 3).toFixed(1)}× over`})`,
      );
    }
    if (want('recalc')) {
      // one more day of per-agent exports for every agent: import (marks the month dirty), then the recalculation;
      // each repetition starts again from the month before that day
      // generated before the clock starts (and only here: a profile of the reads should not show the generator)
      lastDay ??= (await dailyFiles(agents)).filter((f) => f.day === `${MONTH}-31`);
      const day = lastDay;
      const base = join(dir, 'before-day.db');
      await backend.db.backup(base);
      // in a worker thread with the job worker's heap limits, as the app runs it (scripts/bench-recalc-worker.ts)
      const { Worker } = await import('node:worker_threads');
      const { JOB_WORKER_LIMITS } = await import('../src/main/job-runner');
      // run from the repository (npm run bench), as the browser host below
      const script = resolve('scripts', 'bench-recalc-worker.ts');
      for (const kept of [true, false]) {
        const label = kept ? 'recalc' : 'recalc-cold';
        const job = {
          base,
          dir,
          month: MONTH,
          now,
          files: day,
          kept,
          reps,
          profile: profileDir ? join(profileDir, `${label}.cpuprofile`) : null,
        };
        const res = await new Promise<{
          ms: number[];
          cpu: number[];
          phases: Record<string, number>;
          imported: number;
          importMs: number;
        }>((ok, no) => {
          const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, {
            eval: true,
            execArgv: [],
            workerData: job,
            resourceLimits: JOB_WORKER_LIMITS,
          });
          w.once('message', (m: { ok: boolean; result?: never; error?: string }) =>
            m.ok ? ok(m.result!) : no(new Error(m.error)),
          );
          w.once('error', no);
        });
        line(
          kept ? 'recalc after one day (200 agents)' : '  same, nothing kept (first run)',
          { ...stats(res.ms), cpu: stats(res.cpu).median },
          1,
          `${res.imported} files imported in ${s3(res.importMs)} s`,
        );
        // where the time went, as a mean over the repetitions (wall time of each phase of recalcMonths)
        rows.push(
          `  phases (mean ms): ${Object.entries(res.phases)
            .map(([k, v]) => `${k} ${(v / reps).toFixed(0)}`)
            .join(', ')}`,
        );
      }
    }
    if (want('main')) rows.push(await mainThreadDuringRecalc(path, now));
    backend.close();
    if (want('page')) rows.push(...(await pageInteractive(path, reps)));
    process.stdout.write(
      `\nScoreDesk 200 位客服月度基准 / 200-agent month — ${agents} agents, min/median of ${reps} (s), Node ${process.version}\n` +
        `${'measure'.padEnd(34)} ${'min'.padStart(8)} ${'median'.padStart(8)} ${'cpu'.padStart(8)} ${'aim'.padStart(8)}  ` +
        `${'verdict'.padEnd(26)} baseline\n${rows.join('\n')}\n` +
        'Wall time is min/median; cpu is the median CPU time of this process. The aims are informational, never pass/fail.\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
