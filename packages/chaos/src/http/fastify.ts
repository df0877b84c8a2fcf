import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { afterDelay, resetConnection } from './apply.js';
import { HttpFaults, httpFaults, type HttpFaultsOptions } from './faults.js';
import { pathOf } from './request.js';
import type { HttpFaultDecision, HttpFaultRule } from './rules.js';

// Fastify is typed structurally: the few members used here, which every Fastify 4 and 5 has.
// So @faultline/chaos needs no Fastify types; the tests register it on a real Fastify, whose
// types check that these stay compatible.

/** The part of a Fastify request the faults read. */
export interface FastifyFaultsRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
}

/** The part of a Fastify reply the faults use. */
export interface FastifyFaultsReply {
  readonly raw: ServerResponse;
  code(statusCode: number): FastifyFaultsReply;
  header(key: string, value: string): FastifyFaultsReply;
  send(payload?: unknown): FastifyFaultsReply;
  hijack(): FastifyFaultsReply;
}

/** The part of a Fastify instance the plugin uses. */
export interface FastifyFaultsInstance {
  addHook(
    name: 'onRequest',
    hook: (request: FastifyFaultsRequest, reply: FastifyFaultsReply, done: (error?: Error) => void) => void,
  ): unknown;
}

/** Plugin options: the rules (or shared HttpFaults), and where draws and delays come from. */
export interface FastifyFaultsOptions extends HttpFaultsOptions {
  rules: readonly HttpFaultRule[] | HttpFaults;
}

/**
 * HTTP faults for Fastify: `app.register(fastifyFaults, { rules })`. An onRequest hook; like a
 * plugin wrapped in fastify-plugin it applies to the routes of the context it is registered in.
 */
export async function fastifyFaults(
  instance: FastifyFaultsInstance,
  options: FastifyFaultsOptions,
): Promise<void> {
  const { rules, ...rest } = options;
  const faults = rules instanceof HttpFaults ? rules : httpFaults(rules, rest);
  instance.addHook('onRequest', (request, reply, done) => {
    const decision = faults.decide({
      method: request.method,
      path: pathOf(request.url),
      headers: request.headers,
    });
    if (decision === undefined) {
      done();
      return;
    }
    afterDelay(faults, decision.delay, reply.raw, () => finish(decision, request, reply, done));
  });
}

// What fastify-plugin sets: the hook is not encapsulated in a child context, and has a name.
Object.defineProperty(fastifyFaults, Symbol.for('skip-override'), { value: true });
Object.defineProperty(fastifyFaults, Symbol.for('fastify.display-name'), { value: 'faultline-http-faults' });

function finish(
  decision: HttpFaultDecision,
  request: FastifyFaultsRequest,
  reply: FastifyFaultsReply,
  done: (error?: Error) => void,
): void {
  const abort = decision.abort;
  if (abort === undefined) {
    done();
    return;
  }
  if (abort.status === 'reset') {
    reply.hijack();
    resetConnection(request.raw.socket);
    return;
  }
  // Answering from a callback hook without calling done ends the request here (Fastify's hooks guide).
  reply.code(abort.status).header('content-type', abort.contentType).send(abort.body);
}
