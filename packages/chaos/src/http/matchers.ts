import { childPath, describe, type Issues } from '@faultline/core';
import type { HttpFaultRequest } from './request.js';

/** One condition of a rule on a request; every condition of a rule must hold. */
export type RequestMatcher = (request: HttpFaultRequest) => boolean;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `'/orders'` matches that path exactly; a trailing `*` matches by prefix (`'/orders/*'`,
 * `'*'` for every path); a RegExp is tested against the path. Query strings never take part.
 */
export function readPath(value: unknown, path: string, issues: Issues): RequestMatcher | undefined {
  if (value === undefined || value === '*') return undefined;
  const where = childPath(path, 'path');
  if (value instanceof RegExp) {
    // A global or sticky RegExp remembers where it stopped; a copy without those flags does not.
    const pattern = new RegExp(value.source, value.flags.replace(/[gy]/g, ''));
    return (request) => pattern.test(request.path);
  }
  if (typeof value !== 'string' || !value.startsWith('/')) {
    issues.add(where, `expected a path like "/orders", "/orders/*" or a RegExp, got ${describe(value)}`);
    return undefined;
  }
  const star = value.indexOf('*');
  if (star >= 0 && star !== value.length - 1) {
    issues.add(
      where,
      `"*" is only understood at the end (a prefix); use a RegExp for more, got ${describe(value)}`,
    );
    return undefined;
  }
  if (star < 0) return (request) => request.path === value;
  const prefix = value.slice(0, -1);
  return (request) => request.path.startsWith(prefix);
}

/** `'GET'` or `['GET', 'POST']`, in any case. */
export function readMethod(value: unknown, path: string, issues: Issues): RequestMatcher | undefined {
  if (value === undefined) return undefined;
  const methods = Array.isArray(value) ? (value as unknown[]) : [value];
  const where = childPath(path, 'method');
  if (methods.length === 0 || methods.some((method) => typeof method !== 'string' || !TOKEN.test(method))) {
    issues.add(where, `expected an HTTP method like "GET" or a list of them, got ${describe(value)}`);
    return undefined;
  }
  const wanted = new Set((methods as string[]).map((method) => method.toUpperCase()));
  return (request) => wanted.has(request.method.toUpperCase());
}

/** `'x-chaos'`: the header is present; `'x-chaos=on'`: it has that value. A list needs them all. */
export function readHeader(value: unknown, path: string, issues: Issues): RequestMatcher | undefined {
  if (value === undefined) return undefined;
  const specs = Array.isArray(value) ? (value as unknown[]) : [value];
  const matchers: RequestMatcher[] = [];
  for (const spec of specs) {
    const matcher = typeof spec === 'string' ? headerMatcher(spec) : undefined;
    if (matcher === undefined) {
      issues.add(
        childPath(path, 'header'),
        `expected "name" (present) or "name=value", or a list of them, got ${describe(spec)}`,
      );
      return undefined;
    }
    matchers.push(matcher);
  }
  if (matchers.length === 0) {
    issues.add(childPath(path, 'header'), 'expected at least one "name" or "name=value", got an empty list');
    return undefined;
  }
  return matchers.length === 1 ? matchers[0] : (request) => matchers.every((matcher) => matcher(request));
}

function headerMatcher(spec: string): RequestMatcher | undefined {
  const equals = spec.indexOf('=');
  const name = (equals < 0 ? spec : spec.slice(0, equals)).trim().toLowerCase();
  if (!TOKEN.test(name)) return undefined;
  if (equals < 0) return (request) => headerOf(request, name) !== undefined;
  const wanted = spec.slice(equals + 1).trim();
  return (request) => {
    const actual = headerOf(request, name);
    return Array.isArray(actual) ? actual.includes(wanted) : actual === wanted;
  };
}

/** Node gives header names in lower case; a hand-built request may not. */
function headerOf(request: HttpFaultRequest, name: string): string | readonly string[] | undefined {
  const headers = request.headers;
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
