import type { Random } from '@faultline/core';
import { IN_FLIGHT, lostAttemptGivenUp, responseArrived, type Attempt } from './attempt.js';
import type { Request } from './request.js';
import type { ServiceNode } from './service.js';

/**
 * Attempts whose request or response a fault lost for good. The caller cannot know: it waits
 * for its timeout, and without one until the fault ends, when each still waiting fails
 * `unavailable` (the connection is found dead). Attempts with a timeout are not kept.
 */
export class LostAttempts {
  private attempts: Attempt[] = [];
  private tokens: number[] = [];

  /** Remembers an attempt whose message was lost (ignored if the attempt already ended). */
  add(attempt: Attempt, token: number): void {
    if (attempt.token !== token || attempt.state !== IN_FLIGHT || attempt.edge.timeout !== undefined) return;
    this.attempts.push(attempt);
    this.tokens.push(token);
  }

  /** The fault ended: every attempt still waiting on a lost message fails. */
  giveUp(): void {
    const { attempts, tokens } = this;
    this.attempts = [];
    this.tokens = [];
    for (let i = 0; i < attempts.length; i++) lostAttemptGivenUp(attempts[i]!, tokens[i]!);
  }
}

/** A partition: services in different groups cannot reach each other. */
export interface Cut {
  /** Group of each service by its id; −1 for a service in no group (it reaches everyone). */
  readonly groupOf: Int32Array;
  readonly lost: LostAttempts;
}

/** Packet loss on a link: each message is lost with `rate` and sent again `retransmitDelay` later. */
export interface Loss {
  readonly rate: number;
  readonly retransmitDelay: number;
  readonly random: Random;
  readonly lost: LostAttempts;
}

/** The network path between two services (both directions), where packet loss applies. */
export class Link {
  readonly losses: Loss[] = [];
}

/**
 * Delivers requests and responses between services: one-way latency on every message (drawn
 * from the edge's distribution), partitions (checked when a message is sent) and packet loss.
 * A request from the workload does not cross the network: it arrives at its target at once.
 */
export class Network {
  /** Partitions in force. */
  readonly cuts: Cut[] = [];
  private readonly links = new Map<string, Link>();

  /** The link between two services, made on first use: every call and fault between them shares it. */
  link(from: string, to: string): Link {
    const key = `${from}->${to}`;
    let link = this.links.get(key);
    if (link === undefined) {
      link = new Link();
      this.links.set(key, link);
    }
    return link;
  }

  /** Sends a request an attempt made; it arrives at its service after the edge's latency. */
  sendRequest(request: Request): void {
    const edge = request.edge!;
    const delay = this.transit(request, edge.caller, edge.callee);
    if (delay < 0) return;
    edge.world.simulation.schedule(delay, requestArrives, request);
  }

  /** Sends the response to whoever sent the request, over the way back (a workload's at once). */
  sendResponse(request: Request): void {
    const edge = request.edge;
    if (edge === undefined) return deliver(request);
    const transit = this.transit(request, edge.callee, edge.caller);
    if (transit < 0) return;
    edge.world.simulation.schedule(transit, responseArrives, request);
  }

  /** How long the message takes from one service to the other; −1 when it is lost for good (it is then released). */
  private transit(request: Request, from: ServiceNode, to: ServiceNode): number {
    const edge = request.edge!;
    for (const cut of this.cuts) {
      const a = cut.groupOf[from.id]!;
      const b = cut.groupOf[to.id]!;
      if (a >= 0 && b >= 0 && a !== b) return this.lose(request, cut.lost);
    }
    let delay = edge.latency();
    const losses = edge.link.losses;
    for (let i = 0; i < losses.length; i++) {
      const loss = losses[i]!;
      if (loss.rate >= 1) return this.lose(request, loss.lost);
      // Each loss costs one retransmission delay, and the retransmission may be lost again.
      while (loss.random.next() < loss.rate) delay += loss.retransmitDelay;
    }
    return delay;
  }

  private lose(request: Request, lost: LostAttempts): number {
    lost.add(request.attempt!, request.attemptToken);
    request.service.world.requests.give(request);
    return -1;
  }
}

function requestArrives(request: Request): void {
  request.service.receive(request);
}

function responseArrives(request: Request): void {
  deliver(request);
}

// Hands the response to the attempt or the workload that sent the request, then reuses the request.
function deliver(request: Request): void {
  if (request.attempt !== undefined) responseArrived(request);
  else request.sender?.onResponse(request);
  request.service.world.requests.give(request);
}
