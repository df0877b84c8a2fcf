import pg from 'pg';
import type { StoreLogger } from '../logger.js';

/** Connections a store keeps to PostgreSQL when not told otherwise. */
export const DEFAULT_POOL_SIZE = 10;

const INT8_OID = 20;

/**
 * A pg Pool for the store. bigint columns (times in ms, audit seq, counts) come back as numbers,
 * not strings: every value the store keeps there is far below 2^53. When `schema` is given, every
 * connection works in it (search_path), which is how tests get a fresh database each.
 */
export function openPostgresPool(options: {
  url: string;
  schema: string | undefined;
  poolSize: number;
  logger: StoreLogger | undefined;
}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can break (the server restarted); without a listener that error would
  // end the process. The pool replaces the connection on next use.
  pool.on('error', (error) => {
    options.logger?.warn({ err: error }, 'store: an idle PostgreSQL connection failed; it will be replaced');
  });
  return pool;
}
