import type { Issues } from '@faultline/core';
import type { Edge } from './checks/cycles.js';
import { DESIGN_LIMITS } from './limits.js';
import { checkResilience } from './resilience.js';
import { placedCalls } from './resolve/service.js';
import { parseWith } from './schema/messages.js';
import { service, step, type ServiceSpec, type StepSpec } from './schema/service.js';

/** What was read of the services: every name, every call edge, and the services that are valid. */
export interface ServicesRead {
  readonly names: readonly string[];
  readonly edges: readonly Edge[];
  /** Services whose own keys and every call are valid, with their calls as steps. */
  readonly valid: ReadonlyMap<string, { readonly spec: ServiceSpec; readonly steps: readonly StepSpec[] }>;
  /** Instance counts of services whose own keys are valid. */
  readonly instances: ReadonlyMap<string, number>;
}

/** Letters, digits, `-` and `_`, starting with a letter: safe in paths, edge names (`a->b`) and URLs. */
const SERVICE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * Reads `services:` one service and one call at a time, so that every mistake is reported and
 * the calls of a service with a mistake still count for references and cycles.
 */
export function readServices(raw: Record<string, unknown>, errors: Issues): ServicesRead {
  const names = Object.keys(raw);
  if (names.length > DESIGN_LIMITS.services)
    errors.add(
      'services',
      `${names.length} services is over the limit of ${DESIGN_LIMITS.services} per design`,
    );
  const edges: Edge[] = [];
  const valid = new Map<string, { spec: ServiceSpec; steps: StepSpec[] }>();
  const instances = new Map<string, number>();
  for (const name of names) {
    const path = `services.${name}`;
    if (!SERVICE_NAME.test(name))
      errors.add(
        path,
        'expected a service name of letters, digits, "-" and "_", starting with a letter, at most 64 characters',
      );
    const spec = parseWith(service, raw[name], path, errors);
    if (spec) instances.set(name, spec.instances);
    const rawCalls = spec?.calls ?? callsIn(raw[name]);
    const steps = rawCalls.map((item, index) => parseWith(step, item, `${path}.calls[${index}]`, errors));
    const calls = placedCalls(name, steps);
    const firstEdge = edges.length;
    for (const call of calls) {
      edges.push({ from: name, to: call.spec.to, path: `${call.path}.to` });
      for (const issue of checkResilience(call.spec.resilience, call.path))
        errors.add(issue.path, issue.message);
    }
    // A call with a mistake elsewhere still says where it goes: keep checking that name and its cycles.
    steps.forEach((parsed, index) => {
      if (parsed === undefined) edges.push(...targetsIn(rawCalls[index], name, `${path}.calls[${index}]`));
    });
    const total = edges.length - firstEdge;
    if (total > DESIGN_LIMITS.callsPerService)
      errors.add(
        `${path}.calls`,
        `${total} calls is over the limit of ${DESIGN_LIMITS.callsPerService} per service (parallel ones included)`,
      );
    if (spec && steps.every((item) => item !== undefined))
      valid.set(name, { spec, steps: steps as StepSpec[] });
  }
  return { names, edges, valid, instances };
}

// The calls of a service whose own keys are invalid, read anyway for references and cycles.
function callsIn(service: unknown): unknown[] {
  if (typeof service !== 'object' || service === null) return [];
  const calls = (service as { calls?: unknown }).calls;
  return Array.isArray(calls) ? calls : [];
}

// The `to` names written in a call or parallel group that did not parse.
function targetsIn(item: unknown, from: string, path: string): Edge[] {
  if (typeof item !== 'object' || item === null) return [];
  const { to, parallel } = item as { to?: unknown; parallel?: unknown };
  if (typeof to === 'string' && to !== '') return [{ from, to, path: `${path}.to` }];
  if (!Array.isArray(parallel)) return [];
  return parallel.flatMap((member, index) => targetsIn(member, from, `${path}.parallel[${index}]`));
}
