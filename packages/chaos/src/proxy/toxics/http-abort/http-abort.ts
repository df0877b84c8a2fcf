import type { HttpToxicDefinition } from '../definition.js';
import { selects } from '../../http/selection.js';
import { HTTP_ABORT_DEFAULTS, readHttpAbort, type HttpAbortAttributes } from './options.js';

/** Drops the selected requests and closes (or resets) their connection: the client gets no answer. */
export const httpAbort: HttpToxicDefinition<HttpAbortAttributes> = {
  type: 'http_abort',
  layer: 'http',
  stream: 'upstream',
  defaults: HTTP_ABORT_DEFAULTS,
  read: readHttpAbort,
  decide(args) {
    if (!selects(args.attributes, args)) return undefined;
    return { kind: 'abort', reset: args.attributes.reset };
  },
};
