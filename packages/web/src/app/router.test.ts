import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './router.js';

describe('routes', () => {
  it('reads every screen from the hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'designs' });
    expect(parseRoute('#/designs')).toEqual({ screen: 'designs' });
    expect(parseRoute('#/designs/d1')).toEqual({ screen: 'editor', designId: 'd1' });
    expect(parseRoute('#/designs/d1/runs/r2')).toEqual({ screen: 'runs', designId: 'd1', runId: 'r2' });
    expect(parseRoute('#/designs/d1/live')).toEqual({ screen: 'live', designId: 'd1' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'notFound', path: '/nowhere' });
  });

  it('writes links that read back as the same route, odd ids included', () => {
    const routes: Route[] = [
      { screen: 'designs' },
      { screen: 'editor', designId: 'a b/c' },
      { screen: 'runs', designId: 'd', runId: 'r' },
      { screen: 'live', designId: 'd', sessionId: 's' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
