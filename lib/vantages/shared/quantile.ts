/**
 * The q-quantile of a histogram, as Prometheus's `histogram_quantile` computes it: `upper` are
 * the buckets' upper bounds (ascending, the last one +Inf implied by an extra count), `counts`
 * the observations per bucket (not cumulative), one more than `upper`. Linear interpolation
 * inside the bucket holding the rank; the lowest bucket starts at 0; a rank in the +Inf bucket
 * answers the highest finite bound. Null without observations.
 */
export function histogramQuantile(
  q: number,
  upper: readonly number[],
  counts: ArrayLike<number>,
): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (total === 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (cumulative + count >= rank && count > 0) {
      if (i >= upper.length) return upper[upper.length - 1] ?? null;
      const lower = i === 0 ? 0 : upper[i - 1]!;
      return lower + (upper[i]! - lower) * ((rank - cumulative) / count);
    }
    cumulative += count;
  }
  return upper[upper.length - 1] ?? null;
}
