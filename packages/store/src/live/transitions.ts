import type { LiveSessionStatus } from './types.js';

/** Every live-session status. */
export const LIVE_SESSION_STATUSES: readonly LiveSessionStatus[] = [
  'running',
  'paused',
  'stopped',
  'interrupted',
];

/** Statuses a session never leaves. */
export const FINAL_LIVE_SESSION_STATUSES: readonly LiveSessionStatus[] = ['stopped', 'interrupted'];

/** For each status a session can be moved to, the statuses it may come from. */
export const LIVE_SESSION_TRANSITIONS: Readonly<Record<LiveSessionStatus, readonly LiveSessionStatus[]>> = {
  running: ['paused'],
  paused: ['running'],
  stopped: ['running', 'paused'],
  interrupted: ['running', 'paused'],
};

/** The verb for an error message: "Cannot pause live session …". */
export const LIVE_SESSION_VERBS: Readonly<Record<LiveSessionStatus, string>> = {
  running: 'resume',
  paused: 'pause',
  stopped: 'stop',
  interrupted: 'interrupt',
};
