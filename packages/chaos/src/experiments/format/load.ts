import { readFile } from 'node:fs/promises';
import { ConfigError, childPath, nearest, type ConfigIssue } from '@faultline/core';
import { LineCounter, parseDocument } from 'yaml';
import { experimentSchema, type Experiment } from './schema.js';
import { fromZod } from './messages.js';

/** What loading an experiment may be given besides its text. */
export interface LoadExperimentOptions {
  /** Overrides of `configuration` values (`--var key=value`), used in `${key}` substitutions. */
  readonly vars?: Readonly<Record<string, string | number | boolean>>;
  /** Where environment variables of `configuration: { key: { env: NAME } }` are read; `process.env` by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Longest experiment file read, so a wrong path to a huge file fails fast. */
export const MAX_EXPERIMENT_BYTES = 1024 * 1024;

const PLACEHOLDER = /\$\{([A-Za-z_][\w.-]*)\}/g;

/** Reads and validates an experiment file (YAML or JSON); a ConfigError names each problem's path. */
export async function loadExperimentFile(
  file: string,
  options: LoadExperimentOptions = {},
): Promise<Experiment> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { path: file, message: `cannot read the experiment: ${(error as Error).message}` },
    ]);
  }
  if (Buffer.byteLength(text) > MAX_EXPERIMENT_BYTES)
    throw new ConfigError([
      { path: file, message: `over the limit of ${MAX_EXPERIMENT_BYTES} bytes for an experiment file` },
    ]);
  return parseExperiment(text, options);
}

/** Parses experiment text (YAML, of which JSON is a subset) and validates it; see loadExperimentFile. */
export function parseExperiment(text: string, options: LoadExperimentOptions = {}): Experiment {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  // The first syntax error is the one to fix: those after it are usually its echoes.
  const syntax = document.errors[0];
  if (syntax)
    throw new ConfigError([
      {
        path: lineOf(lines.linePos(syntax.pos[0])),
        message: `not valid YAML or JSON: ${syntax.message.split('\n')[0]!} (a \${...} inside { } or [ ] needs quotes)`,
      },
    ]);
  return validateExperiment(document.toJS() as unknown, options);
}

/** Validates an experiment given as a value (already parsed), substituting `${key}` from its configuration. */
export function validateExperiment(input: unknown, options: LoadExperimentOptions = {}): Experiment {
  const issues: ConfigIssue[] = [];
  const substituted = substitute(input, options, issues);
  if (issues.length > 0) throw new ConfigError(issues);
  const result = experimentSchema.safeParse(substituted);
  if (!result.success) throw new ConfigError(fromZod(result.error, substituted));
  return result.data;
}

function lineOf(position: { line: number; col: number } | undefined): string {
  return position ? `line ${position.line}, column ${position.col}` : '';
}

/** Replaces `${key}` in every string outside `configuration` with the configured value. */
function substitute(input: unknown, options: LoadExperimentOptions, issues: ConfigIssue[]): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const root = input as Record<string, unknown>;
  const values = resolveConfiguration(root['configuration'], options, issues);
  const known = Object.keys(values);
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return replace(value, path);
    if (Array.isArray(value)) return value.map((item, index) => walk(item, childPath(path, index)));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, childPath(path, key))]),
      );
    return value;
  };
  const replace = (value: string, path: string): unknown => {
    const whole = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(value);
    if (whole) return lookup(whole[1]!, path) ?? value;
    return value.replace(PLACEHOLDER, (match, key: string) => {
      const found = lookup(key, path);
      return found === undefined ? match : String(found);
    });
  };
  const lookup = (key: string, path: string): string | number | boolean | undefined => {
    if (key in values) return values[key];
    const hint = nearest(key, known);
    issues.push({
      path,
      message: `\${${key}} is not in configuration${hint ? `; did you mean "${hint}"?` : ''}${known.length ? ` (known: ${known.join(', ')})` : ''}`,
    });
    return undefined;
  };
  return Object.fromEntries(
    Object.entries(root).map(([key, value]) => [key, key === 'configuration' ? value : walk(value, key)]),
  );
}

function resolveConfiguration(
  configuration: unknown,
  options: LoadExperimentOptions,
  issues: ConfigIssue[],
): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean> = {};
  if (typeof configuration === 'object' && configuration !== null && !Array.isArray(configuration)) {
    const env = options.env ?? process.env;
    for (const [key, value] of Object.entries(configuration)) {
      if (typeof value === 'object' && value !== null && 'env' in value) {
        const spec = value as { env: unknown; default?: unknown };
        const fromEnv = typeof spec.env === 'string' ? env[spec.env] : undefined;
        const chosen = fromEnv ?? spec.default;
        if (chosen === undefined)
          issues.push({
            path: childPath('configuration', key),
            message: `environment variable ${String(spec.env)} is not set and there is no default`,
          });
        else if (isScalar(chosen)) values[key] = chosen;
      } else if (isScalar(value)) values[key] = value;
    }
  }
  for (const [key, value] of Object.entries(options.vars ?? {})) values[key] = value;
  return values;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
