import { resolve } from 'node:path';
import { describe, Issues } from '@faultline/core';
import { failIfAny } from './input.js';

/** The file the embedded store uses when neither a url nor a path is given. */
export const DEFAULT_DATABASE_PATH = 'faultline.db';

/** Which database the store uses. */
export type Backend = 'sqlite' | 'postgres';

/** Where the data lives, once the options have been read. */
export type StoreLocation =
  | { readonly backend: 'sqlite'; readonly path: string }
  | { readonly backend: 'postgres'; readonly url: string; readonly schema: string | undefined };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads where to store data: `postgres://…` (or `postgresql://…`) is PostgreSQL; `sqlite:PATH`,
 * `:memory:` or a plain file path is SQLite; nothing at all is ./faultline.db.
 */
export function resolveLocation(options: { url?: unknown; path?: unknown; schema?: unknown }): StoreLocation {
  const issues = new Issues();
  const { url, path, schema } = options;
  if (url !== undefined && path !== undefined) {
    issues.add('path', 'give either url or path, not both');
  }
  if (schema !== undefined && (typeof schema !== 'string' || !SCHEMA_NAME.test(schema))) {
    issues.add('schema', `expected a PostgreSQL schema name (letters, digits, _), got ${describe(schema)}`);
  }
  let location: StoreLocation | undefined;
  if (url !== undefined) location = fromUrl(url, issues);
  else if (path !== undefined) location = fromPath(path, 'path', issues);
  else location = { backend: 'sqlite', path: resolve(DEFAULT_DATABASE_PATH) };
  if (location?.backend === 'postgres') location = { ...location, schema: schema as string | undefined };
  else if (schema !== undefined) issues.add('schema', 'a schema applies to PostgreSQL only');
  failIfAny(issues);
  return location!;
}

function fromUrl(url: unknown, issues: Issues): StoreLocation | undefined {
  if (typeof url !== 'string' || url.trim() === '') {
    issues.add(
      'url',
      `expected a database url like "postgres://user@host:5432/db" or "sqlite:faultline.db", got ${describe(url)}`,
    );
    return undefined;
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    try {
      new URL(url);
    } catch {
      issues.add(
        'url',
        `expected a valid PostgreSQL url like "postgres://user@host:5432/db", got ${describe(redactUrl(url))}`,
      );
      return undefined;
    }
    return { backend: 'postgres', url, schema: undefined };
  }
  if (/^sqlite:/i.test(url)) return fromPath(url.replace(/^sqlite:(\/\/)?/i, ''), 'url', issues);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    issues.add(
      'url',
      `expected postgres://…, sqlite:PATH, :memory: or a file path, got ${describe(redactUrl(url))} (unsupported database)`,
    );
    return undefined;
  }
  return fromPath(url, 'url', issues);
}

function fromPath(path: unknown, where: string, issues: Issues): StoreLocation | undefined {
  if (typeof path !== 'string' || path.trim() === '') {
    issues.add(where, `expected a SQLite file path like "faultline.db" or ":memory:", got ${describe(path)}`);
    return undefined;
  }
  return { backend: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

/** Says where the data is, for logs and `faultline status`: never a password. */
export function describeLocation(location: StoreLocation): string {
  if (location.backend === 'sqlite') return location.path === ':memory:' ? 'memory' : location.path;
  const where = redactUrl(location.url);
  return location.schema ? `${where} (schema ${location.schema})` : where;
}

/** The url without its password or query string (which can hold one too). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
