import { FaultlineError } from '@faultline/core';

/** One problem with a request, named by where it is. */
export interface ErrorIssue {
  readonly path: string;
  readonly message: string;
  /** Line and column in an imported file, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** What every error response carries (the body is `{ "error": ErrorBody }`). */
export interface ErrorBody {
  /** Stable, for programs: `not_found`, `version_conflict`, `invalid_request`, `invalid_design`, … */
  readonly code: string;
  /** For people: what went wrong and what to do. */
  readonly message: string;
  /** Where the first problem is, when the error is about one place in the input. */
  readonly path?: string;
  /** Every problem found, when there are several places to fix. */
  readonly issues?: readonly ErrorIssue[];
  /** The limit that was hit, by its name in the server's or the store's limits. */
  readonly limit?: string;
  /** With `version_conflict`: the design's latest version. */
  readonly currentVersion?: number;
}

/** An error the API answers with its own status and body; thrown by routes, shaped by the error handler. */
export class ApiError extends FaultlineError {
  readonly statusCode: number;
  readonly body: ErrorBody;
  constructor(statusCode: number, body: ErrorBody) {
    super(body.code, body.message);
    this.statusCode = statusCode;
    this.body = body;
  }
}

/** 404 for a route's subject that is not there (a fault index, a service name). */
export function notFound(message: string, path?: string): ApiError {
  return new ApiError(404, { code: 'not_found', message, ...(path === undefined ? {} : { path }) });
}

/** 422 for input that is well formed but cannot be applied: names the path. */
export function unprocessable(code: string, path: string, message: string): ApiError {
  return new ApiError(422, { code, message: path ? `${path}: ${message}` : message, path });
}
