import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, describe } from 'vitest';
import { openStore, type Backend, type OpenStoreOptions, type Store } from '../index.js';

/**
 * Runs one suite against every backend: SQLite always, PostgreSQL on the machine's server.
 * Each `fresh()` is a brand-new database: a new SQLite file, or a new PostgreSQL schema
 * (faultline_test_<random>) dropped after the file's tests, so test files never see each other.
 *
 * When PostgreSQL does not answer, its suite fails (CI guarantees a server) unless
 * FAULTLINE_SKIP_POSTGRES=1 is set.
 */

export const POSTGRES_TEST_URL =
  process.env.FAULTLINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const BACKENDS: readonly Backend[] =
  process.env.FAULTLINE_SKIP_POSTGRES === '1' ? ['sqlite'] : ['sqlite', 'postgres'];

/** What a test gets to work with one backend. */
export interface Harness {
  readonly backend: Backend;
  /** Options that open a brand-new, empty database. */
  fresh(): Promise<OpenStoreOptions>;
  /** Opens a store on `options` (with a stepping clock), closed again after the test. */
  open(options: OpenStoreOptions): Promise<Store>;
  /** `open(await fresh())`. */
  openFresh(extra?: Partial<OpenStoreOptions>): Promise<Store>;
  /** Runs SQL on the database of `options` behind the store's back (to tamper with it). */
  exec(options: OpenStoreOptions, statement: string, parameters?: readonly unknown[]): Promise<void>;
}

/** Declares `body` once per backend, each in its own describe block named after it. */
export function describeEachBackend(title: string, body: (harness: Harness) => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} [${backend}]`, () => {
      const harness = backend === 'sqlite' ? new SqliteHarness() : new PostgresHarness();
      afterEach(() => harness.closeStores());
      afterAll(() => harness.cleanup());
      body(harness);
    });
  }
}

/** A clock that moves 1 ms per reading from a fixed start, so orderings by time are deterministic. */
export function steppingClock(start = Date.UTC(2025, 0, 1)): () => number {
  let now = start;
  return () => now++;
}

abstract class BaseHarness implements Harness {
  abstract readonly backend: Backend;
  private readonly stores: Store[] = [];

  abstract fresh(): Promise<OpenStoreOptions>;
  abstract exec(options: OpenStoreOptions, statement: string, parameters?: readonly unknown[]): Promise<void>;
  abstract cleanup(): Promise<void>;

  async open(options: OpenStoreOptions): Promise<Store> {
    const store = await openStore({ now: steppingClock(), ...options });
    this.stores.push(store);
    return store;
  }

  async openFresh(extra: Partial<OpenStoreOptions> = {}): Promise<Store> {
    return this.open({ ...(await this.fresh()), ...extra });
  }

  async closeStores(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((store) => store.close()));
  }
}

class SqliteHarness extends BaseHarness {
  readonly backend = 'sqlite' as const;
  private readonly directory = mkdtempSync(join(tmpdir(), 'faultline-store-'));
  private files = 0;

  async fresh(): Promise<OpenStoreOptions> {
    this.files += 1;
    return { path: join(this.directory, `store-${this.files}.db`) };
  }

  async exec(
    options: OpenStoreOptions,
    statement: string,
    parameters: readonly unknown[] = [],
  ): Promise<void> {
    const database = new BetterSqlite3(options.path!);
    try {
      database.prepare(statement).run(...parameters);
    } finally {
      database.close();
    }
  }

  async cleanup(): Promise<void> {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

class PostgresHarness extends BaseHarness {
  readonly backend = 'postgres' as const;
  private admin: Promise<pg.Client> | undefined;
  private readonly schemas: string[] = [];

  async fresh(): Promise<OpenStoreOptions> {
    const client = await this.connect();
    const schema = `faultline_test_${randomBytes(6).toString('hex')}`;
    await client.query(`create schema ${schema}`);
    this.schemas.push(schema);
    // Several connections, so that concurrent calls truly run concurrently.
    return { url: POSTGRES_TEST_URL, schema, poolSize: 8 };
  }

  async exec(
    options: OpenStoreOptions,
    statement: string,
    parameters: readonly unknown[] = [],
  ): Promise<void> {
    const client = await this.connect();
    await client.query('begin');
    try {
      await client.query(`set local search_path to ${options.schema!}`);
      // pg numbers its parameters $1, $2; the tests write them as SQLite's ?.
      let n = 0;
      await client.query(
        statement.replace(/\?/g, () => `$${++n}`),
        [...parameters],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  }

  async cleanup(): Promise<void> {
    if (!this.admin) return;
    const client = await this.admin.catch(() => undefined);
    if (!client) return;
    for (const schema of this.schemas.splice(0))
      await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }

  private connect(): Promise<pg.Client> {
    this.admin ??= (async () => {
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 5000 });
      try {
        await client.connect();
      } catch (error) {
        throw new Error(
          `PostgreSQL at ${POSTGRES_TEST_URL} did not answer (${(error as Error).message || String(error)}). ` +
            'The store suite runs against it: start it (CI does), or set FAULTLINE_SKIP_POSTGRES=1 to run SQLite only.',
          { cause: error },
        );
      }
      return client;
    })();
    return this.admin;
  }
}
