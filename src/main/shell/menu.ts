/**
 * The application menu as data. Type-only import: this module is unit tested without loading electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** electron-vite's dev server: reload and developer tools appear only then. */
  dev: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}

/** A minimal Chinese menu: 文件 / 编辑 / 视图 / 帮助. Roles give the standard shortcuts (Ctrl+C, Ctrl+V, …). */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    ...(options.dev
      ? ([
          { role: 'reload', label: '重新加载' },
          { role: 'toggleDevTools', label: '开发者工具' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于 ScoreDesk', click: () => options.onAbout() }] },
  ];
  // macOS puts the first menu under the app's name; give it the standard app menu instead of 文件
  if (options.platform === 'darwin') template.unshift({ role: 'appMenu', label: 'ScoreDesk' });
  return template;
}
