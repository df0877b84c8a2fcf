import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/index.js';
import { resolveFallbackOptions } from './options.js';

function issuesOf(options: unknown, path?: string): string[] {
  try {
    resolveFallbackOptions(options, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('resolveFallbackOptions', () => {
  it('reads the design-file form: { type: static } answers undefined, or the value given', () => {
    expect(resolveFallbackOptions({ type: 'static' })).toMatchObject({ type: 'static', value: undefined });
    expect(resolveFallbackOptions({ type: 'static', value: { items: [] } }).value).toEqual({ items: [] });
    expect(resolveFallbackOptions()).toMatchObject({ type: 'static', value: undefined, handler: undefined });
  });

  it('reports every problem at once, each with its path', () => {
    expect(issuesOf({ type: 'cache', valeu: 1, handle: 42 }, 'services.gateway.calls[0].fallback')).toEqual([
      'services.gateway.calls[0].fallback.valeu: unknown option; did you mean "value"? (known: name, clock, type, value, handler, handle, handleResult)',
      'services.gateway.calls[0].fallback.type: expected one of "static", got "cache"',
      'services.gateway.calls[0].fallback.handle: expected an Error class, an array of Error classes, or a predicate (error) => boolean, got 42',
    ]);
  });

  it('refuses a handler together with a value or a type', () => {
    expect(issuesOf({ value: 1, handler: () => 2 })).toEqual([
      'handler: set either value or handler, not both',
    ]);
    expect(issuesOf({ type: 'static', handler: () => 2 })).toEqual([
      'type: type static answers with value; remove type when giving a handler (handlers are code only)',
    ]);
    expect(issuesOf({ handler: 'cached' })).toEqual(['handler: expected a function, got "cached"']);
  });
});
