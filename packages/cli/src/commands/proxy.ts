import { ConfigError } from '@faultline/core';
import {
  TOXIPROXY_API_VERSION,
  startProxyServer,
  type ProxyServer,
  type ProxyServerOptions,
} from '@faultline/chaos';
import type { Output, RegisterCommand } from '../program.js';

interface ProxyCommandOptions {
  host: string;
  port: string;
  config?: string;
  seed?: string;
}

/**
 * `faultline proxy`: runs the fault proxy until SIGINT or SIGTERM, then closes every proxy and
 * connection and exits 0. Bad options or a bad config file: the problems on stderr, exit 1.
 */
export const registerProxy: RegisterCommand = (program, output, done) => {
  program
    .command('proxy')
    .description(
      'run the fault proxy: TCP proxies with toxics (latency, timeouts, resets...), driven by a Toxiproxy-compatible HTTP API',
    )
    .option(
      '--host <host>',
      'where the API listens; another host than loopback needs FAULTLINE_TOKEN',
      '127.0.0.1',
    )
    .option('--port <port>', 'the API port (0 picks a free one)', '8474')
    .option('--config <file>', 'a JSON list of proxies (each with optional toxics) in the /populate format')
    .option('--seed <n>', 'makes toxicity and every random toxic reproducible')
    .action(async (options: ProxyCommandOptions) => {
      let server: ProxyServer;
      try {
        // Text that is not a number goes through as typed, so the error quotes it.
        const settings: Record<string, unknown> = {
          host: options.host,
          port: numberOrText(options.port),
          config: options.config,
          seed: options.seed === undefined ? undefined : numberOrText(options.seed),
        };
        server = await startProxyServer(settings as ProxyServerOptions);
      } catch (error) {
        if (!(error instanceof ConfigError) && !isListenError(error)) throw error;
        reportStartFailure(error, output);
        return done(1);
      }
      announce(server, output);
      await untilStopped();
      output.out('faultline proxy: stopping, closing every proxy and connection\n');
      await server.close();
      done(0);
    });
};

/** Whole numbers as numbers; anything else as given. */
function numberOrText(value: string): number | string {
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

function announce(server: ProxyServer, output: Output): void {
  output.out(`faultline proxy: API on ${server.url} (Toxiproxy ${TOXIPROXY_API_VERSION} compatible)\n`);
  for (const proxy of server.proxies.list())
    output.out(
      `  ${proxy.name}: ${proxy.listen} -> ${proxy.upstream}${proxy.enabled ? '' : ' (disabled)'}\n`,
    );
}

function reportStartFailure(error: unknown, output: Output): void {
  if (error instanceof ConfigError) {
    for (const issue of error.issues) {
      const flag = ['host', 'port', 'seed', 'config'].includes(issue.path) ? `--${issue.path}` : issue.path;
      output.err(`faultline proxy: ${flag ? `${flag}: ` : ''}${issue.message}\n`);
    }
    return;
  }
  output.err(`faultline proxy: cannot listen: ${(error as Error).message}\n`);
}

function isListenError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND';
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
