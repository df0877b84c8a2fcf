import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../context.js';
import type { RunQueue } from '../runs/run-queue.js';

const Liveness = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() });
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.Object({ ok: Type.Boolean(), backend: Type.String(), error: Type.Optional(Type.String()) }),
  workers: Type.Object({ size: Type.Integer(), busy: Type.Integer(), queued: Type.Integer() }),
  runs: Type.Integer({ description: 'queued or running in this server' }),
  liveSessions: Type.Integer(),
});

/** Liveness (the process answers) and readiness (the database answers too). */
export const healthRoutes: FastifyPluginAsync<RouteOptions & { queue: RunQueue }> = async (
  app,
  { ctx, queue },
) => {
  const tags = ['health'];
  app.get(
    '/health',
    { schema: { tags, summary: 'Liveness: 200 while the process answers', response: { 200: Liveness } } },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );
  app.get(
    '/health/ready',
    {
      schema: {
        tags,
        summary: 'Readiness: 200 when the database answers, else 503',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const backend = ctx.store.describe().backend;
      let database: { ok: boolean; backend: string; error?: string };
      try {
        await ctx.store.designs.list({ limit: 1 });
        database = { ok: true, backend };
      } catch (error) {
        database = { ok: false, backend, error: error instanceof Error ? error.message : String(error) };
      }
      return reply.status(database.ok ? 200 : 503).send({
        status: database.ok ? 'ready' : 'unavailable',
        database,
        workers: queue.stats(),
        runs: ctx.runs.count,
        liveSessions: ctx.live.count,
      });
    },
  );
};
