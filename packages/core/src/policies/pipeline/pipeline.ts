import type { Disposable, EventSubscriber, PolicyEvent } from '../../events/index.js';
import {
  contextOf,
  invoke,
  type ExecuteContext,
  type ExecuteOptions,
  type Policy,
  type PolicyFunction,
} from '../../policy/index.js';
import { TAKE_OVER, stageOf, type Stage } from '../../policy/stage.js';
import { StagedCall } from './staged-call.js';

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
  // A plain object without `execute` names the pipeline; anything else must be a policy.
  const named = typeof first === 'object' && first !== null && !isPolicy(first);
  const policies = named ? rest : first === undefined ? rest : [first as Policy, ...rest];
  const name = named ? (first as { name?: string }).name : undefined;
  policies.forEach((policy, index) => {
    if (!isPolicy(policy))
      throw new TypeError(
        `pipeline: argument ${index + (named ? 2 : 1)} is not a policy (it has no execute method)`,
      );
  });
  return new PolicyPipeline(policies, name ?? 'pipeline');
}

function isPolicy(value: unknown): value is Policy {
  return typeof value === 'object' && value !== null && typeof (value as Policy).execute === 'function';
}

/**
 * Runs a call through its policies as nested `execute` calls would, but a policy that offers a
 * Stage (see policy/stage.ts) is entered and settled in place: a call that every stage admits
 * costs one promise reaction for the whole pipeline, not one per policy.
 */
class PolicyPipeline implements Pipeline {
  readonly kind = 'pipeline' as const;
  readonly policies: readonly Policy[];
  readonly name: string;
  private readonly stages: readonly (Stage | undefined)[];

  constructor(policies: readonly Policy[], name: string) {
    this.policies = Object.freeze([...policies]);
    this.stages = this.policies.map(stageOf);
    this.name = name;
  }

  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    return this.runFrom(0, fn as PolicyFunction<unknown>, contextOf(options)) as Promise<T>;
  }

  /** @internal Runs the policies from `first` inward, then `fn` (a staged retry runs them again). */
  runFrom(first: number, fn: PolicyFunction<unknown>, context: ExecuteContext): Promise<unknown> {
    const stages = this.stages;
    const count = stages.length;
    let call: StagedCall | undefined;
    let inside: Promise<unknown>;
    try {
      let index = first;
      for (; index < count; index++) {
        const stage = stages[index];
        if (stage === undefined) break;
        const token = stage.enter(context);
        if (token === TAKE_OVER) break;
        if (call === undefined) call = new StagedCall(this, stages, fn, first);
        call.entered(token, context);
        // Most stages pass their own context inward; asking each would cost a call per stage.
        if (stage.innerContext !== undefined) context = stage.innerContext(token, context);
      }
      inside = index < count ? this.takeOver(index, fn, context) : invoke(fn, context);
    } catch (error) {
      // A policy threw instead of rejecting: the policies outside it see a failure, as they
      // would have around a nested execute.
      inside = Promise.reject(error);
    }
    return call === undefined ? inside : call.after(inside);
  }

  /**
   * Runs the policy at `index` through its own `execute`, with the policies inside it run by
   * this pipeline. A method of its own, so that `runFrom` captures nothing in a closure and
   * allocates no closure context on the common path.
   */
  private takeOver(index: number, fn: PolicyFunction<unknown>, context: ExecuteContext): Promise<unknown> {
    return this.policies[index]!.execute((inner) => this.runFrom(index + 1, fn, inner), context);
  }

  readonly onEvent: EventSubscriber<PolicyEvent> = (listener) => {
    const subscriptions: Disposable[] = this.policies.map((policy) => policy.onEvent(listener));
    return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
  };
}
