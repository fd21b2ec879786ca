import { describe, expect, it } from 'vitest';
import type { ImportBatchInfo } from '../../../../shared/imports';
import type { AccountInfo } from '../../../../shared/settings';
import { shopRows } from './shops-view';

const acc = (
  platform: AccountInfo['platform'],
  shop: string,
  account: string,
  owned = true,
): AccountInfo => ({
  platform,
  shop,
  account,
  nickname: null,
  owners: owned ? [{ agent_id: 1, agent: '李青', valid_from: null, valid_to: null }] : [],
});

const batch = (
  id: number,
  platform: ImportBatchInfo['platform'],
  shop: string | null,
  imported_at: string,
  status: ImportBatchInfo['status'] = 'active',
): ImportBatchInfo => ({
  id,
  file_name: `f${id}.xlsx`,
  sha256: '',
  layout: 'x',
  layout_zh: 'x',
  platform,
  shop,
  period_from: null,
  period_to: null,
  period_source: null,
  rows: { read: 0, accepted: 0, rejected: 0, new: 0, updated: 0, unchanged: 0 },
  imported_at,
  status,
});

describe('店铺与客户 rows', () => {
  it('counts accounts and unbound ones, and takes the latest import still in force', () => {
    const rows = shopRows(
      [
        acc('kuaishou', '快乐小店', '快乐小店:阿杰'),
        acc('douyin', '星河旗舰店', '星河旗舰店:阿青'),
        acc('douyin', '星河旗舰店', '星河旗舰店:小满', false),
      ],
      [
        batch(1, 'douyin', '星河旗舰店', '2026-10-03 09:00:00'),
        batch(2, 'douyin', '星河旗舰店', '2026-10-05 09:00:00'),
        // an undone import is not the shop's last import
        batch(3, 'douyin', '星河旗舰店', '2026-10-09 09:00:00', 'undone'),
        // the roster has no shop; a shop only seen in imports still gets a row
        batch(4, null, null, '2026-10-10 09:00:00'),
        batch(5, 'jd', '京东星辰自营', '2026-10-04 10:00:00'),
      ],
    );
    expect(rows.map((r) => [r.platform, r.shop, r.accounts, r.unbound, r.lastImport, r.imports])).toEqual([
      ['douyin', '星河旗舰店', 2, 1, '2026-10-05 09:00:00', 2],
      ['kuaishou', '快乐小店', 1, 0, null, 0],
      ['jd', '京东星辰自营', 0, 0, '2026-10-04 10:00:00', 1],
    ]);
  });
});
