import type { Database as SqliteDatabase } from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
} from 'kysely';
import type { FileLock } from './file-lock.js';

/**
 * Kysely's SQLite dialect with three changes, each for correctness under concurrency:
 * - transactions start with BEGIN IMMEDIATE, taking the write lock up front. A deferred BEGIN
 *   that reads first and writes later can fail with SQLITE_BUSY_SNAPSHOT when another
 *   connection wrote in between, which busy_timeout cannot fix;
 * - transactions of this process on the same file queue on a {@link FileLock} first;
 * - migrations run in a transaction (SQLite's DDL is transactional), so a crash never leaves
 *   one half applied and two processes opening a new file apply each migration once.
 */
export function sqliteDialect(database: SqliteDatabase, lock: FileLock | undefined): Dialect {
  return {
    createDriver: () => new ImmediateSqliteDriver(database, lock),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new TransactionalDdlSqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
}

class ImmediateSqliteDriver extends SqliteDriver {
  private readonly database: SqliteDatabase;
  private readonly lock: FileLock | undefined;
  private release: (() => void) | undefined;

  constructor(database: SqliteDatabase, lock: FileLock | undefined) {
    super({ database });
    this.database = database;
    this.lock = lock;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // One connection per driver, and Kysely lends it to one transaction at a time, so a single
    // `release` slot is enough.
    if (this.lock) this.release = await this.lock.acquire();
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      this.unlock();
      throw error;
    }
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // When COMMIT fails Kysely rolls back next, and the rollback releases the lock.
    await connection.executeQuery(CompiledQuery.raw('commit'));
    this.unlock();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      // Some errors (a full disk) end the transaction inside SQLite; rolling back again would
      // hide the error that did it.
      if (this.database.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.unlock();
    }
  }

  private unlock(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
