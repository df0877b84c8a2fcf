import type { FailureCode, Random } from '@faultline/core';
import { sampler, type Service } from '../model/index.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { abandonCall, startCall } from './call.js';
import { Instance } from './instance.js';
import { createLoadBalancer } from './load-balancers/create.js';
import type { LoadBalancer } from './load-balancers/load-balancer.js';
import { ANSWERED_ERROR, ANSWERED_OK, REFUSED, type ResponseOutcome } from './outcome.js';
import { ANSWERED, CALLING, DELAYED, WAITING, type Request } from './request.js';
import type { World } from './world.js';

/**
 * A service of the design as the world runs it: its instances behind a load balancer, and what a
 * worker does with a request: its own work (a draw from `latency`), then its calls step by step
 * (a parallel step waits for all of its calls), then the response (an error with probability
 * `errorRate`). The worker is held the whole time, so a slow callee keeps its callers' workers
 * busy: that is how failures cascade.
 */
export class ServiceNode {
  readonly name: string;
  readonly instances: Instance[] = [];
  readonly metrics: ServiceMetrics;
  private readonly balancer: LoadBalancer;
  private readonly drawWork: () => number;
  private readonly errorRandom: Random;
  private readonly errorRate: number;

  constructor(
    readonly world: World,
    /** Index among the design's services. */
    readonly id: number,
    readonly design: Service,
  ) {
    const simulation = world.simulation;
    this.name = design.name;
    this.metrics = world.metrics.service(design.name, { workers: design.instances * design.workers });
    this.balancer = createLoadBalancer(design.loadBalancer, simulation.stream(`balancer:${design.name}`));
    this.drawWork = sampler(design.latency, simulation.stream(`latency:${design.name}`));
    this.errorRandom = simulation.stream(`errors:${design.name}`);
    this.errorRate = design.errorRate;
    const workDone = (request: Request): void => this.workDone(request);
    for (let index = 0; index < design.instances; index++)
      this.instances.push(
        new Instance(index, design.workers, design.queueLimit, simulation, this.metrics, workDone),
      );
  }

  /**
   * A request arrives: its instance is chosen by the load balancer; a worker takes it, or it
   * waits in the instance's queue, or it is turned away at once (the instance is down or refuses
   * the connection: `unavailable`; its queue is full: `rejected`).
   */
  receive(request: Request): void {
    const now = this.world.simulation.now();
    this.metrics.recordArrival();
    request.arrivedAt = now;
    request.phase = WAITING;
    const instance = this.balancer.pick(this.instances);
    request.instance = instance;
    if (!instance.up || !instance.acceptsConnection) return this.answer(request, REFUSED, 'unavailable');
    if (instance.queued === 0 && instance.idleWorkers > 0) instance.startWork(request, this.drawWork());
    else if (instance.queued < instance.queueLimit) instance.enqueue(request);
    else this.answer(request, REFUSED, 'rejected');
  }

  /** The call on branch `branch` of the request's current step ended (call.ts calls this). */
  callEnded(request: Request, branch: number, ok: boolean, degraded: boolean, code: FailureCode): void {
    request.calls[branch] = undefined;
    request.pending--;
    if (!ok) {
      // A parallel step fails with its first failed call; its other calls are abandoned.
      this.abandonCalls(request);
      return this.fail(request, code);
    }
    if (degraded) request.degraded = true;
    if (request.pending === 0) {
      request.step++;
      this.makeCalls(request);
    }
  }

  /** Takes an instance down (a crash): every request it holds or queues fails `unavailable` at once. */
  takeDown(instance: Instance): void {
    instance.downs++;
    if (instance.downs > 1) return;
    for (const request of instance.drainQueue()) this.answer(request, REFUSED, 'unavailable');
    while (instance.serving.length > 0) {
      const request = instance.serving[instance.serving.length - 1]!;
      if (request.workEvent >= 0) this.world.simulation.cancel(request.workEvent);
      request.workEvent = -1;
      this.abandonCalls(request);
      instance.release(request);
      this.answer(request, REFUSED, 'unavailable');
    }
  }

  /** Brings an instance back up, empty, once no crash holds it down. */
  bringUp(instance: Instance): void {
    if (instance.downs > 0) instance.downs--;
  }

  /** Starts queued requests while the instance has idle workers (after a worker was freed or given back). */
  startWaiting(instance: Instance): void {
    while (instance.up && instance.idleWorkers > 0) {
      const request = instance.dequeue();
      if (request === undefined) return;
      instance.startWork(request, this.drawWork());
    }
  }

  private workDone(request: Request): void {
    request.workEvent = -1;
    request.phase = CALLING;
    request.step = 0;
    this.makeCalls(request);
  }

  // Starts the calls of the request's current step, or answers when no step is left.
  private makeCalls(request: Request): void {
    const steps = request.instance!.steps;
    if (request.step >= steps.length) return this.succeed(request);
    const edges = steps[request.step]!;
    request.pending = edges.length;
    for (let branch = 0; branch < edges.length; branch++)
      request.calls[branch] = startCall(request, edges[branch]!, branch);
  }

  // Every call succeeded: the service may still fail the request itself.
  private succeed(request: Request): void {
    const instance = request.instance!;
    const own = this.errorRate;
    const extra = instance.extraErrorRate;
    if (own > 0 || extra > 0) {
      const rate = extra === 0 ? own : 1 - (1 - own) * (1 - extra);
      if (this.errorRandom.next() < rate) return this.fail(request, 'error');
    }
    this.finish(request, ANSWERED_OK, 'error');
  }

  private fail(request: Request, code: FailureCode): void {
    this.finish(request, ANSWERED_ERROR, code);
  }

  /**
   * The worker answers and takes the next queued request. Under a latency fault it first holds
   * the request (and its worker) for the fault's delay, as a slow disk or a contended lock would:
   * the delay counts in this service's latency, and fills its queue like any slow work.
   */
  private finish(request: Request, outcome: ResponseOutcome, code: FailureCode): void {
    const delays = request.instance!.responseDelays;
    if (delays.length > 0) {
      let delay = 0;
      for (let i = 0; i < delays.length; i++) delay += delays[i]!();
      if (delay > 0) {
        request.phase = DELAYED;
        request.outcome = outcome;
        request.code = code;
        // A crash meanwhile cancels it as it cancels own work.
        request.workEvent = this.world.simulation.schedule(delay, delayOver, request);
        return;
      }
    }
    this.respond(request, outcome, code);
  }

  /** A latency fault's delay on a request is over: it is answered as it was going to be. */
  delayOver(request: Request): void {
    request.workEvent = -1;
    this.respond(request, request.outcome, request.code);
  }

  private respond(request: Request, outcome: ResponseOutcome, code: FailureCode): void {
    const instance = request.instance!;
    instance.release(request);
    this.answer(request, outcome, code);
    this.startWaiting(instance);
  }

  private abandonCalls(request: Request): void {
    const calls = request.calls;
    for (let branch = 0; branch < calls.length; branch++) {
      const call = calls[branch];
      if (call === undefined) continue;
      calls[branch] = undefined;
      abandonCall(call);
    }
    request.pending = 0;
  }

  // Counts the response here, then sends it.
  private answer(request: Request, outcome: ResponseOutcome, code: FailureCode): void {
    const now = this.world.simulation.now();
    const latency = now - request.arrivedAt;
    request.phase = ANSWERED;
    request.outcome = outcome;
    request.code = code;
    if (outcome === ANSWERED_OK) {
      if (request.degraded) this.metrics.recordDegraded(now, latency);
      else this.metrics.recordOk(now, latency);
    } else {
      this.metrics.recordFailure(now, latency, code);
    }
    this.world.network.sendResponse(request);
  }
}

function delayOver(request: Request): void {
  request.service.delayOver(request);
}
