import "server-only";
import { caGetFetch } from "../auth/server/ca-fetch";
import type { ServerConfig } from "../env";
import { SUBSCRIPTIONS_API_VERSION } from "./client";

/**
 * Whether ARM answers now (the readiness check): an unauthenticated list of subscriptions, which
 * ARM answers 401 without doing anything. Any answer but a server error means reachable. The
 * console holds no token of its own, so this is all it can ask. Never throws.
 */
export async function armReachable(config: ServerConfig, timeoutMs = 5_000): Promise<boolean> {
  try {
    const res = await caGetFetch(config.caPem)(
      `${config.armEndpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`,
      { signal: AbortSignal.timeout(timeoutMs) },
    );
    await res.body?.cancel().catch(() => undefined);
    return res.status < 500;
  } catch {
    return false;
  }
}
