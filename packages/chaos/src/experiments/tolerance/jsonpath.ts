/*
 * The small JSONPath subset tolerances need: `$`, `.key`, `['key']` / `["key"]` and `[index]`
 * (negative counts from the end). No filters, wildcards or recursive descent: a path names one
 * value, so a tolerance reads as one comparison. (jsonpath-plus would add `?()` script filters,
 * a long record of sandbox escapes, for features an experiment does not need.)
 */

/** One step of a path: an object key or an array index. */
export type JsonPathStep = string | number;

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\[(-?\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/** Parses `$.a.b[0]` into steps, or undefined when it is outside the supported subset. */
export function parseJsonPath(path: string): JsonPathStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return undefined;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push((match[3] ?? match[4]!).replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  return steps;
}

/** The value at `path` in `root`: `{ found: false }` when any step is missing. */
export function readJsonPath(
  root: unknown,
  path: string,
): { found: true; value: unknown } | { found: false } {
  const steps = parseJsonPath(path);
  if (steps === undefined) return { found: false };
  let value = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return { found: false };
      const index = step < 0 ? value.length + step : step;
      if (index < 0 || index >= value.length) return { found: false };
      value = value[index];
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { found: false };
      if (!Object.prototype.hasOwnProperty.call(value, step)) return { found: false };
      value = (value as Record<string, unknown>)[step];
    }
  }
  return { found: true, value };
}
