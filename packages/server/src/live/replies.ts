import { ApiError } from '../http/api-error.js';

/**
 * Answers awaited from a worker, by key: a command posts, then waits for the message that
 * answers it, or fails with 504 after a while.
 */
export class Replies {
  private readonly waiting = new Map<
    string,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  /** Waits for the answer to `key`. */
  await(key: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(
          new ApiError(504, {
            code: 'live_timeout',
            message: 'The live simulation did not answer in time; try again',
          }),
        );
      }, timeoutMs);
      this.waiting.set(key, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** The answer to `key` came. */
  resolve(key: string, value: unknown): void {
    const waiter = this.waiting.get(key);
    this.waiting.delete(key);
    waiter?.resolve(value);
  }

  /** The answer to `key` is a refusal. */
  reject(key: string, error: Error): void {
    const waiter = this.waiting.get(key);
    this.waiting.delete(key);
    waiter?.reject(error);
  }

  /** Nothing will answer any more. */
  rejectAll(error: Error): void {
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
