import type { ChaosInjectEvent } from '../injection/events.js';

/** The behavior ran to completion before a call (emitted after it, as Polly reports it). */
export type ChaosBehaviorEvent = ChaosInjectEvent;
