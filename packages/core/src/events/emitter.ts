/** Something that can be undone once: returned by every event subscription. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

/** Subscribes a listener; the returned handle unsubscribes it. */
export type EventSubscriber<T> = (listener: Listener<T>) => Disposable;

/**
 * A minimal typed event channel. Emitting with no listener costs one length check, so policies
 * can describe everything they do without slowing the success path.
 *
 * A listener that throws does not disturb the policy that emitted the event: the error is
 * rethrown on a later microtask, where it surfaces as any uncaught error would.
 */
export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  /** Adds a listener; dispose the result to remove it again. */
  readonly subscribe: EventSubscriber<T> = (listener) => {
    // Copy on write, so a listener that unsubscribes during emit does not skip its neighbour.
    this.listeners = [...this.listeners, listener];
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        const index = this.listeners.indexOf(listener);
        if (index >= 0) this.listeners = this.listeners.filter((_, i) => i !== index);
      },
    };
  };

  get size(): number {
    return this.listeners.length;
  }

  emit(event: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
