import type { HttpToxicDefinition } from '../definition.js';
import { selects } from '../../http/selection.js';
import { HTTP_DELAY_DEFAULTS, readHttpDelay, type HttpDelayAttributes } from './options.js';

/** Holds the selected requests back for `delay` ms; requests behind them on the connection wait too. */
export const httpDelay: HttpToxicDefinition<HttpDelayAttributes> = {
  type: 'http_delay',
  layer: 'http',
  stream: 'upstream',
  defaults: HTTP_DELAY_DEFAULTS,
  read: readHttpDelay,
  decide(args) {
    if (!selects(args.attributes, args)) return undefined;
    return { kind: 'delay', ms: args.attributes.delay };
  },
};
