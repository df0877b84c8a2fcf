import type { Simulation } from '../engine/index.js';
import type { ServiceMetrics } from '../metrics/index.js';
import type { CallEdge } from './call-edge.js';
import { WORKING, type Request } from './request.js';

/** What a worker does when a request's own work is done. */
export type WorkDoneHandler = (request: Request) => void;

/**
 * One instance of a service: its workers, the FIFO queue in front of them, and the state faults
 * put it in (down, workers or connections held, CPU taken, paused, erring, slow to answer).
 *
 * It keeps the time integrals a run reports: busy worker time (for `utilization`) and the number
 * of requests it holds (in service or queued: Little's L).
 */
export class Instance {
  /** Workers serving a request now. */
  busy = 0;
  /** Requests waiting in the queue now. */
  queued = 0;
  /** Requests a worker holds (own work or waiting on calls), each at its `servingIndex`. */
  readonly serving: Request[] = [];

  /** Active faults that keep it down (crashes, out-of-memory restarts). */
  downs = 0;
  /** Workers held by exhaustion faults: they serve nothing. */
  heldWorkers = 0;
  /** Share of its connections held by exhaustion faults, 0 to 1. */
  heldConnections = 0;
  /** Shares of the CPU taken by active CPU faults; own work runs at Π(1 − share) of full speed. */
  readonly cpuTaken: number[] = [];
  /** How fast own work progresses, from `cpuTaken`: 1 is full speed. */
  cpuSpeed = 1;
  /** Active stop-the-world pauses (memory pressure): own work does not progress during one. */
  pauses = 0;
  /** Error rates of active error faults. */
  readonly errorRates: number[] = [];
  /** The extra probability of an error they add: 1 − Π(1 − rate). */
  extraErrorRate = 0;
  /** Draws of extra response delay, one per active latency fault. */
  readonly responseDelays: (() => number)[] = [];

  /** Its calls, step by step, each with this instance's own pipeline; set once every service exists. */
  steps: (readonly CallEdge[])[] = [];

  /** Time integral of requests held (serving or queued), in request·ms: Little's L times time. */
  heldArea = 0;
  /** Time integral of busy workers, in ms, not yet handed to the metrics (see `flushBusy`). */
  private busyArea = 0;
  private lastChange = 0;
  private head: Request | undefined = undefined;
  private tail: Request | undefined = undefined;

  constructor(
    readonly index: number,
    /** Workers as designed. */
    readonly workers: number,
    /** Waiting requests beyond which new ones are rejected. */
    readonly queueLimit: number,
    private readonly simulation: Simulation,
    private readonly metrics: ServiceMetrics,
    private readonly onWorkDone: WorkDoneHandler,
  ) {}

  /** Whether it is up (no crash holds it down). */
  get up(): boolean {
    return this.downs === 0;
  }

  /** Requests it holds: in service or queued. What least-outstanding balancing compares. */
  get outstanding(): number {
    return this.busy + this.queued;
  }

  /**
   * Its load, 0 to 1: the share of its workers not held by a fault that are busy now (1 when
   * down or every worker is held). The adaptive circuit breaker of its calls tightens with it.
   */
  load(): number {
    const capacity = this.workers - this.heldWorkers;
    if (!this.up || capacity <= 0) return 1;
    return Math.min(1, this.busy / capacity);
  }

  /** Workers free to start a request now. */
  get idleWorkers(): number {
    const free = this.workers - this.heldWorkers - this.busy;
    return free > 0 ? free : 0;
  }

  /** Whether it can take one more connection: requests held stay under the unheld share of workers + queue. */
  get acceptsConnection(): boolean {
    if (this.heldConnections === 0) return true;
    const limit = Math.round((1 - this.heldConnections) * (this.workers + this.queueLimit));
    return this.busy + this.queued < limit;
  }

  /** How fast own work progresses now: 0 while paused, else the CPU's share. */
  get speed(): number {
    return this.pauses > 0 ? 0 : this.cpuSpeed;
  }

  /** Adds the time since the last change to the busy and held integrals; call before changing either. */
  account(now: number): void {
    const elapsed = now - this.lastChange;
    if (elapsed > 0) {
      this.busyArea += this.busy * elapsed;
      this.heldArea += (this.busy + this.queued) * elapsed;
    }
    this.lastChange = now;
  }

  /** Accounts up to `now` and hands the busy worker time to the service's metrics (for `utilization`). */
  flushBusy(now: number): void {
    this.account(now);
    this.metrics.recordBusy(this.busyArea);
    this.busyArea = 0;
  }

  /** Puts a request at the tail of the queue. */
  enqueue(request: Request): void {
    this.account(this.simulation.now());
    request.next = undefined;
    if (this.tail === undefined) this.head = request;
    else this.tail.next = request;
    this.tail = request;
    this.queued++;
  }

  /** Takes the request at the head of the queue, if any. */
  dequeue(): Request | undefined {
    const request = this.head;
    if (request === undefined) return undefined;
    this.account(this.simulation.now());
    this.head = request.next;
    if (this.head === undefined) this.tail = undefined;
    request.next = undefined;
    this.queued--;
    return request;
  }

  /** A worker takes the request and starts `work` ms of own work (at full speed). */
  startWork(request: Request, work: number): void {
    const now = this.simulation.now();
    this.account(now);
    this.busy++;
    request.servingIndex = this.serving.length;
    this.serving.push(request);
    request.phase = WORKING;
    request.workLeft = work;
    request.workFrom = now;
    const speed = this.speed;
    request.workEvent = speed > 0 ? this.simulation.schedule(work / speed, this.onWorkDone, request) : -1;
  }

  /** The worker lets the request go (it was answered, or the instance crashed). */
  release(request: Request): void {
    this.account(this.simulation.now());
    this.busy--;
    const last = this.serving.pop()!;
    if (last !== request) {
      this.serving[request.servingIndex] = last;
      last.servingIndex = request.servingIndex;
    }
    request.servingIndex = -1;
  }

  /**
   * Call around a change of `cpuSpeed` or `pauses`: own work in progress keeps what it has done
   * at the old speed and is rescheduled at the new one (never, while the speed is 0).
   */
  changeSpeed(change: () => void): void {
    const now = this.simulation.now();
    const before = this.speed;
    change();
    const after = this.speed;
    if (after === before) return;
    for (const request of this.serving) {
      if (request.phase !== WORKING) continue;
      const done = (now - request.workFrom) * before;
      request.workLeft = request.workLeft > done ? request.workLeft - done : 0;
      request.workFrom = now;
      if (request.workEvent >= 0) this.simulation.cancel(request.workEvent);
      request.workEvent =
        after > 0 ? this.simulation.schedule(request.workLeft / after, this.onWorkDone, request) : -1;
    }
  }

  /** Empties the queue, returning its requests in order (a crash fails them all). */
  drainQueue(): Request[] {
    const drained: Request[] = [];
    for (let request = this.dequeue(); request !== undefined; request = this.dequeue()) drained.push(request);
    return drained;
  }
}
