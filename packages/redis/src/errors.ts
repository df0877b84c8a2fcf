import { FaultlineError, type ConfigIssue } from '@faultline/core';

/**
 * The value stored under a breaker's key is not a snapshot this version can read (not JSON, or
 * not the shape of one). Nothing is adopted; the breaker goes on with its local state, and the
 * next state change anywhere overwrites the value.
 */
export class CorruptSnapshotError extends FaultlineError {
  /** The Redis key that holds the value. */
  readonly redisKey: string;
  /** What is wrong with it, each with its path inside the snapshot. */
  readonly issues: readonly ConfigIssue[];
  constructor(redisKey: string, issues: readonly ConfigIssue[]) {
    super(
      'corruptSnapshot',
      `Redis key ${redisKey} does not hold a circuit breaker snapshot: ` +
        issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') +
        ` (delete the key, or let the next state change overwrite it)`,
    );
    this.redisKey = redisKey;
    this.issues = issues;
  }
}
