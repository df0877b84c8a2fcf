import { ConfigError, type ConfigIssue } from '@faultline/core';

/** A problem found in a design, where it is (the path, and in the file, when known) and what to do. */
export interface DesignIssue extends ConfigIssue {
  /** 1-based line in the design file, when the design came from text. */
  readonly line?: number;
  /** 1-based column in the design file, when the design came from text. */
  readonly column?: number;
}

/**
 * A design was rejected. A ConfigError, so code that handles bad policy config handles a bad
 * design the same way; `issues` lists every problem found, `warnings` what was found besides.
 */
export class DesignError extends ConfigError {
  declare readonly issues: readonly DesignIssue[];
  readonly warnings: readonly DesignIssue[];
  constructor(issues: readonly DesignIssue[], warnings: readonly DesignIssue[] = []) {
    super(issues);
    this.warnings = warnings;
  }
}

/** `path: message`, with `(line L, column C)` when the place in the file is known. */
export function formatIssue(issue: DesignIssue): string {
  const text = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  return issue.line === undefined ? text : `${text} (line ${issue.line}, column ${issue.column ?? 1})`;
}
