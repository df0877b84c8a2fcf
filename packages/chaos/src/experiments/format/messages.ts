import { childPath, describe, nearest, toMilliseconds, type ConfigIssue } from '@faultline/core';
import { z } from 'zod';

/*
 * zod finds the problems; this file words them the way every Faultline error is worded:
 * `path: expected what, got what`, with a "did you mean" where a typo is likely.
 * (@faultline/sim has the same few helpers for the design file; chaos may not import sim.)
 */

/** `expected <words>, got <value>`, or `missing: expected <words>` when nothing was given. */
export function expected(words: string, input: unknown): string {
  return input === undefined ? `missing: expected ${words}` : `expected ${words}, got ${describe(input)}`;
}

/** A zod object that rejects unknown keys, one issue per key with the nearest known key as a hint. */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what = 'an object') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys
          .map((key) => {
            const hint = nearest(key, known);
            return `unknown key${hint ? `; did you mean "${hint}"?` : ''} (known: ${known.join(', ')})`;
          })
          .join('\n');
      return expected(what, issue.input);
    },
  });
}

/** A list of `item`, worded `expected <words>, got …` when the value is not a list. */
export function list<Item extends z.ZodType>(item: Item, words: string) {
  return z.array(item, { error: (issue) => expected(words, issue.input) });
}

/** One of a fixed set of words, with a "did you mean" on a near miss. */
export function choice<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, {
    error: (issue) => {
      const hint = typeof issue.input === 'string' ? nearest(issue.input, choices) : undefined;
      const list = choices.map((c) => `"${c}"`).join(', ');
      return expected(`one of ${list}`, issue.input) + (hint ? `; did you mean "${hint}"?` : '');
    },
  });
}

/** A duration: a number of ms or a string with a unit ("250ms", "2s"), read as ms, at most `max` ms. */
export function duration(max = 24 * 3_600_000) {
  return z.unknown().transform((value, ctx) => {
    const ms = toMilliseconds(value);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: expected('a duration like "250ms" or a number of ms', value) });
      return z.NEVER;
    }
    if (ms > max) {
      ctx.addIssue({ code: 'custom', message: `${ms}ms is over the limit of ${max}ms` });
      return z.NEVER;
    }
    return ms;
  });
}

/** A non-empty string. */
export function text(words = 'a non-empty string') {
  return z.string({ error: (issue) => expected(words, issue.input) }).min(1, { error: `expected ${words}` });
}

/** A number within bounds, worded for the error. */
export function number(words: string, min = -Infinity, max = Infinity) {
  return z
    .number({ error: (issue) => expected(words, issue.input) })
    .min(min, { error: (issue) => expected(words, issue.input) })
    .max(max, { error: (issue) => expected(words, issue.input) });
}

/** Turns zod's issues into ConfigIssues with dotted paths, one per problem. */
export function fromZod(error: z.ZodError, input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.reduce<string>((at, key) => childPath(at, key as string | number), '');
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n');
      issue.keys.forEach((key, index) =>
        issues.push({ path: childPath(path, key), message: lines[index] ?? lines[0]! }),
      );
    } else if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
      const choices = issue.options.map(String);
      const got = valueAt(input, issue.path);
      const hint = typeof got === 'string' ? nearest(got, choices) : undefined;
      const list = choices.map((c) => `"${c}"`).join(', ');
      issues.push({
        path,
        message: expected(`one of ${list}`, got) + (hint ? `; did you mean "${hint}"?` : ''),
      });
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
