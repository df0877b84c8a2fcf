// The Toxiproxy-compatible fault proxy: see packages/chaos/docs/proxy.md.
export { ProxyServer, startProxyServer } from './api/server.js';
export type { ProxyServerOptions } from './api/options.js';
export { ProxyApiError } from './model/api-error.js';
export type { ProxyCollection, PopulateResult } from './model/proxy-collection.js';
export type { Proxy } from './model/proxy.js';
export type { Toxic } from './model/toxic.js';
export type { ProxyJson, ProxyProtocol } from './model/proxy-json.js';
export type { ToxicJson } from './model/toxic-json.js';
export type { Stream } from './link/stage.js';
export { TOXIC_TYPES } from './toxics/registry.js';
export {
  TOXIPROXY_API_VERSION,
  DEFAULT_API_PORT,
  DEFAULT_API_HOST,
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_BUFFERED_BYTES,
} from './constants.js';
