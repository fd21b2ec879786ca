/// <reference types="vite/client" />
// Brings in `window.scoredesk?: Api`, the typed API the Electron preload exposes (absent in the browser host).
import type {} from '../../preload/window';
