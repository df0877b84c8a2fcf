/** The catch-all event type every chaos policy emits when it injects, whatever it injects. */
export const CHAOS_EVENTS = {
  inject: 'inject',
} as const;

/** What every chaos policy's typed `onInject` event carries. */
export interface ChaosInjectEvent {
  /** The attempt that got the chaos: 1 for the first, more inside a retry. */
  readonly attempt: number;
}
