import { useCallback, useState } from 'react';

/**
 * What a modal is open for, plus a serial that changes on every open. Key the modal with the serial: each open then
 * mounts a fresh form (antd keeps a form's values across a close otherwise), and closing keeps the key, so the
 * closing animation still plays.
 */
export function useModalTarget<T>(): [T | null, number, (target: T | null) => void] {
  const [state, setState] = useState<{ target: T | null; serial: number }>({ target: null, serial: 0 });
  const set = useCallback((target: T | null) => {
    setState((s) => ({ target, serial: target === null ? s.serial : s.serial + 1 }));
  }, []);
  return [state.target, state.serial, set];
}
