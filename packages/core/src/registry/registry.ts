import { Emitter, type Disposable, type EventSubscriber, type PolicyEvent } from '../events/index.js';
import type { Policy } from '../policy/index.js';

/** One registered policy as the admin API and dashboards see it. */
export interface RegisteredPolicy {
  readonly name: string;
  readonly kind: string;
  /** What the policy reports about itself (breaker state, bulkhead counts, current limit...), if anything. */
  readonly state: unknown;
}

/** A policy that can describe its current state; most of core's policies can. */
interface Describable {
  toJSON(): unknown;
}

function hasState(policy: Policy): policy is Policy & Describable {
  return typeof (policy as Partial<Describable>).toJSON === 'function';
}

/**
 * Named policies, created once and shared: `registry.getOrCreate('orders', () => circuitBreaker(...))`.
 * Lists every policy with its state, and forwards all their events to one listener.
 */
export class Registry {
  private readonly policies = new Map<string, { policy: Policy; subscription: Disposable }>();
  private readonly events = new Emitter<PolicyEvent>();

  /** Every event of every registered policy, present and future. */
  readonly onEvent: EventSubscriber<PolicyEvent> = this.events.subscribe;

  /** Adds `policy` under `name`; a name can be registered once. */
  register<P extends Policy>(name: string, policy: P): P {
    if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
      throw new TypeError('Registry.register: expected a non-empty name of at most 200 characters');
    }
    if (this.policies.has(name)) {
      throw new Error(
        `Registry.register: a policy named "${name}" is already registered; use get() or remove() it first`,
      );
    }
    const subscription = policy.onEvent((event) => this.events.emit(event));
    this.policies.set(name, { policy, subscription });
    return policy;
  }

  /** The policy registered under `name`, or undefined. */
  get<P extends Policy = Policy>(name: string): P | undefined {
    return this.policies.get(name)?.policy as P | undefined;
  }

  /** The policy registered under `name`, created with `create` the first time it is asked for. */
  getOrCreate<P extends Policy>(name: string, create: () => P): P {
    const existing = this.policies.get(name);
    if (existing) return existing.policy as P;
    return this.register(name, create());
  }

  /** Removes `name`; returns whether it was registered. */
  remove(name: string): boolean {
    const entry = this.policies.get(name);
    if (!entry) return false;
    entry.subscription.dispose();
    this.policies.delete(name);
    return true;
  }

  /** Every registered policy with its state, in registration order. */
  list(): RegisteredPolicy[] {
    return [...this.policies].map(([name, { policy }]) => ({
      name,
      kind: policy.kind,
      state: hasState(policy) ? policy.toJSON() : undefined,
    }));
  }

  get size(): number {
    return this.policies.size;
  }
}
