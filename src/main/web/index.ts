/**
 * `npm run web`: the browser host. Serves the built renderer and the typed API on 127.0.0.1 (random port by
 * default) and prints the URL with its per-run token. Options: --db FILE, --port N.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Backend } from '../backend';
import { resolveDbPath } from '../db/paths';
import { startWebHost } from './server';
import { hostClock } from '../clock';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' } },
    allowPositionals: false,
  });
  const rendererDir = join(__dirname, '..', '..', '..', 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write(
      '界面尚未构建：请运行 npm run web（会先构建）。The renderer is not built: run `npm run web`.\n',
    );
    process.exit(1);
  }
  const dbPath = resolveDbPath(values.db);
  const backend = new Backend({ dbPath, host: 'web', worker: true, now: hostClock() });
  const host = await startWebHost({ backend, rendererDir, port: values.port ? Number(values.port) : 0 });
  const stopScheduler = backend.startScheduler();
  process.stdout.write(`ScoreDesk web: ${host.url}\n`);
  process.stderr.write(`数据库: ${dbPath}\n在浏览器中打开上面的地址（仅本机可访问）。按 Ctrl+C 退出。\n`);
  const stop = (): void => {
    stopScheduler();
    void host.close().then(() => {
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  process.stderr.write(`启动失败: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
});
