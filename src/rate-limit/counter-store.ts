/** A fixed-window hit counter shared by the request throttler and the failed-login limiter. */
export interface CounterStore {
  /** Counts one hit on `key`; the window starts at the first hit and lasts `windowMs`. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** Takes one hit back (never below zero). */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends (0 when there is no window). */
  msLeft: number;
}

export const COUNTER_STORE = Symbol('COUNTER_STORE');
