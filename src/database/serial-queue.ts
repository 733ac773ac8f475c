import { DatabaseBusyError } from './db-errors';
import type { PoolObserver } from './deadlines';

export interface SerialQueueLimits {
  /** The longest a piece of work waits for its turn before it is given up (DatabaseBusyError). */
  maxWaitMs: number;
  /** How many pieces may wait at once; the next one is refused at once (DatabaseBusyError). */
  maxWaiting: number;
  observer?: PoolObserver;
}

interface Waiter {
  start(): void;
  timer?: NodeJS.Timeout;
}

/**
 * Runs async work one piece at a time, in arrival order. SQLite has a single connection that every request shares:
 * a statement sent while another request's transaction is open would run inside that transaction and be rolled
 * back with it, after its own client was told it succeeded. Taking turns rules that out. With limits, the wait for a
 * turn is bounded as the wait for a pooled connection is on MySQL.
 */
export class SerialQueue {
  private busy = false;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits?: SerialQueueLimits) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.busy) {
      this.busy = true;
      this.limits?.observer?.waited(0);
      return this.execute(work);
    }
    if (this.limits && this.waiting.length >= this.limits.maxWaiting) {
      this.limits.observer?.rejected();
      return Promise.reject(new DatabaseBusyError('queue full'));
    }
    return new Promise<T>((resolve, reject) => {
      const queuedAt = performance.now();
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          this.limits?.observer?.waited((performance.now() - queuedAt) / 1000);
          void this.execute(work).then(resolve, reject);
        },
      };
      if (this.limits) waiter.timer = setTimeout(() => this.giveUp(waiter, reject), this.limits.maxWaitMs);
      this.waiting.push(waiter);
    });
  }

  /** How many pieces of work wait for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  private giveUp(waiter: Waiter, reject: (error: Error) => void): void {
    const index = this.waiting.indexOf(waiter);
    if (index < 0) return;
    this.waiting.splice(index, 1);
    this.limits?.observer?.timedOut('acquire');
    reject(new DatabaseBusyError('acquire timeout'));
  }

  private async execute<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start();
      else this.busy = false;
    }
  }
}
