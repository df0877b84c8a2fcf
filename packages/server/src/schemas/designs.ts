import { Type } from '@sinclair/typebox';
import { Id, JsonObject } from './common.js';

export const DesignSummary = Type.Object({
  id: Id,
  name: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
  deletedAt: Type.Union([Type.String(), Type.Null()]),
});

const Warning = Type.Object({ path: Type.String(), message: Type.String() });

export const Design = Type.Object(
  {
    id: Id,
    name: Type.String(),
    version: Type.Integer(),
    latestVersion: Type.Integer(),
    document: JsonObject,
    message: Type.Union([Type.String(), Type.Null()]),
    savedAt: Type.String(),
    savedBy: Type.String(),
    createdAt: Type.String(),
    createdBy: Type.String(),
    deletedAt: Type.Union([Type.String(), Type.Null()]),
    warnings: Type.Optional(
      Type.Array(Warning, { description: 'legal but likely mistakes the model found, on a save' }),
    ),
  },
  { $id: 'Design' },
);

export const DesignVersion = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  message: Type.Union([Type.String(), Type.Null()]),
  savedAt: Type.String(),
  savedBy: Type.String(),
  bytes: Type.Integer(),
});

const Message = Type.String({ maxLength: 2000, description: 'what changed, kept with the version' });

export const CreateDesignBody = Type.Object(
  { document: JsonObject, message: Type.Optional(Message) },
  { additionalProperties: false },
);

export const UpdateDesignBody = Type.Object(
  {
    document: JsonObject,
    expectedVersion: Type.Integer({ minimum: 1, description: 'the version you read and changed' }),
    message: Type.Optional(Message),
  },
  { additionalProperties: false },
);

/** Changes to one part of a design: expectedVersion is optional (without it, the latest is changed). */
export const ChangeQuery = Type.Object(
  {
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    message: Type.Optional(Message),
  },
  { additionalProperties: false },
);
