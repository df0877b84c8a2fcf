import { describe, expect, it } from 'vitest';
import { resolveHttpFaultRules, type HttpFaultRule } from './rules.js';
import { issuesOf } from '../in-process/test-support/track.js';

const one = (rule: HttpFaultRule) => resolveHttpFaultRules([rule])[0]!;
const request = (path: string, method = 'GET', headers: Record<string, string | string[]> = {}) => ({
  method,
  path,
  headers,
});

describe('resolveHttpFaultRules', () => {
  it('matches paths exactly, by a trailing * prefix, or by RegExp', () => {
    const exact = one({ path: '/orders', status: 503 });
    expect(exact.matches(request('/orders'))).toBe(true);
    expect(exact.matches(request('/orders/1'))).toBe(false);
    const prefix = one({ path: '/orders/*', status: 503 });
    expect(prefix.matches(request('/orders/1/items'))).toBe(true);
    expect(prefix.matches(request('/orders'))).toBe(false);
    expect(one({ path: '*', status: 503 }).matches(request('/anything'))).toBe(true);
    expect(one({ status: 503 }).matches(request('/anything'))).toBe(true);
    const pattern = one({ path: /^\/orders\/\d+$/g, status: 503 });
    // The same answer every time: a global RegExp's lastIndex does not leak between requests.
    expect([1, 2, 3].map(() => pattern.matches(request('/orders/42')))).toEqual([true, true, true]);
    expect(pattern.matches(request('/orders/x'))).toBe(false);
  });

  it('matches methods in any case, and headers by presence or value, every one listed', () => {
    const rule = one({ method: ['get', 'POST'], header: ['x-chaos', 'x-tenant=blue'], delay: 10 });
    expect(rule.matches(request('/', 'GET', { 'x-chaos': '1', 'x-tenant': 'blue' }))).toBe(true);
    expect(rule.matches(request('/', 'post', { 'X-Chaos': '', 'X-Tenant': 'blue' }))).toBe(true);
    expect(rule.matches(request('/', 'PUT', { 'x-chaos': '1', 'x-tenant': 'blue' }))).toBe(false);
    expect(rule.matches(request('/', 'GET', { 'x-tenant': 'blue' }))).toBe(false);
    expect(rule.matches(request('/', 'GET', { 'x-chaos': '1', 'x-tenant': 'green' }))).toBe(false);
    expect(rule.matches(request('/', 'GET', { 'x-chaos': '1', 'x-tenant': ['green', 'blue'] }))).toBe(true);
  });

  it('builds each rule’s decision once: 503 with the default JSON body, a status, text, JSON, reset', () => {
    expect(one({ abort: true }).decision).toEqual({
      rule: 0,
      name: undefined,
      delay: 0,
      abort: {
        status: 503,
        body: '{"error":"injected fault"}',
        contentType: 'application/json; charset=utf-8',
      },
    });
    expect(one({ status: 429, body: 'slow down', delay: '1s', name: 'throttle' }).decision).toEqual({
      rule: 0,
      name: 'throttle',
      delay: 1000,
      abort: { status: 429, body: 'slow down', contentType: 'text/plain; charset=utf-8' },
    });
    expect(one({ status: 500, body: { code: 'E_CHAOS' } }).decision.abort).toMatchObject({
      body: '{"code":"E_CHAOS"}',
    });
    expect(one({ status: 'reset' }).decision.abort).toEqual({ status: 'reset' });
    expect(one({ delay: 250 }).decision).toMatchObject({ delay: 250, abort: undefined });
    expect(one({ delay: 5, percentage: 12.5, firstN: 3 })).toMatchObject({ percentage: 12.5, firstN: 3 });
    expect(one({ delay: 5 })).toMatchObject({ percentage: 100, firstN: Infinity });
  });

  it('names the rule and the key of every mistake, all at once', () => {
    expect(
      issuesOf(() =>
        resolveHttpFaultRules([
          { path: '/a', status: 503 },
          { path: 'orders', method: 'GET /', delay: 'soon' },
          { percentage: 150, status: 503, firstN: 0 },
          { path: '/a/*/b', header: 'bad header=1', status: 99 },
          { status: 'reset', body: 'x' },
          { abort: false, status: 503 },
          { body: 'x' },
          { path: '/quiet' },
          { pth: '/a', delay: 1 },
          'everything',
        ] as HttpFaultRule[]),
      ),
    ).toEqual([
      'rules[1].path: expected a path like "/orders", "/orders/*" or a RegExp, got "orders"',
      'rules[1].method: expected an HTTP method like "GET" or a list of them, got "GET /"',
      'rules[1].delay: expected a duration like "250ms", got "soon"',
      'rules[2].percentage: expected a number from 0 to 100, got 150',
      'rules[2].firstN: expected a whole number ≥ 1, got 0',
      'rules[3].path: "*" is only understood at the end (a prefix); use a RegExp for more, got "/a/*/b"',
      'rules[3].header: expected "name" (present) or "name=value", or a list of them, got "bad header=1"',
      'rules[3].status: expected an HTTP status from 200 to 599 or "reset", got 99',
      'rules[4].body: a reset connection sends no body; remove body or use a status code',
      'rules[5].status: a status aborts the request; remove it or remove abort: false',
      'rules[6].body: a body is sent only by an abort: set abort: true or a status',
      'rules[7]: this rule injects nothing: set delay, abort: true, or a status',
      'rules[8].pth: unknown option; did you mean "path"? (known: name, path, method, header, percentage, firstN, delay, abort, status, body)',
      'rules[9]: expected an object, got "everything"',
    ]);
    expect(issuesOf(() => resolveHttpFaultRules({ path: '/a' }, 'faults'))).toEqual([
      'faults: expected a list of rules like [{ path: "/orders/*", percentage: 10, status: 503 }], got an object',
    ]);
  });
});
