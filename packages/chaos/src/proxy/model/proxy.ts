import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Clock } from '@faultline/core';
import { Connection } from '../link/connection.js';
import type { Link } from '../link/link.js';
import type { Stream } from '../link/stage.js';
import { ProxyApiError, apiErrors } from './api-error.js';
import { formatHostPort, listenHost, parseHostPort } from './address.js';
import type { ProxyChanges, ProxyJson, ProxyProtocol } from './proxy-json.js';
import { randomFor } from './seeds.js';
import { ToxicCollection } from './toxic-collection.js';

/** What every proxy of a server shares. */
export interface ProxyEnvironment {
  readonly clock: Clock;
  /** Makes toxicity and every random toxic reproducible; undefined draws from Math.random. */
  readonly seed: number | undefined;
  /** Per link: bytes held by toxics and queued for the destination, past which reading stops. */
  readonly maxBufferedBytes: number;
}

type Bytes = Record<Stream, { received: number; sent: number }>;

/**
 * One proxy: a listener that joins every client connection to a new connection to `upstream`
 * through the proxy's toxics. Disabling it (or changing its addresses) closes the listener and
 * every connection, as Toxiproxy does.
 */
export class Proxy {
  readonly name: string;
  listen: string;
  upstream: string;
  protocol: ProxyProtocol;
  enabled = false;
  readonly toxics: ToxicCollection;
  /** Bytes read and written per stream since the proxy was created, for /metrics. */
  readonly bytes: Bytes = { upstream: { received: 0, sent: 0 }, downstream: { received: 0, sent: 0 } };
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();
  private readonly connecting = new Set<Socket>();
  private accepted = 0;

  constructor(
    fields: { name: string; listen: string; upstream: string; protocol: ProxyProtocol },
    private readonly environment: ProxyEnvironment,
  ) {
    this.name = fields.name;
    this.listen = fields.listen;
    this.upstream = fields.upstream;
    this.protocol = fields.protocol;
    this.toxics = new ToxicCollection(environment.clock, (stream) => this.links(stream));
  }

  /** Open client connections (those whose upstream connection is established). */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Starts listening; `listen` then shows the port really bound (when it asked for 0). */
  async start(): Promise<void> {
    if (this.enabled) return;
    const address = parseHostPort(this.listen);
    if (!address)
      throw apiErrors.badRequestBody(`listen: expected an address like "127.0.0.1:0", got "${this.listen}"`);
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true });
    server.on('connection', (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new ProxyApiError(500, `listen tcp ${this.listen}: ${describeListenError(error)}`)),
      );
      server.listen({ host: listenHost(address.host), port: address.port, exclusive: true }, resolve);
    });
    // Accept errors (EMFILE) must not crash the process; the listener keeps going.
    server.on('error', () => {});
    const bound = server.address() as AddressInfo;
    this.listen = formatHostPort(bound.address, bound.port);
    this.server = server;
    this.enabled = true;
  }

  /** Stops listening and closes every connection at once. */
  stop(): void {
    if (!this.enabled) return;
    this.enabled = false;
    this.server?.close();
    this.server = undefined;
    for (const socket of this.connecting) socket.destroy();
    this.connecting.clear();
    for (const connection of [...this.connections]) connection.destroy();
  }

  /** Applies an update: new addresses or protocol restart the proxy; `enabled` starts or stops it. */
  async update(changes: ProxyChanges): Promise<void> {
    if (changes.protocol === 'tcp' && this.toxics.list().some((t) => t.definition.layer === 'http'))
      throw apiErrors.badRequestBody('protocol: remove the HTTP toxics before switching the proxy to "tcp"');
    const restart =
      changes.listen !== this.listen ||
      changes.upstream !== this.upstream ||
      changes.protocol !== this.protocol;
    if (restart) {
      this.stop();
      this.listen = changes.listen;
      this.upstream = changes.upstream;
      this.protocol = changes.protocol;
    }
    if (changes.enabled) await this.start();
    else this.stop();
  }

  /** Stops the proxy for good. */
  dispose(): void {
    this.stop();
    this.toxics.dispose();
  }

  toJSON(): ProxyJson {
    const json: ProxyJson = {
      name: this.name,
      listen: this.listen,
      upstream: this.upstream,
      enabled: this.enabled,
      toxics: this.toxics.list().map((toxic) => toxic.toJSON()),
    };
    if (this.protocol !== 'tcp') {
      const { toxics, ...fields } = json;
      return { ...fields, protocol: this.protocol, toxics };
    }
    return json;
  }

  private *links(stream: Stream): Iterable<Link> {
    for (const connection of this.connections) yield connection.link(stream);
  }

  private accept(client: Socket): void {
    const index = this.accepted++;
    const target = parseHostPort(this.upstream)!;
    const upstream = connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true });
    const quiet = (): void => {};
    client.on('error', quiet);
    upstream.on('error', quiet);
    this.connecting.add(client);
    this.connecting.add(upstream);
    const abandon = (): void => {
      this.connecting.delete(client);
      this.connecting.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    // Toxiproxy closes the client when the upstream cannot be reached.
    upstream.once('error', abandon);
    client.once('close', abandon);
    upstream.once('connect', () => {
      upstream.off('error', abandon);
      client.off('close', abandon);
      this.connecting.delete(client);
      this.connecting.delete(upstream);
      if (!this.enabled || client.destroyed) {
        abandon();
        return;
      }
      const connection = new Connection({
        client,
        upstream,
        clock: this.environment.clock,
        maxBufferedBytes: this.environment.maxBufferedBytes,
        http: this.protocol === 'http',
        toxics: this.toxics.snapshot(),
        randomFor: (toxic) => randomFor(this.environment.seed, this.name, index, toxic),
        count: (stream, kind, bytes) => void (this.bytes[stream][kind] += bytes),
        onClosed: (closed) => this.connections.delete(closed),
      });
      this.connections.add(connection);
    });
  }
}

function describeListenError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') return 'bind: address already in use';
  if (error.code === 'EADDRNOTAVAIL') return 'bind: cannot assign requested address';
  if (error.code === 'EACCES') return 'bind: permission denied';
  return error.message;
}
