import type { StoreContext } from '../context.js';
import { getRun, getRunResultJson, getRunTimeline, listRuns } from './read.js';
import type { RunRepository } from './types.js';
import { createRun, setRunProgress, setRunStatus } from './write.js';

/** The runs of one store. */
export function runRepository(ctx: StoreContext): RunRepository {
  return {
    create: (args) => createRun(ctx, args),
    get: (id) => getRun(ctx, id),
    list: (query) => listRuns(ctx, query),
    setStatus: (args) => setRunStatus(ctx, args),
    setProgress: (args) => setRunProgress(ctx, args),
    async getResult(id, options) {
      const json = await getRunResultJson(ctx, id, options);
      return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
    },
    getResultJson: (id, options) => getRunResultJson(ctx, id, options),
    getTimeline: (id) => getRunTimeline(ctx, id),
  };
}
