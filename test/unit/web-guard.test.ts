import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, isValidToken } from '../../src/main/web/guard';

describe('browser host request checks', () => {
  it('accepts only its own loopback Host', () => {
    expect(isAllowedHost('127.0.0.1:5123', 5123)).toBe(true);
    expect(isAllowedHost('localhost:5123', 5123)).toBe(true);
    expect(isAllowedHost('127.0.0.1:5124', 5123)).toBe(false);
    expect(isAllowedHost('evil.example:5123', 5123)).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example:5123', 5123)).toBe(false);
    expect(isAllowedHost(undefined, 5123)).toBe(false);
  });

  it('refuses a foreign Origin and allows none', () => {
    expect(isAllowedOrigin(undefined, 5123)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5123', 5123)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 5123)).toBe(false);
    expect(isAllowedOrigin('null', 5123)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:5123', 5123)).toBe(false);
  });

  it('checks the token exactly', () => {
    expect(isValidToken('abc', 'abc')).toBe(true);
    expect(isValidToken('abd', 'abc')).toBe(false);
    expect(isValidToken('ab', 'abc')).toBe(false);
    expect(isValidToken(undefined, 'abc')).toBe(false);
    expect(isValidToken(['abc'], 'abc')).toBe(false);
  });
});
