import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from '../context.js';

/** GET /metrics in Prometheus' text format; and every request's latency observed on the way out. */
export const metricsRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { metrics } = ctx;
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics: HTTP latency, runs, worker pool, live sessions',
      },
    },
    async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
};
