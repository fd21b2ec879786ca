/** The months that have data (`report:months`), sorted, refreshed after a recalculation. */
import { useEffect, useState } from 'react';
import type { Month } from '../../../../shared/domain';
import { getApi } from '../../api/client';

export function useMonths(): { months: Month[] | null; error: string | null } {
  const [state, setState] = useState<{ months: Month[] | null; error: string | null }>({
    months: null,
    error: null,
  });
  const [reload, setReload] = useState(0);
  useEffect(
    () =>
      getApi().subscribe((e) => {
        if (e.type === 'recalc:done') setReload((k) => k + 1);
      }),
    [],
  );
  useEffect(() => {
    let alive = true;
    void getApi()
      ['report:months']({})
      .then((r) => {
        if (!alive) return;
        setState(r.ok ? { months: [...r.data].sort(), error: null } : { months: [], error: r.error.message });
      });
    return () => {
      alive = false;
    };
  }, [reload]);
  return state;
}

/** The month pickers' default: the latest month with data. */
export function latestMonth(months: readonly Month[] | null): Month | null {
  return months && months.length > 0 ? months[months.length - 1]! : null;
}
