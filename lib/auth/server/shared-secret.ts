import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an `Authorization` header carries `Bearer <expected>`, for the configured shared
 * secrets (the console's metrics scrape token, an agent's stream token): compared in constant
 * time over digests, so neither the secret's content nor its length shows in the timing.
 */
export function bearerMatches(header: string | null | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!match) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(match[1] as string), digest(expected));
}
