import { FaultlineError, type ConfigIssue } from '@faultline/core';

/** An error the API answers with: Toxiproxy's `{"error": message, "status": code}`. */
export class ProxyApiError extends FaultlineError {
  readonly status: number;

  constructor(status: number, message: string) {
    super('proxyApi', message);
    this.status = status;
  }

  /** The response body, as Toxiproxy 2.x sends it. */
  toJSON(): { error: string; status: number } {
    return { error: this.message, status: this.status };
  }
}

/** Toxiproxy's error messages, word for word: clients match on some of them (the Go client on "proxy not found"). */
export const apiErrors = {
  badRequestBody: (detail: string) => new ProxyApiError(400, `bad request body: ${detail}`),
  missingField: (field: string) => new ProxyApiError(400, `missing required field: ${field}`),
  proxyNotFound: () => new ProxyApiError(404, 'proxy not found'),
  proxyAlreadyExists: () => new ProxyApiError(409, 'proxy already exists'),
  invalidStream: () => new ProxyApiError(400, 'stream was invalid, can be either upstream or downstream'),
  invalidToxicType: () => new ProxyApiError(400, 'invalid toxic type'),
  toxicAlreadyExists: () => new ProxyApiError(409, 'toxic already exists'),
  toxicNotFound: () => new ProxyApiError(404, 'toxic not found'),
};

/** A bad-request error listing every issue, each as `path: what was expected, got what`. */
export function badBody(issues: readonly ConfigIssue[]): ProxyApiError {
  return apiErrors.badRequestBody(
    issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '),
  );
}
