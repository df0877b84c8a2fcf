import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { homeRoutes } from './home.js';

/**
 * The web UI: the built files of `webRoot` (its index.html at `/`, and for any other page a
 * browser asks for, so client-side routes load), or, until there is a build, a small page
 * linking the API docs. Returns whether the UI is served.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string | undefined): Promise<boolean> {
  if (webRoot === undefined || !existsSync(join(webRoot, 'index.html'))) {
    await app.register(homeRoutes);
    return false;
  }
  // Routes for the files there at start, not a wildcard: unknown /api paths keep the API's 404.
  await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  return true;
}
