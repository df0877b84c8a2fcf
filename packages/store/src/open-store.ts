import { describe, Issues } from '@faultline/core';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { auditLog } from './audit/audit-log.js';
import { storeErrorOf, type StoreContext } from './context.js';
import { designRepository } from './designs/designs.js';
import { StoreUnavailableError } from './errors.js';
import { failIfAny } from './input.js';
import { markInterrupted } from './interrupted.js';
import { DEFAULT_LIMITS, type StoreLimits } from './limits.js';
import { liveSessionRepository } from './live/live-sessions.js';
import { describeLocation, resolveLocation, type StoreLocation } from './location.js';
import type { StoreLogger } from './logger.js';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrationProvider } from './migrations/index.js';
import { DEFAULT_POOL_SIZE, openPostgresPool } from './postgres/open.js';
import { runRepository } from './runs/runs.js';
import type { Database } from './schema.js';
import { sqliteDialect } from './sqlite/dialect.js';
import { fileLock } from './sqlite/file-lock.js';
import { openSqliteFile } from './sqlite/open.js';
import type { Store } from './store.js';

/** Where and how to open a store. */
export interface OpenStoreOptions {
  /**
   * `postgres://user:password@host:5432/db` (PostgreSQL), `sqlite:PATH`, `:memory:` or a file
   * path (SQLite). The server passes FAULTLINE_DATABASE_URL here.
   */
  readonly url?: string;
  /** A SQLite file (the server's --db PATH). Neither url nor path: ./faultline.db. */
  readonly path?: string;
  /** PostgreSQL only: the schema to keep the tables in (created if missing). Default: the search_path's. */
  readonly schema?: string;
  /** PostgreSQL only: connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<StoreLimits>;
  /** Where to report applied migrations and background errors. */
  readonly logger?: StoreLogger;
  /** Wall-clock time, ms since the epoch, for timestamps (default Date.now); tests pass their own. */
  readonly now?: () => number;
}

/**
 * Opens the store: connects, applies pending migrations, and returns it ready. Fails with a
 * StoreUnavailableError naming the place when the database cannot be opened or migrated.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = resolveLocation(options);
  const { limits, poolSize, now } = readOptions(options);
  const where = describeLocation(location);
  const db = openDatabase(location, poolSize, options.logger);
  let migrations: string[];
  try {
    migrations = await migrate(db, location, where, options.logger);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeErrorOf(error, { backend: location.backend, where });
  }
  const ctx: StoreContext = { db, backend: location.backend, where, now, limits, state: { closed: false } };
  return {
    designs: designRepository(ctx),
    runs: runRepository(ctx),
    live: liveSessionRepository(ctx),
    audit: auditLog(ctx),
    limits,
    markInterrupted: (args) => markInterrupted(ctx, args),
    describe: () => ({ backend: location.backend, location: where, migrations }),
    async close() {
      if (ctx.state.closed) return;
      ctx.state.closed = true;
      await db.destroy();
    },
  };
}

function readOptions(options: OpenStoreOptions): {
  limits: StoreLimits;
  poolSize: number;
  now: () => number;
} {
  const issues = new Issues();
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {})) {
    if (!(key in DEFAULT_LIMITS)) {
      issues.add(`limits.${key}`, `unknown limit (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    } else if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      issues.add(`limits.${key}`, `expected a whole number ≥ 1, got ${describe(value)}`);
    } else {
      limits[key] = value;
    }
  }
  const poolSize = options.poolSize ?? DEFAULT_POOL_SIZE;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    issues.add('poolSize', `expected a whole number from 1 to 1000, got ${describe(poolSize)}`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    issues.add('now', `expected a function returning ms since the epoch, got ${describe(options.now)}`);
  }
  failIfAny(issues);
  return { limits: Object.freeze(limits) as unknown as StoreLimits, poolSize, now: options.now ?? Date.now };
}

function openDatabase(
  location: StoreLocation,
  poolSize: number,
  logger: StoreLogger | undefined,
): Kysely<Database> {
  if (location.backend === 'sqlite') {
    const file = openSqliteFile(location.path);
    const lock = location.path === ':memory:' ? undefined : fileLock(location.path);
    return new Kysely<Database>({ dialect: sqliteDialect(file, lock) });
  }
  const pool = openPostgresPool({ url: location.url, schema: location.schema, poolSize, logger });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies pending migrations and returns the names of all applied ones. */
async function migrate(
  db: Kysely<Database>,
  location: StoreLocation,
  where: string,
  logger: StoreLogger | undefined,
): Promise<string[]> {
  let schema: string | undefined;
  if (location.backend === 'postgres') schema = await prepareSchema(db, location.schema, where);
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Kysely looks for its tables in every schema unless told which one; with several stores in
    // one PostgreSQL database (tests, or teams), it must look in ours only.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const unknown = /previously executed migration (\S+) is missing/.exec(String((error as Error).message));
    if (unknown) {
      throw new StoreUnavailableError(
        `The database at ${where} was migrated by a newer Faultline (its migration ${unknown[1]} is ` +
          'unknown to this one): upgrade Faultline, or use another database',
        { cause: error },
      );
    }
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new StoreUnavailableError(
      `Cannot migrate the database at ${where}` +
        `${failed ? ` (migration ${failed} failed and was rolled back)` : ''}: ${(error as Error).message ?? String(error)}`,
      { cause: error },
    );
  }
  const applied = results
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
  if (applied.length > 0) logger?.info({ location: where, migrations: applied }, 'store: applied migrations');
  const all = await migrator.getMigrations();
  return all.filter((migration) => migration.executedAt !== undefined).map((migration) => migration.name);
}

/** Creates the configured schema if needed and returns the one tables go to. */
async function prepareSchema(
  db: Kysely<Database>,
  schema: string | undefined,
  where: string,
): Promise<string> {
  if (schema !== undefined) {
    // Checked first, so a user without CREATE rights can use a schema made for it.
    const { rows: found } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (found.length > 0) return schema;
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    } catch (error) {
      // Two stores creating the same schema at once: the loser sees a duplicate; the schema is there.
      if ((error as { code?: unknown }).code !== '23505') throw error;
    }
    return schema;
  }
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const current = rows[0]?.schema;
  if (!current) {
    throw new StoreUnavailableError(
      `PostgreSQL at ${where} has no schema to create tables in: set the user's search_path, or give a schema`,
    );
  }
  return current;
}
