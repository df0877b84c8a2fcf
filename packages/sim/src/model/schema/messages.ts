import { childPath, describe, nearest, type Issues } from '@faultline/core';
import { z } from 'zod';
import type { DesignIssue } from '../errors.js';

/*
 * zod finds the problems; this file words them the way every Faultline error is worded:
 * `path: expected what, got what`, with a "did you mean" where a typo is likely.
 */

/** `expected <words>, got <value>`, or `missing: expected <words>` when nothing was given. */
export function expected(words: string, input: unknown): string {
  return input === undefined ? `missing: expected ${words}` : `expected ${words}, got ${describe(input)}`;
}

/** `expected one of "a", "b", got "c"; did you mean "b"?` */
export function expectedOneOf(choices: readonly string[], input: unknown): string {
  const hint = typeof input === 'string' ? nearest(input, choices) : undefined;
  const list = choices.map((choice) => `"${choice}"`).join(', ');
  return expected(`one of ${list}`, input) + (hint ? `; did you mean "${hint}"?` : '');
}

/**
 * A zod object that rejects keys it does not know, one issue per unknown key with the nearest
 * known key as a hint. (zod reports all unknown keys of an object in one issue at the object; the
 * message carries one line per key so `fromZod` can give each its own path.)
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what = 'an object') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => unknownKey(key, known)).join('\n');
      return expected(what, issue.input);
    },
  });
}

function unknownKey(key: string, known: readonly string[]): string {
  const hint = nearest(key, known);
  return `unknown key${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`;
}

/**
 * A list of `item`, with the words used when the value is not a list; `least` words the minimum
 * (`at least one call`), and `max` is a documented limit of `many` (`workloads per design`).
 */
export function list<Item extends z.ZodType>(
  item: Item,
  words: string,
  rule: { min?: number; least?: string; max?: number; many?: string } = {},
) {
  let schema = z.array(item, { error: (issue) => expected(words, issue.input) });
  if (rule.min !== undefined) {
    const least = rule.least ?? `at least ${rule.min} items`;
    schema = schema.min(rule.min, { error: (issue) => `expected ${least}, got ${lengthOf(issue.input)}` });
  }
  if (rule.max !== undefined)
    schema = schema.max(rule.max, { error: (issue) => tooMany(issue, rule.max!, rule.many ?? 'items') });
  return schema;
}

function lengthOf(input: unknown): string {
  return Array.isArray(input) ? (input.length === 0 ? 'none' : String(input.length)) : 'fewer';
}

function tooMany(issue: { input?: unknown }, max: number, many: string): string {
  const count = Array.isArray(issue.input) ? issue.input.length : 'more';
  return `${count} is over the limit of ${max} ${many}`;
}

/**
 * Parses `value` with the schema chosen for it, from inside another schema's transform: lets a
 * union pick its branch by looking at the value (a `parallel` key, a `users` key, an object or a
 * bare duration), so the user sees that branch's errors rather than every branch's.
 */
export function parseAs<T>(schema: z.ZodType<T>, value: unknown, ctx: z.core.$RefinementCtx): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.issues.push(issue as never);
  return z.NEVER;
}

/** Turns zod's issues for `input` (found at `basePath`) into design issues, one per problem. */
export function fromZod(error: z.ZodError, input: unknown, basePath: string): DesignIssue[] {
  const issues: DesignIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.reduce<string>((at, key) => childPath(at, key as string | number), basePath);
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n');
      issue.keys.forEach((key, index) =>
        issues.push({ path: childPath(path, key), message: lines[index] ?? lines[0]! }),
      );
    } else if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
      // A discriminated union (`dist:`, `type:`) whose tag matched none of its options.
      const choices = issue.options.map(String);
      issues.push({ path, message: expectedOneOf(choices, valueAt(input, issue.path)) });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses `value` (found at `path`) with `schema`; adds its issues to `errors` and returns undefined when invalid. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: string,
  errors: Issues,
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of fromZod(result.error, value, path)) errors.add(issue.path, issue.message);
  return undefined;
}
