import { BulkheadRejectedError } from '../../errors/index.js';

/**
 * A queued call waited the bulkhead's `queueTimeout` and no slot came. It is a
 * BulkheadRejectedError (code `rejected`), so callers and the run result count it the same way.
 */
export class BulkheadQueueTimeoutError extends BulkheadRejectedError {
  /** How long the call waited, in ms. */
  readonly queueTimeout: number;
  constructor(maxConcurrent: number, maxQueue: number, queueTimeout: number) {
    super(maxConcurrent, maxQueue);
    this.queueTimeout = queueTimeout;
    this.message =
      `Bulkhead queue timeout: waited ${queueTimeout}ms for one of ${maxConcurrent} slots; ` +
      'raise maxConcurrent or queueTimeout, or shed load earlier';
  }
}
