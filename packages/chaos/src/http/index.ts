// Public exports of the HTTP fault middleware: one decision (httpFaults), thin adapters per server.
export { httpFaults, HttpFaults, type HttpFaultsOptions } from './faults.js';
export {
  resolveHttpFaultRules,
  DEFAULT_ABORT_BODY,
  DEFAULT_ABORT_STATUS,
  type HttpAbort,
  type HttpFaultDecision,
  type HttpFaultRule,
  type ResolvedHttpFaultRule,
} from './rules.js';
export type { HttpFaultRequest } from './request.js';
export type { HttpFaultEvent } from './events.js';
export { nodeHttpFaults, type NodeHttpFaults, type NodeRequestListener } from './node.js';
export { expressFaults, type ExpressFaultsMiddleware } from './express.js';
export {
  fastifyFaults,
  type FastifyFaultsInstance,
  type FastifyFaultsOptions,
  type FastifyFaultsReply,
  type FastifyFaultsRequest,
} from './fastify.js';
