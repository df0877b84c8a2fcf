import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Guards the API. With a token, every /api and /metrics request must carry
 * `Authorization: Bearer <token>` (compared in constant time); a browser's WebSocket cannot set
 * headers, so a stream may pass it as `?access_token=` instead. Without a token the server only
 * listens on loopback, and then a request must also name a loopback Host: that stops a web page
 * from reaching the API through DNS rebinding. A WebSocket from a page of another origin is refused.
 */
export function installAccess(app: FastifyInstance, token: string | undefined): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    const guarded = path.startsWith('/api/') || path === '/metrics';
    if (token === undefined) {
      if (!isLoopback(hostOf(request.headers.host ?? '')))
        throw new ApiError(403, {
          code: 'forbidden_host',
          message: `The server answers only requests addressed to localhost without FAULTLINE_TOKEN; got Host ${JSON.stringify(request.headers.host ?? '')}`,
        });
    } else if (guarded && !sameSecret(tokenOf(request), token)) {
      throw new ApiError(401, {
        code: 'unauthorized',
        message:
          'Missing or wrong access token: send "Authorization: Bearer <token>" with the token in FAULTLINE_TOKEN',
      });
    }
    const origin = request.headers.origin;
    if (
      request.headers.upgrade?.toLowerCase() === 'websocket' &&
      origin &&
      !sameHost(origin, request.headers.host)
    )
      throw new ApiError(403, {
        code: 'forbidden_origin',
        message: `WebSocket from another origin (${origin}) refused`,
      });
  });
}

function tokenOf(request: FastifyRequest): string {
  const header = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (header !== undefined) return header;
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return '';
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery =
    query?.['access_token'] ?? new URL(request.url, 'http://x').searchParams.get('access_token');
  return typeof fromQuery === 'string' ? fromQuery : '';
}

function hostOf(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.split(':')[0]!;
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
