import type { ProxySpec } from '../format/schema.js';

/** Longest one call to the proxy API may take: the API answers at once (see docs/proxy.md). */
const API_TIMEOUT_MS = 5_000;

/** A toxic as the proxy API lists it (the fields the runner reads). */
export interface ListedToxic {
  readonly name: string;
  readonly type: string;
}

/** The few calls of the Toxiproxy API that experiments make, over fetch. */
export class ProxyApiClient {
  constructor(readonly url: string) {}

  /** Creates the proxy unless one of that name exists with the same upstream. */
  async ensureProxy(spec: ProxySpec, signal?: AbortSignal): Promise<void> {
    const created = await this.call('POST', '/proxies', spec, signal);
    if (created.status === 201) return;
    if (created.status !== 409) throw await this.failure(created, `create proxy ${spec.name}`);
    const existing = await this.call('GET', `/proxies/${encodeURIComponent(spec.name)}`, undefined, signal);
    const json = (await existing.json()) as { upstream?: string };
    if (json.upstream !== spec.upstream)
      throw new Error(
        `proxy ${spec.name} exists at ${this.url} with upstream ${json.upstream}, not ${spec.upstream}; remove it or rename the experiment's`,
      );
  }

  /** Adds a toxic to a proxy. */
  async addToxic(proxy: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    const response = await this.call('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, body, signal);
    if (!response.ok) throw await this.failure(response, `add toxic ${String(body['name'])} to ${proxy}`);
    await response.body?.cancel();
  }

  /** Changes a toxic (here: renews its duration, the lease). */
  async updateToxic(
    proxy: string,
    name: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const response = await this.call('POST', this.toxicPath(proxy, name), body, signal);
    if (response.status === 404) return false;
    if (!response.ok) throw await this.failure(response, `renew toxic ${name} on ${proxy}`);
    await response.body?.cancel();
    return true;
  }

  /** Removes a toxic; false when it was already gone. */
  async removeToxic(proxy: string, name: string, signal?: AbortSignal): Promise<boolean> {
    const response = await this.call('DELETE', this.toxicPath(proxy, name), undefined, signal);
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) throw await this.failure(response, `remove toxic ${name} from ${proxy}`);
    return true;
  }

  /** Every proxy with its toxics. */
  async listToxics(signal?: AbortSignal): Promise<Map<string, ListedToxic[]>> {
    const response = await this.call('GET', '/proxies', undefined, signal);
    if (!response.ok) throw await this.failure(response, 'list proxies');
    const json = (await response.json()) as Record<string, { toxics?: ListedToxic[] }>;
    return new Map(Object.entries(json).map(([name, proxy]) => [name, proxy.toxics ?? []]));
  }

  private toxicPath(proxy: string, name: string): string {
    return `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`;
  }

  private async call(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(API_TIMEOUT_MS);
    try {
      return await fetch(`${this.url.replace(/\/$/, '')}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new Error(`proxy API ${this.url} did not answer ${method} ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private async failure(response: Response, what: string): Promise<Error> {
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // Not the API's JSON error: keep the text.
    }
    return new Error(`proxy API ${this.url}: cannot ${what}: ${response.status} ${message}`);
  }
}
