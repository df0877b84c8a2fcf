import { FaultlineError } from '@faultline/core';
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import { appendAudit } from './audit/append.js';
import type { AuditDraft } from './audit/types.js';
import { StoreUnavailableError } from './errors.js';
import type { StoreLimits } from './limits.js';
import type { Backend } from './location.js';
import type { Database } from './schema.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite/open.js';

/** What every repository of one store shares. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly backend: Backend;
  /** Where the data is, without secrets, for error messages. */
  readonly where: string;
  /** Wall-clock time in ms since the epoch. */
  readonly now: () => number;
  readonly limits: StoreLimits;
  readonly state: { closed: boolean };
}

/** What a write returns: its value, and the audit entries to append with it. */
export interface Mutation<T> {
  readonly value: T;
  readonly audit: readonly AuditDraft[];
}

/**
 * Runs `work` in one transaction and appends its audit entries as the last statements, so a
 * change and its audit entry are committed together or not at all. `at` is the time every row
 * of this change is stamped with.
 */
export async function write<T>(
  ctx: StoreContext,
  work: (trx: Transaction<Database>, at: number) => Promise<Mutation<T>>,
): Promise<T> {
  checkOpen(ctx);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const at = ctx.now();
      const { value, audit } = await work(trx, at);
      await appendAudit(trx, ctx.backend, at, audit);
      return value;
    });
  } catch (error) {
    throw storeErrorOf(error, ctx);
  }
}

/** Runs a read, turning a database that does not answer into a StoreUnavailableError. */
export async function read<T>(ctx: StoreContext, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  checkOpen(ctx);
  try {
    return await work(ctx.db);
  } catch (error) {
    throw storeErrorOf(error, ctx);
  }
}

/**
 * Locks the selected rows until the transaction ends (SELECT … FOR UPDATE) on PostgreSQL. SQLite
 * has no row locks and needs none: a write transaction there holds the database's only write lock.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  ctx: StoreContext,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return ctx.backend === 'postgres' ? query.forUpdate() : query;
}

/** Like {@link forUpdate}, but others may lock the rows for share too (FOR SHARE). */
export function forShare<DB, TB extends keyof DB, O>(
  ctx: StoreContext,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return ctx.backend === 'postgres' ? query.forShare() : query;
}

function checkOpen(ctx: StoreContext): void {
  if (ctx.state.closed) throw new StoreUnavailableError(`The store at ${ctx.where} is closed`);
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Our own errors pass through; a database that is away or locked becomes a StoreUnavailableError. */
export function storeErrorOf(error: unknown, ctx: { backend: Backend; where: string }): unknown {
  if (error instanceof FaultlineError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return new StoreUnavailableError(
      `The SQLite database ${ctx.where} stayed locked by another process for more than ` +
        `${SQLITE_BUSY_TIMEOUT_MS}ms; nothing was written, try again`,
      { cause: error },
    );
  }
  if (
    ctx.backend === 'postgres' &&
    ((typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
      /Connection terminated|timeout exceeded when trying to connect/i.test(error.message))
  ) {
    return new StoreUnavailableError(
      `PostgreSQL at ${ctx.where} did not answer (${error.message}); is the server running?`,
      { cause: error },
    );
  }
  return error;
}
