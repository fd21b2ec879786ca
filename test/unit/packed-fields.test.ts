import { describe, expect, it } from 'vitest';
import { packedFields } from '../../src/main/report/report';

const viaJson = (text: string): [string, unknown][] =>
  Object.entries(JSON.parse(text) as Record<string, unknown>);

describe('packedFields', () => {
  it('reads the packed shape into the fields the roll-up reads, null cells included', () => {
    const text =
      '{"manual_sessions":{"n":87,"d":1},"cpd":{"n":105,"d":100},"rate":null,"loss":{"n":-2505,"d":100}}';
    expect([...packedFields(text)]).toEqual([
      ['manual_sessions', { n: 87, d: 1 }],
      ['cpd', { n: 105, d: 100 }],
      ['rate', null],
      ['loss', { n: -2505, d: 100 }],
    ]);
    expect([...packedFields('{}')]).toEqual([]);
  });

  it('gives what JSON.parse gives for anything off the fast shape', () => {
    for (const text of [
      '{"a\\"b":{"n":1,"d":1}}',
      '{"big":{"n":12345678901234567,"d":1}}',
      '{"real":{"n":1.5,"d":10}}',
      '{"exp":{"n":1e+21,"d":1}}',
      '{"a":{"n":1,"d":1},"a":{"n":2,"d":1}}',
      '{ "spaced": {"n": 1, "d": 1} }',
      '{"中文":{"n":3,"d":10}}',
    ])
      expect([...packedFields(text)].sort(([a], [b]) => a.localeCompare(b))).toEqual(
        viaJson(text).sort(([a], [b]) => a.localeCompare(b)),
      );
  });

  it('throws on text that is not JSON, as JSON.parse does', () => {
    expect(() => packedFields('{"a":{"n":1,"d":1}')).toThrow();
    expect(() => packedFields('{"a":{"n":1,"d":1}}x')).toThrow();
  });
});
