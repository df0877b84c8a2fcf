import type { Design } from '../model/index.js';
import type { RunResult } from '../result.js';
import { score, type Score } from './score.js';
import { checkSlo, entryServices, type SloCheck } from './slo.js';

/** A run result with the analysis filled in. */
export interface AnalyzedResult extends RunResult {
  score: Score;
  slo: SloCheck;
}

/** The run result with its `score` and `slo` filled in from the design it was run from. */
export function analyze(result: RunResult, design: Design): AnalyzedResult {
  return {
    ...result,
    score: score(result, design),
    slo: checkSlo(result, design.slo, { entry: entryServices(design) }),
  };
}
