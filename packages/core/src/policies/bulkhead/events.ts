/** Event names of the bulkhead, as they appear in the catch-all `onEvent` channel. */
export const BULKHEAD_EVENTS = {
  rejected: 'rejected',
  queued: 'queued',
} as const;

/**
 * Why a bulkhead refused a call:
 * - `full`: every slot and every queue place was taken;
 * - `queueTimeout`: the call waited `queueTimeout` in the queue and no slot came.
 */
export type BulkheadRejectReason = 'full' | 'queueTimeout';

/** The bulkhead refused a call; it rejected with BulkheadRejectedError. */
export interface BulkheadRejectedEvent {
  readonly reason: BulkheadRejectReason;
  /** Calls running when it was refused. */
  readonly executing: number;
  /** Calls waiting when it was refused. */
  readonly queued: number;
  /** The attempt number the call ran with (from an outer retry or hedge; 1 otherwise). */
  readonly attempt: number;
}

/** Every slot was taken, so a call joined the queue. */
export interface BulkheadQueuedEvent {
  readonly executing: number;
  /** Calls waiting, this one included. */
  readonly queued: number;
  readonly attempt: number;
}
