// @vitest-environment happy-dom
/**
 * The one data hook: loads, drops an answer that arrives for an older input, reloads after a data-change notice and
 * after a mutation, keeps the last answer while the same input reloads, and makes one call for many readers.
 */
import { act, useEffect, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api, AppEvent, Result } from '../../../shared/api';
import { useApiQuery, stableKey, type Query } from './use-api-query';
import { useApiMutation } from './use-api-mutation';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Pending {
  method: string;
  input: unknown;
  resolve: (r: Result<unknown>) => void;
}

let pending: Pending[] = [];
let listeners: ((e: AppEvent) => void)[] = [];

function fakeApi(): Api {
  return new Proxy({} as Api, {
    get(_t, prop) {
      if (prop === 'subscribe')
        return (l: (e: AppEvent) => void) => {
          listeners.push(l);
          return () => {
            listeners = listeners.filter((x) => x !== l);
          };
        };
      if (prop === 'then') return undefined;
      return (input: unknown) =>
        new Promise<Result<unknown>>((resolve) => pending.push({ method: String(prop), input, resolve }));
    },
  });
}

let root: Root;
let host: HTMLElement;

beforeEach(() => {
  pending = [];
  listeners = [];
  (window as unknown as { scoredesk: Api }).scoredesk = fakeApi();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});

afterEach(async () => {
  // settle whatever a test left open: a request in flight is shared by key across readers
  await act(async () => {
    for (const p of pending) p.resolve({ ok: false, error: { message: 'test over' } });
    await Promise.resolve();
  });
  act(() => root.unmount());
  host.remove();
});

async function answer(index: number, data: unknown): Promise<void> {
  await act(async () => {
    pending[index]!.resolve({ ok: true, data });
    await Promise.resolve();
  });
}

const seen: Query<unknown>[] = [];
function Probe({ month }: { month: string | null }): ReactNode {
  seen.push(useApiQuery('report:overview', month ? { month } : null));
  return null;
}
const last = (): Query<unknown> => seen[seen.length - 1]!;

describe('useApiQuery', () => {
  it('waits while the input is null, then loads the answer for its input', async () => {
    act(() => root.render(<Probe month={null} />));
    expect(pending).toHaveLength(0);
    expect(last().loading).toBe(false);
    act(() => root.render(<Probe month="2026-10" />));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ method: 'report:overview', input: { month: '2026-10' } });
    expect(last().loading).toBe(true);
    await answer(0, { month: '2026-10' });
    expect(last()).toMatchObject({ data: { month: '2026-10' }, error: null, loading: false });
  });

  it('drops the answer for an older input that arrives after the newer one', async () => {
    act(() => root.render(<Probe month="2026-09" />));
    act(() => root.render(<Probe month="2026-10" />));
    expect(pending.map((p) => p.input)).toEqual([{ month: '2026-09' }, { month: '2026-10' }]);
    await answer(1, { month: '2026-10' });
    await answer(0, { month: '2026-09' });
    expect(last().data).toEqual({ month: '2026-10' });
  });

  it('reloads after a data-change notice and keeps the last answer meanwhile', async () => {
    act(() => root.render(<Probe month="2026-10" />));
    await answer(0, { v: 1 });
    act(() => {
      for (const l of listeners) l({ type: 'recalc:done', months: ['2026-10'] });
    });
    expect(pending).toHaveLength(2);
    expect(last()).toMatchObject({ data: { v: 1 }, loading: true });
    await answer(1, { v: 2 });
    expect(last()).toMatchObject({ data: { v: 2 }, loading: false });
    // progress of a job is not a data change, nor the end of the monthly sheet's job (it only reads)
    act(() => {
      for (const l of listeners)
        l({
          type: 'job:progress',
          jobId: 'j',
          kind: 'import',
          label: '正在导入',
          stage: 'x',
          done: 1,
          total: 2,
        });
      for (const l of listeners)
        l({ type: 'job:done', jobId: 's', kind: 'sheet', result: { ok: true, data: { files: [] } } });
    });
    expect(pending).toHaveLength(2);
    // an import's end is
    act(() => {
      for (const l of listeners)
        l({ type: 'job:done', jobId: 'i', kind: 'import', result: { ok: true, data: { files: [] } } });
    });
    expect(pending).toHaveLength(3);
  });

  it('starts empty for a new input instead of showing last month', async () => {
    act(() => root.render(<Probe month="2026-09" />));
    await answer(0, { month: '2026-09' });
    act(() => root.render(<Probe month="2026-10" />));
    expect(last()).toMatchObject({ data: null, loading: true });
  });

  it('reloads every query after a successful mutation, not after a failed one', async () => {
    const handle: { save: ReturnType<typeof useApiMutation<'kci:save'>> | null } = { save: null };
    function Both(): ReactNode {
      const save = useApiMutation('kci:save');
      useEffect(() => {
        handle.save = save;
      }, [save]);
      return <Probe month="2026-10" />;
    }
    act(() => root.render(<Both />));
    await answer(0, { v: 1 });
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = handle.save!({ agent_id: 1, month: '2026-10', item: '质检', value: 90 });
    });
    expect(pending[1]).toMatchObject({ method: 'kci:save' });
    await act(async () => {
      pending[1]!.resolve({ ok: false, error: { message: '本月已锁定' } });
      await done;
    });
    expect(pending).toHaveLength(2);
    act(() => {
      done = handle.save!({ agent_id: 1, month: '2026-10', item: '质检', value: 90 });
    });
    await act(async () => {
      pending[2]!.resolve({ ok: true, data: { ok: true } });
      await done;
    });
    expect(pending).toHaveLength(4);
    expect(pending[3]).toMatchObject({ method: 'report:overview', input: { month: '2026-10' } });
  });

  it('makes one call for many readers of the same input', () => {
    act(() =>
      root.render(
        <>
          <Probe month="2026-10" />
          <Probe month="2026-10" />
          <Probe month="2026-10" />
        </>,
      ),
    );
    expect(pending).toHaveLength(1);
  });
});

describe('stableKey', () => {
  it('is the same for the same input whatever the key order', () => {
    expect(stableKey({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      stableKey({ a: { c: [3, { e: 0, f: 1 }], d: 2 }, b: 1 }),
    );
    expect(stableKey({ a: 1 })).not.toBe(stableKey({ a: 2 }));
  });
});
