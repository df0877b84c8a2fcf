import type { Instance } from '../instance.js';
import type { LoadBalancer } from './load-balancer.js';

/**
 * The instance holding the fewest requests (in service or queued). Ties go to the first one found
 * scanning from where the last scan started plus one, so equally loaded instances take turns
 * instead of the first one taking everything.
 */
export class LeastOutstanding implements LoadBalancer {
  private start = 0;

  pick(instances: readonly Instance[]): Instance {
    const count = instances.length;
    const start = this.start < count ? this.start : 0;
    this.start = start + 1;
    let best = instances[start]!;
    let fewest = best.outstanding;
    for (let offset = 1; offset < count && fewest > 0; offset++) {
      const index = start + offset < count ? start + offset : start + offset - count;
      const candidate = instances[index]!;
      if (candidate.outstanding < fewest) {
        best = candidate;
        fewest = candidate.outstanding;
      }
    }
    return best;
  }
}
