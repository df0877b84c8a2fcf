/** Runs async operations one at a time, in the order they were asked for: mutations never interleave. */
export class Serializer {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `operation` after every operation asked for before it has settled. */
  run<T>(operation: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => {});
    return result;
  }
}
