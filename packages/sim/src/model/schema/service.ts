import { z } from 'zod';
import type { Distribution } from '../../distributions/index.js';
import { RESILIENCE_KEYS, type LoadBalancer, type Resilience } from '../design.js';
import { DESIGN_LIMITS } from '../limits.js';
import { constantMs, distribution } from './distribution.js';
import { list, parseAs, strictObject } from './messages.js';
import { choice, count, probability, serviceRef } from './primitives.js';

/** Defaults of a service's keys (docs/design-file.md lists them). */
export const SERVICE_DEFAULTS = {
  instances: 1,
  workers: 10,
  queueLimit: 100,
  latency: constantMs(1),
  errorRate: 0,
  loadBalancer: 'round-robin' as LoadBalancer,
} as const;

export const LOAD_BALANCERS = ['round-robin', 'random', 'least-outstanding', 'power-of-two'] as const;

/** A call as the schema reads it; the model fills in `from`, the edge and the default latency. */
export interface CallSpec {
  readonly to: string;
  readonly latency: Distribution | undefined;
  readonly resilience: Resilience;
}

export type StepSpec =
  | { readonly kind: 'call'; readonly call: CallSpec }
  | { readonly kind: 'parallel'; readonly calls: readonly CallSpec[] };

// The resilience keys are core's policy configs: core's resolvers check them (model/resilience.ts),
// so here they are only carried through.
const resilienceShape = Object.fromEntries(
  RESILIENCE_KEYS.map((key) => [key, z.unknown().optional()]),
) as Record<(typeof RESILIENCE_KEYS)[number], z.ZodOptional<z.ZodUnknown>>;

const call = strictObject(
  { to: serviceRef, latency: distribution.optional(), ...resilienceShape },
  'a call like { to: orders, timeout: 1s }',
).transform(({ to, latency, ...rest }): CallSpec => {
  const resilience: Record<string, unknown> = {};
  for (const key of RESILIENCE_KEYS) if (rest[key] !== undefined) resilience[key] = rest[key];
  return { to, latency, resilience };
});

const parallel = strictObject(
  { parallel: list(call, 'a list of calls made at the same time', { min: 1, least: 'at least one call' }) },
  'a parallel group like { parallel: [{ to: a }, { to: b }] }',
).transform(({ parallel }): StepSpec => ({ kind: 'parallel', calls: parallel }));

/** One item of `calls`: a call, or `{ parallel: [calls…] }`. */
export const step = z.unknown().transform((value, ctx): StepSpec => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'parallel'))
    return parseAs(parallel, value, ctx);
  return { kind: 'call', call: parseAs(call, value, ctx) };
});

/**
 * One service under `services:`. Its calls are only listed here: each is read on its own (`step`),
 * so a mistake in a service's own keys does not hide where its calls go.
 */
export const service = strictObject(
  {
    instances: count(DESIGN_LIMITS.instancesPerService, 'instances per service').default(
      SERVICE_DEFAULTS.instances,
    ),
    workers: count(DESIGN_LIMITS.workersPerInstance, 'workers per instance').default(
      SERVICE_DEFAULTS.workers,
    ),
    queueLimit: count(DESIGN_LIMITS.queueLimit, 'waiting requests per instance', 0).default(
      SERVICE_DEFAULTS.queueLimit,
    ),
    latency: distribution.default(SERVICE_DEFAULTS.latency),
    errorRate: probability().default(SERVICE_DEFAULTS.errorRate),
    loadBalancer: choice(LOAD_BALANCERS).default(SERVICE_DEFAULTS.loadBalancer),
    calls: list(z.unknown(), 'a list of calls').default([]),
  },
  'a service like { instances: 2, workers: 16, latency: 20ms }',
);

export type ServiceSpec = z.output<typeof service>;
