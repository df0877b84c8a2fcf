import { readdir, readFile } from 'node:fs/promises';
import type { ProviderArgs } from './context.js';
import type { ProbeOutput } from '../tolerance/tolerance.js';

/**
 * Sends a signal to a process by pid, or to every process whose name is exactly `name` (read from
 * /proc, so by name works on Linux only). Output `value` is how many processes were signalled;
 * finding none fails the action, since the fault was not injected.
 */
export async function runKill({ provider }: ProviderArgs): Promise<ProbeOutput> {
  if (provider.type !== 'kill') throw new TypeError(`runKill got a ${provider.type} provider`);
  const pids = provider.pid !== undefined ? [provider.pid] : await pidsNamed(provider.name!);
  if (pids.length === 0) throw new Error(`no process named ${JSON.stringify(provider.name)}`);
  for (const pid of pids) process.kill(pid, provider.signal);
  return { value: pids.length, text: pids.join(' '), pids };
}

async function pidsNamed(name: string): Promise<number[]> {
  if (process.platform !== 'linux') throw new Error('kill by name reads /proc (Linux only); give a pid');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      if (comm === name) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
