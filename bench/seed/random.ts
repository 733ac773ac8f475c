/** A deterministic generator of numbers in [0, 1): the same --seed gives the same data. */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

/** A stable pseudo-random number in [0, 1) for an integer key (no state: any generator can recompute it). */
export function hashUnit(key: number, salt = 0): number {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b) ^ salt;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

/**
 * Ranks 0..n-1 drawn with weight ∝ (rank + 1)^-exponent (Zipf-like: a few very popular, a long tail), by inverting
 * the continuous power law's CDF in O(1) — no table, so it works for a million ranks.
 */
export class PowerLaw {
  constructor(
    private readonly n: number,
    private readonly exponent: number,
  ) {}

  sample(random: Random): number {
    const u = random();
    const top = this.n + 1;
    const x =
      this.exponent === 1
        ? Math.pow(top, u)
        : Math.pow((Math.pow(top, 1 - this.exponent) - 1) * u + 1, 1 / (1 - this.exponent));
    return Math.min(this.n - 1, Math.max(0, Math.floor(x) - 1));
  }
}

/**
 * A bijection between popularity ranks and ids 1..n, so popular rows are spread over the table rather than being
 * the first ids. rank → id and back, both O(1).
 */
export class RankShuffle {
  private readonly multiplier: number;
  private readonly inverse: number;

  constructor(
    private readonly n: number,
    private readonly offset: number,
  ) {
    let multiplier = Math.max(1, Math.floor(n * 0.6180339887));
    while (gcd(multiplier, n) !== 1) multiplier++;
    this.multiplier = multiplier % n || 1;
    this.inverse = modularInverse(this.multiplier, n);
  }

  idOf(rank: number): number {
    return ((rank * this.multiplier + this.offset) % this.n) + 1;
  }

  rankOf(id: number): number {
    const shifted = (((id - 1 - this.offset) % this.n) + this.n) % this.n;
    return Number((BigInt(shifted) * BigInt(this.inverse)) % BigInt(this.n));
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function modularInverse(a: number, n: number): number {
  if (n === 1) return 0;
  let [oldR, r] = [a, n];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % n) + n) % n;
}

/** `count` distinct values from `draw` (which must be able to produce that many), skipping `exclude`. */
export function distinct(count: number, draw: () => number, exclude?: (value: number) => boolean): number[] {
  const chosen = new Set<number>();
  for (let attempts = 0; chosen.size < count && attempts < count * 200; attempts++) {
    const value = draw();
    if (!exclude?.(value)) chosen.add(value);
  }
  return [...chosen];
}
