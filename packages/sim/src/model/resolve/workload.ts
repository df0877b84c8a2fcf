import { childPath, type Issues } from '@faultline/core';
import { parseRateCsv } from '../csv.js';
import type { Profile, Workload } from '../design.js';
import { DESIGN_LIMITS } from '../limits.js';
import { curveOf, peakRate } from '../rate-curve.js';
import type { ProfileSpec, WorkloadSpec } from '../schema/workload.js';

/** Reads a CSV file named by a profile's `file:`; absent when the design did not come from a file. */
export type ReadFile = (file: string) => string;

/**
 * A parsed workload resolved: a csv profile's rates read, a ramp's end filled in, and the rate
 * over time computed. Reports CSV problems (with their CSV line) and rates past the limit.
 */
export function resolveWorkload(
  spec: WorkloadSpec,
  path: string,
  runMs: number,
  readFile: ReadFile | undefined,
  errors: Issues,
): Workload | undefined {
  if (spec.kind === 'closed') return spec;
  const profilePath = childPath(path, 'profile');
  const profile = resolveProfile(spec.profile, profilePath, runMs, readFile, errors);
  if (!profile) return undefined;
  const rate = spec.rate ?? (profile.type === 'csv' ? profile.points[0]!.rate : 0);
  const curve = curveOf(rate, profile);
  const peak = peakRate(curve);
  if (peak > DESIGN_LIMITS.ratePerSecond) {
    errors.add(
      profilePath,
      `peaks at ${peak} requests per second, over the limit of ${DESIGN_LIMITS.ratePerSecond} per workload`,
    );
    return undefined;
  }
  return { kind: 'open', target: spec.target, rate, arrivals: spec.arrivals, profile, curve };
}

function resolveProfile(
  spec: ProfileSpec,
  path: string,
  runMs: number,
  readFile: ReadFile | undefined,
  errors: Issues,
): Profile | undefined {
  if (spec.type === 'ramp') return { ...spec, duration: spec.duration ?? Math.max(0, runMs - spec.at) };
  if (spec.type !== 'csv') return spec;
  const source = spec.csv !== undefined ? 'csv' : 'file';
  const text = spec.csv ?? readCsvFile(spec.file!, childPath(path, 'file'), readFile, errors);
  if (text === undefined) return undefined;
  const { points, issues } = parseRateCsv(text);
  for (const issue of issues) errors.add(childPath(path, source), `line ${issue.line}: ${issue.message}`);
  if (issues.length > 0) return undefined;
  return { type: 'csv', points, interpolate: spec.interpolate };
}

function readCsvFile(
  file: string,
  path: string,
  readFile: ReadFile | undefined,
  errors: Issues,
): string | undefined {
  if (!readFile) {
    errors.add(
      path,
      'a CSV file can be read only when the design is loaded from a file: put the rates inline with csv:',
    );
    return undefined;
  }
  try {
    return readFile(file);
  } catch (error) {
    errors.add(path, `cannot read "${file}": ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
