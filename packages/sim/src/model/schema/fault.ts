import { z } from 'zod';
import { DESIGN_LIMITS } from '../limits.js';
import { distribution } from './distribution.js';
import { list, strictObject } from './messages.js';
import { choice, count, duration, number, probability, serviceRef } from './primitives.js';

/** Default delay before a lost packet is sent again: Linux's minimum TCP retransmission timeout. */
export const DEFAULT_RETRANSMIT_DELAY_MS = 200;

export const EXHAUSTED_RESOURCES = ['workers', 'cpu', 'memory', 'connections'] as const;

export const FAULT_TYPES = ['crash', 'latency', 'error', 'exhaustion', 'partition', 'packet-loss'] as const;

// When a fault is active. `duration` defaults to the rest of the run, which only the design knows.
const window = {
  at: duration().default(0),
  duration: duration({ positive: true }).optional(),
};

// Faults on instances of one service. `instances` defaults to all of them.
const onService = {
  ...window,
  target: serviceRef,
  instances: count(DESIGN_LIMITS.instancesPerService, 'instances per service').optional(),
};

/** One item of `faults:`, by its `type`. */
export const fault = z.discriminatedUnion('type', [
  strictObject({ type: z.literal('crash'), ...onService }),
  strictObject({ type: z.literal('latency'), ...onService, delay: distribution }),
  strictObject({ type: z.literal('error'), ...onService, rate: probability() }),
  strictObject({
    type: z.literal('exhaustion'),
    ...onService,
    resource: choice(EXHAUSTED_RESOURCES),
    fraction: number({ min: 0, max: 1, above: true }),
  }),
  strictObject({
    type: z.literal('partition'),
    ...window,
    between: list(
      list(serviceRef, 'a group of service names', { min: 1, least: 'at least one service in a group' }),
      'groups of services, like [[a, b], [c]]',
      { min: 2, least: 'at least two groups' },
    ),
  }),
  strictObject({
    type: z.literal('packet-loss'),
    ...window,
    from: serviceRef,
    to: serviceRef,
    rate: probability(true),
    retransmitDelay: duration().default(DEFAULT_RETRANSMIT_DELAY_MS),
  }),
]);

export type FaultSpec = z.output<typeof fault>;
