/**
 * Runs async work one piece at a time, in arrival order. SQLite has a single connection that every request shares:
 * a statement sent while another request's transaction is open would run inside that transaction and be rolled
 * back with it, after its own client was told it succeeded. Taking turns rules that out.
 */
export class SerialQueue {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.busy) {
      this.busy = true;
      return this.execute(work);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => void this.execute(work).then(resolve, reject));
    });
  }

  /** How many pieces of work wait for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  private async execute<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    }
  }
}
