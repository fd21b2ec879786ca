/**
 * 打开所在文件夹 for the hosts without Electron's shell.openPath: the platform's file manager, spawned with a folder
 * the back end itself knows (data, logs, backups), never a path from the request.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { UserError } from './errors';

export type FolderOpener = (path: string) => Promise<void>;

export function openerCommand(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): { cmd: string; args: string[] } | null {
  if (platform === 'win32') return { cmd: 'explorer.exe', args: [] };
  if (platform === 'darwin') return { cmd: 'open', args: [] };
  // a server or container without a desktop has nowhere to show a folder
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { cmd: 'xdg-open', args: [] };
}

export function systemFolderOpener(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): FolderOpener {
  return (path) =>
    new Promise<void>((ok, fail) => {
      const c = openerCommand(platform, env);
      if (!c) {
        fail(new UserError(`这台电脑没有桌面环境，无法打开文件夹。请手动打开：${path}`));
        return;
      }
      mkdirSync(path, { recursive: true });
      const child = spawn(c.cmd, [...c.args, path], { detached: true, stdio: 'ignore', shell: false });
      child.once('error', (e) =>
        fail(new UserError(`无法打开文件夹（找不到 ${c.cmd}）。请手动打开：${path}`, String(e))),
      );
      child.once('spawn', () => {
        child.unref();
        ok();
      });
    });
}
