/**
 * How an imported shop name finds its shop (issue 11 item 6): a shop's own name, else an alias — the name of a shop
 * merged into it, or its own name before a rename. So a file that still spells a merged shop the old way lands on
 * the shop it was merged into, and its event rows are versioned against the rows already there.
 */
import type { Platform } from '../../shared/domain';
import type { Db } from '../db/open';
import { stmt } from '../db/statements';

/** The shop a spelled name belongs to (its name, else an alias), or null when it is a new shop. */
export function resolveShopId(db: Db, platform: Platform, spelled: string): number | null {
  const own = stmt(db, 'SELECT id FROM shops WHERE platform = ? AND name = ?').get(platform, spelled) as
    { id: number } | undefined;
  if (own) return own.id;
  const alias = stmt(db, 'SELECT shop_id FROM shop_aliases WHERE platform = ? AND alias = ?').get(
    platform,
    spelled,
  ) as { shop_id: number } | undefined;
  return alias?.shop_id ?? null;
}

/**
 * The name event keys are made with for a spelled shop: the key name of the shop it resolves to (its name when it
 * was never renamed), else the spelling itself (a new shop). Loaded once per file.
 */
export function keyShopResolver(db: Db): (platform: Platform, shop: string) => string {
  const names = new Map<string, string>();
  for (const r of db
    .prepare(
      `SELECT platform, name AS spelled, COALESCE(key_name, name) AS key_name FROM shops
       UNION ALL
       SELECT a.platform, a.alias, COALESCE(s.key_name, s.name) FROM shop_aliases a JOIN shops s ON s.id = a.shop_id`,
    )
    .all() as { platform: Platform; spelled: string; key_name: string }[])
    names.set(`${r.platform}\u0001${r.spelled}`, r.key_name);
  return (platform, shop) => names.get(`${platform}\u0001${shop}`) ?? shop;
}

/** The key name of a stored shop. */
export function shopKeyName(db: Db, shopId: number): string {
  return (
    db.prepare('SELECT COALESCE(key_name, name) AS k FROM shops WHERE id = ?').get(shopId) as { k: string }
  ).k;
}
