import { z } from 'zod';
import { lognormal, type Distribution } from '../../distributions/index.js';
import { expected, parseAs, strictObject } from './messages.js';
import { duration } from './primitives.js';

const constant = strictObject({ dist: z.literal('constant'), value: duration() });

const uniform = strictObject({ dist: z.literal('uniform'), min: duration(), max: duration() }).superRefine(
  (value, ctx) => {
    if (value.max < value.min)
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `expected max ≥ min (${value.min}ms), got ${value.max}ms`,
      });
  },
);

const exponential = strictObject({ dist: z.literal('exponential'), mean: duration() });

const normal = strictObject({ dist: z.literal('normal'), mean: duration(), stddev: duration() });

const lognormalSpec = strictObject({
  dist: z.literal('lognormal'),
  median: duration({ positive: true }),
  p99: duration({ positive: true }),
}).superRefine((value, ctx) => {
  if (value.p99 <= value.median)
    ctx.addIssue({
      code: 'custom',
      path: ['p99'],
      message: `expected a p99 above the median (${value.median}ms), got ${value.p99}ms; for a fixed latency use { dist: constant, value: ${value.median}ms }`,
    });
});

const tagged = z
  .discriminatedUnion('dist', [constant, uniform, exponential, normal, lognormalSpec])
  .transform((spec): Distribution => (spec.dist === 'lognormal' ? lognormal(spec.median, spec.p99) : spec));

const bare = duration().transform((value): Distribution => ({ dist: 'constant', value }));

const notADistribution = z.unknown().transform((value, ctx) => {
  ctx.issues.push({
    code: 'custom',
    message: expected('a duration like "5ms" or a distribution like { dist: exponential, mean: 5ms }', value),
    input: value,
  });
  return z.NEVER;
});

/**
 * A distribution of durations: `{ dist: constant | uniform | exponential | normal | lognormal, … }`
 * or a bare duration (`5ms`), which means a constant.
 */
export const distribution = z.unknown().transform((value, ctx): Distribution => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return parseAs(tagged, value, ctx);
  if (typeof value === 'number' || typeof value === 'string') {
    const result = bare.safeParse(value);
    if (result.success) return result.data;
  }
  return parseAs(notADistribution, value, ctx);
});

/** The constant distribution of `ms`, for defaults. */
export function constantMs(ms: number): Distribution {
  return { dist: 'constant', value: ms };
}
