import "server-only";
/**
 * `Retry-After` (RFC 9110 section 10.2.3): either delta-seconds (a non-negative integer) or an
 * HTTP-date. Returns the wait in milliseconds from `nowMs` (never negative), or undefined when the
 * value is absent or not one of the two forms.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only the IMF-fixdate and the two obsolete forms are valid; Date.parse also takes ISO strings,
  // so require a weekday name as all three HTTP-date forms have.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
