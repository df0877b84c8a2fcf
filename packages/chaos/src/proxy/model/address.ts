/** A host and port as Toxiproxy's `listen` and `upstream` fields give them. */
export interface HostPort {
  /** "" means every interface (Go's `:8080`). */
  readonly host: string;
  readonly port: number;
}

/**
 * Reads `host:port`, `[v6]:port` or `:port`. Returns undefined when the text is not one of these
 * or the port is not 0–65535.
 */
export function parseHostPort(text: string): HostPort | undefined {
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close < 0) return undefined;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return undefined;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) return undefined;
  }
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port > 65535) return undefined;
  return { host, port };
}

/** `host:port`, bracketing IPv6 hosts as Go does. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Where to listen for `host`: Go resolves `localhost` to IPv4 first, where Node may pick ::1, so
 * it is pinned to 127.0.0.1; an empty host is every interface.
 */
export function listenHost(host: string): string {
  if (host === '') return '::';
  if (host === 'localhost') return '127.0.0.1';
  return host;
}
