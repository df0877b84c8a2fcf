import type { FailureCode } from '@faultline/core';

/*
 * How a response comes back to the caller that sent the request. The service that answers
 * counts its own outcome under its own failure code; the caller sees only one of these three
 * and counts its call under the code that follows from it (`callerCodeOf`).
 */

/** The request was served successfully (perhaps degraded: a fallback answered somewhere below). */
export const ANSWERED_OK = 0;
/**
 * The instance refused it at the door, without working on it: it was down, refused the
 * connection, or its queue was full. The caller's call fails `unavailable`.
 */
export const REFUSED = 1;
/** The service worked on it and answered with an error. The caller's call fails `error`. */
export const ANSWERED_ERROR = 2;

export type ResponseOutcome = typeof ANSWERED_OK | typeof REFUSED | typeof ANSWERED_ERROR;

/** The failure code a caller's call gets for a failed response. */
export function callerCodeOf(outcome: ResponseOutcome): FailureCode {
  return outcome === REFUSED ? 'unavailable' : 'error';
}
