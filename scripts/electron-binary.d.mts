// Types for electron-binary.mjs (plain Node ESM so `npm start` needs no TypeScript tooling).
export declare const NATIVE_BINDING: string;
export declare const NATIVE_STAMP: string;
export declare function findElectronBinary(
  root: string,
  env?: Record<string, string | undefined>,
): string | null;
export declare function installedVersion(root: string, name: string): string | null;
export declare function nativeBindingStatus(
  root: string,
): { ok: true } | { ok: false; reason: 'missing' | 'stale' };
export declare const DESKTOP_NODE: string;
export declare function desktopBlocker(o: {
  forceWeb: boolean;
  electron: string | null;
  nodeVersion: string;
  platform: string;
  env: Record<string, string | undefined>;
}): { zh: string; en: string } | null;
export declare function openCommand(
  platform: string,
  env: Record<string, string | undefined>,
): { command: string; args: string[] } | null;
