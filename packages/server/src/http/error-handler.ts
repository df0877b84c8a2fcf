import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError } from '@faultline/core';
import { DesignError } from '@faultline/sim';
import {
  InvalidStateError,
  LimitExceededError,
  NotFoundError,
  StoreUnavailableError,
  ValidationError,
  VersionConflictError,
} from '@faultline/store';
import { ApiError, type ErrorBody, type ErrorIssue } from './api-error.js';
import { messageOf, pathOf, valueAt, type RequestPart, type SchemaIssue } from './validation-path.js';

/**
 * Turns every error into `{ "error": { code, message, path? } }` with the right status. Known
 * errors say what to fix; anything else is a 500 whose details stay in the server log (no stack
 * traces in responses).
 */
export function installErrorHandler(
  app: FastifyInstance,
  limits: { bodyBytes: number },
  options: { spaFallback?: boolean } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, body } = classify(error, request, limits);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, path: body.path }, 'request refused');
    return sendError(reply, status, body);
  });
  app.setNotFoundHandler((request, reply) => {
    // A page of the web UI's own routes, asked for by a browser: the UI's index.html.
    const page =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (options.spaFallback && page) return reply.sendFile('index.html');
    return sendError(reply, 404, {
      code: 'not_found',
      message: `No route ${request.method} ${request.url.split('?')[0]}: see /docs for every route`,
    });
  });
}

/** Sends the error shape. */
export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send({ error: body });
}

function classify(
  error: FastifyError,
  request: FastifyRequest,
  limits: { bodyBytes: number },
): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.statusCode, body: error.body };
  if (error.validation) return schemaError(error, request);
  if (error instanceof NotFoundError)
    return { status: 404, body: { code: error.code, message: error.message } };
  if (error instanceof VersionConflictError)
    return {
      status: 409,
      body: { code: error.code, message: error.message, currentVersion: error.currentVersion },
    };
  if (error instanceof InvalidStateError)
    return { status: 409, body: { code: error.code, message: error.message } };
  if (error instanceof LimitExceededError)
    return { status: 413, body: { ...issuesBody(error.code, error.issues), limit: error.limit } };
  if (error instanceof DesignError) return { status: 422, body: issuesBody('invalid_design', error.issues) };
  if (error instanceof ValidationError || error instanceof ConfigError)
    return { status: 400, body: issuesBody('invalid_request', error.issues) };
  if (error instanceof StoreUnavailableError)
    return {
      status: 503,
      body: { code: error.code, message: 'The database is not answering; try again shortly' },
    };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          code: 'body_too_large',
          message: `The request body is over the limit bodyBytes (${limits.bodyBytes} bytes): send a smaller design, or raise the limit`,
          limit: 'bodyBytes',
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: { code: 'invalid_json', message: `The body is not valid JSON: ${error.message}`, path: '' },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: {
          code: 'unsupported_media_type',
          message: `Unsupported Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')}: send application/json (or application/yaml to the import route)`,
        },
      };
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500)
    return { status: error.statusCode, body: { code: 'bad_request', message: error.message } };
  return {
    status: 500,
    body: {
      code: 'internal',
      message: `Internal error (request ${request.id}): the server log has the details`,
    },
  };
}

function issuesBody(code: string, issues: readonly ErrorIssue[]): ErrorBody {
  const first = issues[0];
  const listed = issues.map(({ path, message, line, column }) => ({ path, message, line, column }));
  return {
    code,
    message: first ? (first.path ? `${first.path}: ${first.message}` : first.message) : code,
    ...(first ? { path: first.path } : {}),
    issues: listed,
  };
}

function schemaError(error: FastifyError, request: FastifyRequest): { status: number; body: ErrorBody } {
  const part = (error.validationContext ?? 'body') as RequestPart;
  const root =
    part === 'body'
      ? request.body
      : part === 'querystring'
        ? request.query
        : part === 'params'
          ? request.params
          : request.headers;
  const issues = (error.validation as unknown as SchemaIssue[]).map((issue) => ({
    path: pathOf(issue, part),
    message: messageOf(issue, valueAt(root, issue.instancePath) ?? undefined),
  }));
  return { status: 400, body: issuesBody('invalid_request', issues) };
}
