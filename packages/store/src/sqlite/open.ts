import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/** How long a write waits for another process's write lock before giving up (SQLite busy_timeout). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating when missing) a SQLite database file and sets it up the way the store relies on:
 * - WAL, so readers never wait for the writer and a killed process loses no committed write;
 * - synchronous=NORMAL, which in WAL mode is durable against a crashed process (the case that
 *   matters for a server) and keeps commits fast; only a power cut can lose the last commits,
 *   never corrupt the file;
 * - foreign keys on (SQLite leaves them off by default);
 * - busy_timeout, so a write waits for another process's write instead of failing at once.
 */
export function openSqliteFile(path: string): BetterSqlite3.Database {
  let database: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    database = new BetterSqlite3(path);
  } catch (error) {
    throw new StoreUnavailableError(
      `Cannot open the SQLite database ${path}: ${(error as Error).message}. ` +
        'Check that the directory is writable, or choose another file with --db PATH',
      { cause: error },
    );
  }
  try {
    if (path !== ':memory:') database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (error) {
    database.close();
    throw new StoreUnavailableError(`Cannot use ${path} as a SQLite database: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return database;
}
