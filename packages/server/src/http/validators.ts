import { Ajv, type Options } from 'ajv';
import type { FastifyInstance } from 'fastify';

const shared: Options = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false };

/**
 * Request validation with two Ajv instances. Bodies are checked as sent: a string is never turned
 * into a number and an unknown field is an error, never silently dropped (Fastify's defaults do
 * both). Query strings and path parameters are text by nature, so there numbers are read from it.
 */
export function installValidators(app: FastifyInstance): void {
  const body = new Ajv({ ...shared, coerceTypes: false });
  const text = new Ajv({ ...shared, coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? body : text;
    return ajv.compile(schema) as ReturnType<Parameters<FastifyInstance['setValidatorCompiler']>[0]>;
  });
}
