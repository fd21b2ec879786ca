import type { Platform } from '../../shared/domain';
import { shopClientKey, type ShopClients } from '../../shared/kpi/scheme';
import type { Db } from '../db/open';

/** `platform|shop` → client name, for every shop that has a client: what a scheme scope naming a client reads. */
export function loadShopClients(db: Db): ShopClients {
  const rows = db
    .prepare(
      'SELECT s.platform, s.name AS shop, c.name AS client FROM shops s JOIN clients c ON c.id = s.client_id',
    )
    .all() as { platform: Platform; shop: string; client: string }[];
  return new Map(rows.map((r) => [shopClientKey(r.platform, r.shop), r.client]));
}
