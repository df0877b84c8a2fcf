import { describe, expect, it } from 'vitest';
import * as doc from './document.js';

const shop = () =>
  doc.setList(
    doc.setList(doc.starterDocument('shop'), 'faults', [{ type: 'crash', target: 'backend', at: '10s' }]),
    'workload',
    [{ target: 'gateway', rate: 10 }],
  );

describe('design document changes', () => {
  it('lists calls with the paths the server names in its errors', () => {
    const d = doc.addCall(doc.addService(shop(), 'db'), 'backend', 'db');
    expect(doc.callsOf(d).map((c) => [c.path, c.to])).toEqual([
      ['services.gateway.calls[0]', 'backend'],
      ['services.backend.calls[0]', 'db'],
    ]);
  });

  it('refuses a call that would close a cycle, a duplicate and a self-call, saying why', () => {
    const d = shop();
    expect(doc.callProblem(d, 'backend', 'gateway')).toMatch(/cycle/);
    expect(doc.callProblem(d, 'gateway', 'backend')).toMatch(/already calls/);
    expect(doc.callProblem(d, 'gateway', 'gateway')).toMatch(/itself/);
    expect(() => doc.addCall(d, 'backend', 'gateway')).toThrow(/cycle/);
  });

  it('renames a service everywhere it is named', () => {
    const d = doc.renameService(shop(), 'backend', 'orders');
    expect(doc.serviceNames(d)).toEqual(['gateway', 'orders']);
    expect(doc.callsOf(d)[0]?.to).toBe('orders');
    expect(doc.listOf(d, 'faults')[0]?.['target']).toBe('orders');
  });

  it('removes a service with the calls, workloads and faults that name it', () => {
    const d = doc.removeService(shop(), 'backend');
    expect(doc.callsOf(d)).toEqual([]);
    expect(doc.listOf(d, 'faults')).toEqual([]);
    expect(doc.listOf(d, 'workload')).toHaveLength(1);
  });

  it('edits and removes calls inside a parallel group', () => {
    let d = doc.addService(doc.addService(shop(), 'a'), 'b');
    d = {
      ...d,
      services: { ...doc.servicesOf(d), gateway: { calls: [{ parallel: [{ to: 'a' }, { to: 'b' }] }] } },
    };
    d = doc.setCall(d, 'services.gateway.calls[0].parallel[1]', { to: 'b', timeout: '1s' });
    expect(doc.callsOf(d).map((c) => c.call)).toEqual([{ to: 'a' }, { to: 'b', timeout: '1s' }]);
    d = doc.setCall(d, 'services.gateway.calls[0].parallel[0]', undefined);
    d = doc.setCall(d, 'services.gateway.calls[0].parallel[0]', undefined);
    expect(doc.servicesOf(d)['gateway']?.calls).toEqual([]);
  });

  it('leaves the old document as it was, so undo can go back to it', () => {
    const before = shop();
    const copy = JSON.stringify(before);
    doc.setService(doc.renameService(before, 'gateway', 'edge'), 'edge', { workers: 1 });
    expect(JSON.stringify(before)).toBe(copy);
  });

  it('keeps a service’s calls when its settings change', () => {
    const d = doc.setService(shop(), 'gateway', { instances: 5 });
    expect(doc.servicesOf(d)['gateway']).toEqual({ instances: 5, calls: [{ to: 'backend', timeout: '1s' }] });
  });

  it('removes a run setting left empty, so its default applies, and keeps the order of the rest', () => {
    const d = doc.setSettings(shop(), { name: 'shop 2', duration: '2m' });
    expect(d['seed']).toBeUndefined();
    expect(Object.keys(d).slice(0, 2)).toEqual(['name', 'duration']);
    expect(d['name']).toBe('shop 2');
  });
});
