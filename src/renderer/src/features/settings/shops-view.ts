/** 店铺与客户: each shop's accounts (and unbound ones) and imports, from the roster's accounts and the import history. */
import { PLATFORMS, type Platform } from '../../../../shared/domain';
import type { ImportBatchInfo } from '../../../../shared/imports';
import type { AccountInfo } from '../../../../shared/settings';

export interface ShopRow {
  key: string;
  platform: Platform;
  shop: string;
  accounts: number;
  /** accounts without an owner on any day */
  unbound: number;
  /** the latest import of the shop's data that is still in force (undone imports do not count) */
  lastImport: string | null;
  imports: number;
}

/** Shops seen in either list, platform order then Chinese name order. */
export function shopRows(accounts: readonly AccountInfo[], history: readonly ImportBatchInfo[]): ShopRow[] {
  const rows = new Map<string, ShopRow>();
  const rowOf = (platform: Platform, shop: string): ShopRow => {
    const key = `${platform}|${shop}`;
    let r = rows.get(key);
    if (!r) {
      r = { key, platform, shop, accounts: 0, unbound: 0, lastImport: null, imports: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const a of accounts) {
    const r = rowOf(a.platform, a.shop);
    r.accounts++;
    if (a.owners.length === 0) r.unbound++;
  }
  for (const b of history) {
    if (b.status !== 'active' || !b.platform || !b.shop) continue;
    const r = rowOf(b.platform, b.shop);
    r.imports++;
    if (r.lastImport === null || b.imported_at > r.lastImport) r.lastImport = b.imported_at;
  }
  return [...rows.values()].sort(
    (a, b) =>
      PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform) || a.shop.localeCompare(b.shop, 'zh-CN'),
  );
}
