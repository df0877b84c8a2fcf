import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { entryHash, GENESIS_HASH } from './hash.js';

describe('canonicalJson', () => {
  it('spells equal values the same whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,"x",null]},"b":1}',
    );
    expect(canonicalJson({ a: { c: true, d: [1, 'x', null] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } }),
    );
  });

  it('leaves out undefined members, as JSON does, and escapes strings', () => {
    expect(canonicalJson({ a: undefined, b: 'quote " and \n' })).toBe('{"b":"quote \\" and \\n"}');
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
  });
});

describe('entryHash', () => {
  const fields = {
    seq: 1,
    at: 1_700_000_000_000,
    actor: 'ann',
    action: 'design.create',
    subjectType: 'design',
    subjectId: 'x',
    data: { v: 1 },
  };

  it('is sha256 hex over the previous hash and the canonical fields', () => {
    expect(entryHash(GENESIS_HASH, fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, { ...fields, data: { v: 1 } })).toBe(entryHash(GENESIS_HASH, fields));
  });

  it('changes with any field and with the previous hash', () => {
    const base = entryHash(GENESIS_HASH, fields);
    for (const changed of [
      { seq: 2 },
      { at: 1 },
      { actor: 'bob' },
      { action: 'design.update' },
      { subjectType: 'run' },
      { subjectId: 'y' },
      { data: { v: 2 } },
    ]) {
      expect(entryHash(GENESIS_HASH, { ...fields, ...changed })).not.toBe(base);
    }
    expect(entryHash('f'.repeat(64), fields)).not.toBe(base);
  });
});
