/** What a fault decision looks at: the request line and headers, whatever server received them. */
export interface HttpFaultRequest {
  /** `GET`, `POST`, ... in any case. */
  readonly method: string;
  /** The path, as in the request line; a query string is ignored. */
  readonly path: string;
  /** Header names in lower case, as node:http gives them (other cases are found too, more slowly). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** The path part of a request target: `/orders?id=1` → `/orders`. */
export function pathOf(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}
