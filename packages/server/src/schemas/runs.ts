import { Type } from '@sinclair/typebox';
import { Duration, Id, JsonObject } from './common.js';

const RunStatus = Type.Union(
  ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'].map((status) =>
    Type.Literal(status),
  ),
);

const RunFields = {
  id: Id,
  designId: Id,
  designVersion: Type.Integer(),
  status: RunStatus,
  params: JsonObject,
  progress: Type.Number({ description: '0 to 1' }),
  error: Type.Union([Type.String(), Type.Null()]),
  owner: Type.Union([Type.String(), Type.Null()]),
  hasResult: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
};

export const Run = Type.Object(RunFields, { $id: 'Run' });

export const RunWithResult = Type.Object({
  ...RunFields,
  result: Type.Union([JsonObject, Type.Null()], {
    description: 'the run result (DESIGN.md) without its timeline, once the run succeeded',
  }),
});

export const StartRunBody = Type.Object(
  {
    seed: Type.Optional(Type.Integer({ description: "default: the design's seed" })),
    duration: Type.Optional(Duration),
    compare: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'also run without the resilience patterns and report what each one buys',
      }),
    ),
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'the design version; default the latest' }),
    ),
  },
  { additionalProperties: false },
);

export const RunListQuery = Type.Object(
  {
    design: Type.Optional(Id),
    status: Type.Optional(RunStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
