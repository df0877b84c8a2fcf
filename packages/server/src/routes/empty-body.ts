import type { FastifyRequest } from 'fastify';

/** For routes whose body fields are all optional: no body at all means `{}`, not a 400. */
export async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
