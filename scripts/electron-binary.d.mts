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
