/**
 * One write transaction at a time per SQLite file within this process.
 *
 * better-sqlite3 is synchronous: when a connection waits for SQLite's write lock (busy_timeout),
 * the whole event loop waits with it. If the lock is held by another connection in the same
 * process, whose transaction needs the event loop to finish, they wait on each other until the
 * timeout. So connections of one process queue here, asynchronously, and only connections of
 * other processes ever meet SQLite's busy handler.
 */
export class FileLock {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock and returns the function that releases it. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    return release;
  }
}

const locks = new Map<string, FileLock>();

/** The lock shared by every connection of this process to the file at `path` (an absolute path). */
export function fileLock(path: string): FileLock {
  let lock = locks.get(path);
  if (lock === undefined) {
    lock = new FileLock();
    locks.set(path, lock);
  }
  return lock;
}
