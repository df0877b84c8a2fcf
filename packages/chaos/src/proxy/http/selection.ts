import { Issues, readNumber } from '@faultline/core';
import { readHeader, readMethod, readPath, type RequestMatcher } from '../../http/matchers.js';
import type { HttpDecisionArgs } from '../toxics/definition.js';

/**
 * Which requests an HTTP toxic acts on: attributes every HTTP toxic shares. Paths, methods and
 * headers are matched exactly as the HTTP fault middleware (chaos/http) matches them.
 */
export type RequestSelection = {
  /** Act on the first N matching requests only (over all connections); 0 means every one. */
  first: number;
  /** Share of matching requests to act on, 0–100, drawn per request. */
  percentage: number;
  /** `/orders` exactly, `/orders/*` by prefix, `*` for every path. */
  path: string;
  /** `GET` or `["GET", "POST"]`; "" for every method. */
  method: string | string[];
  /** `x-chaos` (present) or `x-chaos=on`, or a list that must all hold; "" for none. */
  header: string | string[];
};

export const SELECTION_KEYS = ['first', 'percentage', 'path', 'method', 'header'] as const;

export const SELECT_ALL: RequestSelection = { first: 0, percentage: 100, path: '*', method: '', header: '' };

// Built once per attributes object: attributes are replaced, never changed, on update.
const matchers = new WeakMap<RequestSelection, RequestMatcher>();

/** Reads the selection attributes over `base`. */
export function readSelection(
  input: Record<string, unknown>,
  base: RequestSelection,
  issues: Issues,
  path: string,
): RequestSelection {
  const selection: RequestSelection = {
    first: readNumber(input, 'first', path, issues, base.first, { min: 0, integer: true }),
    percentage: readNumber(input, 'percentage', path, issues, base.percentage, { min: 0, max: 100 }),
    path: base.path,
    method: base.method,
    header: base.header,
  };
  for (const key of ['path', 'method', 'header'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    const before = issues.list.length;
    matcherOf({ ...SELECT_ALL, [key]: value } as RequestSelection, issues, path);
    if (issues.list.length === before) (selection as Record<string, unknown>)[key] = value;
  }
  return selection;
}

/** Whether this request is one the toxic acts on. Draws a random number only for a percentage under 100. */
export function selects(selection: RequestSelection, args: HttpDecisionArgs<unknown>): boolean {
  let matcher = matchers.get(selection);
  if (!matcher) {
    matcher = matcherOf(selection, new Issues(), '');
    matchers.set(selection, matcher);
  }
  if (!matcher(args.request)) return false;
  if (selection.first > 0 && args.applied >= selection.first) return false;
  if (selection.percentage >= 100) return true;
  return args.random.next() * 100 < selection.percentage;
}

function matcherOf(selection: RequestSelection, issues: Issues, path: string): RequestMatcher {
  const given = (value: string | string[]): string | string[] | undefined =>
    value === '' ? undefined : value;
  const conditions = [
    readPath(selection.path, path, issues),
    readMethod(given(selection.method), path, issues),
    readHeader(given(selection.header), path, issues),
  ].filter((condition): condition is RequestMatcher => condition !== undefined);
  return (request) => conditions.every((condition) => condition(request));
}
