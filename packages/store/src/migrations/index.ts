import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';

/**
 * Every migration, by name; Kysely's Migrator applies them in name order and records each in
 * `faultline_migration`. Add a new file per change (`0002-….ts`) and list it here; never edit
 * one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

/** The migrations, defined in code so the built package needs no files beside it. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Names of the tables where the Migrator keeps its records. */
export const MIGRATION_TABLE = 'faultline_migration';
export const MIGRATION_LOCK_TABLE = 'faultline_migration_lock';
