import { Issues, childPath, describe, toMilliseconds } from '@faultline/core';
import type { Stream } from '../link/stage.js';
import type { Attributes, ToxicDefinition } from '../toxics/definition.js';
import { TOXICS } from '../toxics/registry.js';
import { apiErrors, badBody } from './api-error.js';

/** A toxic as the API shows it. Field order is Toxiproxy's; `duration` is ours and shown only when set. */
export interface ToxicJson {
  attributes: Attributes;
  name: string;
  type: string;
  stream: Stream;
  toxicity: number;
  duration?: number;
}

/** The fields of a toxic-create body, checked and defaulted, before its attributes are read. */
export interface ToxicHeader {
  readonly name: string;
  readonly type: string;
  readonly stream: Stream;
  readonly toxicity: number;
  /** Ms after which the toxic removes itself. */
  readonly duration: number | undefined;
  readonly definition: ToxicDefinition;
  /** The `attributes` as sent (null and absent read as none). */
  readonly rawAttributes: Record<string, unknown>;
}

/** A create body fully read: what the collection adds. */
export interface ToxicSpec extends ToxicHeader {
  readonly attributes: Attributes;
}

const STREAMS: readonly string[] = ['upstream', 'downstream'];

/**
 * Reads the wrapper fields of a create body in Toxiproxy's order: a body of the wrong shape,
 * then the stream (default downstream), the name (default `<type>_<stream>`), the type. Throws
 * the API error Toxiproxy would answer with. `path` prefixes messages about a populate entry.
 */
export function readToxicHeader(body: unknown, options: { http: boolean }, path = ''): ToxicHeader {
  const issues = new Issues();
  const record = asObject(body, path, issues);
  const name = optionalString(record, 'name', path, issues);
  const type = optionalString(record, 'type', path, issues);
  const stream = optionalString(record, 'stream', path, issues);
  const toxicity = readToxicity(record, path, issues, 1);
  const duration = readToxicDuration(record, path, issues);
  const rawAttributes = readRawAttributes(record, path, issues);
  if (!issues.ok) throw badBody(issues.list);

  const definition = TOXICS.get(type ?? '');
  let direction: Stream;
  if (stream !== undefined) {
    const lower = stream.toLowerCase();
    if (!STREAMS.includes(lower)) throw apiErrors.invalidStream();
    direction = lower as Stream;
  } else {
    direction = definition?.layer === 'http' ? definition.stream : 'downstream';
  }
  if (!definition) throw apiErrors.invalidToxicType();
  if (definition.layer === 'http') {
    if (!options.http)
      throw apiErrors.badRequestBody(
        `${childPath(path, 'type')}: ${definition.type} needs a proxy in HTTP mode (create the proxy with "protocol": "http")`,
      );
    if (direction !== definition.stream)
      throw apiErrors.badRequestBody(
        `${childPath(path, 'stream')}: ${definition.type} acts on requests, which flow ${definition.stream}: use "${definition.stream}"`,
      );
  }
  return {
    name: name || `${definition.type}_${direction}`,
    type: definition.type,
    stream: direction,
    toxicity,
    duration,
    definition,
    rawAttributes,
  };
}

/** Reads the attributes of a create body over the toxic's defaults. */
export function readToxicAttributes(header: ToxicHeader, path = ''): ToxicSpec {
  const issues = new Issues();
  const { definition } = header;
  const attributes = definition.read(
    header.rawAttributes,
    definition.defaults,
    issues,
    childPath(path, 'attributes'),
  );
  if (!issues.ok) throw badBody(issues.list);
  return { ...header, attributes };
}

/** What an update body changes: attributes merged over the current ones, as Toxiproxy does. */
export interface ToxicChanges {
  readonly attributes: Attributes;
  readonly toxicity: number;
  /** Undefined: unchanged. */
  readonly duration: number | undefined;
}

/** Reads an update body (POST or PATCH) against the toxic's current attributes and toxicity. */
export function readToxicUpdate(
  body: unknown,
  current: { definition: ToxicDefinition; attributes: Attributes; toxicity: number },
): ToxicChanges {
  const issues = new Issues();
  const record = asObject(body, '', issues);
  const toxicity = readToxicity(record, '', issues, current.toxicity);
  const duration = readToxicDuration(record, '', issues);
  const raw = readRawAttributes(record, '', issues);
  const attributes = current.definition.read(raw, current.attributes, issues, 'attributes');
  if (!issues.ok) throw badBody(issues.list);
  return { attributes, toxicity, duration };
}

function asObject(body: unknown, path: string, issues: Issues): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  issues.add(path, `expected a JSON object, got ${describe(body)}`);
  return {};
}

function optionalString(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  issues.add(childPath(path, key), `expected a string, got ${describe(value)}`);
  return undefined;
}

function readToxicity(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
  fallback: number,
): number {
  const value = record['toxicity'];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  issues.add(childPath(path, 'toxicity'), `expected a probability from 0 to 1, got ${describe(value)}`);
  return fallback;
}

function readToxicDuration(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): number | undefined {
  const value = record['duration'];
  if (value === undefined || value === null) return undefined;
  const ms = toMilliseconds(value);
  if (ms !== undefined && ms > 0) return ms;
  issues.add(
    childPath(path, 'duration'),
    `expected how long the toxic stays, like "30s" or a number of ms above 0, got ${describe(value)}`,
  );
  return undefined;
}

function readRawAttributes(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): Record<string, unknown> {
  const value = record['attributes'];
  // Go clients send null for no attributes.
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  issues.add(childPath(path, 'attributes'), `expected an object, got ${describe(value)}`);
  return {};
}
