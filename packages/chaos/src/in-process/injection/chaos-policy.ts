import { Emitter, PolicyBase, type EventSubscriber } from '@faultline/core';
import { CHAOS_EVENTS, type ChaosInjectEvent } from './events.js';
import type { ResolvedChaosOptions } from './options.js';

/**
 * Shared plumbing of the chaos policies: the typed `onInject` channel beside core's catch-all
 * one. Each chaos policy is a PolicyBase, so it composes in `pipeline(...)` like any policy.
 */
export abstract class ChaosPolicy<Event extends ChaosInjectEvent> extends PolicyBase {
  private readonly injections = new Emitter<Event>();
  /** The policy injected its chaos into a call. */
  readonly onInject: EventSubscriber<Event> = this.injections.subscribe;

  protected constructor(kind: string, options: ResolvedChaosOptions) {
    super(kind, options.name, options.clock);
  }

  /** Whether anyone listens, typed or catch-all: check before building an event. */
  protected get observed(): boolean {
    return this.injections.size > 0 || this.monitored;
  }

  /** Tells both channels; injections are 'info', as in Polly's chaos telemetry. */
  protected emitInject(event: Event): void {
    this.injections.emit(event);
    this.report(CHAOS_EVENTS.inject, 'info', event);
  }
}
