import type { ErrorPredicate, ResultPredicate } from '../../policy/outcome.js';
import type { ResolvedFallbackOptions } from './options.js';

/**
 * The fallback decision kernel: whether an outcome gets the fallback answer. Stateless, but a
 * kernel like every policy's, so that the simulator asks the same question the driver does.
 *
 * An outcome is `(failed, value)`: `failed` true with the thrown error (the simulator passes its
 * failure code: a design file cannot set `handle`, so every failure is handled there), or false
 * with the returned result.
 */
export class FallbackKernel {
  readonly options: ResolvedFallbackOptions;
  /** The static answer (`value`), which a design file's `{ type: static }` answers with. */
  readonly value: unknown;
  private readonly handle: ErrorPredicate | undefined;
  private readonly handleResult: ResultPredicate | undefined;

  constructor(options: ResolvedFallbackOptions) {
    this.options = options;
    this.value = options.value;
    this.handle = options.handle;
    this.handleResult = options.handleResult;
  }

  /** Whether results are ever replaced, i.e. whether a driver must look at successful results. */
  get handlesResults(): boolean {
    return this.handleResult !== undefined;
  }

  /** Whether this outcome is answered by the fallback (by `handle` / `handleResult`); no side effect. */
  handles(failed: boolean, value: unknown): boolean {
    if (failed) return this.handle === undefined || this.handle(value);
    return this.handleResult !== undefined && this.handleResult(value);
  }
}
