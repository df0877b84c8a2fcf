import type { HttpToxicDefinition } from '../definition.js';
import { selects } from '../../http/selection.js';
import { HTTP_STATUS_DEFAULTS, readHttpStatus, type HttpStatusAttributes } from './options.js';

/** Answers the selected requests with `status` from the proxy: the server never sees them. */
export const httpStatus: HttpToxicDefinition<HttpStatusAttributes> = {
  type: 'http_status',
  layer: 'http',
  stream: 'upstream',
  defaults: HTTP_STATUS_DEFAULTS,
  read: readHttpStatus,
  decide(args) {
    if (!selects(args.attributes, args)) return undefined;
    const { status, body, headers } = args.attributes;
    return { kind: 'respond', status, body, headers };
  },
};
