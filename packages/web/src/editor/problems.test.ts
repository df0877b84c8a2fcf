import { describe, expect, it } from 'vitest';
import { callsOf, serviceNames, starterDocument } from './document.js';
import { errorsUnder, placeOf } from './problems.js';

const design = { calls: callsOf(starterDocument('shop')), names: serviceNames(starterDocument('shop')) };

describe('placeOf', () => {
  it('opens the call, the service or the tab a server path names', () => {
    expect(placeOf('services.gateway.calls[0].retry.maxAttempts', design)).toEqual({
      selection: { kind: 'call', path: 'services.gateway.calls[0]' },
      tab: 'selection',
    });
    expect(placeOf('services.backend.workers', design)).toEqual({
      selection: { kind: 'service', name: 'backend' },
      tab: 'selection',
    });
    expect(placeOf('faults[2].target', design)).toEqual({ tab: 'faults' });
    expect(placeOf('workload[0].rate', design)).toEqual({ tab: 'workload' });
    expect(placeOf('duration', design)).toEqual({ tab: 'workload' });
  });

  it('opens nothing for a path it cannot place', () => {
    expect(placeOf('services.nope.workers', design)).toBeUndefined();
    expect(placeOf('durationMs', design)).toBeUndefined();
  });
});

describe('errorsUnder', () => {
  it('keeps the messages below a path, relative to it', () => {
    expect(
      errorsUnder({ 'services.a.workers': 'x', 'services.ab.workers': 'y', name: 'z' }, 'services.a'),
    ).toEqual({
      workers: 'x',
    });
  });
});
