import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { FAULT_TYPES } from '@faultline/sim';
import type { RouteOptions } from '../context.js';
import { checkDesign } from '../designs/check-design.js';
import { checkFaultIndex, faultsOf, withFaults } from '../designs/faults.js';
import { actorOf } from '../http/actor.js';
import { Id, IdParams, errors } from '../schemas/common.js';
import { ChangeQuery } from '../schemas/designs.js';

/** A fault as in the design file; the design model checks its fields (422 with the path). */
const Fault = Type.Object(
  { type: Type.Union(FAULT_TYPES.map((type) => Type.Literal(type))) },
  {
    additionalProperties: true,
    description: 'a fault of the design file (GET /api/v1/fault-types lists their fields)',
  },
);
const FaultParams = Type.Object(
  { id: Id, index: Type.Integer({ minimum: 0, description: 'position in the faults list, from 0' }) },
  { additionalProperties: false },
);
const FaultList = Type.Object({ version: Type.Integer(), faults: Type.Array(Type.Unknown()) });
const OneFault = Type.Object({ version: Type.Integer(), index: Type.Integer(), fault: Type.Unknown() });

/** A design's faults: list, add, replace, remove; every change is a new version, validated whole. */
export const faultRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store, limits } = ctx;
  const tags = ['faults'];

  const change = (
    id: string,
    query: Static<typeof ChangeQuery>,
    actor: string,
    edit: (faults: unknown[]) => unknown[],
  ) =>
    store.designs.modify({
      id,
      expectedVersion: query.expectedVersion,
      message: query.message,
      actor,
      // Runs inside the store's transaction: a design the model refuses is never saved.
      change: ({ document }) => {
        const next = withFaults(document, edit([...faultsOf(document)]));
        checkDesign(next, limits);
        return next;
      },
    });

  app.get<{ Params: Static<typeof IdParams> }>(
    '/designs/:id/faults',
    {
      schema: {
        tags,
        summary: "The latest version's faults",
        params: IdParams,
        response: { 200: FaultList, ...errors(404) },
      },
    },
    async (request) => {
      const design = await store.designs.get(request.params.id);
      return { version: design.version, faults: faultsOf(design.document) };
    },
  );

  app.post<{
    Params: Static<typeof IdParams>;
    Querystring: Static<typeof ChangeQuery>;
    Body: Static<typeof Fault>;
  }>(
    '/designs/:id/faults',
    {
      schema: {
        tags,
        summary: 'Add a fault at the end of the list (a new version)',
        params: IdParams,
        querystring: ChangeQuery,
        body: Fault,
        response: { 201: OneFault, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      let index = 0;
      const design = await change(request.params.id, request.query, actorOf(request), (faults) => {
        index = faults.length;
        return [...faults, request.body];
      });
      return reply
        .status(201)
        .send({ version: design.version, index, fault: faultsOf(design.document)[index] });
    },
  );

  app.put<{
    Params: Static<typeof FaultParams>;
    Querystring: Static<typeof ChangeQuery>;
    Body: Static<typeof Fault>;
  }>(
    '/designs/:id/faults/:index',
    {
      schema: {
        tags,
        summary: 'Replace the fault at an index (a new version)',
        params: FaultParams,
        querystring: ChangeQuery,
        body: Fault,
        response: { 200: OneFault, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { id, index } = request.params;
      const design = await change(id, request.query, actorOf(request), (faults) => {
        checkFaultIndex(faults, index);
        faults[index] = request.body;
        return faults;
      });
      return { version: design.version, index, fault: faultsOf(design.document)[index] };
    },
  );

  app.delete<{ Params: Static<typeof FaultParams>; Querystring: Static<typeof ChangeQuery> }>(
    '/designs/:id/faults/:index',
    {
      schema: {
        tags,
        summary: 'Remove the fault at an index (a new version); the ones after it move up',
        params: FaultParams,
        querystring: ChangeQuery,
        response: { 200: FaultList, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { id, index } = request.params;
      const design = await change(id, request.query, actorOf(request), (faults) => {
        checkFaultIndex(faults, index);
        faults.splice(index, 1);
        return faults;
      });
      return { version: design.version, faults: faultsOf(design.document) };
    },
  );
};
