/**
 * The bell's data: `alerts:list` on start, every five minutes (a deadline passes while the app stays open) and after
 * every data change; saving the settings and remembering notified ids go through here too.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { AlertSettings } from '../../../../shared/alerts';
import { getApi } from '../../api/client';

export type AlertListView = Output<'alerts:list'>;

const EVERY_MS = 5 * 60_000;
/** Tells the other users of this hook (the bell, 设置 → 提醒) that the settings changed. */
const CHANGED = 'scoredesk:alerts-changed';

export function useAlerts(): {
  list: AlertListView | null;
  reload: () => void;
  saveSettings: (s: Partial<AlertSettings>) => Promise<string | null>;
  markNotified: (ids: string[]) => Promise<void>;
} {
  const api = getApi();
  const [list, setList] = useState<AlertListView | null>(null);
  const [key, setKey] = useState(0);
  const reload = useCallback(() => setKey((k) => k + 1), []);

  useEffect(() => {
    const off = api.subscribe((e) => {
      if (e.type === 'recalc:done' || e.type === 'watch:imported') reload();
    });
    const timer = setInterval(reload, EVERY_MS);
    window.addEventListener(CHANGED, reload);
    return () => {
      off();
      clearInterval(timer);
      window.removeEventListener(CHANGED, reload);
    };
  }, [api, reload]);

  useEffect(() => {
    let alive = true;
    void api['alerts:list']({}).then((r) => {
      if (alive && r.ok) setList(r.data);
    });
    return () => {
      alive = false;
    };
  }, [api, key]);

  const saveSettings = useCallback(
    async (s: Partial<AlertSettings>): Promise<string | null> => {
      const r = await api['alerts:settings'](s);
      window.dispatchEvent(new Event(CHANGED));
      return r.ok ? null : r.error.message;
    },
    [api],
  );

  const markNotified = useCallback(
    async (ids: string[]): Promise<void> => {
      const r = await api['alerts:notified']({ ids });
      if (r.ok) setList((l) => (l ? { ...l, notified: r.data.notified } : l));
    },
    [api],
  );

  return { list, reload, saveSettings, markNotified };
}
