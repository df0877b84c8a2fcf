import {
  Issues,
  childPath,
  describe,
  readBoolean,
  readDuration,
  readNumber,
  readObject,
  readString,
  type Duration,
} from '@faultline/core';
import { MAX_CHAOS_LATENCY_MS } from '../in-process/latency/options.js';
import { readHeader, readMethod, readPath, type RequestMatcher } from './matchers.js';
import type { HttpFaultRequest } from './request.js';

/**
 * One HTTP fault: which requests it applies to, and what it does to them (delay, abort, or
 * both: the delay first). Everything but RegExp paths can be written in JSON.
 */
export interface HttpFaultRule {
  /** Names the rule in events. */
  name?: string;
  /** `'/orders'` exactly, `'/orders/*'` by prefix, `'*'` or absent for every path, or a RegExp. */
  path?: string | RegExp;
  /** `'GET'` or `['GET', 'POST']`, any case. Default: every method. */
  method?: string | readonly string[];
  /** `'x-chaos'` (present) or `'x-chaos=on'` (with that value); a list needs all. Default: none needed. */
  header?: string | readonly string[];
  /** Share of matching requests that get the fault, from 0 to 100. Default 100. */
  percentage?: number;
  /** Only the first N requests this rule matches are considered; later ones pass untouched. */
  firstN?: number;
  /** How long a chosen request is held before it goes on (or is aborted). Default 0. */
  delay?: Duration;
  /** Answer the chosen request with `status` (default 503) instead of passing it on. */
  abort?: boolean;
  /** The abort's status, 200 to 599, or `'reset'` to reset the connection; setting it means abort. */
  status?: number | 'reset';
  /** The abort's body: a string is sent as text, anything else as JSON. Default `{ "error": "injected fault" }`. */
  body?: unknown;
}

/** How a chosen request is aborted: answered with a status and body, or its connection reset. */
export type HttpAbort =
  | { readonly status: number; readonly body: string; readonly contentType: string }
  | { readonly status: 'reset' };

/** What happens to a chosen request. Each rule has one, built once and shared by its requests. */
export interface HttpFaultDecision {
  /** The index of the rule that chose the request. */
  readonly rule: number;
  readonly name: string | undefined;
  /** Milliseconds to hold the request first; 0 for none. */
  readonly delay: number;
  /** Undefined: the request goes on after the delay. */
  readonly abort: HttpAbort | undefined;
}

/** A validated rule. */
export interface ResolvedHttpFaultRule {
  readonly percentage: number;
  /** Infinity when not limited. */
  readonly firstN: number;
  readonly decision: HttpFaultDecision;
  /** Whether the request meets the rule's path, method and header conditions. */
  matches(request: HttpFaultRequest): boolean;
}

/** The status an abort answers with when none is given: Service Unavailable. */
export const DEFAULT_ABORT_STATUS = 503;

/** The body an abort answers with when none is given. */
export const DEFAULT_ABORT_BODY = { error: 'injected fault' } as const;

const KNOWN = [
  'name',
  'path',
  'method',
  'header',
  'percentage',
  'firstN',
  'delay',
  'abort',
  'status',
  'body',
];

/** Validates rules; `path` names the list in errors (`rules[2].percentage: ...`). Throws one ConfigError. */
export function resolveHttpFaultRules(rules: unknown, path = 'rules'): ResolvedHttpFaultRule[] {
  const issues = new Issues();
  if (!Array.isArray(rules)) {
    issues.add(
      path,
      `expected a list of rules like [{ path: "/orders/*", percentage: 10, status: 503 }], got ${describe(rules)}`,
    );
    issues.throwIfAny();
  }
  const resolved = (rules as unknown[]).map((rule, index) =>
    readRule(rule, index, childPath(path, index), issues),
  );
  issues.throwIfAny();
  return resolved as ResolvedHttpFaultRule[];
}

function readRule(
  rule: unknown,
  index: number,
  path: string,
  issues: Issues,
): ResolvedHttpFaultRule | undefined {
  const before = issues.list.length;
  const record = readObject(rule, path, issues, KNOWN);
  if (record === undefined) return undefined;
  const name = record.name === undefined ? undefined : readString(record, 'name', path, issues, 'rule');
  const conditions = [
    readPath(record.path, path, issues),
    readMethod(record.method, path, issues),
    readHeader(record.header, path, issues),
  ].filter((matcher): matcher is RequestMatcher => matcher !== undefined);
  const percentage = readPercentage(record, path, issues);
  const firstN = readNumber(record, 'firstN', path, issues, Infinity, { min: 1, integer: true });
  const delay = readDuration(record, 'delay', path, issues, 0, { max: MAX_CHAOS_LATENCY_MS });
  const abort = readAbort(record, path, issues);
  if (delay === 0 && abort === undefined && issues.list.length === before)
    issues.add(path, 'this rule injects nothing: set delay, abort: true, or a status');
  return {
    percentage,
    firstN,
    decision: { rule: index, name, delay, abort },
    matches: matcherOf(conditions),
  };
}

function readPercentage(record: Record<string, unknown>, path: string, issues: Issues): number {
  const value = record.percentage;
  if (value === undefined) return 100;
  if (typeof value === 'number' && value >= 0 && value <= 100) return value;
  issues.add(childPath(path, 'percentage'), `expected a number from 0 to 100, got ${describe(value)}`);
  return 100;
}

function readAbort(record: Record<string, unknown>, path: string, issues: Issues): HttpAbort | undefined {
  const abort = readBoolean(record, 'abort', path, issues, record.status !== undefined);
  const status = readStatus(record, path, issues);
  if (!abort) {
    if (record.abort === false && record.status !== undefined)
      issues.add(childPath(path, 'status'), 'a status aborts the request; remove it or remove abort: false');
    else if (record.body !== undefined)
      issues.add(childPath(path, 'body'), 'a body is sent only by an abort: set abort: true or a status');
    return undefined;
  }
  if (status === 'reset') {
    if (record.body !== undefined)
      issues.add(
        childPath(path, 'body'),
        'a reset connection sends no body; remove body or use a status code',
      );
    return { status };
  }
  return { status, ...readBody(record.body, path, issues) };
}

function readStatus(record: Record<string, unknown>, path: string, issues: Issues): number | 'reset' {
  const value = record.status;
  if (value === undefined) return DEFAULT_ABORT_STATUS;
  if (value === 'reset') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599) return value;
  issues.add(
    childPath(path, 'status'),
    `expected an HTTP status from 200 to 599 or "reset", got ${describe(value)}`,
  );
  return DEFAULT_ABORT_STATUS;
}

function readBody(value: unknown, path: string, issues: Issues): { body: string; contentType: string } {
  if (typeof value === 'string') return { body: value, contentType: 'text/plain; charset=utf-8' };
  let body: string | undefined;
  try {
    body = JSON.stringify(value ?? DEFAULT_ABORT_BODY);
  } catch {
    body = undefined;
  }
  if (body === undefined) {
    issues.add(childPath(path, 'body'), `expected a string or a JSON value, got ${describe(value)}`);
    body = '';
  }
  return { body, contentType: 'application/json; charset=utf-8' };
}

function matcherOf(conditions: RequestMatcher[]): (request: HttpFaultRequest) => boolean {
  if (conditions.length === 0) return () => true;
  if (conditions.length === 1) return conditions[0]!;
  return (request) => conditions.every((condition) => condition(request));
}
