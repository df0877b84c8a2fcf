/**
 * 1,000 concurrent connections held through the proxy while toxics are added, updated and
 * removed under traffic; then every connection closed. Repeated for several rounds to show that
 * file descriptors return to their baseline and the heap does not grow: no fd or memory leak.
 *
 *   node --expose-gc --conditions=@faultline/source --import tsx bench/proxy/connections.ts [rounds]
 *
 * Everything runs in one process (client, proxy, echo server), so the fd count covers all three:
 * 4 descriptors per proxied connection while it is open.
 */
import type { Socket } from 'node:net';
import { startProxyServer } from '@faultline/chaos';
import { call, createProxy, dial, listen, openFds, percentile, rssMb } from './support.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const CONNECTIONS = 1000;
const CHANGES = 100;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (see the header of this file)');

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Writes `text` on every socket and waits until each has it back. */
async function echoAll(sockets: Socket[], text: string): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          let got = '';
          const timer = setTimeout(() => reject(new Error(`no echo of ${text} within 10 s`)), 10_000);
          const onData = (chunk: Buffer): void => {
            got += chunk.toString();
            if (got.length >= text.length) {
              clearTimeout(timer);
              socket.off('data', onData);
              resolve();
            }
          };
          socket.on('data', onData);
          socket.write(text);
        }),
    ),
  );
}

const TOXICS = [
  { type: 'latency', attributes: { latency: 5, jitter: 2 } },
  { type: 'bandwidth', attributes: { rate: 10_000 } },
  { type: 'slicer', attributes: { average_size: 4, size_variation: 1, delay: 100 } },
  { type: 'slow_close', attributes: { delay: 10 } },
  { type: 'limit_time', attributes: { time: 3_600_000 } },
  { type: 'latency', toxicity: 0.5, attributes: { latency: 1 } },
];

const echo = await listen((socket) => {
  socket.on('error', () => {});
  socket.pipe(socket);
});
const server = await startProxyServer({ port: 0, seed: 1 });
const port = await createProxy(server.url, 'echo', echo.port);
const baseline = { fds: openFds(), heap: heapMb(), rss: rssMb() };
console.log(
  `baseline: ${baseline.fds} fds, heap ${baseline.heap.toFixed(1)} MB, rss ${baseline.rss.toFixed(0)} MB`,
);

for (let round = 1; round <= ROUNDS; round++) {
  const opened = performance.now();
  const sockets: Socket[] = [];
  for (let i = 0; i < CONNECTIONS; i += 100)
    sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => dial(port)))));
  for (const socket of sockets) socket.on('error', () => {});
  await echoAll(sockets, 'hello');
  const openMs = performance.now() - opened;
  const held = { fds: openFds(), connections: server.proxies.get('echo').connectionCount };

  const apiMs: number[] = [];
  const timed = async (operation: () => Promise<unknown>): Promise<void> => {
    const started = performance.now();
    await operation();
    apiMs.push(performance.now() - started);
  };
  const traffic = setInterval(() => {
    for (let i = 0; i < sockets.length; i += 10) sockets[i]!.write('x');
  }, 5);
  const live: string[] = [];
  for (let change = 0; change < CHANGES; change++) {
    const toxic = TOXICS[change % TOXICS.length]!;
    const name = `t${change}`;
    const stream = change % 2 ? 'upstream' : 'downstream';
    await timed(() => call(server.url, 'POST', '/proxies/echo/toxics', { ...toxic, name, stream }));
    live.push(name);
    if (change % 3 === 0)
      await timed(() => call(server.url, 'PATCH', `/proxies/echo/toxics/${name}`, { toxicity: 0.7 }));
    if (live.length > 3) {
      const gone = live.shift()!;
      await timed(() => call(server.url, 'DELETE', `/proxies/echo/toxics/${gone}`, undefined, 204));
    }
  }
  clearInterval(traffic);
  for (const name of live)
    await timed(() => call(server.url, 'DELETE', `/proxies/echo/toxics/${name}`, undefined, 204));
  // Every connection still works after 100 changes: nothing was lost or wedged.
  for (const socket of sockets) socket.removeAllListeners('data');
  for (const socket of sockets) socket.resume();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await echoAll(sockets, 'still here');

  for (const socket of sockets) socket.destroy();
  while (server.proxies.get('echo').connectionCount > 0)
    await new Promise((resolve) => setTimeout(resolve, 10));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = { fds: openFds(), heap: heapMb(), rss: rssMb() };
  apiMs.sort((a, b) => a - b);
  console.log(
    `round ${round}: ${held.connections} connections open in ${openMs.toFixed(0)} ms (${held.fds} fds); ` +
      `${apiMs.length} toxic changes: p50 ${percentile(apiMs, 50).toFixed(1)} ms, max ${apiMs.at(-1)!.toFixed(1)} ms; ` +
      `after closing: ${after.fds} fds, heap ${after.heap.toFixed(1)} MB, rss ${after.rss.toFixed(0)} MB`,
  );
}

await server.close();
echo.server.close();
process.exit(0);
