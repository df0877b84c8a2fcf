import { NEVER_ABORTED, abortReason, onAbort, type ExecuteContext } from '../../policy/index.js';
import { ABORTED_WITHOUT_SIGNAL } from '../../policy/policy.js';

/**
 * The context a timeout or a hedge hands to one attempt: its own signal, which the policy aborts
 * (at the deadline, when another hedge wins) and which follows the caller's signal.
 *
 * The AbortSignal is created only when someone reads `signal`. Node spends over a microsecond
 * creating one, many times what the rest of a timeout costs, and most functions that are never
 * cancelled never read it. Until then an abort is only remembered; a signal created later starts
 * out aborted. Likewise the caller's signal is listened to only once ours exists: before that,
 * nobody could observe the abort.
 *
 * `signal` is a getter on the prototype, so spreading a context (`{ ...context }`) drops it:
 * build a new context as `{ signal: context.signal, attempt }`.
 */
export class AttemptContext implements ExecuteContext {
  readonly attempt: number;
  #parent: AbortSignal;
  #controller: AbortController | undefined = undefined;
  #aborted = false;
  #reason: unknown = undefined;
  #stopFollowing: (() => void) | undefined = undefined;

  /** `parent`: the caller's signal to follow, or NEVER_ABORTED when the policy forwards aborts itself. */
  constructor(attempt: number, parent: AbortSignal = NEVER_ABORTED) {
    this.attempt = attempt;
    this.#parent = parent;
  }

  /** Aborted when the policy aborts this attempt or the caller's signal aborts. */
  get signal(): AbortSignal {
    let controller = this.#controller;
    if (controller === undefined) {
      controller = this.#controller = new AbortController();
      const parent = this.#parent;
      if (this.#aborted) controller.abort(this.#reason);
      else if (parent.aborted) this.abort(abortReason(parent));
      else this.#stopFollowing = onAbort(parent, () => this.abort(abortReason(parent)));
    }
    return controller.signal;
  }

  /** Whether this attempt was aborted (by the policy or the caller), whether or not the signal exists yet. */
  get aborted(): boolean {
    if (this.#aborted) return true;
    const parent = this.#parent;
    return parent !== NEVER_ABORTED && parent.aborted;
  }

  /** `aborted`, for `isAborted(context)`: policies inside this one ask it instead of creating the signal. */
  get [ABORTED_WITHOUT_SIGNAL](): boolean {
    return this.aborted;
  }

  /** Aborts this attempt with `reason`; later calls do nothing. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.release();
    this.#controller?.abort(reason);
  }

  /** Stops following the caller's signal: call it when the attempt settles, so no listener is left. */
  release(): void {
    const stop = this.#stopFollowing;
    if (stop !== undefined) {
      this.#stopFollowing = undefined;
      stop();
    }
    this.#parent = NEVER_ABORTED;
  }
}
