/** What Fastify attaches to a schema validation error (Ajv's error objects). */
export interface SchemaIssue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** Which part of the request a schema checked. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/**
 * `/document/services/0` in the body → `document.services[0]`; in the query string →
 * `query.limit`. Body paths stay relative to the body, as the client wrote it.
 */
export function pathOf(issue: SchemaIssue, part: RequestPart): string {
  const segments = issue.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra =
    issue.keyword === 'additionalProperties'
      ? issue.params['additionalProperty']
      : issue.keyword === 'required'
        ? issue.params['missingProperty']
        : undefined;
  if (typeof extra === 'string') segments.push(extra);
  let path = part === 'body' ? '' : part === 'querystring' ? 'query' : part;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path = path ? `${path}.${segment}` : segment;
  }
  return path;
}

/** Ajv's message in the words the rest of the API uses: `expected …, got …` where it can. */
export function messageOf(issue: SchemaIssue, value: unknown): string {
  switch (issue.keyword) {
    case 'additionalProperties':
      return 'unknown field: remove it (the schema in /api/v1/openapi.json lists the known ones)';
    case 'required':
      return 'required, but missing';
    case 'type':
      return `expected ${article(String(issue.params['type']))}, got ${kindOf(value)}`;
    case 'enum':
      return `expected one of ${(issue.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${issue.params['comparison']} ${issue.params['limit']}, got ${JSON.stringify(value)}`;
    default:
      return `${issue.message ?? 'is not valid'}${value === undefined ? '' : `, got ${kindOf(value)}`}`;
  }
}

function article(type: string): string {
  const words = type
    .split(',')
    .map((t) => (t === 'integer' ? 'a whole number' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  return words.join(' or ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** The value at an Ajv instance path, to quote it back. */
export function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const segment of instancePath.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}
