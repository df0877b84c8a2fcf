/** The head of one HTTP/1.x request, as an HTTP toxic sees it. */
export interface HttpRequestHead {
  readonly method: string;
  /** The request target as sent: `/orders?id=1`. */
  readonly target: string;
  /** The target without its query: `/orders`. */
  readonly path: string;
  /** `1.1` or `1.0`. */
  readonly version: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
}

/** What an HTTP toxic does to a request. */
export type HttpAction =
  /** Hold the request (and everything after it on the connection) back for `ms`. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Answer it from the proxy; the server never sees it. */
  | {
      readonly kind: 'respond';
      readonly status: number;
      readonly body: string;
      readonly headers: Readonly<Record<string, string>>;
    }
  /** Close the connection without an answer: a FIN, or a TCP RST when `reset`. */
  | { readonly kind: 'abort'; readonly reset: boolean };

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(\d\.\d)$/;

/** Parses a request head (request line and headers, without the blank line), or undefined if it is not HTTP/1.x. */
export function parseRequestHead(text: string): HttpRequestHead | undefined {
  const lines = text.split('\r\n');
  const match = REQUEST_LINE.exec(lines[0] ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const target = match[2]!;
  const query = target.indexOf('?');
  return {
    method: match[1]!,
    target,
    path: query < 0 ? target : target.slice(0, query),
    version: match[3]!,
    headers,
  };
}

/** Whether the connection must close after this request is answered (HTTP/1.0 or `Connection: close`). */
export function wantsClose(head: HttpRequestHead): boolean {
  const connection = (head.headers['connection'] ?? '').toLowerCase();
  if (head.version === '1.0') return !connection.includes('keep-alive');
  return connection.split(',').some((token) => token.trim() === 'close');
}
