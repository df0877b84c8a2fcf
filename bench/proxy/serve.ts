/**
 * Runs a fault proxy server in its own process for the benchmarks, as Toxiproxy runs in its own:
 * prints `{"url": ...}` once listening, stops on SIGTERM.
 */
import { startProxyServer } from '@faultline/chaos';

const server = await startProxyServer({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
