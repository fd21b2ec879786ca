/**
 * The bell's data: `alerts:list` on start, every five minutes (a deadline passes while the app stays open) and after
 * every data change; saving the settings and remembering notified ids go through here too.
 */
import { useCallback, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { AlertSettings } from '../../../../shared/alerts';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall, useApiMutation } from '../../data/use-api-mutation';

export type AlertListView = Output<'alerts:list'>;

const EVERY_MS = 5 * 60_000;

export function useAlerts(): {
  list: AlertListView | null;
  reload: () => void;
  saveSettings: (s: Partial<AlertSettings>) => Promise<string | null>;
  markNotified: (ids: string[]) => Promise<void>;
} {
  const query = useApiQuery('alerts:list', {}, { refreshEveryMs: EVERY_MS });
  // a settings change is a mutation: the bell and 设置 → 提醒 both reload
  const save = useApiMutation('alerts:settings');
  // remembering what was notified changes no number: no reload of every screen, the answer updates the list here
  const notified = useApiCall('alerts:notified');
  const [seen, setSeen] = useState<{ from: AlertListView; notified: AlertListView['notified'] } | null>(null);
  const list =
    query.data && seen && seen.from === query.data ? { ...query.data, notified: seen.notified } : query.data;

  const saveSettings = useCallback(
    async (s: Partial<AlertSettings>): Promise<string | null> => {
      const r = await save(s);
      return r.ok ? null : r.error.message;
    },
    [save],
  );

  const data = query.data;
  const markNotified = useCallback(
    async (ids: string[]): Promise<void> => {
      const r = await notified({ ids });
      if (r.ok && data) setSeen({ from: data, notified: r.data.notified });
    },
    [notified, data],
  );

  return { list, reload: query.reload, saveSettings, markNotified };
}
