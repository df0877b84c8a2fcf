import type { Clock } from '@faultline/core';
import type { Link } from '../link/link.js';
import type { Stream } from '../link/stage.js';
import { apiErrors } from './api-error.js';
import { Toxic } from './toxic.js';
import { readToxicUpdate, type ToxicSpec } from './toxic-json.js';

/**
 * The toxics of one proxy, in the order they were added, per stream. Every change is applied to
 * the live links at once and synchronously: nothing here waits for a socket, so the API cannot
 * hang behind a slow or dead connection (Toxiproxy #159, #210, #558).
 */
export class ToxicCollection {
  private readonly chain: Record<Stream, Toxic[]> = { upstream: [], downstream: [] };

  constructor(
    private readonly clock: Clock,
    /** The live links of the proxy's connections, for one stream. */
    private readonly links: (stream: Stream) => Iterable<Link>,
  ) {}

  /** Upstream toxics first, then downstream, each in the order added (as Toxiproxy lists them). */
  list(): Toxic[] {
    return [...this.chain.upstream, ...this.chain.downstream];
  }

  /** The toxics a new connection starts with. */
  snapshot(): Record<Stream, readonly Toxic[]> {
    return { upstream: [...this.chain.upstream], downstream: [...this.chain.downstream] };
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The toxic named `name`, or a 404. */
  get(name: string): Toxic {
    const toxic = this.find(name);
    if (!toxic) throw apiErrors.toxicNotFound();
    return toxic;
  }

  /** Adds a toxic at the end of its stream's chain, on every live connection too. */
  add(spec: ToxicSpec): Toxic {
    if (this.has(spec.name)) throw apiErrors.toxicAlreadyExists();
    const toxic = new Toxic(spec);
    this.chain[toxic.stream].push(toxic);
    for (const link of this.links(toxic.stream)) link.addToxic(toxic);
    this.expireLater(toxic);
    return toxic;
  }

  /** Applies an update body: attributes merged over the current ones, toxicity and duration if given. */
  update(name: string, body: unknown): Toxic {
    const toxic = this.get(name);
    const changes = readToxicUpdate(body, toxic);
    toxic.attributes = changes.attributes;
    toxic.toxicity = changes.toxicity;
    if (changes.duration !== undefined) {
      toxic.duration = changes.duration;
      this.expireLater(toxic);
    }
    for (const link of this.links(toxic.stream)) link.updateToxic(toxic);
    return toxic;
  }

  /** Removes a toxic; what its stages hold goes on at once (a timeout closes what it held). */
  remove(name: string): void {
    const toxic = this.get(name);
    const chain = this.chain[toxic.stream];
    chain.splice(chain.indexOf(toxic), 1);
    this.cancelExpiry(toxic);
    for (const link of this.links(toxic.stream)) link.removeToxic(toxic);
  }

  /** Removes every toxic, newest first in each stream. */
  reset(): void {
    for (const toxic of this.list().reverse()) this.remove(toxic.name);
  }

  /** Cancels the timers of toxics with a duration (the proxy is going away). */
  dispose(): void {
    for (const toxic of this.list()) this.cancelExpiry(toxic);
  }

  private find(name: string): Toxic | undefined {
    return (
      this.chain.upstream.find((t) => t.name === name) ?? this.chain.downstream.find((t) => t.name === name)
    );
  }

  private expireLater(toxic: Toxic): void {
    this.cancelExpiry(toxic);
    if (toxic.duration === undefined) return;
    toxic.expiry = this.clock.setTimeout(() => {
      toxic.expiry = undefined;
      if (this.find(toxic.name) === toxic) this.remove(toxic.name);
    }, toxic.duration);
  }

  private cancelExpiry(toxic: Toxic): void {
    if (toxic.expiry === undefined) return;
    this.clock.clearTimeout(toxic.expiry);
    toxic.expiry = undefined;
  }
}
