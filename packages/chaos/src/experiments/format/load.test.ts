import { ConfigError } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { parseExperiment, validateExperiment } from './load.js';

const minimal = {
  title: 't',
  method: [{ type: 'action', name: 'w', provider: { type: 'wait', duration: '1s' } }],
};

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the experiment format', () => {
  it('fills in defaults and reads durations as ms', () => {
    const experiment = validateExperiment(minimal);
    expect(experiment['rollback-strategy']).toBe('default');
    expect(experiment.method[0]!.timeout).toBe(30_000);
    expect(experiment.method[0]!.provider).toEqual({ type: 'wait', duration: 1000 });
    expect(experiment.rollbacks).toEqual([]);
  });

  it('reads YAML and JSON alike', () => {
    const yaml = parseExperiment(
      'title: t\nmethod:\n  - { type: action, name: w, provider: { type: wait, duration: 2s } }\n',
    );
    const json = parseExperiment(
      JSON.stringify({
        ...minimal,
        method: [{ ...minimal.method[0], provider: { type: 'wait', duration: 2000 } }],
      }),
    );
    expect(yaml.method).toEqual(json.method);
  });

  it('substitutes ${key} from configuration, overrides and the environment, keeping types', () => {
    const experiment = validateExperiment(
      {
        title: 'on ${host}',
        configuration: { host: 'localhost', port: 1, secret: { env: 'TOKEN', default: 'none' } },
        method: [{ type: 'probe', name: 'p', provider: { type: 'tcp', host: '${host}', port: '${port}' } }],
        rollbacks: [
          {
            type: 'action',
            name: 'r',
            provider: { type: 'http', url: 'http://${host}:${port}/?t=${secret}' },
          },
        ],
      },
      { vars: { port: 6380 }, env: { TOKEN: 'abc' } },
    );
    expect(experiment.title).toBe('on localhost');
    expect(experiment.method[0]!.provider).toEqual({ type: 'tcp', host: 'localhost', port: 6380 });
    expect(experiment.rollbacks[0]!.provider).toMatchObject({ url: 'http://localhost:6380/?t=abc' });
  });

  it('names the path of each problem, with a hint for typos', () => {
    expect(
      issuesOf(() =>
        validateExperiment({
          title: 't',
          'steady-state-hypothesis': {
            title: 'h',
            probes: [{ type: 'probe', name: 'p', provider: { type: 'http', url: 'http://x' } }],
          },
          method: [
            { type: 'action', name: 'a', provider: { type: 'wiat', duration: '1s' } },
            { type: 'action', name: 'b', provider: { type: 'wait', duration: '5 parsecs' }, timout: '1s' },
            {
              type: 'probe',
              name: 'c',
              provider: { type: 'tcp', port: 70000 },
              tolerance: { type: 'regex', pattern: '(' },
            },
          ],
          'rollback-strategy': 'sometimes',
        }),
      ),
    ).toEqual([
      {
        path: 'steady-state-hypothesis.probes[0]',
        message: 'a probe of a hypothesis or a stop condition needs a tolerance',
      },
      {
        path: 'method[0].provider.type',
        message: expect.stringMatching(
          /^expected one of "http", .*, got "wiat"; did you mean "wait"\?$/,
        ) as unknown as string,
      },
      {
        path: 'method[1].provider.duration',
        message: 'expected a duration like "250ms" or a number of ms, got "5 parsecs"',
      },
      {
        path: 'method[1].timout',
        message: expect.stringMatching(/^unknown key; did you mean "timeout"\?/) as unknown as string,
      },
      { path: 'method[2].provider.port', message: 'expected a port from 1 to 65535, got 70000' },
      { path: 'method[2].tolerance.pattern', message: 'not a valid regular expression: (' },
      {
        path: 'rollback-strategy',
        message: 'expected one of "default", "always", "never", "deviated", got "sometimes"',
      },
    ]);
  });

  it('refuses an unknown ${key}, naming where it is used', () => {
    expect(
      issuesOf(() =>
        validateExperiment({ ...minimal, configuration: { port: 1 }, description: 'on ${prot}' }),
      ),
    ).toEqual([
      { path: 'description', message: '${prot} is not in configuration; did you mean "port"? (known: port)' },
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const issues = issuesOf(() => parseExperiment('title: t\nmethod: [\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toMatch(/^line \d+, column \d+$/);
    expect(issues[0]!.message).toMatch(/^not valid YAML or JSON/);
  });

  it('needs a method, and a toxic of a known type', () => {
    expect(issuesOf(() => validateExperiment({ title: 't', method: [] }))).toEqual([
      { path: 'method', message: 'a method needs at least one activity' },
    ]);
    expect(issuesOf(() => validateExperiment({ title: 't', method: 'run it' }))).toEqual([
      { path: 'method', message: 'expected a list of actions and probes, got "run it"' },
    ]);
    const issues = issuesOf(() =>
      validateExperiment({
        title: 't',
        method: [
          {
            type: 'action',
            name: 'a',
            provider: { type: 'add-toxic', proxy: 'p', toxic: { name: 'x', type: 'latncy' } },
          },
        ],
      }),
    );
    expect(issues[0]!.path).toBe('method[0].provider.toxic.type');
    expect(issues[0]!.message).toMatch(/did you mean "latency"\?$/);
  });
});
