import { EXHAUSTED_RESOURCES, type FaultType } from '@faultline/sim';

/** One parameter of a fault, as a form would ask for it. */
export interface FaultParameter {
  readonly name: string;
  /** `service`: a service name; `service-groups`: lists of service names; `distribution`: a latency distribution or a bare duration. */
  readonly kind:
    | 'service'
    | 'service-groups'
    | 'duration'
    | 'distribution'
    | 'probability'
    | 'fraction'
    | 'count'
    | 'choice';
  readonly required: boolean;
  readonly description: string;
  readonly default?: unknown;
  readonly choices?: readonly string[];
}

/** A fault type: what it does, its parameters, and what a live injection's intensity sets. */
export interface FaultTypeInfo {
  readonly type: FaultType;
  readonly description: string;
  readonly parameters: readonly FaultParameter[];
  /**
   * The parameter a live injection's `intensity` (0 to 1) sets when it is not given itself, and
   * how: `rate = intensity`, `delay = intensity × 2s`, … Null when the fault has no such scale.
   */
  readonly intensity: { readonly parameter: string; readonly rule: string } | null;
}

// When it is active: every fault has these two (a live injection starts now, so only `duration`).
const window: FaultParameter[] = [
  {
    name: 'at',
    kind: 'duration',
    required: false,
    default: 0,
    description: 'when it starts, from the start of the run',
  },
  {
    name: 'duration',
    kind: 'duration',
    required: false,
    description: 'how long it lasts; default: to the end of the run (live: until healed)',
  },
];
const target: FaultParameter = {
  name: 'target',
  kind: 'service',
  required: true,
  description: 'the service it hits',
};
const instances: FaultParameter = {
  name: 'instances',
  kind: 'count',
  required: false,
  description: "how many of the target's instances; default all",
};

/** Longest delay a latency fault at intensity 1 adds. */
export const FULL_INTENSITY_DELAY_MS = 2000;

/**
 * Every fault type of the design file (docs/design-file.md, "Faults"), for forms and the live
 * dashboard. A test checks it against the design model, so the two cannot drift apart.
 */
export const FAULT_CATALOG: readonly FaultTypeInfo[] = [
  {
    type: 'crash',
    description: 'the instances are down: calls to them fail as unavailable until the fault ends',
    parameters: [...window, target, instances],
    intensity: { parameter: 'instances', rule: "instances = ceil(intensity × the target's instances)" },
  },
  {
    type: 'latency',
    description: 'every request to those instances takes `delay` longer',
    parameters: [
      ...window,
      target,
      instances,
      {
        name: 'delay',
        kind: 'distribution',
        required: true,
        description: 'added latency: "800ms" or a distribution',
      },
    ],
    intensity: { parameter: 'delay', rule: `delay = intensity × ${FULL_INTENSITY_DELAY_MS}ms` },
  },
  {
    type: 'error',
    description: 'those instances fail each request with probability `rate`',
    parameters: [
      ...window,
      target,
      instances,
      {
        name: 'rate',
        kind: 'probability',
        required: true,
        description: 'share of requests that fail, 0 to 1',
      },
    ],
    intensity: { parameter: 'rate', rule: 'rate = intensity' },
  },
  {
    type: 'exhaustion',
    description:
      'a share of a resource is taken away (workers held busy, CPU stretched, memory pressure, connections held)',
    parameters: [
      ...window,
      target,
      instances,
      {
        name: 'resource',
        kind: 'choice',
        required: true,
        choices: EXHAUSTED_RESOURCES,
        description: 'which resource',
      },
      {
        name: 'fraction',
        kind: 'fraction',
        required: true,
        description: 'share taken away, above 0 and at most 1',
      },
    ],
    intensity: { parameter: 'fraction', rule: 'fraction = intensity' },
  },
  {
    type: 'partition',
    description:
      'services in different groups cannot reach each other: calls across hang until their timeout',
    parameters: [
      ...window,
      {
        name: 'between',
        kind: 'service-groups',
        required: true,
        description: 'at least two groups of service names, like [[gateway], [orders, payments]]',
      },
    ],
    intensity: null,
  },
  {
    type: 'packet-loss',
    description:
      'each message on the edge from → to is lost with probability `rate` and sent again after `retransmitDelay`',
    parameters: [
      ...window,
      { name: 'from', kind: 'service', required: true, description: 'the calling service' },
      { name: 'to', kind: 'service', required: true, description: 'the called service' },
      { name: 'rate', kind: 'probability', required: true, description: 'share of messages lost, above 0' },
      {
        name: 'retransmitDelay',
        kind: 'duration',
        required: false,
        default: '200ms',
        description: 'wait before a lost message is sent again',
      },
    ],
    intensity: { parameter: 'rate', rule: 'rate = intensity' },
  },
];
