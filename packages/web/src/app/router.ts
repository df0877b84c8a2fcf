import { useSyncExternalStore } from 'react';

// Hash routes (`#/designs/abc`) work behind any static file server, deep links included,
// without the server knowing the UI's routes.

/** A screen and its parameters, parsed from the location's hash. */
export type Route =
  | { screen: 'designs' }
  | { screen: 'editor'; designId: string }
  | { screen: 'runs'; designId: string; runId?: string }
  | { screen: 'live'; designId: string; sessionId?: string }
  | { screen: 'notFound'; path: string };

/** Reads a hash such as `#/designs/abc/runs/r1` into a route. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'designs')) return { screen: 'designs' };
  if (parts[0] === 'designs' && parts[1]) {
    const designId = parts[1];
    if (parts.length === 2) return { screen: 'editor', designId };
    if (parts[2] === 'runs' && parts.length <= 4) {
      return parts[3] ? { screen: 'runs', designId, runId: parts[3] } : { screen: 'runs', designId };
    }
    if (parts[2] === 'live' && parts.length <= 4) {
      return parts[3] ? { screen: 'live', designId, sessionId: parts[3] } : { screen: 'live', designId };
    }
  }
  return { screen: 'notFound', path };
}

/** The hash link of a route. */
export function hrefOf(route: Route): string {
  const id = (value: string) => encodeURIComponent(value);
  switch (route.screen) {
    case 'designs':
      return '#/designs';
    case 'editor':
      return `#/designs/${id(route.designId)}`;
    case 'runs':
      return `#/designs/${id(route.designId)}/runs${route.runId ? `/${id(route.runId)}` : ''}`;
    case 'live':
      return `#/designs/${id(route.designId)}/live${route.sessionId ? `/${id(route.sessionId)}` : ''}`;
    case 'notFound':
      return `#${route.path}`;
  }
}

/** Goes to a route (a new history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route).slice(1);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, re-rendering when it changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
