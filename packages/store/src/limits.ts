/** The sizes the store refuses to exceed. Each has a default; `openStore({ limits })` overrides them. */
export interface StoreLimits {
  /** Largest design document, as UTF-8 JSON. */
  readonly documentBytes: number;
  /** Largest run result (its timeline included), as UTF-8 JSON. */
  readonly resultBytes: number;
  /** Largest run params or live-session config, as UTF-8 JSON. */
  readonly paramsBytes: number;
  /** Largest live-session report, as UTF-8 JSON. */
  readonly reportBytes: number;
  /** Longest design or live-session name, in characters. */
  readonly nameLength: number;
  /** Longest actor and owner names, in characters. */
  readonly actorLength: number;
  /** Longest version message, in characters. */
  readonly messageLength: number;
  /** Longest run error message kept; longer ones are cut, never refused, so the failure is still recorded. */
  readonly errorLength: number;
  /** Largest page a list call returns. */
  readonly pageSize: number;
}

/** A design is a few KB; 1 MiB leaves room for very large ones without letting a mistake fill the disk. */
export const DEFAULT_LIMITS: StoreLimits = Object.freeze({
  documentBytes: 1024 * 1024,
  resultBytes: 32 * 1024 * 1024,
  paramsBytes: 64 * 1024,
  reportBytes: 8 * 1024 * 1024,
  nameLength: 200,
  actorLength: 200,
  messageLength: 2000,
  errorLength: 10_000,
  pageSize: 500,
});

/** Page size when a list call does not say. */
export const DEFAULT_PAGE_SIZE = 50;
