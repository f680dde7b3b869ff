// A small async FIFO: `take` waits for the next item (or times out); used by the relay and the client.
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export class AsyncQueue<T> {
  private items: T[] = [];
  private waiters: Array<(v: T) => void> = [];
  /** Items dropped (the oldest first) because `limit` were already waiting unread. */
  dropped = 0;

  /** `limit`: how many unread items are kept at most — for queues a remote peer can fill (a server's errors). */
  constructor(readonly limit: number = Infinity) {}

  put(item: T): void {
    const w = this.waiters.shift();
    if (w) w(item);
    else {
      this.items.push(item);
      if (this.items.length > this.limit) {
        this.items.shift();
        this.dropped += 1;
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  drain(): T[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  take(timeoutMs?: number): Promise<T> {
    if (this.items.length) return Promise.resolve(this.items.shift()!);
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = (v: T): void => {
        if (timer !== undefined) clearTimeout(timer);
        resolve(v);
      };
      this.waiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new TimeoutError('timed out waiting'));
        }, timeoutMs);
      }
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
