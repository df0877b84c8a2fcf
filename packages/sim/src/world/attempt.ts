import {
  BULKHEAD_QUEUE,
  BULKHEAD_RUN,
  LIMIT_IGNORE,
  LIMIT_SAMPLE,
  RATE_LIMIT_REFUSED,
  type FailureCode,
} from '@faultline/core';
import { attemptEnded, type Call } from './call.js';
import type { CallEdge } from './call-edge.js';
import { ANSWERED_OK, callerCodeOf } from './outcome.js';
import type { Pooled } from './pool.js';
import type { Request } from './request.js';

/*
 * One attempt of a call, driven through the inner policies of its pipeline in DESIGN.md's order:
 * circuit breaker → rate limiter → timeout → concurrency limit → bulkhead → the request on the
 * network. Every decision is the kernel's; this file only moves the attempt between them and
 * hands each kernel the outcome, as core's async drivers do.
 *
 * An attempt never ends inside the function that started it: a refusal (open breaker, full
 * bulkhead, ...) is delivered by an event at the same simulated time, as the async driver's
 * rejected promise is delivered on a later microtask. So whoever starts an attempt can rely on
 * it still being there when the start returns.
 */

/** Passing the breaker and the rate limiter. */
export const STARTING = 0;
/** Waiting for a rate limiter permit (wait mode). */
export const AWAITING_PERMIT = 1;
/** Waiting in the bulkhead's queue, its timeout running. */
export const QUEUED = 2;
/** Sent: the request is on the network or at the callee (or lost in a partition). */
export const IN_FLIGHT = 3;
/** Refused by a policy; the refusal is delivered by an event now. */
export const REFUSING = 4;

export type AttemptState =
  typeof STARTING | typeof AWAITING_PERMIT | typeof QUEUED | typeof IN_FLIGHT | typeof REFUSING;

/** One attempt of a call. Pooled; `token` tells a stale response or timer from a current one. */
export class Attempt implements Pooled {
  token = 0;
  call!: Call;
  edge!: CallEdge;
  /** Its number within the call (core's `ExecuteContext.attempt`): above 1 for retries and hedges. */
  number = 1;
  state: AttemptState = STARTING;
  /** The breaker's permit (−1: none taken), and when it was granted: the breaker times from there. */
  permit = -1;
  breakerStart = 0;
  /** Events it owns, cancelled when it ends (−1: none): its bulkhead queue timeout, its refusal. */
  queueTimer = -1;
  refusalEvent = -1;
  /** The concurrency limit's in-flight count at admission (0: not admitted), and when. */
  limitInflight = 0;
  limitStart = 0;
  /** Whether it holds a bulkhead slot. */
  holdsSlot = false;
  /** Links in the queue it waits in. */
  previous: Attempt | undefined = undefined;
  next: Attempt | undefined = undefined;
  /** Why it was refused, while REFUSING. */
  refusal: FailureCode = 'rejected';
}

/** Starts attempt `number` of a call. */
export function startAttempt(call: Call, number: number): void {
  const edge = call.edge;
  const world = edge.world;
  const attempt = world.attempts.take();
  attempt.call = call;
  attempt.edge = edge;
  attempt.number = number;
  attempt.state = STARTING;
  attempt.permit = -1;
  attempt.queueTimer = -1;
  attempt.refusalEvent = -1;
  attempt.limitInflight = 0;
  attempt.holdsSlot = false;
  call.attempts.push(attempt);
  edge.attemptStarted(number);

  const breaker = edge.breaker;
  if (breaker !== undefined) {
    const permit = breaker.tryAcquire();
    if (permit < 0) return refuse(attempt, 'circuitOpen');
    attempt.permit = permit;
    attempt.breakerStart = world.simulation.now();
  }
  const limiter = edge.rateLimiter;
  if (limiter !== undefined) {
    const wait = limiter.tryAcquire(world.simulation.now());
    if (wait === RATE_LIMIT_REFUSED) return refuse(attempt, 'rejected');
    if (wait > 0) {
      attempt.state = AWAITING_PERMIT;
      edge.permitQueue.push(attempt);
      // One timer serves the head of the queue; a newcomer behind it needs none of its own.
      if (edge.permitTimer < 0) edge.permitTimer = world.simulation.schedule(wait, onPermitTimer, edge);
      return;
    }
  }
  pastRateLimiter(attempt);
}

/** From the timeout inward: the deadline starts here, so time queued in the bulkhead counts. */
function pastRateLimiter(attempt: Attempt): void {
  const edge = attempt.edge;
  const simulation = edge.world.simulation;
  attempt.state = STARTING;
  const timeout = edge.timeout;
  if (timeout !== undefined) edge.deadlines!.add(attempt, timeout.deadlineFor(simulation.now()));
  const limit = edge.concurrencyLimit;
  if (limit !== undefined) {
    const inflight = limit.tryAcquire();
    if (inflight === 0) return refuse(attempt, 'rejected');
    attempt.limitInflight = inflight;
    attempt.limitStart = simulation.now();
  }
  const bulkhead = edge.bulkhead;
  if (bulkhead !== undefined) {
    const admission = bulkhead.tryEnter();
    if (admission === BULKHEAD_QUEUE) {
      attempt.state = QUEUED;
      edge.bulkheadQueue.push(attempt);
      if (bulkhead.queueTimeout !== Infinity)
        attempt.queueTimer = simulation.schedule(bulkhead.queueTimeout, onQueueTimeout, attempt);
      return;
    }
    if (admission !== BULKHEAD_RUN) return refuse(attempt, 'rejected');
    attempt.holdsSlot = true;
  }
  send(attempt);
}

/** Puts the request on the network to the callee. */
function send(attempt: Attempt): void {
  const edge = attempt.edge;
  const world = edge.world;
  attempt.state = IN_FLIGHT;
  const request = world.requests.take();
  request.reset(edge.callee);
  request.edge = edge;
  request.attempt = attempt;
  request.attemptToken = attempt.token;
  world.network.sendRequest(request);
}

function refuse(attempt: Attempt, code: FailureCode): void {
  attempt.state = REFUSING;
  attempt.refusal = code;
  attempt.refusalEvent = attempt.edge.world.simulation.schedule(0, onRefused, attempt);
}

function onRefused(attempt: Attempt): void {
  attempt.refusalEvent = -1;
  settle(attempt, false, false, attempt.refusal);
}

/** The attempt's timeout deadline came (the edge's DeadlineQueue calls this only for a current attempt). */
export function attemptTimedOut(attempt: Attempt): void {
  // The caller stops waiting; a request already sent keeps the callee busy all the same.
  settle(attempt, false, false, 'timeout');
}

function onQueueTimeout(attempt: Attempt): void {
  attempt.queueTimer = -1;
  settle(attempt, false, false, 'rejected');
}

// The rate limiter's one timer: starts every waiting attempt whose permit has come, in order.
function onPermitTimer(edge: CallEdge): void {
  edge.permitTimer = -1;
  const kernel = edge.rateLimiter!;
  const simulation = edge.world.simulation;
  while (edge.permitQueue.size > 0) {
    const wait = kernel.takeQueued(simulation.now());
    if (wait > 0) {
      edge.permitTimer = simulation.schedule(wait, onPermitTimer, edge);
      return;
    }
    pastRateLimiter(edge.permitQueue.shift()!);
  }
}

/** The response to an attempt's request arrived; a stale one (the attempt timed out or was abandoned) is dropped. */
export function responseArrived(request: Request): void {
  const attempt = request.attempt!;
  if (attempt.token !== request.attemptToken || attempt.state !== IN_FLIGHT) return;
  const ok = request.outcome === ANSWERED_OK;
  settle(attempt, ok, ok && request.degraded, callerCodeOf(request.outcome));
}

/**
 * A request or response of this attempt was lost for good (a partition, total packet loss) and
 * the fault that lost it has ended. An attempt with a timeout goes on waiting for its deadline (no
 * answer will come); one without learns only now that its connection is dead, and fails
 * `unavailable`. Does nothing if the attempt ended meanwhile.
 */
export function lostAttemptGivenUp(attempt: Attempt, token: number): void {
  if (attempt.token !== token || attempt.state !== IN_FLIGHT || attempt.edge.timeout !== undefined) return;
  settle(attempt, false, false, 'unavailable');
}

/**
 * Abandons an attempt without an outcome: another hedged attempt answered first, or the request
 * it serves is gone (its instance crashed). The kernels hear what an aborted call tells them (the
 * breaker: ignored; the concurrency limit: no sample); a request already sent keeps its callee busy.
 */
export function abandonAttempt(attempt: Attempt): void {
  freePolicies(attempt, false, true, 'error');
  removeFromCall(attempt);
  attempt.edge.attemptEnded();
  attempt.edge.world.attempts.give(attempt);
}

/** Ends an attempt with its outcome: every kernel hears it, then the call decides what follows. */
function settle(attempt: Attempt, ok: boolean, degraded: boolean, code: FailureCode): void {
  const call = attempt.call;
  const edge = attempt.edge;
  freePolicies(attempt, ok, false, code);
  removeFromCall(attempt);
  edge.attemptEnded();
  if (ok) edge.metrics.recordOk();
  else edge.attemptFailed();
  edge.world.attempts.give(attempt);
  attemptEnded(call, ok, degraded, code);
}

// Gives back what the attempt holds in each policy, innermost first, and tells each kernel how it went.
function freePolicies(attempt: Attempt, ok: boolean, aborted: boolean, code: FailureCode): void {
  const edge = attempt.edge;
  const simulation = edge.world.simulation;
  // Its deadline, if any, goes stale by itself when the attempt returns to its pool.
  if (attempt.queueTimer >= 0) simulation.cancel(attempt.queueTimer);
  if (attempt.refusalEvent >= 0) simulation.cancel(attempt.refusalEvent);
  attempt.queueTimer = attempt.refusalEvent = -1;
  const state = attempt.state;
  if (state === QUEUED) {
    edge.bulkheadQueue.remove(attempt);
    edge.bulkhead!.leaveQueue();
  } else if (state === AWAITING_PERMIT) {
    edge.permitQueue.remove(attempt);
    edge.rateLimiter!.leaveQueue();
    if (edge.permitQueue.size === 0 && edge.permitTimer >= 0) {
      simulation.cancel(edge.permitTimer);
      edge.permitTimer = -1;
    }
  }
  if (attempt.holdsSlot) {
    attempt.holdsSlot = false;
    // The kernel may pass the slot straight to the head of the queue: it goes now.
    if (edge.bulkhead!.release()) {
      const next = edge.bulkheadQueue.shift()!;
      if (next.queueTimer >= 0) simulation.cancel(next.queueTimer);
      next.queueTimer = -1;
      next.holdsSlot = true;
      send(next);
    }
  }
  if (attempt.limitInflight > 0) {
    const outcome = aborted ? LIMIT_IGNORE : ok ? LIMIT_SAMPLE : edge.limitOutcomeOf(code);
    edge.concurrencyLimit!.release(attempt.limitStart, attempt.limitInflight, outcome, simulation.now());
    attempt.limitInflight = 0;
  }
  if (attempt.permit >= 0) {
    const breaker = edge.breaker!;
    const durationMs = simulation.now() - attempt.breakerStart;
    if (ok) breaker.onSuccess(attempt.permit, durationMs);
    else if (aborted || !edge.breakerCounts(code)) breaker.onIgnored(attempt.permit);
    else breaker.onFailure(attempt.permit, durationMs);
    attempt.permit = -1;
  }
}

function removeFromCall(attempt: Attempt): void {
  const attempts = attempt.call.attempts;
  const index = attempts.indexOf(attempt);
  const last = attempts.pop()!;
  if (last !== attempt) attempts[index] = last;
}
