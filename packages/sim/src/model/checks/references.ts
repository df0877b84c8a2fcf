import { childPath, nearest, type Issues } from '@faultline/core';
import type { FaultSpec } from '../schema/fault.js';
import type { WorkloadSpec } from '../schema/workload.js';
import type { Edge } from './cycles.js';

/** What the reference checks look at: every name, and whatever parts of the design parsed. */
export interface References {
  /** Every service name in the file, including services that failed to parse (they still exist). */
  readonly names: readonly string[];
  /** Instance count of a service that parsed. */
  readonly instancesOf: (name: string) => number | undefined;
  readonly edges: readonly Edge[];
  readonly workload: readonly (WorkloadSpec | undefined)[];
  readonly faults: readonly (FaultSpec | undefined)[];
}

/**
 * Checks that every name used (`to`, `target`, `between`, `from`) is a service of the design, and
 * that fault instance counts fit their service; warns about faults and services that do nothing.
 */
export function checkReferences(refs: References, errors: Issues, warnings: Issues): void {
  const known = new Set(refs.names);
  const expectService = (name: string, path: string): boolean => {
    if (known.has(name)) return true;
    errors.add(path, unknownService(name, refs.names));
    return false;
  };

  for (const edge of refs.edges) expectService(edge.to, edge.path);
  refs.workload.forEach((spec, index) => {
    if (spec) expectService(spec.target, `workload[${index}].target`);
  });
  refs.faults.forEach((spec, index) => {
    if (spec) checkFault(spec, `faults[${index}]`);
  });

  function checkFault(spec: FaultSpec, path: string): void {
    if (spec.type === 'partition') {
      const groupOf = new Map<string, number>();
      spec.between.forEach((group, g) =>
        group.forEach((name, n) => {
          const at = childPath(childPath(childPath(path, 'between'), g), n);
          if (!expectService(name, at)) return;
          const other = groupOf.get(name);
          if (other !== undefined)
            errors.add(
              at,
              `"${name}" is already in group ${other} of this partition: a service is in one group only`,
            );
          groupOf.set(name, g);
        }),
      );
    } else if (spec.type === 'packet-loss') {
      const from = expectService(spec.from, childPath(path, 'from'));
      const to = expectService(spec.to, childPath(path, 'to'));
      if (from && to && !refs.edges.some((edge) => edge.from === spec.from && edge.to === spec.to))
        warnings.add(
          path,
          `no call goes from ${spec.from} to ${spec.to}, so this packet loss changes nothing`,
        );
    } else if (expectService(spec.target, childPath(path, 'target')) && spec.instances !== undefined) {
      const instances = refs.instancesOf(spec.target);
      if (instances !== undefined && spec.instances > instances)
        errors.add(
          childPath(path, 'instances'),
          `expected at most ${instances} (${spec.target} has ${instances} instance${instances === 1 ? '' : 's'}), got ${spec.instances}`,
        );
    }
  }

  if (refs.workload.length === 0) return;
  const reached = new Set<string>();
  for (const spec of refs.workload) if (spec) reached.add(spec.target);
  for (const edge of refs.edges) reached.add(edge.to);
  for (const name of refs.names)
    if (!reached.has(name))
      warnings.add(
        `services.${name}`,
        'no workload targets this service and no service calls it: it will be idle',
      );
}

/** `no service named "ordrs"; did you mean "orders"? (services: gateway, orders)` */
export function unknownService(name: string, names: readonly string[]): string {
  const hint = nearest(name, names);
  const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  return `no service named "${name}"${hint ? `; did you mean "${hint}"?` : ''} (services: ${listed})`;
}
