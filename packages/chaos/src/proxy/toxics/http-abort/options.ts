import { readBoolean, readObject, type Issues } from '@faultline/core';
import { SELECT_ALL, SELECTION_KEYS, readSelection, type RequestSelection } from '../../http/selection.js';

/** http_abort: close the connection instead of forwarding the request. */
export type HttpAbortAttributes = RequestSelection & {
  /** Reset the connection (TCP RST) rather than close it. */
  reset: boolean;
};

export const HTTP_ABORT_DEFAULTS: HttpAbortAttributes = { ...SELECT_ALL, reset: false };

/** Reads http_abort attributes over `base`. */
export function readHttpAbort(
  input: Record<string, unknown>,
  base: HttpAbortAttributes,
  issues: Issues,
  path: string,
): HttpAbortAttributes {
  readObject(input, path, issues, ['reset', ...SELECTION_KEYS]);
  return {
    ...readSelection(input, base, issues, path),
    reset: readBoolean(input, 'reset', path, issues, base.reset),
  };
}
