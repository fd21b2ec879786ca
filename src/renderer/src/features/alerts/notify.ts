/**
 * Desktop notifications through the renderer's Notification API (the browser's in web mode, Electron's in the
 * window): permission is asked only from a click, and each alert is shown once.
 */
import type { AppAlert } from '../../../../shared/alerts';

/** At most this many notifications at once; the rest are summed up in one more. */
export const MAX_AT_ONCE = 3;

export type Permission = 'granted' | 'denied' | 'default' | 'unsupported';

export function permission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must run from a click: browsers ignore a request made without one. */
export async function askPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** What to show for new alerts: the first MAX_AT_ONCE, then one summary line. */
export function notificationsFor(
  fresh: readonly AppAlert[],
): { title: string; body: string; href: string }[] {
  const shown = fresh.slice(0, MAX_AT_ONCE).map((a) => ({ title: a.title, body: a.detail, href: a.href }));
  if (fresh.length > MAX_AT_ONCE)
    shown.push({
      title: `另有 ${fresh.length - MAX_AT_ONCE} 条新提醒`,
      body: '点开铃铛查看全部提醒',
      href: '',
    });
  return shown;
}

export function showNotifications(fresh: readonly AppAlert[]): void {
  for (const n of notificationsFor(fresh)) {
    const note = new Notification(n.title, { body: n.body, tag: `scoredesk:${n.title}` });
    note.onclick = () => {
      window.focus();
      if (n.href) window.location.hash = n.href.slice(1);
    };
  }
}
