import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI document, built from every route's schemas, at /api/v1/openapi.json, and the
 * Swagger UI page at /docs (its assets are served from the package, never from a CDN).
 * Registered before the routes, so it sees them all.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    // Shared schemas keep their $id as their name in the document (ErrorResponse, Design, Run).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Faultline studio API',
        version: '1',
        description:
          'Designs, runs and live fault-tolerance sessions. Every error is `{ "error": { code, message, path? } }`. ' +
          'WebSocket streams: /api/v1/runs/{id}/stream and /api/v1/live/{id}/stream (see the README of @faultline/server).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'FAULTLINE_TOKEN, when the server has one' },
        },
      },
      security: [{ bearer: [] }],
      tags: ['designs', 'faults', 'resilience', 'runs', 'live', 'health', 'audit'].map((name) => ({ name })),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
}

/** GET /api/v1/openapi.json */
export async function openApiRoute(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
