import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A proxy server in a child process. */
export interface ProxyProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts bench/proxy/serve.ts in a child process (from source, like the tests). */
export async function startProxyProcess(): Promise<ProxyProcess> {
  const script = fileURLToPath(new URL('./serve.ts', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=@faultline/source', '--import', 'tsx', script],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n')) resolve((JSON.parse(line!) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`proxy process exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls the proxy API; throws unless the status is the expected one. */
export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  expected = 200,
): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates a proxy to `upstreamPort` and returns the port it listens on. */
export async function createProxy(url: string, name: string, upstreamPort: number): Promise<number> {
  const proxy = (await call(
    url,
    'POST',
    '/proxies',
    { name, listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` },
    201,
  )) as {
    listen: string;
  };
  return Number(proxy.listen.split(':').at(-1));
}

/** A loopback server. */
export async function listen(onSocket: (socket: Socket) => void): Promise<{ port: number; server: Server }> {
  const server = createServer({ noDelay: true }, onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

export function dial(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Open file descriptors of a process (Linux). */
export function openFds(pid: number | 'self' = 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
