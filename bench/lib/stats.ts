// Order statistics for the benchmark figures: medians with their spread, never a mean alone.

export interface Summary {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  p99: number;
  max: number;
  mean: number;
}

/** The q-quantile (0..1) of sorted values, interpolated linearly between neighbours. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const v of list) sum += v;
  return {
    n: list.length,
    min: list[0] ?? Number.NaN,
    p25: quantileSorted(list, 0.25),
    median: quantileSorted(list, 0.5),
    p75: quantileSorted(list, 0.75),
    p99: quantileSorted(list, 0.99),
    max: list[list.length - 1] ?? Number.NaN,
    mean: list.length ? sum / list.length : Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return summarize(values).median;
}

/** A number with about three significant digits, e.g. 0.0412, 3.27, 41.2, 1,234. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  if (abs === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return value.toFixed(Math.min(decimals, 4));
}

/** "a–b" with the same precision rules as num(). */
export function range(a: number, b: number, digits = 3): string {
  return `${num(a, digits)}–${num(b, digits)}`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 1 : 2)}×` : '—';
}

/** Deterministic PRNG (mulberry32): the corpus and the id sets are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomHex(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
}

/** Fisher–Yates with the given PRNG. */
export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}
