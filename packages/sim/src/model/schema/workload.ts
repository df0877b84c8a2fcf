import { z } from 'zod';
import type { Distribution } from '../../distributions/index.js';
import type { Arrivals, RatePoint } from '../design.js';
import { DESIGN_LIMITS } from '../limits.js';
import { constantMs, distribution } from './distribution.js';
import { list, parseAs, strictObject } from './messages.js';
import { choice, count, duration, number, rate, serviceRef, text } from './primitives.js';

const RATE = rate(DESIGN_LIMITS.ratePerSecond);

/** A profile as the schema reads it: a csv profile's rates are read, and ramps get their end, later. */
export type ProfileSpec =
  | { readonly type: 'constant' }
  | { readonly type: 'ramp'; readonly to: number; readonly at: number; readonly duration?: number }
  | { readonly type: 'spike'; readonly at: number; readonly duration: number; readonly multiplier: number }
  | { readonly type: 'step'; readonly steps: readonly RatePoint[] }
  | {
      readonly type: 'csv';
      readonly csv?: string;
      readonly file?: string;
      readonly interpolate: 'step' | 'linear';
    };

const profile = z.discriminatedUnion('type', [
  strictObject({ type: z.literal('constant') }),
  strictObject({
    type: z.literal('ramp'),
    to: RATE,
    at: duration().default(0),
    duration: duration({ positive: true }).optional(),
  }),
  strictObject({
    type: z.literal('spike'),
    at: duration(),
    duration: duration({ positive: true }),
    multiplier: number({ min: 0 }),
  }),
  strictObject({
    type: z.literal('step'),
    steps: list(
      strictObject({ at: duration(), rate: RATE }, 'a step like { at: 30s, rate: 400 }'),
      'a list of steps',
      {
        min: 1,
        least: 'at least one step',
        max: DESIGN_LIMITS.profilePoints,
        many: 'steps per profile',
      },
    ).superRefine((steps, ctx) => {
      for (let i = 1; i < steps.length; i++)
        if (steps[i]!.at <= steps[i - 1]!.at)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'at'],
            message: `expected a time after the previous step's (${steps[i - 1]!.at}ms), got ${steps[i]!.at}ms: list steps in time order`,
          });
    }),
  }),
  strictObject({
    type: z.literal('csv'),
    csv: text('CSV text with a time and a rate on each line', DESIGN_LIMITS.fileBytes).optional(),
    file: text('a path to a CSV file, relative to the design file', 1000).optional(),
    interpolate: choice(['step', 'linear']).default('step'),
  }).superRefine((value, ctx) => {
    if ((value.csv === undefined) === (value.file === undefined))
      ctx.addIssue({
        code: 'custom',
        message:
          'expected either csv: (the rates inline) or file: (a CSV file next to the design), not both or neither',
      });
  }),
]) satisfies z.ZodType<ProfileSpec>;

export interface OpenWorkloadSpec {
  readonly kind: 'open';
  readonly target: string;
  readonly rate?: number;
  readonly arrivals: Arrivals;
  readonly profile: ProfileSpec;
}

export interface ClosedWorkloadSpec {
  readonly kind: 'closed';
  readonly target: string;
  readonly users: number;
  readonly thinkTime: Distribution;
}

const open = strictObject(
  {
    target: serviceRef,
    rate: RATE.optional(),
    arrivals: choice(['poisson', 'uniform']).default('poisson'),
    profile: profile.default({ type: 'constant' }),
  },
  'a workload like { target: gateway, rate: 200 }',
).transform((spec, ctx): OpenWorkloadSpec => {
  if (spec.profile.type === 'csv' && spec.rate !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['rate'],
      message: 'a csv profile gives the rate itself: remove rate',
    });
  if (spec.profile.type !== 'csv' && spec.rate === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['rate'],
      message: 'missing: expected requests per second, like rate: 200',
    });
  return { kind: 'open', ...spec };
});

const closed = strictObject(
  {
    target: serviceRef,
    users: count(DESIGN_LIMITS.usersPerWorkload, 'users per workload'),
    thinkTime: distribution.default(constantMs(0)),
  },
  'a workload like { target: gateway, users: 50, thinkTime: 1s }',
).transform((spec): ClosedWorkloadSpec => ({ kind: 'closed', ...spec }));

/** One item of `workload:`: open loop (`rate`) or closed loop (`users`). */
export const workload = z.unknown().transform((value, ctx): OpenWorkloadSpec | ClosedWorkloadSpec => {
  const record = typeof value === 'object' && value !== null ? value : {};
  if (Object.hasOwn(record, 'users') && Object.hasOwn(record, 'rate')) {
    ctx.addIssue({
      code: 'custom',
      path: ['users'],
      message: 'a workload is open loop (rate) or closed loop (users), not both: remove one',
    });
    return z.NEVER;
  }
  return Object.hasOwn(record, 'users') ? parseAs(closed, value, ctx) : parseAs(open, value, ctx);
});

export type WorkloadSpec = z.output<typeof workload>;
