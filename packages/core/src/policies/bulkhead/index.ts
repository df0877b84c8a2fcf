// Public exports of the bulkhead policy.
export { bulkhead, BulkheadPolicy } from './bulkhead.js';
export {
  BulkheadKernel,
  BULKHEAD_RUN,
  BULKHEAD_QUEUE,
  BULKHEAD_REJECT,
  type BulkheadAdmission,
} from './kernel.js';
export {
  resolveBulkheadOptions,
  DEFAULT_BULKHEAD_MAX_QUEUE,
  type BulkheadOptions,
  type ResolvedBulkheadOptions,
} from './options.js';
export {
  BULKHEAD_EVENTS,
  type BulkheadRejectReason,
  type BulkheadRejectedEvent,
  type BulkheadQueuedEvent,
} from './events.js';
export { BulkheadQueueTimeoutError } from './errors.js';
export { Waiter, WaiterQueue } from './waiter-queue.js';
