import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'ScoreDesk';
export const DB_FILE = 'scoredesk.db';

/**
 * Electron's userData folder for productName `ScoreDesk`, computed without Electron so the CLI, the browser host and
 * the desktop window all find the same database.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

/** `--db` wins, then `SCOREDESK_DB`, then the userData default. */
export function resolveDbPath(cliDb?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (cliDb) return cliDb;
  if (env.SCOREDESK_DB) return env.SCOREDESK_DB;
  return join(userDataDir(process.platform, env), DB_FILE);
}
