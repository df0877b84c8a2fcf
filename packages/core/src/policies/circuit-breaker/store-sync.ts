import type { CircuitStoreErrorEvent } from './events.js';
import type { CircuitBreakerKernel } from './kernel.js';
import type { CircuitBreakerSnapshot } from './snapshot.js';
import type { CircuitStateStore } from './store.js';

/** What connecting a breaker to a store needs. */
export interface StoreConnectionArgs {
  readonly store: CircuitStateStore;
  readonly key: string;
  readonly kernel: CircuitBreakerKernel;
  /** Marks this breaker's snapshots, so it ignores them when the store echoes them back. */
  readonly source: string;
  readonly onError: (event: CircuitStoreErrorEvent) => void;
}

/** A breaker's link to its store. */
export interface StoreConnection {
  /** Saves the kernel's state after a state change of its own. */
  save(): void;
  /** Stops adopting other instances' snapshots. */
  dispose(): void;
}

/**
 * Connects a kernel to a store: adopts the saved state now (or when an asynchronous load
 * answers, unless the breaker changed state meanwhile: its own news is newer), adopts what other
 * instances save from then on, and saves on request. Store failures are reported, never thrown:
 * a breaker without its store still protects its caller with its local state.
 */
export function connectStore(args: StoreConnectionArgs): StoreConnection {
  const { store, key, kernel, source, onError } = args;
  let changedLocally = false;
  const adopt = (snapshot: CircuitBreakerSnapshot | undefined): void => {
    if (snapshot === undefined || snapshot === null || snapshot.source === source) return;
    try {
      kernel.hydrate(snapshot);
    } catch (error) {
      onError({ operation: 'hydrate', error });
    }
  };

  try {
    const loaded = store.load(key);
    if (isThenable(loaded)) {
      loaded.then(
        (snapshot) => {
          if (!changedLocally) adopt(snapshot);
        },
        (error: unknown) => onError({ operation: 'load', error }),
      );
    } else {
      adopt(loaded);
    }
  } catch (error) {
    onError({ operation: 'load', error });
  }
  const watching = store.watch?.(key, ({ snapshot }) => adopt(snapshot));

  return {
    save() {
      changedLocally = true;
      try {
        const saved = store.save(key, { ...kernel.toJSON(), source });
        if (isThenable(saved))
          saved.then(undefined, (error: unknown) => onError({ operation: 'save', error }));
      } catch (error) {
        onError({ operation: 'save', error });
      }
    },
    dispose() {
      watching?.dispose();
    },
  };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<T>).then === 'function';
}
