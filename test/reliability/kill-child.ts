/**
 * The child of the kill trials: loads the CLI, says `ready`, and on a line from stdin runs one `import` — so the
 * parent's random kill point falls inside the import, not inside the loading of tsx and the modules.
 */
import { runCli } from '../../src/main/cli/index';

process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const t0 = performance.now();
  void runCli(process.argv.slice(2), {
    out: () => undefined,
    err: (t) => process.stderr.write(t),
    now: () => Number(process.env.KILL_NOW),
    env: {},
  }).then((code) => {
    process.stdout.write(`done ${code} ${Math.round(performance.now() - t0)}\n`);
    process.exit(code);
  });
});
