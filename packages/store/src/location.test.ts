import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeLocation, redactUrl, resolveLocation } from './location.js';

describe('resolveLocation', () => {
  it('reads PostgreSQL urls, SQLite urls and paths', () => {
    expect(resolveLocation({ url: 'postgres://u:p@db:5432/app' })).toEqual({
      backend: 'postgres',
      url: 'postgres://u:p@db:5432/app',
      schema: undefined,
    });
    expect(resolveLocation({ url: 'postgresql://db/app', schema: 'studio' })).toMatchObject({
      schema: 'studio',
    });
    expect(resolveLocation({ url: 'sqlite:data/f.db' })).toEqual({
      backend: 'sqlite',
      path: resolve('data/f.db'),
    });
    expect(resolveLocation({ url: 'sqlite:///tmp/f.db' })).toEqual({ backend: 'sqlite', path: '/tmp/f.db' });
    expect(resolveLocation({ url: ':memory:' })).toEqual({ backend: 'sqlite', path: ':memory:' });
    expect(resolveLocation({ url: 'sqlite::memory:' })).toEqual({ backend: 'sqlite', path: ':memory:' });
    expect(resolveLocation({ url: './f.db' })).toEqual({ backend: 'sqlite', path: resolve('f.db') });
    expect(resolveLocation({ path: '/var/lib/faultline.db' })).toEqual({
      backend: 'sqlite',
      path: '/var/lib/faultline.db',
    });
    expect(resolveLocation({})).toEqual({ backend: 'sqlite', path: resolve('faultline.db') });
  });

  it('names what is wrong with the options', () => {
    expect(() => resolveLocation({ url: 'mysql://u:secret@db/app' })).toThrow(
      'url: expected postgres://…, sqlite:PATH, :memory: or a file path, got "mysql://u@db/app" (unsupported database)',
    );
    expect(() => resolveLocation({ url: 'a.db', path: 'b.db' })).toThrow(
      'path: give either url or path, not both',
    );
    expect(() => resolveLocation({ url: '' })).toThrow(/^url: expected a database url/);
    expect(() => resolveLocation({ path: 'f.db', schema: 'x' })).toThrow(
      'schema: a schema applies to PostgreSQL only',
    );
    expect(() => resolveLocation({ url: 'postgres://db/app', schema: 'x; drop' })).toThrow(
      /^schema: expected a PostgreSQL schema name/,
    );
  });
});

describe('describeLocation', () => {
  it('never shows a password', () => {
    const location = resolveLocation({
      url: 'postgres://ann:s3cret@db:5432/app?sslpassword=k3y',
      schema: 'studio',
    });
    expect(describeLocation(location)).toBe('postgres://ann@db:5432/app (schema studio)');
    expect(redactUrl('postgres://ann:s3cret@db/app')).toBe('postgres://ann@db/app');
    expect(describeLocation(resolveLocation({ url: ':memory:' }))).toBe('memory');
  });
});
