import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '@faultline/core';
import { ProxyCollection } from '../model/proxy-collection.js';
import { ProxyApiError } from '../model/api-error.js';
import { formatHostPort } from '../model/address.js';
import { checkAccess } from './access.js';
import { discardBody, readJsonBody } from './body.js';
import { matchRoute } from './router.js';
import { ROUTES, type Reply } from './routes.js';
import { Serializer } from './serializer.js';
import { loadConfigFile } from './config-file.js';
import { readServerOptions, type ProxyServerOptions } from './options.js';

/** A running fault proxy: the Toxiproxy-compatible HTTP API and the proxies it manages. */
export class ProxyServer {
  /** The proxies, for use in code (tests, experiments) without going through HTTP. */
  readonly proxies: ProxyCollection;
  private readonly http: Server;
  private readonly serial = new Serializer();
  private closing: Promise<void> | undefined;

  private constructor(
    http: Server,
    proxies: ProxyCollection,
    private readonly settings: { token: string | undefined; bodyLimit: number },
  ) {
    this.http = http;
    this.proxies = proxies;
    http.on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response),
    );
  }

  /** Starts the API and, given a config file, its proxies. Rejects with a ConfigError on bad options or a bad file. */
  static async start(options: ProxyServerOptions = {}): Promise<ProxyServer> {
    const settings = readServerOptions(options);
    const clock: Clock = options.clock ?? systemClock;
    const proxies = new ProxyCollection({
      clock,
      seed: settings.seed,
      maxBufferedBytes: settings.maxBufferedBytes,
    });
    if (settings.config !== undefined) await loadConfigFile(settings.config, proxies);
    const http = createServer({ requestTimeout: 15_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 });
    const server = new ProxyServer(http, proxies, settings);
    try {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen({ host: settings.host, port: settings.port }, () => {
          http.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      proxies.close();
      throw error;
    }
    return server;
  }

  /** Where the API listens, e.g. `http://127.0.0.1:8474`. */
  get url(): string {
    const { address, port } = this.http.address() as AddressInfo;
    return `http://${formatHostPort(address, port)}`;
  }

  /** The port the API listens on (the one picked, when 0 was asked for). */
  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Stops every proxy, closes their connections and the API. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.serial.run(async () => {
      this.proxies.close();
      await new Promise<void>((resolve) => {
        this.http.close(() => resolve());
        this.http.closeAllConnections();
      });
    });
    return this.closing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.reply(request);
    } catch (error) {
      reply = errorReply(error);
    }
    send(response, reply);
  }

  private async reply(request: IncomingMessage): Promise<Reply> {
    const denied = checkAccess(request, this.settings.token);
    if (denied) {
      discardBody(request);
      return errorReply(denied);
    }
    const method = request.method ?? 'GET';
    const match = matchRoute(ROUTES, method, request.url ?? '/');
    if (match.kind !== 'found') {
      discardBody(request);
      if (match.kind === 'no-such-method')
        return errorReply(
          new ProxyApiError(405, `method ${method} not allowed here; use ${match.allowed.join(', ')}`),
        );
      if (match.kind === 'bad-path')
        return errorReply(new ProxyApiError(400, 'bad request path: malformed escape'));
      return errorReply(new ProxyApiError(404, `no such endpoint: ${method} ${request.url}`));
    }
    if (!match.route.takesBody) discardBody(request);
    return match.route.handle({
      params: match.params,
      body: () => readJsonBody(request, this.settings.bodyLimit),
      proxies: this.proxies,
      serial: this.serial,
    });
  }
}

/** Starts a fault proxy server; see ProxyServerOptions. */
export function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  return ProxyServer.start(options);
}

function errorReply(error: unknown): Reply {
  if (error instanceof ProxyApiError) return { status: error.status, json: error.toJSON() };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, json: { error: message, status: 500 } };
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) return;
  if (reply.status === 413) response.setHeader('connection', 'close');
  if ('json' in reply) {
    const body = JSON.stringify(reply.json);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  } else if ('text' in reply) {
    response.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.text),
    });
    response.end(reply.text);
  } else {
    response.writeHead(204);
    response.end();
  }
}
