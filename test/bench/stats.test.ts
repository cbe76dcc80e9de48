/**
 * The bench's statistics helpers: medians, nearest-rank percentiles, ratios and rounding.
 */
import { describe, expect, it } from 'vitest';
import { median, p95, percentile, ratio, round, summarize } from '../../bench/lib/stats';

describe('median', () => {
  it('takes the middle sample of an odd count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves failed (non-finite) trials out and is NaN without samples', () => {
    expect(median([Number.NaN, 7, 9, Number.NaN, 8])).toBe(8);
    expect(median([])).toBeNaN();
    expect(median([Number.NaN])).toBeNaN();
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted

  it('uses the nearest rank', () => {
    expect(p95(hundred)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('is the maximum for a handful of trials', () => {
    expect(p95([10, 30, 20, 40, 50])).toBe(50);
    expect(p95([3])).toBe(3);
  });

  it('is NaN without samples', () => {
    expect(p95([])).toBeNaN();
  });
});

describe('summarize, ratio and round', () => {
  it('summarizes only finite trials', () => {
    expect(summarize([1, 2, Number.NaN, 4])).toEqual({ median: 2, p95: 4, n: 3 });
  });

  it('gives null ratios for missing values or a zero divisor', () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(null, 4)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });

  it('rounds and turns NaN into null', () => {
    expect(round(12.345, 1)).toBe(12.3);
    expect(round(12.5, 0)).toBe(13);
    expect(round(Number.NaN)).toBeNull();
    expect(round(undefined)).toBeNull();
  });
});
