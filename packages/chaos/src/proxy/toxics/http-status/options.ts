import { childPath, describe, readNumber, readObject, type Issues } from '@faultline/core';
import { SELECT_ALL, SELECTION_KEYS, readSelection, type RequestSelection } from '../../http/selection.js';

/** http_status: answer requests from the proxy with this status. */
export type HttpStatusAttributes = RequestSelection & {
  status: number;
  /** Response body (text/plain); "" sends the status and its reason. */
  body: string;
  /** Extra response headers, such as `retry-after`. */
  headers: Record<string, string>;
};

export const HTTP_STATUS_DEFAULTS: HttpStatusAttributes = {
  ...SELECT_ALL,
  status: 503,
  body: '',
  headers: {},
};

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_BODY = 64 * 1024;

/** Reads http_status attributes over `base`. */
export function readHttpStatus(
  input: Record<string, unknown>,
  base: HttpStatusAttributes,
  issues: Issues,
  path: string,
): HttpStatusAttributes {
  readObject(input, path, issues, ['status', 'body', 'headers', ...SELECTION_KEYS]);
  const status = readNumber(input, 'status', path, issues, base.status, {
    min: 200,
    max: 599,
    integer: true,
  });
  let body = base.body;
  if (input['body'] !== undefined) {
    if (typeof input['body'] === 'string' && input['body'].length <= MAX_BODY) body = input['body'];
    else
      issues.add(
        childPath(path, 'body'),
        `expected a text of at most ${MAX_BODY} characters, got ${describe(input['body'])}`,
      );
  }
  return {
    ...readSelection(input, base, issues, path),
    status,
    body,
    headers: readHeaders(input, base, issues, path),
  };
}

function readHeaders(
  input: Record<string, unknown>,
  base: HttpStatusAttributes,
  issues: Issues,
  path: string,
): Record<string, string> {
  const value = input['headers'];
  if (value === undefined) return base.headers;
  const where = childPath(path, 'headers');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add(where, `expected an object of header names to values, got ${describe(value)}`);
    return base.headers;
  }
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (!TOKEN.test(name))
      issues.add(childPath(where, name), 'expected a header name (letters, digits, "-")');
    else if (typeof text !== 'string' || /[\r\n]/.test(text))
      issues.add(childPath(where, name), `expected a one-line text, got ${describe(text)}`);
    else headers[name] = text;
  }
  return headers;
}
