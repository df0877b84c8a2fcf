import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../context.js';
import { Page, errors } from '../schemas/common.js';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  data: Type.Object({}, { additionalProperties: true }),
  prevHash: Type.String(),
  hash: Type.String(),
});
const Verification = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Integer(),
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
  firstBroken: Type.Optional(Type.Object({ seq: Type.Integer(), reason: Type.String() })),
});
const ListQuery = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 100, description: 'a design, run or live session id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

/** The audit log: every change, hash-chained; and a check of the chain. */
export const auditRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const tags = ['audit'];
  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries, newest first',
        querystring: ListQuery,
        response: { 200: Page(Entry), ...errors() },
      },
    },
    async (request) => {
      const { subject, ...page } = request.query;
      return ctx.store.audit.list({ ...page, subjectId: subject });
    },
  );
  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Checks the whole hash chain: ok, or the first broken entry and why',
        response: { 200: Verification, ...errors() },
      },
    },
    async () => ctx.store.audit.verify(),
  );
};
