import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { FAULT_CATALOG } from '../fault-types/catalog.js';
import { errors } from '../schemas/common.js';

const Parameter = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  required: Type.Boolean(),
  description: Type.String(),
  default: Type.Optional(Type.Unknown()),
  choices: Type.Optional(Type.Array(Type.String())),
});

const FaultTypeInfo = Type.Object({
  type: Type.String(),
  description: Type.String(),
  parameters: Type.Array(Parameter),
  intensity: Type.Union([Type.Object({ parameter: Type.String(), rule: Type.String() }), Type.Null()]),
});

/** GET /fault-types: every fault with its parameters. */
export const faultTypeRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/fault-types',
    {
      schema: {
        tags: ['live'],
        summary: "Every fault type with its parameters, and what a live injection's intensity sets",
        response: { 200: Type.Object({ items: Type.Array(FaultTypeInfo) }), ...errors() },
      },
    },
    async () => ({ items: FAULT_CATALOG }),
  );
};
