import type { JsonSchema } from '../api/types.js';

// The forms' JSON Schemas, as the design file reference documents them (docs/design-file.md and
// packages/core/docs). When the server's OpenAPI document carries a schema of the same name,
// `useSchemas` uses the server's instead, so the UI and the API never disagree; these are the
// fallback for an older server and for tests.

const duration = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  type: ['string', 'number'],
  format: 'duration',
  description,
  ...extra,
});
const whole = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  type: 'integer',
  description,
  ...extra,
});
const number = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({
  type: 'number',
  description,
  ...extra,
});
const choice = (values: readonly string[], description: string, fallback?: string): JsonSchema => ({
  type: 'string',
  enum: values,
  description,
  ...(fallback === undefined ? {} : { default: fallback }),
});
const distribution = (description: string, fallback?: string): JsonSchema => ({
  format: 'distribution',
  description,
  ...(fallback === undefined ? {} : { default: fallback }),
});

/** A service's own settings (not its calls). */
export const serviceSchema: JsonSchema = {
  type: 'object',
  properties: {
    instances: whole('identical instances behind the load balancer', {
      minimum: 1,
      maximum: 1000,
      default: 1,
    }),
    workers: whole('requests one instance serves at once', { minimum: 1, maximum: 100_000, default: 10 }),
    queueLimit: whole('waiting requests per instance beyond which new ones are rejected', {
      minimum: 0,
      maximum: 1_000_000,
      default: 100,
    }),
    latency: distribution("the service's own work per request", '1ms'),
    errorRate: number('probability that the service itself fails a request', {
      minimum: 0,
      maximum: 1,
      default: 0,
    }),
    loadBalancer: choice(
      ['round-robin', 'random', 'least-outstanding', 'power-of-two'],
      'how an instance is chosen',
      'round-robin',
    ),
  },
};

const backoffSchema: JsonSchema = {
  type: 'object',
  title: 'Backoff',
  properties: {
    type: choice(['exponential', 'linear', 'constant'], 'how the wait grows', 'exponential'),
    initial: duration('first wait (exponential, linear)', { default: '100ms' }),
    max: duration('longest wait (exponential, linear)', { default: '30s' }),
    factor: number('growth per attempt (exponential)', { exclusiveMinimum: 1, default: 2 }),
    step: duration('added per attempt (linear)'),
    delay: duration('every wait (constant)'),
    jitter: choice(['full', 'equal', 'decorrelated', 'none'], 'randomness, so retries do not align', 'full'),
  },
};

/** The resilience policies of a call, outer to inner, each with its options (core's docs). */
export const policySchemas: Readonly<Record<string, JsonSchema>> = {
  timeout: {
    type: 'object',
    title: 'Timeout',
    description: 'bounds one attempt, time queued in the bulkhead included',
    properties: {
      duration: duration('how long one attempt may take'),
      strategy: choice(['cooperative', 'aggressive'], 'what happens at the deadline', 'cooperative'),
    },
    required: ['duration'],
  },
  retry: {
    type: 'object',
    title: 'Retry',
    description: 'tries again after a failure, waiting the backoff',
    properties: {
      maxAttempts: whole('total attempts, the first included', { minimum: 1, default: 3 }),
      backoff: backoffSchema,
      maxDelay: duration('caps every wait'),
    },
  },
  circuitBreaker: {
    type: 'object',
    title: 'Circuit breaker',
    description: 'stops calling a failing service for a while; counts every attempt',
    properties: {
      failureRateThreshold: number('percent of failed calls that opens the breaker', {
        exclusiveMinimum: 0,
        maximum: 100,
        default: 50,
      }),
      slowCallThreshold: duration('a call slower than this is slow'),
      slowCallRateThreshold: number('percent of slow calls that opens the breaker', {
        exclusiveMinimum: 0,
        maximum: 100,
        default: 100,
      }),
      window: {
        type: 'object',
        title: 'Window',
        properties: {
          type: choice(['count', 'time'], 'what the breaker remembers', 'count'),
          size: whole('calls (count) or seconds (time) remembered', { minimum: 1, default: 20 }),
        },
      },
      minimumCalls: whole('calls needed before a rate can open it', { minimum: 1, default: 10 }),
      openFor: duration('how long it stays open', { default: '5s' }),
      halfOpenCalls: whole('probes admitted while half-open', { minimum: 1, default: 1 }),
    },
  },
  rateLimiter: {
    type: 'object',
    title: 'Rate limiter',
    description: 'limits the rate of calls on this edge',
    properties: {
      type: choice(['token-bucket', 'sliding-window'], 'how permits are counted', 'token-bucket'),
      rate: number('permits added every `per` (token bucket)', { exclusiveMinimum: 0 }),
      per: duration('the period `rate` counts over', { default: '1s' }),
      burst: whole('most permits saved up (token bucket)', { minimum: 1 }),
      limit: whole('permits in any window (sliding window)', { minimum: 1, maximum: 1_000_000 }),
      window: duration('window length (sliding window)', { default: '1s' }),
      mode: choice(['reject', 'wait'], 'reject at once, or wait for a permit', 'reject'),
      maxWait: duration('longest wait (wait mode)'),
    },
  },
  bulkhead: {
    type: 'object',
    title: 'Bulkhead',
    description: 'limits calls in flight on this edge',
    properties: {
      maxConcurrent: whole('calls that may run at once', { minimum: 1 }),
      maxQueue: whole('calls that may wait for a slot', { minimum: 0, default: 0 }),
      queueTimeout: duration('longest wait in the queue (needs maxQueue > 0)'),
    },
    required: ['maxConcurrent'],
  },
  fallback: {
    type: 'object',
    title: 'Fallback',
    description: 'answers for whatever fails last: the request succeeds degraded',
    properties: {
      type: choice(['static'], 'how the answer is made', 'static'),
    },
  },
  hedge: {
    type: 'object',
    title: 'Hedge',
    description: 'starts another attempt in parallel when the first is slow',
    properties: {
      delay: duration('wait this long for an answer before the next attempt'),
      maxHedgedAttempts: whole('attempts beyond the first', { minimum: 0, maximum: 10, default: 1 }),
      onFailure: {
        type: 'boolean',
        description: 'start the next attempt at once on a failure',
        default: false,
      },
    },
    required: ['delay'],
  },
};

/** The resilience keys of a call, in the order the pipeline applies them (outer first). */
export const POLICY_ORDER = [
  'fallback',
  'retry',
  'hedge',
  'circuitBreaker',
  'rateLimiter',
  'timeout',
  'bulkhead',
];

/** What a new policy starts as when switched on: the smallest valid config. */
export const POLICY_STARTERS: Readonly<Record<string, Record<string, unknown>>> = {
  timeout: { duration: '1s' },
  retry: { maxAttempts: 3 },
  circuitBreaker: { failureRateThreshold: 50, openFor: '5s' },
  rateLimiter: { type: 'token-bucket', rate: 100 },
  bulkhead: { maxConcurrent: 20 },
  fallback: { type: 'static' },
  hedge: { delay: '50ms' },
};

const when = {
  at: duration('when it starts, from the start of the run', { default: 0 }),
  duration: duration('how long it lasts (empty: to the end of the run)'),
};
const onService = {
  target: { type: 'string', format: 'service', description: 'the service it hits' } as JsonSchema,
  instances: whole('how many of its instances (empty: all)', { minimum: 1 }),
};

/** Each fault type's parameters, as written in a design's `faults`. */
export const faultSchemas: Readonly<Record<string, JsonSchema>> = {
  crash: { type: 'object', title: 'Crash', properties: { ...onService, ...when }, required: ['target'] },
  latency: {
    type: 'object',
    title: 'Latency',
    properties: { ...onService, delay: distribution('added to every request'), ...when },
    required: ['target', 'delay'],
  },
  error: {
    type: 'object',
    title: 'Error',
    properties: {
      ...onService,
      rate: number('probability each request fails', { minimum: 0, maximum: 1 }),
      ...when,
    },
    required: ['target', 'rate'],
  },
  exhaustion: {
    type: 'object',
    title: 'Exhaustion',
    properties: {
      ...onService,
      resource: choice(['workers', 'cpu', 'memory', 'connections'], 'the resource taken away'),
      fraction: number('share taken away', { exclusiveMinimum: 0, maximum: 1 }),
      ...when,
    },
    required: ['target', 'resource', 'fraction'],
  },
  partition: {
    type: 'object',
    title: 'Partition',
    properties: {
      between: {
        format: 'groups',
        description: 'groups that cannot reach each other, e.g. gateway, auth | orders',
      },
      ...when,
    },
    required: ['between'],
  },
  'packet-loss': {
    type: 'object',
    title: 'Packet loss',
    properties: {
      from: { type: 'string', format: 'service', description: 'the caller' },
      to: { type: 'string', format: 'service', description: 'the callee' },
      rate: number('probability a message is lost', { exclusiveMinimum: 0, maximum: 1 }),
      retransmitDelay: duration('when a lost message is sent again', { default: '200ms' }),
      ...when,
    },
    required: ['from', 'to', 'rate'],
  },
};

/** What a new fault of each type starts as. */
export function faultStarter(type: string, services: readonly string[], at: number): Record<string, unknown> {
  const first = services[0] ?? '';
  const base = { type, at: `${Math.round(at / 1000)}s`, duration: '10s' };
  switch (type) {
    case 'latency':
      return { ...base, target: first, delay: '500ms' };
    case 'error':
      return { ...base, target: first, rate: 0.5 };
    case 'exhaustion':
      return { ...base, target: first, resource: 'workers', fraction: 0.8 };
    case 'partition':
      return { ...base, between: [services.slice(0, 1), services.slice(1, 2)] };
    case 'packet-loss':
      return { ...base, from: first, to: services[1] ?? first, rate: 0.1 };
    default:
      return { ...base, target: first };
  }
}

/** One open-loop or closed-loop workload. */
export const workloadSchema: JsonSchema = {
  type: 'object',
  properties: {
    target: { type: 'string', format: 'service', description: 'the service requests arrive at' },
    rate: number('requests per second (open loop)', { minimum: 0 }),
    arrivals: choice(['poisson', 'uniform'], 'how arrivals are spaced', 'poisson'),
    users: whole('users, each with one request in flight (closed loop, instead of rate)', { minimum: 1 }),
    thinkTime: distribution('pause between an answer and the next request (closed loop)'),
    profile: {
      type: 'object',
      title: 'Profile',
      description: 'how the rate changes over the run (step and CSV profiles: in the YAML)',
      properties: {
        type: choice(['constant', 'ramp', 'spike'], 'the shape of the rate over time', 'constant'),
        to: number('the rate a ramp ends at', { minimum: 0 }),
        at: duration('when a ramp or spike starts'),
        duration: duration('how long a ramp or spike takes'),
        multiplier: number('the rate × this during a spike', { minimum: 0 }),
      },
    },
  },
  required: ['target'],
};

/** The design's top-level run settings. */
export const designSchema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', description: "the design's name, shown in results" },
    seed: whole('same seed and design give identical results', { minimum: 0, default: 1 }),
    duration: duration('simulated time to run', { default: '60s' }),
  },
  required: ['name'],
};
