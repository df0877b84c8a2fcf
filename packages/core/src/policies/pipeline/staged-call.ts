import type { ExecuteContext, PolicyFunction } from '../../policy/index.js';
import { PASS_RESULT, isThenable, type Stage, type StageCall } from '../../policy/stage.js';

/** What a staged call needs of its pipeline: running the policies from `index` inward again. */
export interface StagedPipeline {
  runFrom(index: number, fn: PolicyFunction<unknown>, context: ExecuteContext): Promise<unknown>;
}

/**
 * One call through a pipeline's stages: what each stage it entered needs to settle, and the
 * single promise reaction that settles them all, inner to outer, when the call inside settles.
 */
export class StagedCall implements StageCall {
  /** The innermost stage entered so far (stages `first` to `innermost` are entered). */
  innermost: number;
  /** Per entered stage, outer to inner: its token, then the context it received (sized once: no growing). */
  private readonly entries: unknown[];
  private readonly settleResult = (result: unknown): unknown =>
    this.settleFrom(this.innermost, false, result);
  private readonly settleError = (error: unknown): unknown => this.settleFrom(this.innermost, true, error);

  constructor(
    private readonly pipeline: StagedPipeline,
    private readonly stages: readonly (Stage | undefined)[],
    private readonly fn: PolicyFunction<unknown>,
    private readonly first: number,
  ) {
    this.innermost = first - 1;
    this.entries = new Array<unknown>(2 * (stages.length - first));
  }

  /** Records that the next stage inward admitted the call. */
  entered(token: unknown, context: ExecuteContext): void {
    const at = 2 * (++this.innermost - this.first);
    this.entries[at] = token;
    this.entries[at + 1] = context;
  }

  /** Settles every entered stage once `inside` (what runs inside the innermost) settles. */
  after(inside: Promise<unknown>): Promise<unknown> {
    return inside.then(this.settleResult, this.settleError);
  }

  inner(index: number): PolicyFunction<unknown> {
    return (context) => this.pipeline.runFrom(index + 1, this.fn, context);
  }

  /**
   * Settles the stages from `index` outward, each with what the one inside it settled with,
   * exactly as nested `execute` calls would. A stage that answers with a promise (a retry, a
   * fallback handler) is waited for before the stages outside it settle.
   */
  private settleFrom(index: number, failed: boolean, value: unknown): unknown {
    const stages = this.stages;
    const entries = this.entries;
    const first = this.first;
    for (; index >= first; index--) {
      const at = (index - first) * 2;
      const token = entries[at];
      if (token === PASS_RESULT && !failed) continue;
      try {
        value = stages[index]!.settle(token, entries[at + 1] as ExecuteContext, failed, value, this, index);
        failed = false;
      } catch (error) {
        value = error;
        failed = true;
        continue;
      }
      if (index > first && isThenable(value)) {
        const outer = index - 1;
        return Promise.resolve(value).then(
          (result) => this.settleFrom(outer, false, result),
          (error: unknown) => this.settleFrom(outer, true, error),
        );
      }
    }
    if (failed) throw value;
    return value;
  }
}
