import { z } from 'zod';
import { FORMAT_VERSION } from '../design.js';
import { DESIGN_LIMITS } from '../limits.js';
import { constantMs, distribution } from './distribution.js';
import { expected, list, strictObject } from './messages.js';
import { duration, number, text } from './primitives.js';

/** Defaults of the top-level keys (docs/design-file.md lists them). */
export const DESIGN_DEFAULTS = {
  seed: 1,
  durationMs: 60_000,
  networkLatency: constantMs(0),
  availability: 99.9,
} as const;

/**
 * The top level of a design. Services, workloads and faults are read one by one afterwards, so
 * that a mistake in one does not hide the mistakes in the others (nor the unknown names they use).
 */
export const root = strictObject(
  {
    version: z.literal(FORMAT_VERSION).default(FORMAT_VERSION),
    name: text('a design name'),
    seed: number({ integer: true, min: 0, max: 2 ** 32 - 1 }).default(DESIGN_DEFAULTS.seed),
    duration: duration({
      positive: true,
      max: DESIGN_LIMITS.durationMs,
      limit: 'the limit of simulated time per run',
    }).default(DESIGN_DEFAULTS.durationMs),
    network: strictObject({ latency: distribution.default(DESIGN_DEFAULTS.networkLatency) }).default({
      latency: DESIGN_DEFAULTS.networkLatency,
    }),
    services: z
      .record(z.string(), z.unknown(), {
        error: (issue) => expected('services by name, like { orders: { … } }', issue.input),
      })
      .refine((services) => Object.keys(services).length > 0, { error: 'expected at least one service' }),
    workload: list(z.unknown(), 'a list of workloads', {
      max: DESIGN_LIMITS.workloads,
      many: 'workloads per design',
    }).default([]),
    faults: list(z.unknown(), 'a list of faults', {
      max: DESIGN_LIMITS.faults,
      many: 'faults per design',
    }).default([]),
    slo: strictObject({
      availability: number({ min: 0, max: 100, above: true }).default(DESIGN_DEFAULTS.availability),
      latencyP99: duration({ positive: true }).optional(),
    }).default({ availability: DESIGN_DEFAULTS.availability }),
  },
  'a design: an object with name, services, workload and faults',
);

export type RootSpec = z.output<typeof root>;
