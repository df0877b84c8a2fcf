import { Emitter, type EventSubscriber } from '../../events/index.js';
import {
  PolicyBase,
  contextOf,
  invoke,
  isAborted,
  type ExecuteContext,
  type ExecuteOptions,
  type PolicyFunction,
} from '../../policy/index.js';
import { PASS_RESULT, STAGE, type Stage } from '../../policy/stage.js';
import { FallbackKernel } from './kernel.js';
import { resolveFallbackOptions, type FallbackOptions, type ResolvedFallbackOptions } from './options.js';
import { FALLBACK_EVENTS, type FallbackEvent } from './events.js';

/**
 * Answers for a failed call: with `value`, or with what `handler` returns. The outermost policy
 * of a pipeline, it turns whatever fails last into a degraded success.
 */
export function fallback(options: FallbackOptions = {}): FallbackPolicy {
  return new FallbackPolicy(resolveFallbackOptions(options));
}

/** The fallback policy: see {@link fallback}. `kernel` is what the simulator asks. */
export class FallbackPolicy extends PolicyBase {
  readonly kernel: FallbackKernel;
  private readonly fallbacks = new Emitter<FallbackEvent>();
  /** The fallback answered for a call: its result is degraded, not the callee's. */
  readonly onFallback: EventSubscriber<FallbackEvent> = this.fallbacks.subscribe;

  constructor(options: ResolvedFallbackOptions) {
    super('fallback', options.name, options.clock);
    this.kernel = new FallbackKernel(options);
  }

  /**
   * Runs `fn`; a handled failure resolves with the fallback's answer instead, which stands in
   * for `T`. A failure after the caller's own signal aborted is passed on, not answered.
   */
  execute<T>(fn: PolicyFunction<T>, options?: ExecuteOptions): Promise<T> {
    const context = contextOf(options);
    const call = invoke(fn, context);
    const onError = (error: unknown): T | Promise<T> => this.answer(true, error, context);
    if (this.kernel.handlesResults)
      return call.then((result) => this.answer(false, result, context), onError);
    return call.then(undefined, onError);
  }

  /** @internal In a pipeline: nothing to do before the call; after it, the same answer as `execute`. */
  readonly [STAGE]: Stage = {
    splits: FallbackPolicy.prototype.execute,
    enter: () => (this.kernel.handlesResults ? undefined : PASS_RESULT),
    settle: (_token, context, failed, value) =>
      failed || this.kernel.handlesResults ? this.answer(failed, value, context) : value,
  };

  /** Describes the policy for dashboards and the Registry. */
  toJSON(): { type: string; handler: boolean } {
    return { type: this.kernel.options.type, handler: this.kernel.options.handler !== undefined };
  }

  private answer<T>(failed: boolean, value: unknown, context: ExecuteContext): T | Promise<T> {
    if (isAborted(context) || !this.kernel.handles(failed, value)) {
      if (failed) throw value;
      return value as T;
    }
    if (this.fallbacks.size > 0 || this.monitored) {
      const event: FallbackEvent = { outcome: failed ? { error: value } : { result: value } };
      this.fallbacks.emit(event);
      this.report(FALLBACK_EVENTS.fallback, 'warning', event);
    }
    const handler = this.kernel.options.handler;
    if (handler === undefined) return this.kernel.value as T;
    return handler(failed ? { error: value, context } : { result: value, context }) as T | Promise<T>;
  }
}
