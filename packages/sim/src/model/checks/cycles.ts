import type { DesignIssue } from '../errors.js';

/** A call edge, with where it is written. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  /** Path of the call's `to`. */
  readonly path: string;
}

/**
 * Reports every cycle among the calls, naming it: a request that waits on itself can never be
 * answered, so a design must be a DAG. Each cycle is reported once, at the call that closes it.
 */
export function checkCycles(services: readonly string[], edges: readonly Edge[]): DesignIssue[] {
  const outgoing = new Map<string, Edge[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.from);
    if (list) list.push(edge);
    else outgoing.set(edge.from, [edge]);
  }
  const issues: DesignIssue[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];

  // Depth-first; an edge back to a service still on the stack closes a cycle.
  const visit = (service: string): void => {
    state.set(service, 'visiting');
    stack.push(service);
    for (const edge of outgoing.get(service) ?? []) {
      const seen = state.get(edge.to);
      if (seen === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(edge.to)), edge.to].join(' -> ');
        issues.push({
          path: edge.path,
          message: `calls form a cycle, ${cycle}: a design must be a DAG (a request cannot wait on itself); remove one of these calls`,
        });
      } else if (seen === undefined && outgoing.has(edge.to)) {
        visit(edge.to);
      }
    }
    stack.pop();
    state.set(service, 'done');
  };
  for (const service of services) if (!state.has(service)) visit(service);
  return issues;
}
