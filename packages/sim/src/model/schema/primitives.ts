import { formatDuration, toMilliseconds } from '@faultline/core';
import { z } from 'zod';
import { expected, expectedOneOf } from './messages.js';

/** What a number must be, in words for the error and as bounds for the check. */
interface NumberRule {
  min?: number;
  max?: number;
  /** Whether `min` itself is excluded. */
  above?: boolean;
  integer?: boolean;
  /** Names the limit `max` stands for, so an error past it says which limit was hit. */
  limit?: string;
}

/** A number within `rule`, worded `expected a whole number from 1 to 1000 (the limit of …), got …`. */
export function number(rule: NumberRule = {}) {
  const words = numberWords(rule);
  let schema = z.number({ error: (issue) => expected(words, issue.input) });
  if (rule.integer) schema = schema.int();
  if (rule.min !== undefined) schema = rule.above ? schema.gt(rule.min) : schema.min(rule.min);
  if (rule.max !== undefined) schema = schema.max(rule.max);
  return schema;
}

function numberWords(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const { min, max, above } = rule;
  let words = kind;
  if (min !== undefined && max !== undefined && !above) words = `${kind} from ${min} to ${max}`;
  else if (min !== undefined && max !== undefined) words = `${kind} above ${min} and at most ${max}`;
  else if (min !== undefined) words = above ? `${kind} above ${min}` : `${kind} ≥ ${min}`;
  else if (max !== undefined) words = `${kind} ≤ ${max}`;
  return rule.limit ? `${words} (${rule.limit})` : words;
}

/** A whole number from `min` (default 1) up to a documented limit. */
export function count(max: number, limit: string, min = 1) {
  return number({ integer: true, min, max, limit: `the limit of ${max} ${limit}` });
}

/** A probability, from 0 to 1. */
export function probability(above = false) {
  return number({ min: 0, max: 1, above });
}

/** Requests per second, ≥ 0, at most the per-workload limit. */
export function rate(max: number) {
  return number({ min: 0, max, limit: `the limit of ${max} requests per second per workload` });
}

/** One of a fixed set of words, with a "did you mean" on a near miss. */
export function choice<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, { error: (issue) => expectedOneOf(choices, issue.input) });
}

/** A non-empty string of at most `max` characters. */
export function text(words: string, max = 200) {
  return z
    .string({ error: (issue) => expected(words, issue.input) })
    .min(1, { error: () => `expected ${words}, got an empty string` })
    .max(max, { error: () => `expected ${words} of at most ${max} characters` });
}

/** A service name as used in references (`to`, `target`, `between`); whether it exists is checked later. */
export const serviceRef = text('a service name');

interface DurationRule {
  /** Exclude 0. */
  positive?: boolean;
  max?: number;
  limit?: string;
}

/** A duration (a number of ms, or a string with a unit: "250ms", "2s", "1m"), as milliseconds. */
export function duration(rule: DurationRule = {}) {
  return z.unknown().transform((value, ctx): number => {
    const ms = toMilliseconds(value);
    if (ms === undefined) {
      ctx.issues.push({ code: 'custom', message: expected('a duration like "250ms"', value), input: value });
      return z.NEVER;
    }
    if (rule.positive && ms === 0) {
      ctx.issues.push({ code: 'custom', message: expected('a duration above 0', value), input: value });
      return z.NEVER;
    }
    if (rule.max !== undefined && ms > rule.max) {
      const words = `a duration of at most ${formatDuration(rule.max)}${rule.limit ? ` (${rule.limit})` : ''}`;
      ctx.issues.push({ code: 'custom', message: expected(words, value), input: value });
      return z.NEVER;
    }
    return ms;
  });
}
