import { Issues, childPath, describe } from '@faultline/core';
import { badBody, apiErrors } from './api-error.js';
import { parseHostPort } from './address.js';
import type { ToxicJson } from './toxic-json.js';

/** `tcp` proxies bytes; `http` also frames HTTP/1.x requests so that HTTP toxics apply. */
export type ProxyProtocol = 'tcp' | 'http';

/** A proxy as the API shows it. Field order is Toxiproxy's; `protocol` is ours, shown only for http. */
export interface ProxyJson {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  protocol?: ProxyProtocol;
  toxics: ToxicJson[];
}

/** A create or populate entry, checked. `toxics` are read later, against the proxy's protocol. */
export interface ProxySpec {
  readonly name: string;
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly protocol: ProxyProtocol;
  /** Toxics to give the proxy (populate and config files only); undefined leaves them as they are. */
  readonly toxics: readonly unknown[] | undefined;
}

/** Where a proxy listens when the body names no address: loopback, on a port the system picks. */
export const DEFAULT_LISTEN = '127.0.0.1:0';

/**
 * Reads a create body (POST /proxies) or one populate entry. Like Toxiproxy: a body of the wrong
 * shape is a bad request body, then `name` and `upstream` are required (`at` says which populate
 * entry), `enabled` defaults to true. Addresses must be `host:port`.
 */
export function readProxySpec(
  body: unknown,
  options: { at?: string; path?: string; withToxics?: boolean } = {},
): ProxySpec {
  const path = options.path ?? '';
  const issues = new Issues();
  const record = asObject(body, path, issues);
  const name = stringField(record, 'name', path, issues);
  const listen = stringField(record, 'listen', path, issues);
  const upstream = stringField(record, 'upstream', path, issues);
  const enabled = booleanField(record, 'enabled', path, issues);
  const protocol = readProtocol(record, path, issues);
  const toxics = readToxicList(record, path, issues);
  if (!issues.ok) throw badBody(issues.list);
  const at = options.at ? ` at ${options.at}` : '';
  if (!name) throw apiErrors.missingField(`name${at}`);
  if (!upstream) throw apiErrors.missingField(`upstream${at}`);
  checkAddress(listen || DEFAULT_LISTEN, childPath(path, 'listen'), issues);
  checkAddress(upstream, childPath(path, 'upstream'), issues, { upstream: true });
  if (!issues.ok) throw badBody(issues.list);
  return {
    name,
    listen: listen || DEFAULT_LISTEN,
    upstream,
    enabled: enabled ?? true,
    protocol: protocol ?? 'tcp',
    // Toxiproxy ignores `toxics` when creating one proxy; populate and config files declare them.
    toxics: options.withToxics ? toxics : undefined,
  };
}

/** What an update body (POST or PATCH /proxies/{name}) changes; absent fields keep their values. */
export interface ProxyChanges {
  readonly listen: string;
  readonly upstream: string;
  readonly enabled: boolean;
  readonly protocol: ProxyProtocol;
}

/** Reads an update body over the proxy's current fields, as Toxiproxy does. */
export function readProxyUpdate(body: unknown, current: ProxyChanges): ProxyChanges {
  const issues = new Issues();
  const record = asObject(body, '', issues);
  const listen = stringField(record, 'listen', '', issues);
  const upstream = stringField(record, 'upstream', '', issues);
  const enabled = booleanField(record, 'enabled', '', issues);
  const protocol = readProtocol(record, '', issues);
  if (!issues.ok) throw badBody(issues.list);
  const changes = {
    listen: listen || current.listen,
    upstream: upstream || current.upstream,
    enabled: enabled ?? current.enabled,
    protocol: protocol ?? current.protocol,
  };
  checkAddress(changes.listen, 'listen', issues);
  checkAddress(changes.upstream, 'upstream', issues, { upstream: true });
  if (!issues.ok) throw badBody(issues.list);
  return changes;
}

/** Reads a populate body (or a config file): a list of proxies, checked in full before any is applied. */
export function readPopulate(body: unknown): ProxySpec[] {
  if (!Array.isArray(body))
    throw apiErrors.badRequestBody(`expected a JSON array of proxies, got ${describe(body)}`);
  const specs = body.map((entry, i) =>
    readProxySpec(entry, { at: `proxy ${i + 1}`, path: `[${i}]`, withToxics: true }),
  );
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name))
      throw apiErrors.badRequestBody(`duplicate proxy name ${JSON.stringify(spec.name)}`);
    seen.add(spec.name);
  }
  return specs;
}

function asObject(body: unknown, path: string, issues: Issues): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  issues.add(path, `expected a JSON object, got ${describe(body)}`);
  return {};
}

function stringField(record: Record<string, unknown>, key: string, path: string, issues: Issues): string {
  const value = record[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  issues.add(childPath(path, key), `expected a string, got ${describe(value)}`);
  return '';
}

function booleanField(
  record: Record<string, unknown>,
  key: string,
  path: string,
  issues: Issues,
): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  issues.add(childPath(path, key), `expected true or false, got ${describe(value)}`);
  return undefined;
}

function readProtocol(
  record: Record<string, unknown>,
  path: string,
  issues: Issues,
): ProxyProtocol | undefined {
  const value = record['protocol'];
  if (value === undefined || value === null) return undefined;
  if (value === 'tcp' || value === 'http') return value;
  issues.add(childPath(path, 'protocol'), `expected "tcp" or "http", got ${describe(value)}`);
  return undefined;
}

function readToxicList(record: Record<string, unknown>, path: string, issues: Issues): unknown[] | undefined {
  const value = record['toxics'];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  issues.add(childPath(path, 'toxics'), `expected a list of toxics, got ${describe(value)}`);
  return undefined;
}

function checkAddress(
  text: string,
  path: string,
  issues: Issues,
  options: { upstream?: boolean } = {},
): void {
  const address = parseHostPort(text);
  if (!address) {
    issues.add(path, `expected an address like "127.0.0.1:6379", got ${describe(text)}`);
  } else if (options.upstream && (address.host === '' || address.port === 0)) {
    issues.add(path, `expected a host and a port from 1 to 65535, got ${describe(text)}`);
  }
}
