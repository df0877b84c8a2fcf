import type { Provider } from '../format/schema.js';
import type { ProviderArgs, ProviderRunner } from './context.js';
import { sleep } from './context.js';
import { runHttp } from './http.js';
import { runTcp } from './tcp.js';
import { runRedis } from './redis.js';
import { runProcess } from './process.js';
import { runKill } from './kill.js';

/** The provider runners by provider type; tests swap some for fakes. */
export type ProviderRunners = Record<Provider['type'], ProviderRunner>;

/** Runs each provider type for real. */
export const defaultProviders: ProviderRunners = {
  http: runHttp,
  tcp: runTcp,
  redis: runRedis,
  process: runProcess,
  kill: runKill,
  wait: async ({ provider, clock, signal }: ProviderArgs) => {
    if (provider.type !== 'wait') throw new TypeError(`wait got a ${provider.type} provider`);
    await sleep(clock, provider.duration, signal);
    return { value: provider.duration, text: '' };
  },
  'add-toxic': async ({ provider, toxics, signal }: ProviderArgs) => {
    if (provider.type !== 'add-toxic') throw new TypeError(`add-toxic got a ${provider.type} provider`);
    const injected = await toxics.add({
      api: provider.api,
      proxy: provider.proxy,
      toxic: provider.toxic,
      signal,
    });
    return {
      value: injected.proxyName,
      text: injected.proxyName,
      proxy: injected.proxy,
      toxic: injected.proxyName,
    };
  },
  'remove-toxic': async ({ provider, toxics, signal }: ProviderArgs) => {
    if (provider.type !== 'remove-toxic') throw new TypeError(`remove-toxic got a ${provider.type} provider`);
    const removed = await toxics.remove({
      api: provider.api,
      proxy: provider.proxy,
      name: provider.name,
      signal,
    });
    return { value: removed, text: removed ? 'removed' : 'already gone' };
  },
  'remove-all-toxics': async ({ toxics }: ProviderArgs) => {
    const { removed, errors } = await toxics.removeAll();
    if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('; '));
    return { value: removed.length, text: removed.join(' '), removed };
  },
};
