import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, StoreUnavailableError, ValidationError } from './index.js';
import { describeEachBackend } from './test-support/backends.js';

describeEachBackend('openStore', (harness) => {
  it('applies migrations once, and finds the data again when reopened', async () => {
    const options = await harness.fresh();
    const logged: unknown[] = [];
    const logger = {
      info: (data: object, message: string) => logged.push({ data, message }),
      warn: () => {},
    };
    const store = await harness.open({ ...options, logger });
    expect(store.describe()).toMatchObject({ backend: harness.backend, migrations: ['0001-initial'] });
    expect(logged).toEqual([
      {
        data: { location: store.describe().location, migrations: ['0001-initial'] },
        message: 'store: applied migrations',
      },
    ]);
    const { id } = await store.designs.create({ document: { name: 'kept' }, actor: 'ann' });
    await store.close();
    const reopened = await harness.open({ ...options, logger });
    expect(logged).toHaveLength(1);
    expect(reopened.describe().migrations).toEqual(['0001-initial']);
    expect((await reopened.designs.get(id)).name).toBe('kept');
  });

  it('opens the same new database from several stores at once', async () => {
    const options = await harness.fresh();
    const stores = await Promise.all([harness.open(options), harness.open(options), harness.open(options)]);
    await stores[0]!.designs.create({ document: { name: 'one' }, actor: 'ann' });
    expect((await stores[2]!.designs.list()).total).toBe(1);
  });

  it('refuses a database migrated by a newer version', async () => {
    const options = await harness.fresh();
    await (await harness.open(options)).close();
    await harness.exec(options, `insert into faultline_migration (name, timestamp) values (?, ?)`, [
      '9999-from-the-future',
      new Date().toISOString(),
    ]);
    await expect(harness.open(options)).rejects.toThrow(
      /was migrated by a newer Faultline \(its migration 9999-from-the-future is unknown to this one\)/,
    );
  });

  it('closes once, and refuses calls after', async () => {
    const store = await harness.openFresh();
    await store.close();
    await store.close();
    await expect(store.designs.list()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('openStore', () => {
  const directory = mkdtempSync(join(tmpdir(), 'faultline-open-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('puts a SQLite file in WAL mode, creating its directory', async () => {
    const path = join(directory, 'nested', 'dir', 'f.db');
    const store = await openStore({ path });
    expect(store.describe()).toEqual({ backend: 'sqlite', location: path, migrations: ['0001-initial'] });
    await store.close();
    const raw = new BetterSqlite3(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('works in memory', async () => {
    const store = await openStore({ url: ':memory:' });
    expect(store.describe().location).toBe('memory');
    await store.designs.create({ document: { name: 'm' }, actor: 'ann' });
    expect((await store.designs.list()).total).toBe(1);
    await store.close();
  });

  it('says which PostgreSQL did not answer, without its password', async () => {
    const error = await openStore({ url: 'postgres://ann:s3cret@127.0.0.1:1/app' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(
      /^PostgreSQL at postgres:\/\/ann@127\.0\.0\.1:1\/app did not answer/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('says why a SQLite file cannot be opened', async () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, 'not a directory');
    const error = await openStore({ path: join(file, 'f.db') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/^Cannot open the SQLite database .*a-file\/f\.db: E[A-Z]+/);
  });

  it('refuses a file that is not a SQLite database', async () => {
    const file = join(directory, 'notes.txt');
    writeFileSync(file, 'x'.repeat(4096));
    const error = await openStore({ path: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(
      /^Cannot use .*notes\.txt as a SQLite database: file is not a database/,
    );
  });

  it('rejects bad options, naming each', async () => {
    const error = await openStore({
      url: ':memory:',
      limits: { documentBytes: 0, pages: 3 } as never,
      poolSize: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'limits.documentBytes', message: 'expected a whole number ≥ 1, got 0' },
      { path: 'limits.pages', message: expect.stringMatching(/^unknown limit \(known: documentBytes, /) },
      { path: 'poolSize', message: 'expected a whole number from 1 to 1000, got 0' },
    ]);
  });
});
