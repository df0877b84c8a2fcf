import type { FailureCode, HedgeRace } from '@faultline/core';
import { abandonAttempt, startAttempt, type Attempt } from './attempt.js';
import type { CallEdge } from './call-edge.js';
import type { Pooled } from './pool.js';
import type { Request } from './request.js';

/*
 * One call a request makes on one edge: the outer policies of its pipeline, in DESIGN.md's
 * order: fallback → retry → hedge, around the attempts (attempt.ts). A retry waits as a scheduled
 * event; a hedge launches parallel attempts inside each try of the retry; the fallback turns the
 * final failure into a degraded success. Every decision is the kernel's.
 */

/** One call of a request on one edge. Pooled. It is its own hedge race (`launched`, `running`, `over`). */
export class Call implements Pooled, HedgeRace {
  token = 0;
  edge!: CallEdge;
  request!: Request;
  /** Which call of the request's current step it is. */
  branch = 0;
  /** The retry's attempt number (1 for the first try); a hedged attempt n of it runs as `attempt + n − 1`. */
  attempt = 1;
  /** The delay waited before the current try (0 before the first), for decorrelated jitter. */
  previousDelay = 0;
  retryTimer = -1;
  launched = 0;
  running = 0;
  over = false;
  hedgeTimer = -1;
  /** Its attempts not ended yet (more than one only while hedging). */
  readonly attempts: Attempt[] = [];
}

/** Starts call number `branch` of the request's current step, on `edge`. */
export function startCall(request: Request, edge: CallEdge, branch: number): Call {
  const call = edge.world.calls.take();
  call.edge = edge;
  call.request = request;
  call.branch = branch;
  call.attempt = 1;
  call.previousDelay = 0;
  call.retryTimer = -1;
  call.hedgeTimer = -1;
  edge.retry?.onFirstAttempt();
  startTry(call);
  return call;
}

// One try of the retry: a single attempt, or a hedged race of attempts.
function startTry(call: Call): void {
  const hedge = call.edge.hedge;
  if (hedge === undefined) return startAttempt(call, call.attempt);
  call.launched = call.running = 0;
  call.over = false;
  launchHedged(call);
}

function launchHedged(call: Call): void {
  const hedge = call.edge.hedge!;
  for (;;) {
    const n = hedge.launch(call);
    if (n === 0) return;
    const delay = hedge.nextDelay(call);
    startAttempt(call, call.attempt + n - 1);
    if (delay > 0) {
      if (delay < Infinity) call.hedgeTimer = call.edge.world.simulation.schedule(delay, onHedgeTimer, call);
      return;
    }
    // A delay of 0 starts the next attempt at once.
  }
}

function onHedgeTimer(call: Call): void {
  call.hedgeTimer = -1;
  launchHedged(call);
}

/** An attempt of the call ended with this outcome (attempt.ts calls this). */
export function attemptEnded(call: Call, ok: boolean, degraded: boolean, code: FailureCode): void {
  const hedge = call.edge.hedge;
  if (hedge === undefined) return tryEnded(call, ok, degraded, code);
  const decision = ok ? hedge.succeeded(call) : hedge.failed(call, code);
  if (decision === 'resolve' || decision === 'reject') {
    // The race has its answer: the attempts still running are abandoned.
    while (call.attempts.length > 0) abandonAttempt(call.attempts[call.attempts.length - 1]!);
    tryEnded(call, ok, degraded, code);
  } else if (decision === 'hedge') {
    cancelHedgeTimer(call);
    launchHedged(call);
  }
  // 'wait' and 'ignore': the attempts in flight or the next delay decide.
}

// A try ended: the retry decides whether another follows, after the delay it computes.
function tryEnded(call: Call, ok: boolean, degraded: boolean, code: FailureCode): void {
  cancelHedgeTimer(call);
  const retry = call.edge.retry;
  if (!ok && retry !== undefined && retry.decide(call.attempt, true, code) === 'retry') {
    const delay = retry.delayBefore(call.attempt + 1, call.previousDelay, true, code);
    call.previousDelay = delay;
    call.retryTimer = call.edge.world.simulation.schedule(delay, onRetryTimer, call);
    return;
  }
  callEnded(call, ok, degraded, code);
}

function onRetryTimer(call: Call): void {
  call.retryTimer = -1;
  call.attempt++;
  startTry(call);
}

// The call has its final outcome; the fallback answers a failure it handles, degraded.
function callEnded(call: Call, ok: boolean, degraded: boolean, code: FailureCode): void {
  const { edge, request, branch } = call;
  const fallback = edge.fallback;
  if (!ok && fallback !== undefined && fallback.handles(true, code)) {
    ok = true;
    degraded = true;
  }
  edge.world.calls.give(call);
  request.service.callEnded(request, branch, ok, degraded, code);
}

/** Abandons a call and its attempts without an outcome: its request failed or is gone. */
export function abandonCall(call: Call): void {
  const simulation = call.edge.world.simulation;
  if (call.retryTimer >= 0) simulation.cancel(call.retryTimer);
  cancelHedgeTimer(call);
  call.edge.hedge?.abandon(call);
  while (call.attempts.length > 0) abandonAttempt(call.attempts[call.attempts.length - 1]!);
  call.edge.world.calls.give(call);
}

function cancelHedgeTimer(call: Call): void {
  if (call.hedgeTimer < 0) return;
  call.edge.world.simulation.cancel(call.hedgeTimer);
  call.hedgeTimer = -1;
}
