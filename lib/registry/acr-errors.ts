import "server-only";
import { parseWwwAuthenticate } from "@/lib/probe/server/challenge";

/** The first `{ errors: [{ code, message }] }` entry of a registry answer, if it has one. */
export function acrError(body: string): { code: string; message: string } | null {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = parsed.errors?.[0];
    if (first && typeof first.code === "string") {
      return { code: first.code, message: typeof first.message === "string" ? first.message : "" };
    }
  } catch {
    // not JSON: no registry error body
  }
  return null;
}

/** The Bearer challenge of a 401 (realm, service, scope, error), or null when there is none. */
export function bearerChallenge(
  header: string | string[] | undefined,
): Record<string, string> | null {
  if (header === undefined) return null;
  const challenges = parseWwwAuthenticate(header);
  const bearer = challenges?.find((c) => c.scheme.toLowerCase() === "bearer");
  return bearer ? bearer.params : null;
}
