import { readDuration, readObject, type Issues } from '@faultline/core';
import { SELECT_ALL, SELECTION_KEYS, readSelection, type RequestSelection } from '../../http/selection.js';

/** http_delay: hold selected requests back before the server sees them. */
export type HttpDelayAttributes = RequestSelection & {
  /** Ms; numbers or strings like "2s". */
  delay: number;
};

export const HTTP_DELAY_DEFAULTS: HttpDelayAttributes = { ...SELECT_ALL, delay: 0 };

/** Reads http_delay attributes over `base`. */
export function readHttpDelay(
  input: Record<string, unknown>,
  base: HttpDelayAttributes,
  issues: Issues,
  path: string,
): HttpDelayAttributes {
  readObject(input, path, issues, ['delay', ...SELECTION_KEYS]);
  return {
    ...readSelection(input, base, issues, path),
    delay: readDuration(input, 'delay', path, issues, base.delay),
  };
}
