import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { INJECTED_TOXIC_PREFIX } from '../toxics/injector.js';
import { ProxyApiClient } from '../toxics/proxy-api.js';

/** Where the emergency stop is kept unless told otherwise: `$FAULTLINE_HALT_FILE`, or `~/.faultline/HALT`. */
export function defaultHaltFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env['FAULTLINE_HALT_FILE'] || join(homedir(), '.faultline', 'HALT');
}

/** Whether the emergency stop is on: running experiments abort, new ones refuse to start. */
export function isHalted(haltFile: string): boolean {
  return existsSync(haltFile);
}

/** What a halt did. */
export interface HaltResult {
  /** `api proxy/toxic` of every toxic removed. */
  readonly removed: readonly string[];
  /** Proxy APIs that could not be cleaned, with why. */
  readonly errors: readonly string[];
}

/**
 * The emergency stop: turns the halt file on (running experiments abort and roll back; new ones
 * refuse to start until `releaseHalt`) and removes every toxic any experiment injected (named
 * with the experiments' prefix) from every proxy of each API, whether or not a runner is alive.
 */
export async function haltExperiments(args: {
  haltFile: string;
  apis: readonly string[];
  reason?: string;
}): Promise<HaltResult> {
  await mkdir(dirname(args.haltFile), { recursive: true });
  await writeFile(
    args.haltFile,
    `${JSON.stringify({ at: new Date().toISOString(), reason: args.reason ?? 'halt' })}\n`,
  );
  const removed: string[] = [];
  const errors: string[] = [];
  for (const api of args.apis) {
    const client = new ProxyApiClient(api);
    try {
      for (const [proxy, toxics] of await client.listToxics()) {
        for (const toxic of toxics) {
          if (!toxic.name.startsWith(INJECTED_TOXIC_PREFIX)) continue;
          if (await client.removeToxic(proxy, toxic.name)) removed.push(`${api} ${proxy}/${toxic.name}`);
        }
      }
    } catch (error) {
      errors.push(`${api}: ${(error as Error).message}`);
    }
  }
  return { removed, errors };
}

/** Releases the emergency stop so experiments may run again. Returns whether it was on. */
export async function releaseHalt(haltFile: string): Promise<boolean> {
  const was = isHalted(haltFile);
  await rm(haltFile, { force: true });
  return was;
}
