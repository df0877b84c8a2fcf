import type { FailureCode } from '@faultline/core';
import type { Attempt } from './attempt.js';
import type { Call } from './call.js';
import type { CallEdge } from './call-edge.js';
import type { Instance } from './instance.js';
import { ANSWERED_OK, type ResponseOutcome } from './outcome.js';
import type { Pooled } from './pool.js';
import type { ServiceNode } from './service.js';

/** Where a request stands: on the network, or waiting in the instance's queue. */
export const WAITING = 0;
/** A worker does the service's own work. */
export const WORKING = 1;
/** The worker waits for the calls of the current step. */
export const CALLING = 2;
/** Answered: the response is on its way back. */
export const ANSWERED = 3;
/** Done, but held (worker included) by a latency fault before it is answered. */
export const DELAYED = 4;

export type Phase = typeof WAITING | typeof WORKING | typeof CALLING | typeof ANSWERED | typeof DELAYED;

/** Who sent a request, and so who gets its response. */
export interface RequestSender {
  /**
   * Takes the response: `request.outcome` says how it went. Called once per request; the
   * request goes back to its pool right after, so keep nothing of it.
   */
  onResponse(request: Request): void;
}

/**
 * One request to one service, from the moment it is sent until its response is delivered: it
 * is the message on the network, the entry in the instance's queue, the work of a worker, and
 * the response on its way back. Pooled: the world reuses it once its response was delivered.
 */
export class Request implements Pooled {
  token = 0;
  service!: ServiceNode;
  instance: Instance | undefined = undefined;
  /** The call edge it travels on; undefined for a request from the workload (no network). */
  edge: CallEdge | undefined = undefined;
  /** The attempt that sent it (with its token then), when a caller sent it. */
  attempt: Attempt | undefined = undefined;
  attemptToken = 0;
  /** Who else sent it (a workload), when no attempt did. */
  sender: RequestSender | undefined = undefined;

  arrivedAt = 0;
  phase: Phase = WAITING;
  /** The next request in the instance's queue. */
  next: Request | undefined = undefined;
  /** Where it sits in its instance's `serving` list, while a worker holds it. */
  servingIndex = -1;

  /** Own work still to do (ms at full speed), since `workFrom`; the event that ends it (or a latency fault's delay). */
  workLeft = 0;
  workFrom = 0;
  workEvent = -1;

  /** The step of the service's calls being made, the calls of it still running, and those calls. */
  step = 0;
  pending = 0;
  readonly calls: (Call | undefined)[] = [];
  /** Whether a fallback answered one of its calls, here or further down. */
  degraded = false;

  /** How it was (or, while DELAYED, will be) answered, and, at the service that answered, under which code a failure counts. */
  outcome: ResponseOutcome = ANSWERED_OK;
  code: FailureCode = 'error';

  /** Clears what a previous use left, before the request is sent. */
  reset(service: ServiceNode): void {
    this.service = service;
    this.instance = undefined;
    this.edge = undefined;
    this.attempt = undefined;
    this.sender = undefined;
    this.phase = WAITING;
    this.next = undefined;
    this.servingIndex = -1;
    this.workEvent = -1;
    this.step = 0;
    this.pending = 0;
    this.degraded = false;
    this.outcome = ANSWERED_OK;
  }
}
