import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEME,
  inScope,
  scopeIsAll,
  shopClientKey,
  validateScheme,
  type Scheme,
} from '../../src/shared/kpi/scheme';
import {
  formErrors,
  fromScheme,
  scopeText,
  toSchemeJson,
} from '../../src/renderer/src/features/schemes/scheme-draft';

const byClient = (client: string, shops: Scheme['scope']['shops'] = []): Scheme => ({
  ...DEFAULT_SCHEME,
  scope: { shops, client },
});

describe('a scheme scoped to a client', () => {
  const owners = new Map([
    [shopClientKey('douyin', '星河旗舰店'), '星河集团'],
    [shopClientKey('kuaishou', '快乐小店'), '快乐集团'],
  ]);

  it('covers the shops the client owns plus the listed ones, and nothing else', () => {
    const s = byClient('星河集团', [{ platform: 'jd', shop: '京东星辰自营' }]);
    expect(scopeIsAll(s)).toBe(false);
    expect(inScope(s, 'douyin', '星河旗舰店', owners)).toBe(true);
    expect(inScope(s, 'jd', '京东星辰自营', owners)).toBe(true);
    expect(inScope(s, 'kuaishou', '快乐小店', owners)).toBe(false);
    // the same name on another platform is another shop
    expect(inScope(s, 'taobao', '星河旗舰店', owners)).toBe(false);
    // a shop assigned later is in as soon as the owners say so
    expect(inScope(s, 'taobao', '云裳女装旗舰店', owners)).toBe(false);
    expect(
      inScope(s, 'taobao', '云裳女装旗舰店', new Map([...owners, ['taobao|云裳女装旗舰店', '星河集团']])),
    ).toBe(true);
  });

  it('is not every shop, even while the client owns none', () => {
    const s = byClient('新客户');
    expect(scopeIsAll(s)).toBe(false);
    expect(inScope(s, 'douyin', '星河旗舰店', owners)).toBe(false);
    expect(scopeIsAll(DEFAULT_SCHEME)).toBe(true);
    expect(inScope(DEFAULT_SCHEME, 'douyin', '星河旗舰店')).toBe(true);
  });

  it('is validated: an empty client name is refused in Chinese, a name is kept as the JSON says', () => {
    const bad = validateScheme(byClient(''));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual(['适用客户 scope.client（客户名称）：不能为空']);
    const ok = validateScheme(byClient('星河集团'));
    expect(ok.ok && ok.scheme.scope).toEqual({ shops: [], client: '星河集团' });
  });

  it('round-trips through the editor draft, says its scope, and needs a client chosen', () => {
    const d = fromScheme(byClient('星河集团', [{ platform: 'jd', shop: '京东星辰自营' }]));
    expect(d).toMatchObject({ scope_all: false, client: '星河集团', shops: ['jd|京东星辰自营'] });
    expect((toSchemeJson(d) as Scheme).scope).toEqual({
      shops: [{ platform: 'jd', shop: '京东星辰自营' }],
      client: '星河集团',
    });
    expect(scopeText(byClient('星河集团', [{ platform: 'jd', shop: '京东星辰自营' }]))).toBe(
      '客户：星河集团、京东·京东星辰自营',
    );
    expect(formErrors({ ...d, client: '' })).toEqual(['适用店铺：请选择客户，或改为“全部店铺”']);
    // back to 全部店铺: no client in the JSON
    expect((toSchemeJson({ ...d, scope_all: true, client: null }) as Scheme).scope).toEqual({ shops: [] });
  });
});
