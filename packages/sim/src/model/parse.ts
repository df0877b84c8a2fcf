import { describe, Issues } from '@faultline/core';
import { checkCycles } from './checks/cycles.js';
import { checkReferences } from './checks/references.js';
import { checkRunLength, checkWindows } from './checks/windows.js';
import { FORMAT_VERSION, type Design, type Service, type Workload } from './design.js';
import { DesignError, type DesignIssue } from './errors.js';
import { DESIGN_LIMITS } from './limits.js';
import { readServices } from './read-services.js';
import { resolveFault } from './resolve/fault.js';
import { resolveService } from './resolve/service.js';
import { resolveWorkload, type ReadFile } from './resolve/workload.js';
import { fault, type FaultSpec } from './schema/fault.js';
import { parseWith } from './schema/messages.js';
import { root } from './schema/root.js';
import { workload, type WorkloadSpec } from './schema/workload.js';

export interface ParseOptions {
  /** Reads a CSV file that a profile names with `file:`; without it, such a profile is an error. */
  readonly readFile?: ReadFile;
}

/** A valid design, and what was found in it that is legal but likely a mistake. */
export interface LoadedDesign {
  readonly design: Design;
  readonly warnings: readonly DesignIssue[];
}

/**
 * Validates a design (as parsed from YAML or JSON) and resolves it: every default filled in,
 * every duration in ms. Throws a DesignError listing every problem found, each with its path.
 */
export function parseDesign(input: unknown, options: ParseOptions = {}): LoadedDesign {
  const version = checkVersion(input);
  if (version) throw new DesignError([version]);
  const errors = new Issues();
  const warnings = new Issues();
  const raw = isRecord(input) ? input : {};
  const top = parseWith(root, input, '', errors);
  const runMs = top?.duration ?? DESIGN_LIMITS.durationMs;

  // Services, workloads and faults are read one by one, so every mistake is reported at once.
  const services = readServices(isRecord(raw['services']) ? raw['services'] : {}, errors);
  const workloadSpecs = listOf(raw['workload'], DESIGN_LIMITS.workloads).map((item, index) =>
    parseWith<WorkloadSpec>(workload, item, `workload[${index}]`, errors),
  );
  const faultSpecs = listOf(raw['faults'], DESIGN_LIMITS.faults).map((item, index) =>
    parseWith<FaultSpec>(fault, item, `faults[${index}]`, errors),
  );

  const { names, edges } = services;
  const instancesOf = (name: string): number | undefined => services.instances.get(name);
  checkReferences(
    { names, instancesOf, edges, workload: workloadSpecs, faults: faultSpecs },
    errors,
    warnings,
  );
  for (const issue of checkCycles(names, edges)) errors.add(issue.path, issue.message);
  if (top) {
    checkWindows(runMs, workloadSpecs, faultSpecs, warnings);
    checkRunLength(raw['duration'], warnings);
    if (top.workload.length === 0)
      warnings.add('workload', 'no workload: nothing sends requests, so the run will be empty');
  }
  const workloads = workloadSpecs.map((spec, index) =>
    spec ? resolveWorkload(spec, `workload[${index}]`, runMs, options.readFile, errors) : undefined,
  );

  if (!top || !errors.ok) throw new DesignError(errors.list, warnings.list);
  const resolved: Record<string, Service> = {};
  for (const [name, { spec, steps }] of services.valid)
    resolved[name] = resolveService(name, spec, steps, top.network.latency);
  const design: Design = {
    version: FORMAT_VERSION,
    name: top.name,
    seed: top.seed,
    duration: runMs,
    network: top.network,
    services: resolved,
    workload: workloads as Workload[],
    faults: (faultSpecs as FaultSpec[]).map((spec) =>
      resolveFault(spec, runMs, (name) => instancesOf(name)!),
    ),
    slo: { availability: top.slo.availability, latencyP99: top.slo.latencyP99 },
  };
  return { design, warnings: warnings.list };
}

/** An unknown format version is reported alone: the rest of the file may follow rules this code does not know. */
function checkVersion(input: unknown): DesignIssue | undefined {
  if (!isRecord(input) || input['version'] === undefined || input['version'] === FORMAT_VERSION)
    return undefined;
  const version = input['version'];
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION)
    return {
      path: 'version',
      message: `this design is format version ${version}, but this Faultline reads format version ${FORMAT_VERSION}: upgrade Faultline to run it`,
    };
  return { path: 'version', message: `expected format version ${FORMAT_VERSION}, got ${describe(version)}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The root schema reports a list that is not a list, or one past its limit; here it is only read.
function listOf(value: unknown, limit: number): unknown[] {
  return Array.isArray(value) ? value.slice(0, limit) : [];
}
