import { describe, expect, it } from 'vitest';
import { dbArg } from '../../src/main/shell/args';

describe('dbArg', () => {
  it('reads --db path and --db=path after the app path Electron receives', () => {
    expect(dbArg(['/electron', '/app', '--db', '/data/a.db'])).toBe('/data/a.db');
    expect(dbArg(['/electron', '/app', '--db=/data/b.db'])).toBe('/data/b.db');
    expect(dbArg(['/electron', '/app', '--db', 'D:\\数据\\绩效.db'])).toBe('D:\\数据\\绩效.db');
  });

  it('is undefined when absent or empty, so SCOREDESK_DB and the default apply', () => {
    expect(dbArg(['/electron', '/app'])).toBeUndefined();
    expect(dbArg(['/electron', '/app', '--db'])).toBeUndefined();
    expect(dbArg(['/electron', '/app', '--db='])).toBeUndefined();
    expect(dbArg(['/electron', '/app', '--db', '--inspect'])).toBeUndefined();
    expect(dbArg(['/electron', '/app', '--dbx=/x'])).toBeUndefined();
  });
});
