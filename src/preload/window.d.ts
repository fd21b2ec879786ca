/**
 * `window.scoredesk`: the typed API the preload exposes in the desktop window. Absent in the browser host, where the
 * renderer talks HTTP instead. Reference from the renderer with
 * `/// <reference path="../../preload/window.d.ts" />` or list this file in tsconfig.web.json's `include`.
 */
import type { Api } from '../shared/api';

declare global {
  interface Window {
    scoredesk?: Api;
  }
}

export {};
