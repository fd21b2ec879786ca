import type { Migration } from './index';

/**
 * The stored overview (issue 8 item 6): the recalculation now stores the 总览 screen's whole month-dependent answer
 * in month_state.overview_json (`{ v: 2, core, accounts, coverage }`), so `report:overview` no longer reads the whole
 * month report. Months stored in the older shape are marked dirty: the next recalculation rewrites them; until then a
 * read computes the overview in memory.
 */
export const m016: Migration = {
  version: 16,
  name: 'stored-overview',
  up(db) {
    db.exec(`UPDATE month_state SET dirty = 1
              WHERE overview_json IS NOT NULL
                AND (NOT json_valid(overview_json) OR json_extract(overview_json, '$.v') IS NOT 2)`);
  },
};
