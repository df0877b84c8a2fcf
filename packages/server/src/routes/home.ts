import type { FastifyPluginAsync } from 'fastify';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Faultline studio</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>Faultline studio</h1>
<p>The server is running. The web UI is coming; until then, the API is here:</p>
<ul>
<li><a href="/docs">API documentation</a> (try every route from the browser)</li>
<li><code>GET /api/v1/designs</code>: the designs, the examples among them</li>
<li><a href="/api/v1/fault-types">Fault types</a> you can inject into a live session</li>
</ul>
</body></html>`;

/** `/`: a small page linking the docs, until the web UI is served here. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
};
