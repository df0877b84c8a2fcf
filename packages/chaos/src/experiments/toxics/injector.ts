import type { Clock, TimerHandle } from '@faultline/core';
import type { ToxicSpec } from '../format/schema.js';
import { ProxyApiClient } from './proxy-api.js';

/** Every toxic an experiment adds is named `<prefix><run id>.<its name>`; halt removes by this prefix. */
export const INJECTED_TOXIC_PREFIX = 'faultline-exp.';

/** How long an injected toxic outlives a runner that stopped renewing it, by default. */
export const DEFAULT_LEASE_MS = 15_000;

/** A toxic this run added and has not removed. */
export interface InjectedToxic {
  readonly api: string;
  readonly proxy: string;
  /** The name in the experiment. */
  readonly name: string;
  /** The name on the proxy: prefix, run id, name. */
  readonly proxyName: string;
  /** When the toxic's own `duration` runs out (clock time); the lease is never renewed past it. */
  readonly until: number | undefined;
}

/** Options of a ToxicInjector. */
export interface ToxicInjectorOptions {
  readonly clock: Clock;
  readonly runId: string;
  /** The proxy API used when an activity names none. */
  readonly api: string;
  /** The dead man's switch: each toxic is added with this `duration` and renewed every third of it. */
  readonly lease?: number;
  /** Called once when a renewal fails: the runner aborts, as it can no longer promise the lease. */
  readonly onLeaseLost?: (args: { error: Error }) => void;
}

/**
 * Adds and removes the toxics of one run, remembering each so that rollback, halt and the end of
 * the run can take them all out. The dead man's switch is the proxy's own toxic `duration`: every
 * toxic is added with a lease as its duration, and renewed while the runner lives; if the runner
 * dies, the proxy removes the toxic when the lease runs out.
 */
export class ToxicInjector {
  private readonly lease: number;
  private readonly live = new Map<string, InjectedToxic>();
  private renewal: TimerHandle | undefined;
  private leaseLost = false;
  private disposed = false;

  constructor(private readonly options: ToxicInjectorOptions) {
    this.lease = options.lease ?? DEFAULT_LEASE_MS;
  }

  /** The toxics added and not removed yet. */
  get injected(): readonly InjectedToxic[] {
    return [...this.live.values()];
  }

  /** Adds `toxic` to `proxy`, with the lease as its duration. */
  async add(args: {
    api?: string;
    proxy: string;
    toxic: ToxicSpec;
    signal?: AbortSignal;
  }): Promise<InjectedToxic> {
    const api = args.api ?? this.options.api;
    const key = keyOf(api, args.proxy, args.toxic.name);
    if (this.live.has(key))
      throw new Error(`toxic ${args.toxic.name} is already on ${args.proxy}; remove it first`);
    const now = this.options.clock.now();
    const injected: InjectedToxic = {
      api,
      proxy: args.proxy,
      name: args.toxic.name,
      proxyName: `${INJECTED_TOXIC_PREFIX}${this.options.runId}.${args.toxic.name}`,
      until: args.toxic.duration === undefined ? undefined : now + args.toxic.duration,
    };
    const { name: _name, duration, ...rest } = args.toxic;
    await new ProxyApiClient(api).addToxic(
      args.proxy,
      { ...rest, name: injected.proxyName, duration: Math.min(this.lease, duration ?? Infinity) },
      args.signal,
    );
    this.live.set(key, injected);
    this.scheduleRenewal();
    return injected;
  }

  /** Removes a toxic this run added, by its name in the experiment. */
  async remove(args: { api?: string; proxy: string; name: string; signal?: AbortSignal }): Promise<boolean> {
    const key = keyOf(args.api ?? this.options.api, args.proxy, args.name);
    const injected = this.live.get(key);
    if (!injected) throw new Error(`no toxic ${args.name} on ${args.proxy} was added by this experiment`);
    const removed = await new ProxyApiClient(injected.api).removeToxic(
      injected.proxy,
      injected.proxyName,
      args.signal,
    );
    this.live.delete(key);
    return removed;
  }

  /** Removes every toxic this run added; returns the names removed and the errors met. */
  async removeAll(): Promise<{ removed: string[]; errors: Error[] }> {
    const removed: string[] = [];
    const errors: Error[] = [];
    for (const [key, injected] of this.live) {
      try {
        await new ProxyApiClient(injected.api).removeToxic(injected.proxy, injected.proxyName);
        removed.push(`${injected.proxy}/${injected.name}`);
        this.live.delete(key);
      } catch (error) {
        errors.push(error as Error);
      }
    }
    return { removed, errors };
  }

  /** Stops renewing leases (what is still injected then expires on its own). */
  dispose(): void {
    this.disposed = true;
    if (this.renewal !== undefined) this.options.clock.clearTimeout(this.renewal);
    this.renewal = undefined;
  }

  private scheduleRenewal(): void {
    if (this.renewal !== undefined || this.leaseLost || this.disposed) return;
    this.renewal = this.options.clock.setTimeout(() => {
      this.renewal = undefined;
      void this.renew().then(() => {
        if (this.live.size > 0) this.scheduleRenewal();
      });
    }, this.lease / 3);
  }

  private async renew(): Promise<void> {
    const now = this.options.clock.now();
    for (const [key, injected] of this.live) {
      const left = (injected.until ?? Infinity) - now;
      if (left <= 0) {
        this.live.delete(key); // its own duration ran out: the proxy removed it
        continue;
      }
      try {
        const present = await new ProxyApiClient(injected.api).updateToxic(
          injected.proxy,
          injected.proxyName,
          {
            duration: Math.min(this.lease, left),
          },
        );
        if (!present)
          throw new Error(
            `toxic ${injected.name} on ${injected.proxy} vanished (halted, or removed by hand)`,
          );
      } catch (error) {
        if (this.leaseLost) return;
        this.leaseLost = true;
        this.options.onLeaseLost?.({ error: error as Error });
        return;
      }
    }
  }
}

function keyOf(api: string, proxy: string, name: string): string {
  return `${api} ${proxy} ${name}`;
}
