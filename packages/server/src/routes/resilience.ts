import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { RESILIENCE_KEYS } from '@faultline/sim';
import type { RouteOptions } from '../context.js';
import { checkDesign } from '../designs/check-design.js';
import { callEdgesOf, withResilience } from '../designs/resilience.js';
import { actorOf } from '../http/actor.js';
import { Id, errors } from '../schemas/common.js';
import { ChangeQuery } from '../schemas/designs.js';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const ServiceParams = Type.Object({ id: Id, service: Name }, { additionalProperties: false });
const EdgeParams = Type.Object({ id: Id, service: Name, to: Name }, { additionalProperties: false });

/** A call's resilience keys: exactly the config @faultline/core builds a pipeline from. */
const Resilience = Type.Object(
  Object.fromEntries(RESILIENCE_KEYS.map((key) => [key, Type.Optional(Type.Unknown())])),
  {
    additionalProperties: false,
    description: `any of ${RESILIENCE_KEYS.join(', ')}: core's policy config, checked by core's own resolvers`,
  },
);
const CallEdge = Type.Object({
  to: Type.String(),
  edge: Type.String(),
  path: Type.String(),
  resilience: Type.Object({}, { additionalProperties: true }),
});
const ServiceResilience = Type.Object({
  version: Type.Integer(),
  service: Type.String(),
  calls: Type.Array(CallEdge),
});

/** The resilience policies on a service's calls, per call edge. */
export const resilienceRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store, limits } = ctx;
  const tags = ['resilience'];

  app.get<{ Params: Static<typeof ServiceParams> }>(
    '/designs/:id/services/:service/resilience',
    {
      schema: {
        tags,
        summary: 'The resilience keys of every call the service makes, per call edge',
        params: ServiceParams,
        response: { 200: ServiceResilience, ...errors(404) },
      },
    },
    async (request) => {
      const { id, service } = request.params;
      const design = await store.designs.get(id);
      return { version: design.version, service, calls: callEdgesOf(design.document, service) };
    },
  );

  app.put<{
    Params: Static<typeof EdgeParams>;
    Querystring: Static<typeof ChangeQuery>;
    Body: Static<typeof Resilience>;
  }>(
    '/designs/:id/services/:service/resilience/:to',
    {
      schema: {
        tags,
        summary:
          'Set the resilience of the call edge service → to (every call on it): the keys given replace all others',
        params: EdgeParams,
        querystring: ChangeQuery,
        body: Resilience,
        response: { 200: ServiceResilience, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { id, service, to } = request.params;
      const design = await store.designs.modify({
        id,
        expectedVersion: request.query.expectedVersion,
        message: request.query.message,
        actor: actorOf(request),
        change: ({ document }) => {
          const next = withResilience(document, service, to, request.body);
          checkDesign(next, limits);
          return next;
        },
      });
      return { version: design.version, service, calls: callEdgesOf(design.document, service) };
    },
  );
};
