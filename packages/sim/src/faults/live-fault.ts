import { Issues, childPath, describe, toMilliseconds } from '@faultline/core';
import { callsOf, type Design, type Fault } from '../model/index.js';
import { checkReferences } from '../model/checks/references.js';
import { resolveFault } from '../model/resolve/fault.js';
import { fault as faultSchema, type FaultSpec } from '../model/schema/fault.js';
import { parseWith } from '../model/schema/messages.js';

/**
 * A fault to inject into a live session now: a fault of the design file without `at` (it starts
 * now), with `durationMs` (or `duration`, as in the design file) for how long; without either it
 * lasts until healed. For example `{ type: 'crash', target: 'orders', instances: 1, durationMs: 10_000 }`
 * or `{ type: 'latency', target: 'orders', delay: '800ms' }`.
 */
export type LiveFault = { readonly type: string; readonly durationMs?: number } & Readonly<
  Record<string, unknown>
>;

/** A live fault, checked against the design: the fault, and how long it lasts (Infinity: until healed). */
export interface ParsedLiveFault {
  readonly fault: Fault;
  readonly durationMs: number;
}

/**
 * Checks a live fault with the design file's own schema and reference checks, so it reads and
 * fails like a fault in a design (`fault.target: no service named "ordrs"; did you mean "orders"?`).
 * Throws a ConfigError naming every problem.
 */
export function parseLiveFault(input: unknown, design: Design): ParsedLiveFault {
  const issues = new Issues();
  const path = 'fault';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.add(path, `expected a fault like { type: "crash", target: "orders" }, got ${describe(input)}`);
    issues.throwIfAny();
  }
  const { durationMs, ...rest } = input as Record<string, unknown>;
  if (rest.at !== undefined) issues.add(childPath(path, 'at'), 'a live fault starts now: leave at out');
  if (durationMs !== undefined && rest.duration !== undefined)
    issues.add(childPath(path, 'durationMs'), 'set durationMs or duration, not both');
  let duration = rest.duration;
  if (durationMs !== undefined) {
    if (typeof durationMs !== 'number' || !(durationMs > 0) || toMilliseconds(durationMs) === undefined)
      issues.add(
        childPath(path, 'durationMs'),
        `expected a number of ms above 0, got ${describe(durationMs)}`,
      );
    else duration = durationMs;
  }
  issues.throwIfAny();
  const spec = parseWith<FaultSpec>(faultSchema, { ...rest, at: 0, duration }, path, issues);
  if (spec === undefined) issues.throwIfAny();
  const names = Object.keys(design.services);
  const instancesOf = (name: string): number | undefined => design.services[name]?.instances;
  const edges = Object.values(design.services).flatMap((service) =>
    callsOf(service).map((call) => ({ from: call.from, to: call.to, path: call.path })),
  );
  const found = new Issues();
  checkReferences({ names, instancesOf, edges, workload: [], faults: [spec] }, found, new Issues());
  for (const issue of found.list) issues.add(issue.path.replace(/^faults\[0\]/, path), issue.message);
  issues.throwIfAny();
  const fault = resolveFault(spec!, Infinity, (name) => instancesOf(name)!);
  return { fault, durationMs: spec!.duration ?? Infinity };
}
