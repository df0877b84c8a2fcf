import { Type } from '@sinclair/typebox';
import { FAULT_TYPES } from '@faultline/sim';
import { Id, JsonObject } from './common.js';

export const Speed = Type.Number({
  minimum: 1,
  maximum: 100,
  description: 'simulated time per wall time, 1× to 100×',
});

export const StartLiveBody = Type.Object(
  {
    speed: Type.Optional(
      Type.Number({
        minimum: 1,
        maximum: 100,
        default: 1,
        description: 'simulated time per wall time, 1× to 100×',
      }),
    ),
    seed: Type.Optional(Type.Integer()),
    intervalMs: Type.Optional(
      Type.Integer({ minimum: 100, maximum: 1000, description: 'wall ms between snapshots; default 250' }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const InjectedFault = Type.Object({
  id: Id,
  type: Type.String(),
  targets: Type.Array(Type.String()),
  sides: Type.Optional(Type.Array(Type.Array(Type.String()))),
  injectedAt: Type.Number({ description: 'simulated ms' }),
  healedAt: Type.Union([Type.Number(), Type.Null()]),
  fault: JsonObject,
});

const ServiceNow = Type.Object({
  requestsPerSec: Type.Number({ description: 'responses sent in the last whole second, ok and failed' }),
  errorRate: Type.Number({ description: 'share of those that failed, 0 to 1' }),
  p99: Type.Union([Type.Number(), Type.Null()], { description: 'ms; null without responses' }),
  instancesUp: Type.Integer(),
  instances: Type.Integer(),
  inFlight: Type.Number({ description: 'requests its instances hold now' }),
  health: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('down')]),
});

const EdgeNow = Type.Object({
  breakerState: Type.Union([Type.String(), Type.Null()], {
    description:
      'the worst state among the breakers of this call (one per calling instance): open, isolated, halfOpen, closed, disabled; null without a breaker',
  }),
  breakerStates: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), {
      description: 'how many of the call’s breakers (one per calling instance) are in each state',
    }),
  ),
  attemptsPerSec: Type.Number(),
  failureRate: Type.Number(),
  inFlight: Type.Number(),
  queued: Type.Number(),
});

const Now = Type.Object({
  status: Type.String(),
  speed: Type.Number(),
  t: Type.Number({ description: 'simulated ms' }),
  services: Type.Record(Type.String(), ServiceNow),
  edges: Type.Record(Type.String(), EdgeNow),
  faults: Type.Array(InjectedFault),
  lagMs: Type.Number(),
});

export const LiveSessionView = Type.Object({
  id: Id,
  name: Type.String(),
  designId: Type.Union([Id, Type.Null()]),
  designVersion: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  config: JsonObject,
  owner: Type.Union([Type.String(), Type.Null()]),
  hasReport: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
  stoppedAt: Type.Union([Type.String(), Type.Null()]),
  now: Type.Union([Now, Type.Null()], { description: 'what it shows now, while it runs in this server' }),
});

export const FaultRequest = Type.Object(
  {
    type: Type.Union(FAULT_TYPES.map((type) => Type.Literal(type))),
    intensity: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: "sets the fault's scale parameter (GET /fault-types says which)",
      }),
    ),
  },
  {
    additionalProperties: true,
    description: 'a fault of the design file without `at` (it starts now); `duration` optional: until healed',
  },
);

const FaultOutcome = Type.Object({
  id: Type.String(),
  type: Type.String(),
  targets: Type.Array(Type.String()),
  injectedAt: Type.Number(),
  healedAt: Type.Union([Type.Number(), Type.Null()]),
  detectedAfterMs: Type.Union([Type.Number(), Type.Null()]),
  breakerOpenAfterMs: Type.Union([Type.Number(), Type.Null()]),
  breakerEdge: Type.Union([Type.String(), Type.Null()]),
  recoveredAfterMs: Type.Union([Type.Number(), Type.Null()]),
  sides: Type.Optional(
    Type.Array(
      Type.Object({
        services: Type.Array(Type.String()),
        ok: Type.Number(),
        failed: Type.Number(),
        availability: Type.Union([Type.Number(), Type.Null()]),
        healthy: Type.Array(Type.String()),
      }),
    ),
  ),
});

export const LiveReport = Type.Object({
  sessionId: Type.String(),
  simulatedMs: Type.Number(),
  score: Type.Unknown({ description: "the simulator's resilience score so far, or null" }),
  slo: Type.Object({
    availability: Type.Number(),
    latencyP99: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  }),
  faults: Type.Array(FaultOutcome),
  error: Type.Optional(Type.String()),
});
