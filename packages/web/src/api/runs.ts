import { request } from './client.js';
import type { Page, Run, RunParams, TimelineBucket } from './types.js';

/** Starts a run of a design's latest version; the server answers at once (202) with the queued run. */
export function startRun(args: { designId: string; params: RunParams }) {
  return request<Run>(`/designs/${encodeURIComponent(args.designId)}/runs`, {
    method: 'POST',
    body: args.params,
  });
}

/** Runs of a design, newest first. */
export function listRuns(args: { designId: string }) {
  return request<Page<Run>>('/runs', { query: { design: args.designId, limit: 50 } });
}

/** A run with its status, progress and, once finished, its result. */
export function getRun(id: string) {
  return request<Run>(`/runs/${encodeURIComponent(id)}`);
}

/** Cancels a queued or running run. */
export function cancelRun(id: string) {
  return request<Run>(`/runs/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The self-contained HTML report of a finished run. */
export function runReportHtml(id: string) {
  return request<string>(`/runs/${encodeURIComponent(id)}/report`, { as: 'text', query: { format: 'html' } });
}

/** The run result's timeline (GET /runs/:id omits it: it can be large). */
export function getTimeline(id: string) {
  return request<TimelineBucket[]>(`/runs/${encodeURIComponent(id)}/timeline`);
}

/** What the run stream sends: the run's status, progress, and timeline buckets as they close. */
export type RunEvent =
  | { type: 'status'; run: Run }
  | {
      type: 'progress';
      progress: number;
      simulatedMs: number;
      totalMs: number;
      events: number;
      variant?: string;
    }
  | { type: 'timeline'; buckets: TimelineBucket[] }
  | { type: 'error'; error: { code: string; message: string } };
