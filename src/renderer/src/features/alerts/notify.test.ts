import { describe, expect, it } from 'vitest';
import type { AppAlert } from '../../../../shared/alerts';
import { MAX_AT_ONCE, notificationsFor } from './notify';

const alert = (i: number): AppAlert => ({
  id: `stale:${i}`,
  kind: 'stale_shop',
  level: 'warning',
  title: `店铺${i} 已 3 天没有导入`,
  detail: '最近一次导入 2026-11-20',
  href: '#/import',
});

describe('desktop notifications for new alerts', () => {
  it('shows each of a few alerts with its screen', () => {
    expect(notificationsFor([alert(1), alert(2)])).toEqual([
      { title: '店铺1 已 3 天没有导入', body: '最近一次导入 2026-11-20', href: '#/import' },
      { title: '店铺2 已 3 天没有导入', body: '最近一次导入 2026-11-20', href: '#/import' },
    ]);
    expect(notificationsFor([])).toEqual([]);
  });
  it('sums up the rest in one line instead of a burst', () => {
    const n = notificationsFor([1, 2, 3, 4, 5].map(alert));
    expect(n).toHaveLength(MAX_AT_ONCE + 1);
    expect(n[MAX_AT_ONCE]).toEqual({ title: '另有 2 条新提醒', body: '点开铃铛查看全部提醒', href: '' });
  });
});
