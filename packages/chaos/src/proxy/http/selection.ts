import { childPath, describe, readNumber, type Issues } from '@faultline/core';
import type { HttpDecisionArgs } from '../toxics/definition.js';

/** Which requests an HTTP toxic acts on: attributes every HTTP toxic shares. */
export type RequestSelection = {
  /** Act on the first N matching requests only (over all connections); 0 means every one. */
  first: number;
  /** Share of matching requests to act on, 0–100, drawn per request. */
  percentage: number;
  /** Only requests whose path starts with this; "" matches all. */
  path: string;
};

export const SELECTION_KEYS = ['first', 'percentage', 'path'] as const;

export const SELECT_ALL: RequestSelection = { first: 0, percentage: 100, path: '' };

/** Reads the selection attributes over `base`. */
export function readSelection(
  input: Record<string, unknown>,
  base: RequestSelection,
  issues: Issues,
  path: string,
): RequestSelection {
  let prefix = base.path;
  if (input['path'] !== undefined) {
    if (typeof input['path'] === 'string' && (input['path'] === '' || input['path'].startsWith('/')))
      prefix = input['path'];
    else
      issues.add(
        childPath(path, 'path'),
        `expected a path prefix starting with "/", got ${describe(input['path'])}`,
      );
  }
  return {
    first: readNumber(input, 'first', path, issues, base.first, { min: 0, integer: true }),
    percentage: readNumber(input, 'percentage', path, issues, base.percentage, { min: 0, max: 100 }),
    path: prefix,
  };
}

/** Whether this request is one the toxic acts on. Draws a random number only for a percentage under 100. */
export function selects(selection: RequestSelection, args: HttpDecisionArgs<unknown>): boolean {
  if (selection.path && !args.request.path.startsWith(selection.path)) return false;
  if (selection.first > 0 && args.applied >= selection.first) return false;
  if (selection.percentage >= 100) return true;
  return args.random.next() * 100 < selection.percentage;
}
