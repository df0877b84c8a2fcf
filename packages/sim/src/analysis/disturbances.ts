import type { Design, Fault } from '../model/index.js';
import type { FaultRecord, RunResult } from '../result.js';

/**
 * A stretch of the run during which something was done to the system: faults, and load spikes
 * (a spike is a fault of the environment: a retry storm it sets off is what the score must see).
 * Windows that overlap or touch are merged into one disturbance.
 */
export interface Disturbance {
  /** When it began, simulated ms. */
  readonly start: number;
  /** When the last of its windows ended, simulated ms (the end of the run at most). */
  readonly end: number;
  /** What it was, in words: `crash on orders`, `load spike ×3 on gateway`. */
  readonly causes: readonly string[];
  /** The services it hit directly (fault targets, both sides of a partition, a spike's target). */
  readonly hit: readonly string[];
}

/** The run's disturbances in time order: its faults (as run) and the design's load spikes. */
export function disturbancesOf(result: RunResult, design: Design): Disturbance[] {
  const runEnd = result.simulatedMs;
  const windows: DisturbanceWindow[] = [];
  // The run's fault log says when each fault really was; the design says whom it hit.
  const unmatched = [...design.faults];
  for (const record of result.faults) {
    const fault = takeMatch(unmatched, record);
    const hit = fault === undefined ? [record.target] : servicesHitBy(fault);
    windows.push({
      start: record.start,
      end: Math.min(record.end, runEnd),
      cause: `${record.type} on ${record.target}`,
      hit,
    });
  }
  windows.push(...loadSpikesOf(design, runEnd));
  return merge(windows);
}

/** A window of the run when something was done to the system, before merging. */
export interface DisturbanceWindow {
  readonly start: number;
  readonly end: number;
  /** In words: `load spike ×3 on gateway`. */
  readonly cause: string;
  readonly hit: readonly string[];
}

/** The design's load spikes (a `spike` profile with a multiplier above 1) that begin within the run. */
export function loadSpikesOf(design: Design, runEnd: number): DisturbanceWindow[] {
  const spikes: DisturbanceWindow[] = [];
  for (const workload of design.workload) {
    if (workload.kind !== 'open' || workload.profile.type !== 'spike') continue;
    const { at, duration, multiplier } = workload.profile;
    if (multiplier <= 1 || at >= runEnd || duration <= 0) continue;
    spikes.push({
      start: at,
      end: Math.min(at + duration, runEnd),
      cause: `load spike ×${multiplier} on ${workload.target}`,
      hit: [workload.target],
    });
  }
  return spikes;
}

/** The services a fault acts on directly. */
export function servicesHitBy(fault: Fault): string[] {
  switch (fault.type) {
    case 'partition':
      return fault.between.flat();
    case 'packet-loss':
      return [fault.from, fault.to];
    default:
      return [fault.target];
  }
}

// The design's fault behind a logged one: same type and start, and the same target when it has one.
function takeMatch(faults: Fault[], record: FaultRecord): Fault | undefined {
  const index = faults.findIndex(
    (fault) =>
      fault.type === record.type &&
      fault.at === record.start &&
      (!('target' in fault) || fault.target === record.target),
  );
  return index < 0 ? undefined : faults.splice(index, 1)[0];
}

function merge(windows: DisturbanceWindow[]): Disturbance[] {
  windows.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; causes: string[]; hit: Set<string> }[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last !== undefined && window.start <= last.end) {
      last.end = Math.max(last.end, window.end);
      if (!last.causes.includes(window.cause)) last.causes.push(window.cause);
      for (const name of window.hit) last.hit.add(name);
    } else {
      merged.push({ start: window.start, end: window.end, causes: [window.cause], hit: new Set(window.hit) });
    }
  }
  return merged.map((stretch) => ({
    start: stretch.start,
    end: stretch.end,
    causes: stretch.causes,
    hit: [...stretch.hit],
  }));
}
