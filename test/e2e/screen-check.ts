/**
 * Layout checks for the screenshots of every screen (issue 11 item 9): does the page scroll sideways, is any label,
 * header, button or tag cut off or spilling over its box, are the headers the lead needs inside the visible part of
 * their table. Measured in the page (the e2e files have no DOM types, so the code is a string).
 */
import type { Page } from 'playwright-core';

export interface LayoutReport {
  /** how far the document is wider than the window (px; ≤ 1 is none) */
  pageOverflow: number;
  /** how far the main content is wider than its column */
  contentOverflow: number;
  /** text cut off (ellipsis, overflow hidden) or spilling over its box: `tag@nearest-testid: text` */
  clipped: string[];
  /** tables that scroll sideways at this width: `testid (hidden px)` */
  scrollingTables: string[];
  /** text shortened with … on purpose (a tooltip or title has the whole): listed for the reviewer */
  ellipsis: string[];
}

const MEASURE = `(() => {
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && Number(cs.opacity) > 0;
  };
  const name = (el) => {
    const holder = el.closest('[data-testid]');
    const id = holder ? '@' + holder.getAttribute('data-testid') : '';
    return el.tagName.toLowerCase() + id + ': ' + (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  };
  const clipped = [];
  const labels = document.querySelectorAll([
    'h4', 'th', 'button', '.ant-btn', '.ant-tag', '.ant-card-head-title', '.ant-card-extra', '.ant-tabs-tab-btn',
    '.ant-statistic-title', '.ant-statistic-content', '.ant-select-selection-item', '.ant-select-selection-placeholder',
    '.ant-segmented-item-label', '.ant-radio-button-wrapper', '.ant-alert-message', '.ant-alert-title',
    '.ant-descriptions-item-label', '.ant-drawer-title', '.sd-page-desc', '.sd-header-title',
  ].join(','));
  // the text itself, not the box's scroll size: a sticky table cell's shadow (::after) overflows on purpose
  const spills = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return text.width > 0 && (text.right > box.right + 1 || text.left < box.left - 1);
  };
  for (const el of labels) {
    if (visible(el) && spills(el)) clipped.push(name(el));
  }
  const tables = [];
  for (const box of document.querySelectorAll('.ant-table-content, .ant-table-body')) {
    if (!visible(box)) continue;
    const hidden = box.scrollWidth - box.clientWidth;
    if (hidden > 1) {
      const holder = box.closest('[data-testid]');
      tables.push((holder ? holder.getAttribute('data-testid') : '?') + ' (' + hidden + 'px)');
    }
  }
  const ellipsis = [];
  for (const el of document.querySelectorAll('.sd-content *, .ant-drawer *')) {
    if (el.children.length > 2 || el.closest('.sd-path')) continue;
    const cs = getComputedStyle(el);
    if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && visible(el)) ellipsis.push(name(el));
  }
  const doc = document.documentElement;
  const main = document.querySelector('.sd-content');
  return {
    pageOverflow: doc.scrollWidth - doc.clientWidth,
    contentOverflow: main ? main.scrollWidth - main.clientWidth : 0,
    clipped: [...new Set(clipped)],
    scrollingTables: tables,
    ellipsis: [...new Set(ellipsis)].slice(0, 12),
  };
})()`;

export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate<LayoutReport>(MEASURE);
}

/**
 * The header cells with these texts that are not fully inside the window and their table's visible box (a header
 * behind a sideways scroll or past the right edge). Texts not found at all are returned too, as `missing: …`.
 */
export function hiddenHeaders(page: Page, texts: readonly string[]): Promise<string[]> {
  return page.evaluate<string[]>(`((texts) => {
    const out = [];
    const cells = [...document.querySelectorAll('th, .ant-card-head-title, .ant-statistic-title, .sd-rt-label, h4')]
      .filter((el) => el.getClientRects().length);
    const squash = (s) => (s || '').replace(/\\s+/g, '');
    for (const t of texts) {
      const el = cells.find((c) => squash(c.textContent).includes(squash(t)));
      if (!el) { out.push('missing: ' + t); continue; }
      const r = el.getBoundingClientRect();
      const box = el.closest('.ant-table-content, .ant-table-body, .ant-table-header');
      const b = box ? box.getBoundingClientRect() : { left: 0, right: document.documentElement.clientWidth };
      if (r.left < b.left - 1 || r.right > b.right + 1) out.push(t);
    }
    return out;
  })(${JSON.stringify(texts)})`);
}

/**
 * What is wrong in the parts of a screen named by data-testid: `fits` tables that scroll sideways
 * (`table scrolls sideways: testid (hidden px)`), texts shortened with … inside the `whole` parts
 * (`text ends in …: testid: text`), and parts not on the screen (`missing: testid`).
 */
export function partProblems(
  page: Page,
  parts: { fits?: readonly string[]; whole?: readonly string[] },
): Promise<string[]> {
  return page.evaluate<string[]>(`((parts) => {
    const out = [];
    const find = (id, inside) => {
      const el = document.querySelector('[data-testid="' + id + '"]' + inside);
      if (!el || !el.getClientRects().length) out.push('missing: ' + id);
      return el && el.getClientRects().length ? el : null;
    };
    for (const id of parts.fits || []) {
      const box = find(id, ' :is(.ant-table-content, .ant-table-body)');
      if (box && box.scrollWidth - box.clientWidth > 1)
        out.push('table scrolls sideways: ' + id + ' (' + (box.scrollWidth - box.clientWidth) + 'px)');
    }
    for (const id of parts.whole || []) {
      const part = find(id, '');
      for (const el of part ? [part, ...part.querySelectorAll('*')] : []) {
        if (!el.getClientRects().length) continue;
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
          out.push('text ends in …: ' + id + ': ' + (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40));
      }
    }
    return [...new Set(out)];
  })(${JSON.stringify(parts)})`);
}
