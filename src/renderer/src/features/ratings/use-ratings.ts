/**
 * Where 中差评 lands without a month in the address: the latest month, or — when its ratings are not imported yet —
 * the latest of the last few months that has rating records. Probed once per visit; later data changes keep the
 * month the lead is looking at.
 */
import { useEffect, useRef, useState } from 'react';
import type { Month } from '../../../../shared/domain';
import { useApiQuery } from '../../data/use-api-query';
import { useApiCall } from '../../data/use-api-mutation';

/** How many of the newest months to look at for one with rating records. */
const PROBE_MONTHS = 6;

export interface RatingsLanding {
  /** newest first; null until loaded */
  months: Month[] | null;
  monthsError: string | null;
  auto: { month: Month | null; latest: Month | null; withRatings: Month | null } | null;
}

export function useRatingsLanding(): RatingsLanding {
  const monthsQ = useApiQuery('report:months', {});
  const ratingsOf = useApiCall('ratings:month');
  const [auto, setAuto] = useState<RatingsLanding['auto']>(null);
  const probed = useRef(false);
  const newest = monthsQ.data ? [...monthsQ.data].sort().reverse() : null;
  const newestKey = newest?.join(',') ?? null;

  useEffect(() => {
    if (newestKey === null || probed.current) return;
    const list = newestKey ? newestKey.split(',') : [];
    let alive = true;
    void (async () => {
      let withRatings: Month | null = null;
      for (const m of list.slice(0, PROBE_MONTHS)) {
        const v = await ratingsOf({ month: m });
        if (!alive) return;
        if (v.ok && v.data.has_events) {
          withRatings = m;
          break;
        }
      }
      // only once: an interrupted probe runs again
      probed.current = true;
      setAuto({ month: withRatings ?? list[0] ?? null, latest: list[0] ?? null, withRatings });
    })();
    return () => {
      alive = false;
    };
  }, [newestKey, ratingsOf]);

  return {
    months: monthsQ.error ? [] : newest,
    monthsError: monthsQ.error?.message ?? null,
    auto,
  };
}
