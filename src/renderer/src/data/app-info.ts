import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/api';

/** `app:info`, loaded once by the shell; null until it arrives (or when the back end is unreachable). */
export const AppInfoContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
