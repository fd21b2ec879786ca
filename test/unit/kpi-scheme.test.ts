import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEME,
  inScope,
  schemeForMonth,
  validateScheme,
  type Scheme,
} from '../../src/shared/kpi/scheme';

// The kpi.md example, verbatim: the default scheme is this with scope = all shops.
const KPI_MD_EXAMPLE = `{
  "name": "星河-标准方案",
  "effective_from": "2026-10",
  "scope": { "shops": [ { "platform": "douyin", "shop": "星河旗舰店" } ] },
  "kpi_share": 80,
  "kci_share": 20,
  "items": [
    { "metric": "conversion_rate",    "weight": 30, "direction": "up",   "scoring": "linear", "target": 0.30, "floor": 0.10 },
    { "metric": "avg_response_s",     "weight": 20, "direction": "down", "scoring": "linear", "target": 30,   "floor": 60 },
    { "metric": "good_rate",          "weight": 20, "direction": "up",   "scoring": "bands",
      "bands": [ { "at": 0.95, "score": 100 }, { "at": 0.90, "score": 80 }, { "at": 0.80, "score": 60 } ], "min_sample": 20 },
    { "metric": "bad_attitude_ratio", "weight": 15, "direction": "down", "scoring": "linear", "target": 0.03, "floor": 0.06, "veto": true },
    { "metric": "reply_3min_rate",    "weight": 15, "direction": "up",   "scoring": "linear", "target": 0.95, "floor": 0.80 }
  ],
  "kci_items": [ { "name": "出勤", "weight": 50, "max": 100 }, { "name": "质检", "weight": 50, "max": 100 } ],
  "deductions": [ { "kind": "exam_warning", "points": 2 }, { "kind": "exam_overdue", "points": 5 },
                  { "kind": "platform_breach", "points": 3 } ],
  "grades": [ { "grade": "A", "min": 90 }, { "grade": "B", "min": 80 }, { "grade": "C", "min": 70 }, { "grade": "D", "min": 0 } ],
  "bonus": { "base": 1000, "coefficient": { "A": 1.2, "B": 1.0, "C": 0.8, "D": 0 }, "commission_rate": 0.01 },
  "min_working_days": 10
}`;

/** A deep copy of the default scheme with one change applied. */
function edit(change: (s: Scheme) => void): Scheme {
  const s = structuredClone(DEFAULT_SCHEME);
  change(s);
  return s;
}

function errorsOf(json: unknown): string[] {
  const r = validateScheme(json);
  return r.ok ? [] : r.errors;
}

describe('the default scheme', () => {
  it('is the kpi.md example with scope = all shops', () => {
    const example = JSON.parse(KPI_MD_EXAMPLE) as Scheme;
    expect(DEFAULT_SCHEME).toEqual({ ...example, scope: { shops: [] } });
  });

  it('validates, and so does the example with its one-shop scope', () => {
    expect(validateScheme(DEFAULT_SCHEME)).toEqual({ ok: true, scheme: DEFAULT_SCHEME });
    const example: unknown = JSON.parse(KPI_MD_EXAMPLE);
    const r = validateScheme(example);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scheme.scope.shops).toEqual([{ platform: 'douyin', shop: '星河旗舰店' }]);
  });

  it('survives a JSON round trip unchanged', () => {
    const r = validateScheme(JSON.parse(JSON.stringify(DEFAULT_SCHEME)));
    expect(r).toEqual({ ok: true, scheme: DEFAULT_SCHEME });
  });
});

describe('validateScheme: semantic rules with Chinese messages naming the item', () => {
  it('rejects item weights that do not sum to 100', () => {
    // 25 + 20 + 20 + 15 + 15 = 95
    expect(errorsOf(edit((s) => (s.items[0]!.weight = 25)))).toEqual(['考核项权重合计为 95，应为 100']);
  });

  it('accepts decimal weights whose sum is 100 up to float noise', () => {
    // 33.3 + 33.3 + 33.4 is 100.00000000000001 in floating point
    const s = edit((x) => {
      x.items = x.items.slice(0, 3);
      x.items[0]!.weight = 33.3;
      x.items[1]!.weight = 33.3;
      x.items[2]!.weight = 33.4;
    });
    expect(validateScheme(s).ok).toBe(true);
  });

  it('rejects kpi_share + kci_share ≠ 100', () => {
    expect(errorsOf(edit((s) => (s.kci_share = 30)))).toEqual(['KPI 占比 80 + KCI 占比 30 = 110，应为 100']);
  });

  it('rejects an unknown metric id', () => {
    const bad = edit((s) => ((s.items[0] as { metric: string }).metric = 'foo_rate'));
    expect(errorsOf(bad)).toEqual(['考核项 #1「foo_rate」：未知指标 foo_rate']);
  });

  it('rejects the same metric twice', () => {
    const bad = edit((s) => {
      s.items[4] = { ...s.items[0]!, weight: 15 };
    });
    expect(errorsOf(bad)).toEqual([
      '考核项「询单转化率（conversion_rate）」：指标重复，每个指标只能设置一个考核项',
    ]);
  });

  it('rejects an up item with floor ≥ target', () => {
    expect(errorsOf(edit((s) => (s.items[0]!.floor = 0.3)))).toEqual([
      '考核项「询单转化率（conversion_rate）」：方向为 up 时保底值 floor（0.3）应小于目标值 target（0.3）',
    ]);
    expect(errorsOf(edit((s) => (s.items[0]!.floor = 0.4)))).toHaveLength(1);
  });

  it('rejects a down item with floor ≤ target', () => {
    expect(errorsOf(edit((s) => (s.items[1]!.floor = 20)))).toEqual([
      '考核项「平均响应时长（avg_response_s）」：方向为 down 时保底值 floor（20）应大于目标值 target（30）',
    ]);
    expect(errorsOf(edit((s) => (s.items[1]!.floor = 30)))).toHaveLength(1);
  });

  it('rejects a linear item without target or floor', () => {
    expect(errorsOf(edit((s) => delete s.items[0]!.target))).toEqual([
      '考核项「询单转化率（conversion_rate）」：线性评分需要目标值 target 和保底值 floor',
    ]);
  });

  it('rejects up bands whose `at` does not strictly decrease (equal bounds included)', () => {
    const swapped = edit((s) => {
      s.items[2]!.bands = [
        { at: 0.9, score: 100 },
        { at: 0.95, score: 80 },
      ];
    });
    expect(errorsOf(swapped)).toEqual([
      '考核项「好评率（good_rate）」：分档不单调，方向为 up 时档位 at 应从高到低（严格递减）排列（第 1 档 0.9，第 2 档 0.95）',
    ]);
    const equal = edit((s) => {
      s.items[2]!.bands = [
        { at: 0.9, score: 100 },
        { at: 0.9, score: 80 },
      ];
    });
    expect(errorsOf(equal)).toHaveLength(1);
  });

  it('rejects bands whose scores rise as listed', () => {
    const bad = edit((s) => {
      s.items[2]!.bands = [
        { at: 0.95, score: 80 },
        { at: 0.9, score: 100 },
      ];
    });
    expect(errorsOf(bad)).toEqual([
      '考核项「好评率（good_rate）」：分档不单调，得分应逐档不增（第 1 档 80 分，第 2 档 100 分）',
    ]);
  });

  it('wants down bands with `at` strictly increasing', () => {
    const item = {
      metric: 'avg_response_s' as const,
      weight: 20,
      direction: 'down' as const,
      scoring: 'bands' as const,
    };
    const ok = edit(
      (s) =>
        (s.items[1] = {
          ...item,
          bands: [
            { at: 20, score: 100 },
            { at: 40, score: 70 },
          ],
        }),
    );
    expect(validateScheme(ok).ok).toBe(true);
    const bad = edit(
      (s) =>
        (s.items[1] = {
          ...item,
          bands: [
            { at: 40, score: 100 },
            { at: 20, score: 70 },
          ],
        }),
    );
    expect(errorsOf(bad)).toEqual([
      '考核项「平均响应时长（avg_response_s）」：分档不单调，方向为 down 时档位 at 应从低到高（严格递增）排列（第 1 档 40，第 2 档 20）',
    ]);
  });

  it('rejects a bands item without bands', () => {
    expect(errorsOf(edit((s) => (s.items[2]!.bands = [])))).toEqual([
      '考核项「好评率（good_rate）」：分档评分需要至少一个档位 bands',
    ]);
  });

  it('rejects veto on a metric without a platform threshold, unless the rules given say there is one', () => {
    // conversion_rate is "per contract": no rule `threshold.conversion_rate` in DEFAULT_RULES
    const bad = edit((s) => (s.items[0]!.veto = true));
    expect(errorsOf(bad)).toEqual([
      '考核项「询单转化率（conversion_rate）」：该指标没有平台考核线，不能设置一票否决 veto',
    ]);
    expect(validateScheme(bad, (m) => m === 'conversion_rate' || m === 'bad_attitude_ratio').ok).toBe(true);
    // good_rate has kuaishou and jd thresholds
    expect(validateScheme(edit((s) => (s.items[2]!.veto = true))).ok).toBe(true);
  });

  it('rejects KCI weights that do not sum to 100, and accepts a scheme with no KCI items', () => {
    expect(errorsOf(edit((s) => (s.kci_items[1]!.weight = 40)))).toEqual(['KCI 项权重合计为 90，应为 100']);
    expect(validateScheme(edit((s) => (s.kci_items = []))).ok).toBe(true);
  });

  it('rejects grades not in descending min order', () => {
    const bad = edit((s) => {
      s.grades = [
        { grade: 'A', min: 90 },
        { grade: 'C', min: 70 },
        { grade: 'B', min: 80 },
        { grade: 'D', min: 0 },
      ];
    });
    expect(errorsOf(bad)).toEqual(['等级应按最低分从高到低排列：「C」70 分之后是「B」80 分']);
  });

  it('rejects grades without a 0 floor', () => {
    expect(errorsOf(edit((s) => (s.grades[3]!.min = 60)))).toEqual([
      '最低等级「D」的最低分应为 0（现为 60），否则有分数无等级',
    ]);
  });

  it('rejects a bonus coefficient missing a grade, or naming an unknown one', () => {
    expect(errorsOf(edit((s) => delete s.bonus.coefficient.C))).toEqual(['奖金系数缺少等级「C」']);
    expect(errorsOf(edit((s) => (s.bonus.coefficient.S = 2)))).toEqual([
      '奖金系数中的等级「S」不在等级列表中',
    ]);
  });

  it('rejects effective_from that is not YYYY-MM', () => {
    expect(errorsOf(edit((s) => (s.effective_from = '2026-13')))).toEqual([
      '生效月份 effective_from「2026-13」格式应为 YYYY-MM',
    ]);
    expect(errorsOf(edit((s) => (s.effective_from = '2026-1')))).toHaveLength(1);
    expect(errorsOf(edit((s) => (s.effective_from = '2026-10-01')))).toHaveLength(1);
  });

  it('rejects a deduction kind listed twice', () => {
    const bad = edit((s) => s.deductions.push({ kind: 'exam_warning', points: 1 }));
    expect(errorsOf(bad)).toEqual(['扣分项「exam_warning」重复']);
  });

  it('reports every semantic problem at once', () => {
    const bad = edit((s) => {
      s.kci_share = 30;
      s.items[0]!.weight = 25;
    });
    expect(errorsOf(bad)).toEqual([
      'KPI 占比 80 + KCI 占比 30 = 110，应为 100',
      '考核项权重合计为 95，应为 100',
    ]);
  });
});

describe('validateScheme: JSON shape', () => {
  it('names the field of a wrong type, a missing field and an unknown key', () => {
    const bad: unknown = {
      ...DEFAULT_SCHEME,
      kpi_share: '80',
      items: [{ ...DEFAULT_SCHEME.items[0], flor: 0.1, direction: 'sideways' }],
    };
    expect(errorsOf(bad)).toEqual([
      'kpi_share：应为数字',
      'items[0].direction：应为 up / down 之一',
      'items[0]：未知字段 flor',
    ]);
    const { name: _name, ...noName } = DEFAULT_SCHEME;
    expect(errorsOf(noName)).toEqual(['name：缺少字段']);
    expect(errorsOf(null)).toEqual(['方案：应为对象']);
  });

  it('rejects an unknown platform in the scope and a negative weight', () => {
    const bad = edit((s) => {
      (s.scope.shops as { platform: string; shop: string }[]).push({ platform: 'pdd', shop: 'x' });
      s.items[0]!.weight = -30;
    });
    expect(errorsOf(bad)).toEqual([
      'scope.shops[0].platform：应为 douyin / kuaishou / jd / taobao 之一',
      'items[0].weight：应大于 0',
    ]);
  });
});

describe('schemeForMonth', () => {
  const v = (name: string, effective_from: string): Scheme => ({ ...DEFAULT_SCHEME, name, effective_from });
  const versions = [v('星河', '2026-06'), v('星河', '2026-01'), v('星河', '2026-10'), v('其他', '2026-03')];

  it('picks the latest effective_from ≤ the month', () => {
    expect(schemeForMonth(versions, '星河', '2026-05')?.effective_from).toBe('2026-01');
    expect(schemeForMonth(versions, '星河', '2026-06')?.effective_from).toBe('2026-06');
    expect(schemeForMonth(versions, '星河', '2026-09')?.effective_from).toBe('2026-06');
    expect(schemeForMonth(versions, '星河', '2027-01')?.effective_from).toBe('2026-10');
  });

  it('is null before the first version or for another name', () => {
    expect(schemeForMonth(versions, '星河', '2025-12')).toBeNull();
    expect(schemeForMonth(versions, '其他', '2026-02')).toBeNull();
    expect(schemeForMonth(versions, '不存在', '2026-10')).toBeNull();
  });
});

describe('inScope', () => {
  it('treats an empty shop list as every shop', () => {
    expect(inScope(DEFAULT_SCHEME, 'jd', '任意店')).toBe(true);
    const one = { scope: { shops: [{ platform: 'douyin' as const, shop: '星河旗舰店' }] } };
    expect(inScope(one, 'douyin', '星河旗舰店')).toBe(true);
    expect(inScope(one, 'kuaishou', '星河旗舰店')).toBe(false);
    expect(inScope(one, 'douyin', '别的店')).toBe(false);
  });
});
