import type { Instance } from '../instance.js';

/**
 * Chooses the instance a request goes to. Balancers see every instance, up or down: there are no
 * health checks, so a crashed instance keeps getting its share (and refuses it at once).
 */
export interface LoadBalancer {
  /** The instance for the next request; `instances` is never empty. */
  pick(instances: readonly Instance[]): Instance;
}
