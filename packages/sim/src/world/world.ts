import type { CircuitTransition } from '@faultline/core';
import { Simulation } from '../engine/index.js';
import { FaultInjector } from '../faults/injector.js';
import { RunMetrics } from '../metrics/index.js';
import type { Call as DesignCall, Design } from '../model/index.js';
import type { BreakerTransition, RunResult } from '../result.js';
import { startWorkloads } from '../workload/start.js';
import { Attempt } from './attempt.js';
import { Call } from './call.js';
import { sampler } from '../model/index.js';
import { CallEdge, type CallRoute } from './call-edge.js';
import { Network } from './network.js';
import { Pool } from './pool.js';
import { Request } from './request.js';
import { ServiceNode } from './service.js';

/** How many breaker transitions the world keeps for a live view (the run result keeps all). */
const RECENT_TRANSITIONS = 100;

/**
 * A design brought to life on a simulation: its services and their instances, the call edges
 * with their policies, the network, the workload and the faults, all measured by one RunMetrics.
 * `simulate()` and live sessions are thin drivers over it.
 */
export class World {
  readonly simulation: Simulation;
  readonly metrics = new RunMetrics();
  readonly network = new Network();
  /** Per-request objects, reused: memory follows what is in flight, never the traffic so far. */
  readonly requests = new Pool(() => new Request());
  readonly calls = new Pool(() => new Call());
  readonly attempts = new Pool(() => new Attempt());
  /** In the design's order. */
  readonly services: ServiceNode[] = [];
  /**
   * Every call of the design as each instance of its caller runs it: service by service, then
   * instance by instance, then in the design's order.
   */
  readonly edges: CallEdge[] = [];
  readonly faults: FaultInjector;
  /** The last breaker transitions (at most 100), oldest first, and how many there were in all. */
  readonly recentTransitions: BreakerTransition[] = [];
  transitionCount = 0;
  private readonly byName = new Map<string, ServiceNode>();
  private started = false;

  constructor(
    readonly design: Design,
    /** The run's seed (the design's unless overridden). */
    readonly seed: number,
  ) {
    this.simulation = new Simulation({ seed });
    for (const service of Object.values(design.services)) {
      const node = new ServiceNode(this, this.services.length, service);
      this.services.push(node);
      this.byName.set(node.name, node);
    }
    const onBreakerChange = (edge: CallEdge, transition: CircuitTransition): void =>
      this.breakerChanged(edge, transition);
    for (const node of this.services) {
      const routes = node.design.steps.map((step) =>
        (step.kind === 'call' ? [step.call] : step.calls).map((call) => this.route(node, call)),
      );
      // One pipeline per calling instance and call, as each process has its own client.
      for (const instance of node.instances) {
        instance.steps = routes.map((step) =>
          step.map((route) => {
            const edge = new CallEdge(this, route, instance, onBreakerChange);
            this.edges.push(edge);
            return edge;
          }),
        );
      }
    }
    this.faults = new FaultInjector(this);
  }

  /** The service called `name`; throws for a name the design does not have. */
  service(name: string): ServiceNode {
    const service = this.byName.get(name);
    if (service === undefined) throw new Error(`world: the design has no service named "${name}"`);
    return service;
  }

  private route(caller: ServiceNode, call: DesignCall): CallRoute {
    const callee = this.service(call.to);
    return {
      caller,
      callee,
      call,
      latency: sampler(call.latency, this.simulation.stream(`network:${call.path}`)),
      link: this.network.link(caller.name, callee.name),
    };
  }

  /** Starts the workloads and schedules the design's faults; once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    startWorkloads(this, this.design.workload);
    this.faults.scheduleDesignFaults(this.design.faults);
  }

  /** The run result up to now. Changes nothing: the run can go on, and be asked again later. */
  result(wallMs: number): RunResult {
    const now = this.simulation.now();
    for (const service of this.services) for (const instance of service.instances) instance.flushBusy(now);
    const result = this.metrics.toResult({
      design: this.design.name,
      seed: this.seed,
      simulatedMs: now,
      events: this.simulation.events,
      wallMs,
    });
    // The faults so far, from the injector: recorded in the metrics, a second result would list them twice.
    result.faults.push(...this.faults.log(now));
    return result;
  }

  private breakerChanged(edge: CallEdge, transition: CircuitTransition): void {
    const logged: BreakerTransition = {
      t: transition.time,
      edge: edge.key,
      state: transition.to,
      instance: edge.instance.index,
    };
    this.metrics.recordBreakerTransition(logged);
    this.recentTransitions.push(logged);
    this.transitionCount++;
    if (this.recentTransitions.length > RECENT_TRANSITIONS) this.recentTransitions.shift();
  }
}
