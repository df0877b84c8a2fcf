import type { ExecuteContext, PolicyFunction } from './policy.js';

// Why stages: a pipeline of policies that each `execute` their inner policy costs a closure, a
// promise and a microtask per policy per call, several times the cost of the call itself. Most
// calls need none of it: the breaker is closed, the bulkhead has a free slot, nothing fails. A
// policy that is also a Stage lets its pipeline admit the call synchronously, policy by policy,
// run the function once, and settle every policy, inner to outer, in ONE promise reaction. Any
// call that needs more (waiting, refusing, answering at a deadline) takes the policy's own
// `execute`, unchanged. The decisions stay in the kernels; a stage only splits its policy's
// driver into what happens before the call and what happens after it.

/** What `Stage.enter` returns when the call needs the policy's own `execute`; nothing was changed. */
export const TAKE_OVER: unique symbol = Symbol('faultline.takeOver');

/**
 * What `Stage.enter` returns when the stage has nothing to do for a call that succeeds (a
 * fallback, a retry nobody listens to): the pipeline passes a result through without calling
 * `settle`, which still runs for a failure.
 */
export const PASS_RESULT: unique symbol = Symbol('faultline.passResult');

/** The key under which a policy offers its Stage to pipelines. */
export const STAGE: unique symbol = Symbol('faultline.stage');

/** What a stage's `settle` may ask of the pipeline call it is part of. */
export interface StageCall {
  /** A function that runs everything inside the stage at `index` again, for a retry. */
  inner(index: number): PolicyFunction<unknown>;
}

/** A policy's driver split around the call, for pipelines (see above). */
export interface Stage {
  /**
   * The `execute` this stage splits (its class's own). A policy whose `execute` is another one
   * (a subclass overrode it, a test replaced it) is not run as a stage: its `execute` is called.
   */
  readonly splits: PolicyFunctionExecutor;
  /**
   * Admits a call when that is all there is to do, returning what `settle` will need (or
   * PASS_RESULT); or returns TAKE_OVER, having changed nothing, when the call needs the
   * policy's own `execute`.
   */
  enter(context: ExecuteContext): unknown;
  /**
   * The context the policies inside this one, and the function, receive; only a stage that
   * gives them another one than its own (a timeout's attempt context) has this.
   */
  innerContext?(token: unknown, context: ExecuteContext): ExecuteContext;
  /**
   * The call inside this stage settled (`failed` with the error, or not with the result):
   * returns what `execute` would have resolved with (or a promise of it) or throws what it
   * would have rejected with.
   */
  settle(
    token: unknown,
    context: ExecuteContext,
    failed: boolean,
    value: unknown,
    call: StageCall,
    index: number,
  ): unknown;
}

/** A policy that offers a Stage. */
export interface Staged {
  readonly [STAGE]: Stage;
}

/** An `execute` method, compared by identity only. */
export type PolicyFunctionExecutor = (fn: PolicyFunction<never>, options?: never) => Promise<unknown>;

/** The stage a policy offers, if any, and if its `execute` is still the one the stage splits. */
export function stageOf(policy: object): Stage | undefined {
  const stage = (policy as Partial<Staged>)[STAGE];
  const execute = (policy as { execute?: unknown }).execute;
  return stage !== undefined && stage.splits === execute ? stage : undefined;
}

/** Whether a value is a promise or another thenable, which a promise reaction would adopt. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value instanceof Promise ||
    (((typeof value === 'object' && value !== null) || typeof value === 'function') &&
      typeof (value as PromiseLike<unknown>).then === 'function')
  );
}
