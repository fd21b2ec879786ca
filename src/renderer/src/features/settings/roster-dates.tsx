/** A roster range's dates as the lead reads them: an open end is 长期. */
import type { ReactNode } from 'react';

export const OPEN_END = '长期';

export function day(d: string | null): ReactNode {
  return d ? <span className="sd-num">{d}</span> : <span className="sd-muted">{OPEN_END}</span>;
}

export function range(from: string | null, to: string | null): string {
  return `${from ?? OPEN_END} ~ ${to ?? OPEN_END}`;
}
