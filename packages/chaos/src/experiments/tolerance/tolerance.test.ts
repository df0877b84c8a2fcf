import { describe, expect, it } from 'vitest';
import { checkTolerance } from './tolerance.js';
import { parseJsonPath, readJsonPath } from './jsonpath.js';

const http = {
  value: 200,
  text: '{"status":"up","items":[{"id":7}]}',
  body: { status: 'up', items: [{ id: 7 }] },
  durationMs: 12,
};

describe('checkTolerance', () => {
  it('checks an exact value against the output value, "200" and 200 alike', () => {
    expect(checkTolerance(200, http)).toEqual({ met: true });
    expect(checkTolerance('200', http)).toEqual({ met: true });
    expect(checkTolerance(503, http)).toEqual({ met: false, reason: 'value 200 is not 503' });
    expect(checkTolerance(true, { value: false, text: '' })).toEqual({
      met: false,
      reason: 'value false is not true',
    });
  });

  it('checks a [min, max] range, bounds included', () => {
    expect(checkTolerance([0, 12], { value: 12, text: '' }).met).toBe(true);
    expect(checkTolerance([0, 11.9], { value: 12, text: '' })).toEqual({
      met: false,
      reason: 'value 12 is outside [0, 11.9]',
    });
    expect(checkTolerance([0, 1], { value: 'x', text: '' })).toEqual({
      met: false,
      reason: 'value "x" is not a number',
    });
  });

  it('checks a regex against the output text', () => {
    expect(checkTolerance({ type: 'regex', pattern: '"status":"up"' }, http).met).toBe(true);
    expect(checkTolerance({ type: 'regex', pattern: '^PONG$' }, { value: 1, text: 'LOADING' })).toEqual({
      met: false,
      reason: '"LOADING" does not match /^PONG$/',
    });
  });

  it('reads a JSONPath in the whole output, then compares with expect (a value or a range)', () => {
    expect(checkTolerance({ type: 'jsonpath', path: '$.body.status', expect: 'up' }, http).met).toBe(true);
    expect(checkTolerance({ type: 'jsonpath', path: '$.body.items[0].id', expect: [1, 5] }, http)).toEqual({
      met: false,
      reason: '$.body.items[0].id 7 is outside [1, 5]',
    });
    expect(checkTolerance({ type: 'jsonpath', path: '$.body.items[-1].id' }, http).met).toBe(true);
    expect(checkTolerance({ type: 'jsonpath', path: '$.body.missing' }, http)).toEqual({
      met: false,
      reason: '$.body.missing found nothing',
    });
  });
});

describe('JSONPath subset', () => {
  it('parses $, .key, [index], quoted keys', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.a[\'b c\'][2]["d"]')).toEqual(['a', 'b c', 2, 'd']);
    expect(parseJsonPath('$..a')).toBeUndefined();
    expect(parseJsonPath('$.a[*]')).toBeUndefined();
    expect(parseJsonPath('$[?(@.x)]')).toBeUndefined();
    expect(parseJsonPath('a.b')).toBeUndefined();
  });

  it('finds nothing on a wrong type or out of range, and never walks the prototype', () => {
    expect(readJsonPath({ a: [1] }, '$.a[1]')).toEqual({ found: false });
    expect(readJsonPath({ a: 1 }, '$.a.b')).toEqual({ found: false });
    expect(readJsonPath({}, '$.constructor')).toEqual({ found: false });
    expect(readJsonPath({ a: null }, '$.a')).toEqual({ found: true, value: null });
  });
});
