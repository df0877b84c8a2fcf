import type { AuditLog } from './audit/audit-log.js';
import type { DesignRepository } from './designs/types.js';
import type { InterruptedCounts, MarkInterrupted } from './interrupted.js';
import type { LiveSessionRepository } from './live/types.js';
import type { Backend } from './location.js';
import type { StoreLimits } from './limits.js';
import type { RunRepository } from './runs/types.js';

/** Which backend a store uses and where, without secrets: for logs and status pages. */
export interface StoreDescription {
  readonly backend: Backend;
  /** The SQLite file, "memory", or the PostgreSQL url without its password (and the schema). */
  readonly location: string;
  /** Migrations applied to this database, oldest first. */
  readonly migrations: readonly string[];
}

/**
 * Everything the Faultline studio keeps: versioned designs, runs, live sessions and the audit
 * log of every change. The same interface whichever database is behind it; every change is one
 * transaction that also appends its audit entry.
 */
export interface Store {
  readonly designs: DesignRepository;
  readonly runs: RunRepository;
  readonly live: LiveSessionRepository;
  readonly audit: AuditLog;
  /** The limits this store enforces. */
  readonly limits: StoreLimits;
  /** Marks runs and live sessions a previous process left unfinished as interrupted. Call once at startup. */
  markInterrupted(args?: MarkInterrupted): Promise<InterruptedCounts>;
  /** Which backend, and where. */
  describe(): StoreDescription;
  /** Closes the connections; calling it again does nothing. Calls after it fail with StoreUnavailableError. */
  close(): Promise<void>;
}
