import type { Disposable, EventSubscriber, PolicyEvent } from '../../events/index.js';
import {
  contextOf,
  invoke,
  type ExecuteContext,
  type ExecuteOptions,
  type Policy,
  type PolicyFunction,
} from '../../policy/index.js';

/** A pipeline: policies composed outer to inner, itself a policy. */
export interface Pipeline extends Policy {
  readonly kind: 'pipeline';
  /** The policies, outermost first. */
  readonly policies: readonly Policy[];
}

/**
 * Composes policies outer to inner: `pipeline(fallback, retry, breaker, timeout)` runs the call
 * inside the timeout, inside the breaker, inside the retry, inside the fallback.
 */
export function pipeline(...policies: Policy[]): Pipeline;
export function pipeline(options: { name?: string }, ...policies: Policy[]): Pipeline;
export function pipeline(first?: Policy | { name?: string }, ...rest: Policy[]): Pipeline {
  const named = first !== undefined && !isPolicy(first);
  const policies = named ? rest : first === undefined ? rest : [first as Policy, ...rest];
  const name = named ? (first as { name?: string }).name : undefined;
  policies.forEach((policy, index) => {
    if (!isPolicy(policy))
      throw new TypeError(`pipeline: argument ${index + 1} is not a policy (it has no execute method)`);
  });
  return new PolicyPipeline(policies, name ?? 'pipeline');
}

function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && typeof (value as Policy).execute === 'function';
}

class PolicyPipeline implements Pipeline {
  readonly kind = 'pipeline' as const;
  readonly policies: readonly Policy[];
  readonly name: string;

  constructor(policies: readonly Policy[], name: string) {
    this.policies = Object.freeze([...policies]);
    this.name = name;
  }

  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    return this.runFrom(0, fn, contextOf(options));
  }

  private runFrom<T>(index: number, fn: PolicyFunction<T>, context: ExecuteContext): Promise<T> {
    const policy = this.policies[index];
    if (policy === undefined) return invoke(fn, context);
    return policy.execute((inner) => this.runFrom(index + 1, fn, inner), context);
  }

  readonly onEvent: EventSubscriber<PolicyEvent> = (listener) => {
    const subscriptions: Disposable[] = this.policies.map((policy) => policy.onEvent(listener));
    return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
  };
}
