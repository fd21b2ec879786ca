import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/main/fs-atomic';
import { Logger } from '../../src/main/log';
import { openerCommand, systemFolderOpener } from '../../src/main/open-folder';
import { chinaEpoch } from '../../src/shared/china-time';

const dir = (): string => mkdtempSync(join(tmpdir(), 'sd-atomic-'));
const T = chinaEpoch(2026, 10, 4, 23, 59, 58)!;

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file', () => {
    const d = dir();
    const f = join(d, '月度绩效.xlsx');
    writeFileSync(f, 'old');
    writeFileAtomic(f, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(f)]).toEqual([1, 2, 3]);
    expect(readdirSync(d)).toEqual(['月度绩效.xlsx']);
  });

  it('a failure after the temp write leaves the previous file intact and no temp file', () => {
    const d = dir();
    const f = join(d, 'out.json');
    writeFileSync(f, 'previous');
    let seen = '';
    expect(() =>
      writeFileAtomic(f, 'next', {
        afterTempWrite: (t) => {
          seen = t;
          expect(readFileSync(t, 'utf8')).toBe('next');
          throw new Error('killed');
        },
      }),
    ).toThrow('killed');
    expect(seen.startsWith(join(d, '.out.json.'))).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('previous');
    expect(readdirSync(d)).toEqual(['out.json']);
  });

  it('a folder that does not exist fails without creating anything', () => {
    const d = dir();
    expect(() => writeFileAtomic(join(d, 'missing', 'a.txt'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('the log', () => {
  it('writes one JSON line per event with China time', () => {
    const f = join(dir(), 'logs', 'scoredesk.log');
    const log = new Logger(f, { now: () => T });
    log.info('import', { file: 'a.csv', accepted: 3 });
    log.error('api', new Error('boom'), { method: 'report:month' });
    const lines = readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      time: '2026-10-04 23:59:58',
      level: 'info',
      event: 'import',
      file: 'a.csv',
      accepted: 3,
    });
    expect(lines[1]).toMatchObject({
      time: '2026-10-04 23:59:58',
      level: 'error',
      event: 'api',
      message: 'boom',
    });
    expect(String(lines[1]!.stack)).toContain('fs-atomic-log.test.ts');
  });

  it('rotates at the size limit and keeps 5 files', () => {
    const d = join(dir(), 'logs');
    const f = join(d, 'scoredesk.log');
    const log = new Logger(f, { now: () => T, maxBytes: 1000 });
    const pad = 'x'.repeat(150);
    for (let i = 0; i < 60; i++) log.info('tick', { i, pad });
    expect(readdirSync(d).sort()).toEqual([
      'scoredesk.log',
      'scoredesk.log.1',
      'scoredesk.log.2',
      'scoredesk.log.3',
      'scoredesk.log.4',
    ]);
    for (const name of readdirSync(d)) expect(statSync(join(d, name)).size).toBeLessThanOrEqual(1000);
    // the newest event is in the current file, the oldest kept one in .4, the first ones are gone
    const ids = (name: string): number[] =>
      readFileSync(join(d, name), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { i: number }).i);
    expect(ids('scoredesk.log').at(-1)).toBe(59);
    expect(ids('scoredesk.log.4')[0]).toBeGreaterThan(0);
    expect(ids('scoredesk.log.1').at(-1)! + 1).toBe(ids('scoredesk.log')[0]);
  });

  it('a log that cannot be written does not throw', () => {
    const d = dir();
    writeFileSync(join(d, 'logs'), 'a file where the folder should be');
    const log = new Logger(join(d, 'logs', 'scoredesk.log'));
    expect(() => log.info('x')).not.toThrow();
    expect(existsSync(join(d, 'logs', 'scoredesk.log'))).toBe(false);
  });
});

describe('打开所在文件夹', () => {
  it('uses the platform file manager and needs a desktop on Linux', () => {
    expect(openerCommand('win32', {})).toEqual({ cmd: 'explorer.exe', args: [] });
    expect(openerCommand('darwin', {})).toEqual({ cmd: 'open', args: [] });
    expect(openerCommand('linux', { DISPLAY: ':0' })).toEqual({ cmd: 'xdg-open', args: [] });
    expect(openerCommand('linux', {})).toBeNull();
  });

  it('fails with a Chinese message when there is no desktop', async () => {
    await expect(systemFolderOpener('linux', {})('/tmp/x')).rejects.toThrow('没有桌面环境');
  });
});
