/** Clients (甲方) and their shops (设置 → 店铺与客户; issue 11 item 6). */
import type { Month, Platform } from './domain';

export interface ClientInfo {
  id: number;
  name: string;
  note: string | null;
  /** the shops the client owns */
  shops: { id: number; platform: Platform; name: string }[];
  /** schemes whose scope names the client (any version) */
  schemes: string[];
}

export interface ShopInfo {
  id: number;
  platform: Platform;
  name: string;
  client_id: number | null;
  client: string | null;
  /** other spellings that import into this shop: names of shops merged into it, its names before a rename */
  aliases: string[];
  accounts: number;
}

/** What a merge of `from` into `into` moves (the confirm dialog's numbers) and what it did. */
export interface ShopMergeSummary {
  from: { id: number; platform: Platform; name: string };
  into: { id: number; platform: Platform; name: string };
  /** accounts of `from` that move */
  accounts: number;
  /** of those, accounts `into` already has under the same id: their data joins that account */
  joined: number;
  /** distinct days with data of `from` (export rows and event records) */
  days: number;
  /** per-agent export rows of `from` */
  export_rows: number;
  /** event records of `from`: chat messages, ratings, orders, exam warnings */
  events: number;
  /**
   * rows both shops had (same account, day and field; same event): the older import's version stops counting.
   * Counted by the merge itself (0 in the preview).
   */
  duplicates: number;
  /** chat rows whose text was already cleared, so their identity cannot follow the new spelling (0 in the preview) */
  unaligned: number;
  /** months whose numbers change */
  months: Month[];
  /** signed-off months among them: a merge is refused while any is locked */
  locked: Month[];
  /** the client `into` has after the merge */
  client: string | null;
}

export interface ShopLogEntry {
  at: string;
  action: 'rename' | 'merge';
  platform: Platform;
  from_name: string;
  to_name: string;
}
