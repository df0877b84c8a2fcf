import type { FastifyRequest } from 'fastify';

/** Who a change is recorded as in the audit log when the request does not say. */
export const DEFAULT_ACTOR = 'studio';

/** The `X-Faultline-Actor` header (a name for the audit log), or {@link DEFAULT_ACTOR}. */
export function actorOf(request: FastifyRequest): string {
  const header = request.headers['x-faultline-actor'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value && value.length <= 200 ? value : DEFAULT_ACTOR;
}
