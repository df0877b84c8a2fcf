import type { Instance } from '../../world/instance.js';
import type { FaultModelOf, TargetInstances } from '../fault-model.js';
import { targetInstances } from '../fault-model.js';
import { MemoryPressure } from './memory.js';

interface ExhaustionParams extends TargetInstances {
  readonly resource: 'workers' | 'cpu' | 'memory' | 'connections';
  readonly fraction: number;
  /** Memory pressure per instance, while applied. */
  pressures: MemoryPressure[];
}

/**
 * A resource exhausted on the instances, by `fraction` (above 0, at most 1):
 * - `workers`: round(fraction × workers) workers of each instance are held and serve nothing.
 *   Requests they were serving finish; new ones wait in the queue for the workers left.
 * - `cpu`: own work progresses at (1 − fraction) of full speed, so it takes 1/(1 − fraction) as
 *   long; at 1 it stops until the fault ends. Work in progress slows down or speeds up at once.
 * - `memory`: garbage collection pauses that grow with the fraction, and an out-of-memory kill
 *   with a restart at 1 (see memory.ts).
 * - `connections`: that share of the connections an instance accepts (its workers plus its
 *   queue) is held: a request arriving when the instance already holds round((1 − fraction) ×
 *   (workers + queueLimit)) requests is refused at once, `unavailable`.
 */
export const exhaustion: FaultModelOf<'exhaustion', ExhaustionParams> = {
  type: 'exhaustion',
  target: (fault) => fault.target,
  params: (fault, { world }) => ({
    ...targetInstances(world, fault.target, fault.instances),
    resource: fault.resource,
    fraction: fault.fraction,
    pressures: [],
  }),
  apply(params, { world }) {
    const { service, instances, fraction } = params;
    for (const instance of instances) {
      switch (params.resource) {
        case 'workers':
          instance.heldWorkers += heldWorkers(instance, fraction);
          break;
        case 'cpu':
          instance.changeSpeed(() => {
            instance.cpuTaken.push(fraction);
            instance.cpuSpeed = cpuSpeed(instance);
          });
          break;
        case 'memory': {
          const pressure = new MemoryPressure(world.simulation, service, instance, fraction);
          params.pressures.push(pressure);
          pressure.start();
          break;
        }
        case 'connections':
          instance.heldConnections += fraction;
          break;
      }
    }
  },
  revert(params) {
    const { service, instances, fraction } = params;
    for (const instance of instances) {
      switch (params.resource) {
        case 'workers':
          instance.heldWorkers -= heldWorkers(instance, fraction);
          service.startWaiting(instance);
          break;
        case 'cpu':
          instance.changeSpeed(() => {
            const index = instance.cpuTaken.indexOf(fraction);
            if (index >= 0) instance.cpuTaken.splice(index, 1);
            instance.cpuSpeed = cpuSpeed(instance);
          });
          break;
        case 'memory':
          break;
        case 'connections':
          instance.heldConnections -= fraction;
          if (instance.heldConnections < 1e-12) instance.heldConnections = 0;
          break;
      }
    }
    for (const pressure of params.pressures) pressure.stop();
    params.pressures = [];
    if (params.resource === 'memory') for (const instance of instances) service.startWaiting(instance);
  },
};

function heldWorkers(instance: Instance, fraction: number): number {
  return Math.round(fraction * instance.workers);
}

function cpuSpeed(instance: Instance): number {
  let speed = 1;
  for (const taken of instance.cpuTaken) speed *= 1 - taken;
  return speed;
}
