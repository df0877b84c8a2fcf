import type { JsonSchema } from '../api/types.js';

const UNITS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration as the design file writes it (`250`, `"250ms"`, `"2s"`), or undefined. */
export function durationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|m|h)\s*$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

/** A duration for people: `850ms`, `2.5s`, `3m`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 10) / 10}ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  return `${Math.round(ms / 6000) / 10}m`;
}

/** The types a schema allows. */
export function typesOf(schema: JsonSchema): readonly string[] {
  if (schema.type === undefined) return [];
  return typeof schema.type === 'string' ? [schema.type] : schema.type;
}

/** What an input's text means for a field: a number, a duration string, a string; empty is "not set". */
export function valueFromInput(schema: JsonSchema, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (schema.format === 'duration') {
    return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim();
  }
  const types = typesOf(schema);
  if (types.includes('number') || types.includes('integer')) {
    const n = Number(text);
    return Number.isNaN(n) ? text : n;
  }
  return text;
}

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * Checks one value against its schema, in the server's words (`expected …, got …`), so a message
 * reads the same before and after saving. The server stays the judge: this only spares a round trip.
 */
export function checkValue(schema: JsonSchema, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (schema.format === 'duration') {
    const ms = durationMs(value);
    if (ms === undefined) return `expected a duration like "250ms" or "2s", got ${quote(value)}`;
    if (schema.minimum !== undefined && ms < schema.minimum)
      return `expected at least ${schema.minimum}ms, got ${quote(value)}`;
    return undefined;
  }
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    if (typeof value !== 'number' || Number.isNaN(value)) return `expected a number, got ${quote(value)}`;
    if (types.includes('integer') && !types.includes('number') && !Number.isInteger(value)) {
      return `expected a whole number, got ${value}`;
    }
    if (schema.minimum !== undefined && value < schema.minimum)
      return `expected a number ≥ ${schema.minimum}, got ${value}`;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
      return `expected a number > ${schema.exclusiveMinimum}, got ${value}`;
    }
    if (schema.maximum !== undefined && value > schema.maximum)
      return `expected a number ≤ ${schema.maximum}, got ${value}`;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return `expected one of ${schema.enum.map(quote).join(', ')}, got ${quote(value)}`;
  }
  return undefined;
}

/** Every problem in an object against its schema, by relative path (`backoff.initial`). */
export function checkObject(
  schema: JsonSchema,
  value: Readonly<Record<string, unknown>>,
  prefix = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of schema.required ?? []) {
    if (value[key] === undefined || value[key] === '') out[`${prefix}${key}`] = 'required, but missing';
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const v = value[key];
    if (v === undefined) continue;
    if (child.type === 'object' && child.properties) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        Object.assign(out, checkObject(child, v as Record<string, unknown>, `${prefix}${key}.`));
      }
      continue;
    }
    const message = checkValue(child, v);
    if (message) out[`${prefix}${key}`] = message;
  }
  return out;
}
