import { Emitter, type Disposable } from '../../events/index.js';
import type { CircuitBreakerSnapshot } from './snapshot.js';

/** What a store's watchers receive: the key and the snapshot just saved under it. */
export interface StoredSnapshotArgs {
  readonly key: string;
  readonly snapshot: CircuitBreakerSnapshot;
}

/**
 * Where breakers keep their state so that it survives restarts and, with a shared backend,
 * so that the instances of one service agree. A breaker given a store loads its key when
 * created, saves a snapshot on every state change, and adopts the snapshots other instances
 * save (through `watch`). Each method may answer at once or with a promise, so an in-memory
 * store costs nothing and a networked one (Redis, in another package) fits the same callers.
 */
export interface CircuitStateStore {
  /** The latest snapshot saved under `key`, or undefined when there is none. */
  load(key: string): CircuitBreakerSnapshot | undefined | PromiseLike<CircuitBreakerSnapshot | undefined>;
  /** Makes `snapshot` the latest under `key`, and tells the key's watchers. */
  save(key: string, snapshot: CircuitBreakerSnapshot): void | PromiseLike<void>;
  /** Calls `listener` with every snapshot saved under `key` from now on (optional: without it, state is only restored at start). */
  watch?(key: string, listener: (args: StoredSnapshotArgs) => void): Disposable;
}

/**
 * The default store: a map in this process. Breakers sharing one instance agree at once
 * (watchers are told synchronously, inside `save`); snapshots are copied in and out, as a
 * networked store would serialize them, so no breaker holds another's object.
 */
export class InMemoryCircuitStateStore implements CircuitStateStore {
  private readonly snapshots = new Map<string, CircuitBreakerSnapshot>();
  private readonly watchers = new Map<string, Emitter<StoredSnapshotArgs>>();

  load(key: string): CircuitBreakerSnapshot | undefined {
    const snapshot = this.snapshots.get(key);
    return snapshot === undefined ? undefined : structuredClone(snapshot);
  }

  save(key: string, snapshot: CircuitBreakerSnapshot): void {
    this.snapshots.set(key, structuredClone(snapshot));
    const watchers = this.watchers.get(key);
    if (watchers !== undefined && watchers.size > 0)
      watchers.emit({ key, snapshot: structuredClone(snapshot) });
  }

  watch(key: string, listener: (args: StoredSnapshotArgs) => void): Disposable {
    let watchers = this.watchers.get(key);
    if (watchers === undefined) {
      watchers = new Emitter<StoredSnapshotArgs>();
      this.watchers.set(key, watchers);
    }
    return watchers.subscribe(listener);
  }

  /** The keys that have a snapshot, for inspection and tests. */
  keys(): string[] {
    return [...this.snapshots.keys()];
  }
}
