import { describe, expect, it } from 'vitest';
import { schemaOfFaultType } from './fault-schemas.js';
import { checkObject } from './values.js';

const exhaustion = {
  type: 'exhaustion',
  description: 'a share of a resource is taken away',
  parameters: [
    { name: 'at', kind: 'duration', required: false, default: 0, description: 'when it starts' },
    { name: 'duration', kind: 'duration', required: false, description: 'how long' },
    { name: 'target', kind: 'service', required: true, description: 'the service it hits' },
    {
      name: 'resource',
      kind: 'choice',
      required: true,
      choices: ['workers', 'cpu'],
      description: 'which resource',
    },
    { name: 'fraction', kind: 'fraction', required: true, description: 'share taken away' },
  ],
  intensity: { parameter: 'fraction', rule: 'fraction = intensity' },
} as const;

describe('schemaOfFaultType', () => {
  it("turns the server's fault catalog into a form: what it hits first, when last", () => {
    const schema = schemaOfFaultType(exhaustion);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'target',
      'resource',
      'fraction',
      'at',
      'duration',
    ]);
    expect(schema.required).toEqual(['target', 'resource', 'fraction']);
    expect(schema.properties?.['resource']?.enum).toEqual(['workers', 'cpu']);
    expect(schema.properties?.['at']?.default).toBe(0);
  });

  it('checks values by the kinds the catalog names', () => {
    const schema = schemaOfFaultType(exhaustion);
    expect(checkObject(schema, { target: 'db', resource: 'disk', fraction: 0, at: 'soon' })).toEqual({
      resource: 'expected one of "workers", "cpu", got "disk"',
      fraction: 'expected a number > 0, got 0',
      at: 'expected a duration like "250ms" or "2s", got "soon"',
    });
  });
});
