/** One problem with a request, named by where it is (`services.orders.calls[0].timeout`). */
export interface ApiIssue {
  readonly path: string;
  readonly message: string;
}

/** The server's error body: `{ "error": { code, message, path?, issues?, limit?, currentVersion? } }`. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly issues?: readonly ApiIssue[];
  readonly limit?: string;
  readonly currentVersion?: number;
}

/** An answer from the API that was not a success, or no answer at all (`code: network`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly issues: readonly ApiIssue[];
  readonly currentVersion: number | undefined;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.path = body.path;
    this.currentVersion = body.currentVersion;
    // A single-path error still reads as one issue, so forms need only look at `issues`.
    this.issues =
      body.issues && body.issues.length > 0
        ? body.issues
        : body.path !== undefined
          ? [{ path: body.path, message: stripPath(body.message, body.path) }]
          : [];
  }

  /** Whether the save lost a race with another save (409 version_conflict). */
  get isVersionConflict(): boolean {
    return this.code === 'version_conflict';
  }
}

/** The server prefixes messages with their path (`a.b: expected …`); a field shows the rest. */
export function stripPath(message: string, path: string): string {
  const prefix = `${path}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Field messages by path, for forms: the first message for each path wins. */
export type FieldErrors = Readonly<Record<string, string>>;

/** The issues of an error, keyed by path; with `under`, only those below it, with paths relative to it. */
export function fieldErrorsOf(error: unknown, under = ''): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const relative = relativePath(issue.path, under);
    if (relative === undefined) continue;
    out[relative] ??= stripPath(issue.message, issue.path);
  }
  return out;
}

/** `services.a.calls[0].retry.maxAttempts` under `services.a.calls[0].retry` is `maxAttempts`. */
export function relativePath(path: string, under: string): string | undefined {
  if (under === '') return path;
  if (path === under) return '';
  if (path.startsWith(`${under}.`)) return path.slice(under.length + 1);
  if (path.startsWith(`${under}[`)) return path.slice(under.length);
  return undefined;
}

/** What to tell a person about any error: the server's message, or the thrown one. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
