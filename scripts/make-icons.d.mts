// Types for make-icons.mjs (plain Node ESM, run by `npm run icons`).
export interface Shape {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
}
export declare const BACKGROUND: Shape & { color: [number, number, number] };
export declare const BARS: Shape[];
export declare const PNG_SIZES: number[];
export declare const ICO_SIZES: number[];
export declare const ICNS_TYPES: [string, number][];
export declare function draw(size: number): Buffer;
export declare function encodePng(size: number, rgba: Buffer): Buffer;
export declare function encodeIco(images: { size: number; data: Buffer }[]): Buffer;
export declare function encodeIcns(entries: { type: string; data: Buffer }[]): Buffer;
