import type { RunStatus } from './types.js';

/** Every run status, in life order. */
export const RUN_STATUSES: readonly RunStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'interrupted',
];

/** Statuses a run never leaves. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/** For each status a run can be moved to, the statuses it may come from. */
export const RUN_TRANSITIONS: Readonly<Record<Exclude<RunStatus, 'queued'>, readonly RunStatus[]>> = {
  running: ['queued'],
  succeeded: ['running'],
  failed: ['queued', 'running'],
  cancelled: ['queued', 'running'],
  interrupted: ['queued', 'running'],
};

/** The verb for an error message: "Cannot start run …". */
export const RUN_VERBS: Readonly<Record<Exclude<RunStatus, 'queued'>, string>> = {
  running: 'start',
  succeeded: 'complete',
  failed: 'fail',
  cancelled: 'cancel',
  interrupted: 'interrupt',
};
