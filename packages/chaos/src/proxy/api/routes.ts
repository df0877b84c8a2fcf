import type { ProxyCollection } from '../model/proxy-collection.js';
import { readProxySpec, readProxyUpdate, type ProxyJson } from '../model/proxy-json.js';
import { readToxicAttributes, readToxicHeader } from '../model/toxic-json.js';
import { apiErrors } from '../model/api-error.js';
import { TOXIPROXY_API_VERSION } from '../constants.js';
import { metricsText } from './metrics.js';
import type { Serializer } from './serializer.js';

/** What a handler answers: JSON, text, or nothing (204). */
export type Reply =
  | { readonly status: number; readonly json: unknown }
  | { readonly status: number; readonly text: string; readonly contentType: string }
  | { readonly status: 204 };

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  /** The request body as JSON; only routes that take one read it. */
  body(): Promise<unknown>;
  readonly proxies: ProxyCollection;
  /** Runs a change after every change asked for before it. */
  readonly serial: Serializer;
}

export interface Route {
  readonly method: string;
  /** Segments; `{name}` captures one. */
  readonly path: string;
  readonly takesBody: boolean;
  handle(context: RouteContext): Promise<Reply>;
}

const json = (value: unknown, status = 200): Reply => ({ status, json: value });
const noContent: Reply = { status: 204 };

/** Toxiproxy 2.x's endpoints, with its status codes: 201 to create a proxy or populate, 204 for deletes and reset. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/proxies',
    takesBody: false,
    handle: async ({ proxies }) => {
      const all: Record<string, ProxyJson> = {};
      for (const proxy of proxies.list()) all[proxy.name] = proxy.toJSON();
      return json(all);
    },
  },
  {
    method: 'POST',
    path: '/proxies',
    takesBody: true,
    handle: async ({ body, proxies, serial }) => {
      const spec = readProxySpec(await body());
      return json((await serial.run(() => proxies.create(spec))).toJSON(), 201);
    },
  },
  {
    method: 'POST',
    path: '/populate',
    takesBody: true,
    handle: async ({ body, proxies, serial }) => {
      const input = await body();
      const result = await serial.run(() => proxies.populate(input));
      const created = result.proxies.map((proxy) => proxy.toJSON());
      if (result.error) return json({ ...result.error.toJSON(), proxies: created }, result.error.status);
      return json({ proxies: created }, 201);
    },
  },
  ...['GET', 'POST', 'PATCH', 'DELETE'].map((method): Route => ({
    method,
    path: '/proxies/{proxy}',
    takesBody: method === 'POST' || method === 'PATCH',
    handle: async ({ params, body, proxies, serial }) => {
      if (method === 'GET') return json(proxies.get(params['proxy']!).toJSON());
      if (method === 'DELETE') {
        await serial.run(() => proxies.remove(params['proxy']!));
        return noContent;
      }
      // POST is Toxiproxy's older verb for an update; PATCH its current one.
      proxies.get(params['proxy']!);
      const input = await body();
      const proxy = await serial.run(async () => {
        const target = proxies.get(params['proxy']!);
        await target.update(readProxyUpdate(input, target));
        return target;
      });
      return json(proxy.toJSON());
    },
  })),
  {
    method: 'GET',
    path: '/proxies/{proxy}/toxics',
    takesBody: false,
    handle: async ({ params, proxies }) =>
      json(
        proxies
          .get(params['proxy']!)
          .toxics.list()
          .map((toxic) => toxic.toJSON()),
      ),
  },
  {
    method: 'POST',
    path: '/proxies/{proxy}/toxics',
    takesBody: true,
    handle: async ({ params, body, proxies, serial }) => {
      proxies.get(params['proxy']!);
      const input = await body();
      const toxic = await serial.run(() => {
        const proxy = proxies.get(params['proxy']!);
        const header = readToxicHeader(input, { http: proxy.protocol === 'http' });
        if (proxy.toxics.has(header.name)) throw apiErrors.toxicAlreadyExists();
        return proxy.toxics.add(readToxicAttributes(header));
      });
      // Toxiproxy answers 200, not 201, for a new toxic.
      return json(toxic.toJSON());
    },
  },
  ...['GET', 'POST', 'PATCH', 'DELETE'].map((method): Route => ({
    method,
    path: '/proxies/{proxy}/toxics/{toxic}',
    takesBody: method === 'POST' || method === 'PATCH',
    handle: async ({ params, body, proxies, serial }) => {
      const proxyName = params['proxy']!;
      const toxicName = params['toxic']!;
      if (method === 'GET') return json(proxies.get(proxyName).toxics.get(toxicName).toJSON());
      if (method === 'DELETE') {
        await serial.run(() => proxies.get(proxyName).toxics.remove(toxicName));
        return noContent;
      }
      proxies.get(proxyName).toxics.get(toxicName);
      const input = await body();
      const toxic = await serial.run(() => proxies.get(proxyName).toxics.update(toxicName, input));
      return json(toxic.toJSON());
    },
  })),
  {
    method: 'POST',
    path: '/reset',
    takesBody: false,
    handle: async ({ proxies, serial }) => {
      await serial.run(() => proxies.reset());
      return noContent;
    },
  },
  {
    method: 'GET',
    path: '/version',
    takesBody: false,
    // Toxiproxy 2.7+ answers JSON (2.6 and before: the bare version as text/plain).
    handle: async () => ({
      status: 200,
      text: `{"version": "${TOXIPROXY_API_VERSION}"}\n`,
      contentType: 'application/json;charset=utf-8',
    }),
  },
  {
    method: 'GET',
    path: '/metrics',
    takesBody: false,
    handle: async ({ proxies }) => ({
      status: 200,
      text: metricsText(proxies.list()),
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
    }),
  },
];
