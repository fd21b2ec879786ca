import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../src/main/shell/menu';

// electron's types are off limits outside the shell (lint fence); the template's own type is enough
type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

function flat(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
}

const roles = (items: MenuItemConstructorOptions[]) =>
  flat(items)
    .map((i) => i.role)
    .filter(Boolean);

describe('menuTemplate', () => {
  it('has the four Chinese menus with quit, copy and paste', () => {
    const t = menuTemplate({ dev: false, platform: 'win32', onAbout: () => undefined });
    expect(t.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(roles(t)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste']));
    const labelled = flat(t).filter((i) => i.role);
    for (const item of labelled) expect(item.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('offers reload and developer tools only against the dev server', () => {
    const prod = roles(menuTemplate({ dev: false, platform: 'linux', onAbout: () => undefined }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(prod).not.toContain('toggleDevTools');
    const dev = roles(menuTemplate({ dev: true, platform: 'linux', onAbout: () => undefined }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('calls onAbout from 帮助', () => {
    let called = 0;
    const t = menuTemplate({ dev: false, platform: 'linux', onAbout: () => called++ });
    const about = flat(t).find((i) => i.label === '关于 ScoreDesk');
    (about?.click as (() => void) | undefined)?.();
    expect(called).toBe(1);
  });

  it('adds the standard app menu first on macOS', () => {
    expect(menuTemplate({ dev: false, platform: 'darwin', onAbout: () => undefined })[0]?.role).toBe(
      'appMenu',
    );
  });
});
