import type { Route } from './routes.js';

/** A route matched to a request, or why none was. */
export type Match =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'no-such-path' }
  | { readonly kind: 'no-such-method'; readonly allowed: string[] }
  | { readonly kind: 'bad-path' };

/** Finds the route for `method` and `url` (the query is ignored; path segments are URL-decoded). */
export function matchRoute(routes: readonly Route[], method: string, url: string): Match {
  const pathname = url.split('?')[0]!;
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return { kind: 'bad-path' };
  }
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'no-such-method', allowed } : { kind: 'no-such-path' };
}

function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith('{')) {
      if (segment === '') return undefined;
      params[part.slice(1, -1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
