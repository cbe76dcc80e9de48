/**
 * Summary statistics over repeated trials: median and nearest-rank percentiles.
 */

/** The `p`th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  // Nearest rank: the smallest sample with at least p% of samples at or below it.
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * xs.length);
  return xs[Math.max(0, rank - 1)]!;
}

/** The median (mean of the two middle samples for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** The 95th percentile. */
export function p95(samples: readonly number[]): number {
  return percentile(samples, 95);
}

/** Median, p95 and count of one contender's trials. */
export interface Summary {
  median: number;
  p95: number;
  n: number;
}

/** Summarises trials; non-finite samples (failed trials) are left out of the count. */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.filter((x) => Number.isFinite(x)).length;
  return { median: median(samples), p95: p95(samples), n };
}

/** Rounds to `digits` decimals, keeping null for missing values (NaN becomes null too). */
export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** `a / b`, or null when either is missing or b is zero. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) {
    return null;
  }
  return a / b;
}
