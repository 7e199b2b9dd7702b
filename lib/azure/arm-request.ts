import "server-only";
import { ApiError } from "../errors";
import type { ArmClients } from "./client";
import { armResponseError, toApiError } from "./errors";

/** One ARM list page, as ARM sends it. */
interface ArmPage<T> {
  value?: T[];
  nextLink?: string | null;
}

/**
 * GET one ARM path (relative, or an absolute `nextLink`) through the SDK's context at an
 * api-version. The pipeline already retried throttling and transient failures; a non-2xx
 * answer becomes an ApiError with ARM's status, code, message and request id.
 */
export async function armGet<T>(clients: ArmClients, path: string, apiVersion: string): Promise<T> {
  if (/^https?:/i.test(path) && new URL(path).origin !== new URL(clients.armEndpoint).origin) {
    // The caller's token goes with every request: never follow a link off ARM.
    throw new ApiError(502, "UnexpectedNextLink", "ARM returned a next-page link to another host.");
  }
  let response;
  try {
    response = await clients
      .context(apiVersion)
      .pathUnchecked(path)
      .get({ queryParameters: /^https?:/i.test(path) ? undefined : { "api-version": apiVersion } });
  } catch (error) {
    throw toApiError(error);
  }
  const status = Number(response.status);
  if (status < 200 || status > 299) throw armResponseError(status, response.headers, response.body);
  return response.body as T;
}

/** GET every page of an ARM list, following `nextLink` to the end: one ARM read per page. */
export async function armListAll<T>(
  clients: ArmClients,
  path: string,
  apiVersion: string,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let next: string | undefined = path;
  while (next) {
    const page: ArmPage<T> = await armGet<ArmPage<T>>(clients, next, apiVersion);
    items.push(...(page.value ?? []));
    const link = page.nextLink ?? undefined;
    if (link && seen.has(link)) {
      throw new ApiError(502, "NextLinkLoop", "ARM returned the same next-page link twice.");
    }
    if (link) seen.add(link);
    next = link;
  }
  return items;
}
