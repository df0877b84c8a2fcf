/**
 * Where the store reports what it did (migrations applied) and what went wrong in the
 * background. Shaped like pino's (Fastify's logger) `info(object, message)`, so the server passes
 * its own; `console` works too.
 */
export interface StoreLogger {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}
