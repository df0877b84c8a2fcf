import type { Random } from '@faultline/core';
import type { OpenWorkload } from '../model/index.js';
import type { RequestSender } from '../world/request.js';
import type { ServiceNode } from '../world/service.js';
import type { World } from '../world/world.js';
import { ArrivalClock } from './arrival-clock.js';

/**
 * An open-loop workload: requests arrive at the rate of its curve whether or not earlier ones
 * were answered. Poisson arrivals are a non-homogeneous Poisson process (time rescaling of the
 * curve); uniform ones are evenly spaced at the curve's rate, the first after one gap.
 */
export class OpenLoop implements RequestSender {
  private readonly clock: ArrivalClock;
  private readonly random: Random;
  private readonly poisson: boolean;
  private readonly target: ServiceNode;

  constructor(
    private readonly world: World,
    workload: OpenWorkload,
    index: number,
  ) {
    this.clock = new ArrivalClock(workload.curve, world.simulation.now());
    this.random = world.simulation.stream(`workload:${index}`);
    this.poisson = workload.arrivals === 'poisson';
    this.target = world.service(workload.target);
  }

  /** Schedules the first arrival. */
  start(): void {
    this.scheduleNext();
  }

  /** A response came back: an open loop sends regardless, so there is nothing to do. */
  onResponse(): void {}

  /** One request arrives now, and the next is scheduled. */
  arrive(): void {
    this.scheduleNext();
    const request = this.world.requests.take();
    request.reset(this.target);
    request.sender = this;
    this.target.receive(request);
  }

  private scheduleNext(): void {
    const step = this.poisson ? -Math.log(1 - this.random.next()) : 1;
    const at = this.clock.advance(step);
    if (at < Infinity) this.world.simulation.scheduleAt(at, arrive, this);
  }
}

function arrive(loop: OpenLoop): void {
  loop.arrive();
}
