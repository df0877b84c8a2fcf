import { ProxyApiError, apiErrors } from './api-error.js';
import { Proxy, type ProxyEnvironment } from './proxy.js';
import { readPopulate, type ProxySpec } from './proxy-json.js';
import { readToxicAttributes, readToxicHeader, type ToxicSpec } from './toxic-json.js';

/** What populate did: the proxies it created or kept, and the error that stopped it, if any. */
export interface PopulateResult {
  readonly proxies: Proxy[];
  readonly error: ProxyApiError | undefined;
}

/**
 * Every proxy of a server, by name. Its methods change state; callers run them one at a time
 * (the API serializes them), so a create never races another create of the same name.
 */
export class ProxyCollection {
  private readonly proxies = new Map<string, Proxy>();

  constructor(private readonly environment: ProxyEnvironment) {}

  /** The proxies in the order they were created. */
  list(): Proxy[] {
    return [...this.proxies.values()];
  }

  /** The proxy named `name`, or a 404. */
  get(name: string): Proxy {
    const proxy = this.proxies.get(name);
    if (!proxy) throw apiErrors.proxyNotFound();
    return proxy;
  }

  /** Creates and (when enabled) starts a proxy; 409 if the name is taken, 500 if it cannot listen. */
  async create(spec: ProxySpec): Promise<Proxy> {
    if (this.proxies.has(spec.name)) throw apiErrors.proxyAlreadyExists();
    const toxics = readToxicList(spec);
    return this.install(spec, toxics);
  }

  /**
   * Creates or replaces every proxy of a populate body: one whose `listen` and `upstream` are
   * unchanged is kept as it is (Toxiproxy's rule), others are replaced. Every entry, toxics
   * included, is checked before anything changes; a proxy that cannot listen stops the rest.
   */
  async populate(body: unknown): Promise<PopulateResult> {
    const specs = readPopulate(body);
    const toxics = specs.map((spec, i) => readToxicList(spec, `[${i}].toxics`));
    const proxies: Proxy[] = [];
    for (const [i, spec] of specs.entries()) {
      const existing = this.proxies.get(spec.name);
      const unchanged =
        existing &&
        existing.listen === spec.listen &&
        existing.upstream === spec.upstream &&
        existing.protocol === spec.protocol;
      try {
        if (unchanged) {
          if (toxics[i]) setToxics(existing, toxics[i]);
          proxies.push(existing);
          continue;
        }
        if (existing) this.remove(spec.name);
        proxies.push(await this.install(spec, toxics[i]));
      } catch (error) {
        if (error instanceof ProxyApiError) return { proxies, error };
        throw error;
      }
    }
    return { proxies, error: undefined };
  }

  /** Stops and forgets a proxy; its connections close. */
  remove(name: string): void {
    const proxy = this.get(name);
    proxy.dispose();
    this.proxies.delete(name);
  }

  /** Toxiproxy's POST /reset: every proxy enabled again, every toxic removed. */
  async reset(): Promise<void> {
    for (const proxy of this.list()) {
      await proxy.start();
      proxy.toxics.reset();
    }
  }

  /** Stops every proxy (the server is shutting down). */
  close(): void {
    for (const proxy of this.list()) proxy.dispose();
    this.proxies.clear();
  }

  private async install(spec: ProxySpec, toxics: ToxicSpec[] | undefined): Promise<Proxy> {
    const proxy = new Proxy(spec, this.environment);
    if (toxics) setToxics(proxy, toxics);
    try {
      if (spec.enabled) await proxy.start();
    } catch (error) {
      proxy.dispose();
      throw error;
    }
    this.proxies.set(spec.name, proxy);
    return proxy;
  }
}

/** Reads the toxics a populate entry declares, checking every one (and that names are unique). */
function readToxicList(spec: ProxySpec, path = 'toxics'): ToxicSpec[] | undefined {
  if (!spec.toxics) return undefined;
  const names = new Set<string>();
  return spec.toxics.map((body, j) => {
    const where = `${path}[${j}]`;
    const toxic = readToxicAttributes(
      readToxicHeader(body, { http: spec.protocol === 'http' }, where),
      where,
    );
    if (names.has(toxic.name)) throw apiErrors.toxicAlreadyExists();
    names.add(toxic.name);
    return toxic;
  });
}

function setToxics(proxy: Proxy, toxics: readonly ToxicSpec[]): void {
  proxy.toxics.reset();
  for (const toxic of toxics) proxy.toxics.add(toxic);
}
