/**
 * True while the page is being printed (打印 / 导出 PDF, or print media emulated): screens render what paper needs —
 * every row instead of one page of 20, a print view instead of pickers. The change is rendered synchronously in
 * `beforeprint`, so the first printed layout already has it.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

function printMedia(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('print')
    : null;
}

export function usePrintMedia(): boolean {
  const [printing, setPrinting] = useState(() => printMedia()?.matches ?? false);
  useEffect(() => {
    const mq = printMedia();
    const on = (): void => flushSync(() => setPrinting(true));
    const off = (): void => setPrinting(mq?.matches ?? false);
    const change = (e: MediaQueryListEvent): void => (e.matches ? on() : off());
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    mq?.addEventListener('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      mq?.removeEventListener('change', change);
    };
  }, []);
  return printing;
}
