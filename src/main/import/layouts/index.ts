import { douyinClassic } from './douyin';
import type { LayoutDef } from './types';

/** Every detected per-agent layout. The per-agent slice adds the other platforms here. */
export const LAYOUTS: LayoutDef[] = [douyinClassic];

export function layoutById(id: string): LayoutDef | undefined {
  return LAYOUTS.find((l) => l.id === id);
}
