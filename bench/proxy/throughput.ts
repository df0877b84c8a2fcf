/**
 * Throughput with no toxics, through the proxy (in its own process) against a direct loopback
 * connection: the ratio is the figure (target ≥ 70%). Also the added round-trip latency of a
 * small message, p50 and p99 (target p50 ≤ 100 µs, Toxiproxy's own claim).
 *
 *   npx tsx --conditions=@faultline/source bench/proxy/throughput.ts [rounds]
 *
 * Rounds alternate direct and proxied runs, so load from anything else on the machine falls on
 * both alike; the best round of each is reported, and the median of the per-round ratios.
 * Results go in bench/proxy/README.md.
 */
import type { Socket } from 'node:net';
import { createProxy, dial, listen, percentile, startProxyProcess } from './support.js';

const ROUNDS = Number(process.argv[2] ?? 5);
const BYTES = 512 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 7);
const PINGS = 20_000;

/** Sends BYTES to a sink through `port` as fast as backpressure allows; MB/s until the sink saw them all. */
async function throughput(port: number, received: () => number, reset: () => void): Promise<number> {
  reset();
  const socket = await dial(port);
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (sent < BYTES) {
        sent += CHUNK.length;
        if (!socket.write(CHUNK)) {
          socket.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    pump();
  });
  while (received() < BYTES) await new Promise((resolve) => setImmediate(resolve));
  const seconds = (performance.now() - started) / 1000;
  socket.destroy();
  return BYTES / 1024 / 1024 / seconds;
}

/** Round trips of a 64-byte message through an echo server at `port`, in µs. */
async function roundTrips(port: number): Promise<number[]> {
  const socket: Socket = await dial(port);
  const message = Buffer.alloc(64, 1);
  const times: number[] = [];
  for (let i = 0; i < PINGS + 1000; i++) {
    const started = performance.now();
    socket.write(message);
    let got = 0;
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer): void => {
        got += chunk.length;
        if (got >= message.length) {
          socket.off('data', onData);
          resolve();
        }
      };
      socket.on('data', onData);
    });
    if (i >= 1000) times.push((performance.now() - started) * 1000);
  }
  socket.destroy();
  return times.sort((a, b) => a - b);
}

let count = 0;
const sink = await listen((socket) => socket.on('data', (chunk: Buffer) => (count += chunk.length)));
const echo = await listen((socket) => socket.pipe(socket));
const proxy = await startProxyProcess();
const sinkVia = await createProxy(proxy.url, 'sink', sink.port);
const echoVia = await createProxy(proxy.url, 'echo', echo.port);

const best = { direct: 0, proxied: 0 };
const ratios: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const direct = await throughput(
    sink.port,
    () => count,
    () => (count = 0),
  );
  const proxied = await throughput(
    sinkVia,
    () => count,
    () => (count = 0),
  );
  best.direct = Math.max(best.direct, direct);
  best.proxied = Math.max(best.proxied, proxied);
  ratios.push(proxied / direct);
  console.log(
    `round ${round}: direct ${direct.toFixed(0)} MB/s, through the proxy ${proxied.toFixed(0)} MB/s`,
  );
}

const direct = await roundTrips(echo.port);
const proxied = await roundTrips(echoVia);
const added = (p: number): number => percentile(proxied, p) - percentile(direct, p);

console.log(`\nthroughput, best of ${ROUNDS} rounds of ${BYTES / 1024 / 1024} MB (64 KB writes):`);
console.log(`  direct       ${best.direct.toFixed(0)} MB/s`);
console.log(`  proxied      ${best.proxied.toFixed(0)} MB/s`);
console.log(
  `  ratio        ${((best.proxied / best.direct) * 100).toFixed(1)}% of the best rounds  (target ≥ 70%)`,
);
ratios.sort((a, b) => a - b);
console.log(
  `  per round    median ${(percentile(ratios, 50) * 100).toFixed(1)}%, from ${(ratios[0]! * 100).toFixed(1)}% to ${(ratios.at(-1)! * 100).toFixed(1)}%`,
);
console.log(`\nround trip of 64 bytes through an echo server, ${PINGS} samples after 1000 warm-up:`);
for (const p of [50, 99])
  console.log(
    `  p${p}  direct ${percentile(direct, p).toFixed(1)} µs, proxied ${percentile(proxied, p).toFixed(1)} µs, added ${added(p).toFixed(1)} µs`,
  );
console.log(`  (target: added p50 ≤ 100 µs)`);

await proxy.stop();
sink.server.close();
echo.server.close();
process.exit(0);
