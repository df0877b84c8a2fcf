import type { Random } from '@faultline/core';
import { RunMetrics } from '../../metrics/index.js';
import type { RunResult } from '../../result.js';
import { Simulation } from '../simulation.js';

/** An M/M/c queue: Poisson arrivals, exponential service times, `servers` servers, one FIFO queue. */
export interface MMcOptions {
  /** c: how many customers are served at once. */
  servers: number;
  /** λ: arrivals per simulated ms. */
  arrivalRate: number;
  /** μ: services one server completes per simulated ms. */
  serviceRate: number;
  /** How many customers arrive; the run ends when the last has left. */
  customers: number;
  seed: number;
}

/** What the M/M/c run measured. */
export interface MMcOutcome {
  /** The run result, as the metrics build it for any simulation. */
  result: RunResult;
  /** W: exact mean time in the system (queue and service), in ms, from the metrics. */
  meanResponseMs: number;
  /** Busy server time over c × simulated time, from the metrics. */
  utilization: number;
  /** L: time-average number of customers in the system, integrated on the engine's clock. */
  meanInSystem: number;
  /** λ as measured: customers over simulated time, per ms. */
  arrivalsPerMs: number;
}

/**
 * Runs an M/M/c queue directly on the engine and its metrics: the model that proves them right
 * against queueing theory, and the one the benchmark races against SimPy.
 */
export function runMMc(options: MMcOptions): MMcOutcome {
  const { servers, arrivalRate, serviceRate, customers, seed } = options;
  const simulation = new Simulation({ seed });
  const metrics = new RunMetrics();
  const service = metrics.service('mmc', { workers: servers });
  const arrivalRandom = simulation.stream('arrivals');
  const serviceRandom = simulation.stream('service');
  const waiting = new ArrivalTimes();
  let busyServers = 0;
  let arrived = 0;
  let inSystem = 0;
  let lastChange = 0;
  let areaInSystem = 0;

  const countChange = (now: number, change: number): void => {
    areaInSystem += inSystem * (now - lastChange);
    lastChange = now;
    inSystem += change;
  };

  const startService = (arrivedAt: number): void => {
    const serviceMs = exponential(serviceRandom, serviceRate);
    service.recordBusy(serviceMs);
    simulation.schedule(serviceMs, depart, arrivedAt);
  };

  const depart = (arrivedAt: number): void => {
    const now = simulation.now();
    countChange(now, -1);
    service.recordOk(now, now - arrivedAt);
    if (waiting.size > 0) startService(waiting.shift());
    else busyServers--;
  };

  const arrive = (): void => {
    const now = simulation.now();
    countChange(now, +1);
    service.recordArrival();
    if (busyServers < servers) {
      busyServers++;
      startService(now);
    } else {
      waiting.push(now);
    }
    if (++arrived < customers) simulation.schedule(exponential(arrivalRandom, arrivalRate), arrive);
  };

  simulation.schedule(exponential(arrivalRandom, arrivalRate), arrive);
  const started = performance.now();
  simulation.run();
  const wallMs = performance.now() - started;
  const simulatedMs = simulation.now();
  return {
    result: metrics.toResult({ design: 'mmc', seed, simulatedMs, events: simulation.events, wallMs }),
    meanResponseMs: service.meanLatencyMs,
    utilization: service.utilization(simulatedMs),
    meanInSystem: areaInSystem / simulatedMs,
    arrivalsPerMs: customers / simulatedMs,
  };
}

/** An exponentially distributed delay with the given rate (1 - u is in (0, 1], so log is finite). */
function exponential(random: Random, rate: number): number {
  return -Math.log(1 - random.next()) / rate;
}

/** A FIFO of arrival times: a growable ring buffer (a power of two long), so waiting allocates nothing. */
class ArrivalTimes {
  private times = new Float64Array(1024);
  private mask = 1023;
  private head = 0;
  size = 0;

  push(time: number): void {
    if (this.size === this.times.length) this.grow();
    this.times[(this.head + this.size) & this.mask] = time;
    this.size++;
  }

  shift(): number {
    const time = this.times[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return time;
  }

  private grow(): void {
    const grown = new Float64Array(this.times.length * 2);
    for (let i = 0; i < this.size; i++) grown[i] = this.times[(this.head + i) & this.mask]!;
    this.times = grown;
    this.mask = grown.length - 1;
    this.head = 0;
  }
}
