import { describe, expect, it } from 'vitest';
import { previewOrder } from './preview-order';

const HEADER = ['排名', '姓名', '团队', '店铺', '询单转化率', 'KPI得分', '最终得分', '等级', '备注'];

describe('sheet preview column order', () => {
  it('moves 最终得分 and 等级 next to 排名 and 姓名 and freezes all four', () => {
    expect(previewOrder(HEADER, 2, ['最终得分', '等级'])).toEqual({
      order: [0, 1, 6, 7, 2, 3, 4, 5, 8],
      frozen: 4,
    });
  });

  it('keeps the sheet order when nothing is pinned, and skips a pinned header the sheet does not have', () => {
    expect(previewOrder(HEADER, 2, [])).toEqual({ order: [0, 1, 2, 3, 4, 5, 6, 7, 8], frozen: 2 });
    expect(previewOrder(HEADER, 2, ['奖金', '等级'])).toEqual({
      order: [0, 1, 7, 2, 3, 4, 5, 6, 8],
      frozen: 3,
    });
  });
});
