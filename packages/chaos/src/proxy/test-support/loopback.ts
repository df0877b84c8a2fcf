import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { startProxyServer, type ProxyServer } from '../api/server.js';
import type { ProxyServerOptions } from '../api/options.js';

/**
 * Loopback fixtures for real-network tests: every server and socket made through a Fixtures is
 * closed by `cleanup()` (call it in afterEach), and every wait is bounded.
 */
export class Fixtures {
  private readonly servers = new Set<Server>();
  private readonly sockets = new Set<Socket>();
  private readonly proxyServers = new Set<ProxyServer>();

  /** A TCP server on an ephemeral loopback port; `onSocket` gets each connection. */
  async server(onSocket: (socket: Socket) => void): Promise<number> {
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      this.track(socket);
      socket.on('error', () => {});
      onSocket(socket);
    });
    this.servers.add(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** A server that sends back everything it receives, and half-closes when the client does. */
  echoServer(): Promise<number> {
    return this.server((socket) => socket.pipe(socket));
  }

  /** A server that records what each connection sent; `received[i]` fills as bytes arrive. */
  async sinkServer(): Promise<{ port: number; received: Buffer[][]; sockets: Socket[] }> {
    const received: Buffer[][] = [];
    const sockets: Socket[] = [];
    const port = await this.server((socket) => {
      const chunks: Buffer[] = [];
      received.push(chunks);
      sockets.push(socket);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => socket.end());
    });
    return { port, received, sockets };
  }

  /** A fault proxy server on an ephemeral port. */
  async proxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
    const server = await startProxyServer({ port: 0, ...options });
    this.proxyServers.add(server);
    return server;
  }

  /** Connects to a loopback port; resolves once connected. */
  async connect(port: number): Promise<Socket> {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    this.track(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return socket;
  }

  async cleanup(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all([...this.proxyServers].map((server) => server.close()));
    this.proxyServers.clear();
    await Promise.all(
      [...this.servers].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
          }),
      ),
    );
    this.servers.clear();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

/** The port of a proxy's `listen` field ("127.0.0.1:39009" → 39009). */
export function portOf(listen: string): number {
  return Number(listen.slice(listen.lastIndexOf(':') + 1));
}

/** Calls the API with fetch; returns the status and the parsed JSON body (or text). */
export async function api(
  server: ProxyServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** Creates a proxy through the API and returns its port. */
export async function createProxy(
  server: ProxyServer,
  name: string,
  upstreamPort: number,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const reply = await api(server, 'POST', '/proxies', {
    name,
    listen: '127.0.0.1:0',
    upstream: `127.0.0.1:${upstreamPort}`,
    ...extra,
  });
  if (reply.status !== 201) throw new Error(`create proxy: ${reply.status} ${JSON.stringify(reply.body)}`);
  return portOf((reply.body as { listen: string }).listen);
}

/** Adds a toxic through the API; throws on anything but 200. */
export async function addToxic(
  server: ProxyServer,
  proxy: string,
  toxic: Record<string, unknown>,
): Promise<void> {
  const reply = await api(server, 'POST', `/proxies/${proxy}/toxics`, toxic);
  if (reply.status !== 200) throw new Error(`add toxic: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Removes a toxic through the API; throws on anything but 204. */
export async function removeToxic(server: ProxyServer, proxy: string, name: string): Promise<void> {
  const reply = await api(server, 'DELETE', `/proxies/${proxy}/toxics/${name}`);
  if (reply.status !== 204) throw new Error(`remove toxic: ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** Resolves with `count` bytes from the socket (as they arrive), or rejects after `timeoutMs`. */
export function readBytes(socket: Socket, count: number, timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: Error): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('end', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= count) done();
    };
    const onClose = (): void => done(new Error(`socket ended after ${size} of ${count} bytes`));
    const timer = setTimeout(() => done(new Error(`timed out after ${size} of ${count} bytes`)), timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('end', onClose);
  });
}

/** Everything the socket delivers until its peer ends it, and how it ended. */
export function readToEnd(
  socket: Socket,
  timeoutMs = 5000,
): Promise<{ data: Buffer; reads: number; error: NodeJS.ErrnoException | undefined }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let error: NodeJS.ErrnoException | undefined;
    const timer = setTimeout(() => reject(new Error(`no end within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e));
    const finish = (): void => {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), reads: chunks.length, error });
    };
    socket.once('end', finish);
    socket.once('close', finish);
  });
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `size` bytes of a recognisable pattern (a counter), so that a lost or reordered byte shows. */
export function pattern(size: number, offset = 0): Buffer {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i + offset) % 251;
  return buffer;
}

/** Resolves when the peer ends or drops the connection ('end' or 'close', whichever comes first). */
export function peerGone(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('end', () => resolve());
    socket.once('close', () => resolve());
  });
}

/** A loopback port nothing listens on (it was just free): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
