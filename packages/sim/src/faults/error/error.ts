import type { Instance } from '../../world/instance.js';
import type { FaultModelOf, TargetInstances } from '../fault-model.js';
import { targetInstances } from '../fault-model.js';

interface ErrorParams extends TargetInstances {
  readonly rate: number;
}

/**
 * Errors: the instances fail each request they serve with probability `rate`, on top of the
 * service's own `errorRate` (independently: together 1 − (1 − errorRate)(1 − rate)). The request
 * is worked on as usual (own work and calls) and answered with an error at the end.
 */
export const error: FaultModelOf<'error', ErrorParams> = {
  type: 'error',
  target: (fault) => fault.target,
  params: (fault, { world }) => ({
    ...targetInstances(world, fault.target, fault.instances),
    rate: fault.rate,
  }),
  apply({ instances, rate }) {
    for (const instance of instances) {
      instance.errorRates.push(rate);
      combine(instance);
    }
  },
  revert({ instances, rate }) {
    for (const instance of instances) {
      const index = instance.errorRates.indexOf(rate);
      if (index >= 0) instance.errorRates.splice(index, 1);
      combine(instance);
    }
  },
};

function combine(instance: Instance): void {
  let survive = 1;
  for (const rate of instance.errorRates) survive *= 1 - rate;
  instance.extraErrorRate = 1 - survive;
}
