import type { Random } from '@faultline/core';
import type { Fault, FaultType } from '../model/index.js';
import type { Instance } from '../world/instance.js';
import type { ServiceNode } from '../world/service.js';
import type { World } from '../world/world.js';

/** What a fault acts through: the world, and its own random stream. */
export interface FaultContext {
  readonly world: World;
  readonly random: Random;
}

/**
 * One type of fault, the same shape for each (one folder per type): `params` works out once what
 * the fault acts on, `apply` puts it in force at the current simulated time, `revert` lifts it.
 * Faults of any type may overlap, on the same instances too: each apply has its revert.
 */
export interface FaultModel<F extends Fault = Fault, P = unknown> {
  readonly type: F['type'];
  /** What the fault log names as its target: a service, an edge `from->to`, a partition's groups. */
  target(fault: F): string;
  /** The instances, samplers, groups... the fault acts on. */
  params(fault: F, context: FaultContext): P;
  /** Puts the fault in force now. */
  apply(params: P, context: FaultContext): void;
  /** Lifts the fault now. */
  revert(params: P, context: FaultContext): void;
}

/** A fault model for one fault type, its fault narrowed. */
export type FaultModelOf<T extends FaultType, P = unknown> = FaultModel<Extract<Fault, { type: T }>, P>;

/** A service fault's service and the instances it hits: the first `instances` of them, in order. */
export interface TargetInstances {
  readonly service: ServiceNode;
  readonly instances: readonly Instance[];
}

/**
 * The instances a fault on a service hits: always the first ones (0, 1, ...), so that two faults
 * with `instances: 1` on one service hit the same instance, and a run reads predictably.
 */
export function targetInstances(world: World, target: string, count: number): TargetInstances {
  const service = world.service(target);
  return { service, instances: service.instances.slice(0, count) };
}
