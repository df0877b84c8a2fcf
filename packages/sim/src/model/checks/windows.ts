import { formatDuration, type Issues } from '@faultline/core';
import type { FaultSpec } from '../schema/fault.js';
import type { WorkloadSpec } from '../schema/workload.js';

/**
 * Warns about times past the end of the run: a fault or a load change that starts after it never
 * happens, one that ends after it is cut short. Legal, but rarely what was meant.
 */
export function checkWindows(
  runMs: number,
  workload: readonly (WorkloadSpec | undefined)[],
  faults: readonly (FaultSpec | undefined)[],
  warnings: Issues,
): void {
  const run = formatDuration(runMs);
  faults.forEach((spec, index) => {
    if (!spec) return;
    const path = `faults[${index}]`;
    if (spec.at >= runMs)
      warnings.add(`${path}.at`, `starts at or after the end of the run (${run}): it never happens`);
    else if (spec.duration !== undefined && spec.at + spec.duration > runMs)
      warnings.add(
        `${path}.duration`,
        `ends at ${formatDuration(spec.at + spec.duration)}, after the end of the run (${run}): it is cut short`,
      );
  });
  workload.forEach((spec, index) => {
    if (spec?.kind !== 'open') return;
    const profile = spec.profile;
    if ((profile.type === 'spike' || profile.type === 'ramp') && profile.at >= runMs)
      warnings.add(
        `workload[${index}].profile.at`,
        `starts at or after the end of the run (${run}): the ${profile.type} never happens`,
      );
  });
}

/** Warns when the run length was written as a small bare number: `duration: 120` is 120 ms, not 2 minutes. */
export function checkRunLength(written: unknown, warnings: Issues): void {
  if (typeof written === 'number' && written < 1000)
    warnings.add(
      'duration',
      `${written}ms of simulated time: a bare number is milliseconds; write "${written}s" for seconds`,
    );
}
