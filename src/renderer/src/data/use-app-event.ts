import { useEffect, useRef } from 'react';
import type { AppEvent } from '../../../shared/api';
import { getApi } from '../api/client';

/**
 * Runs `listener` for each back-end notice of `type` (a toast for the watched folder's imports). Not for loading
 * data: queries reload by themselves after every change (data-version.ts).
 */
export function useAppEvent<T extends AppEvent['type']>(
  type: T,
  listener: (event: Extract<AppEvent, { type: T }>) => void,
): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      getApi().subscribe((e) => {
        if (e.type === type) latest.current(e as Extract<AppEvent, { type: T }>);
      }),
    [type],
  );
}
