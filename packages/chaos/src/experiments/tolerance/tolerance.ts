import type { Tolerance } from '../format/schema.js';
import { readJsonPath } from './jsonpath.js';

/**
 * What a probe gives back. `value` is what an exact value or a range checks (an HTTP status, a
 * duration in ms, an exit code); `text` is what a regex checks (a body, stdout, a reply); a JSONPath
 * reads the whole output (`$.body.items[0]`, `$.durationMs`).
 */
export interface ProbeOutput {
  readonly value: unknown;
  readonly text: string;
  readonly [key: string]: unknown;
}

/** Whether a tolerance is met, and if not, why in words. */
export interface ToleranceResult {
  readonly met: boolean;
  readonly reason?: string;
}

/** Checks `output` against `tolerance`. */
export function checkTolerance(tolerance: Tolerance, output: ProbeOutput): ToleranceResult {
  if (Array.isArray(tolerance)) return inRange(tolerance as [number, number], output.value, 'value');
  if (typeof tolerance !== 'object') return equals(tolerance, output.value, 'value');
  if (tolerance.type === 'regex') {
    const met = new RegExp(tolerance.pattern).test(output.text);
    return met ? { met } : { met, reason: `${short(output.text)} does not match /${tolerance.pattern}/` };
  }
  const found = readJsonPath(output, tolerance.path);
  if (!found.found) return { met: false, reason: `${tolerance.path} found nothing` };
  if (tolerance.expect === undefined) return { met: true };
  if (Array.isArray(tolerance.expect))
    return inRange(tolerance.expect as [number, number], found.value, tolerance.path);
  return equals(tolerance.expect, found.value, tolerance.path);
}

function inRange([min, max]: [number, number], value: unknown, what: string): ToleranceResult {
  if (typeof value !== 'number') return { met: false, reason: `${what} ${short(value)} is not a number` };
  const met = value >= min && value <= max;
  return met ? { met } : { met, reason: `${what} ${value} is outside [${min}, ${max}]` };
}

function equals(expected: unknown, value: unknown, what: string): ToleranceResult {
  // "200" in a YAML file and 200 from a probe are the same answer; compare as text when types differ.
  const met = expected === value || (isScalar(value) && String(expected) === String(value));
  return met ? { met } : { met, reason: `${what} ${short(value)} is not ${short(expected)}` };
}

function isScalar(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
