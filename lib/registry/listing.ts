import "server-only";
import type { Caller } from "@/lib/auth/server/verify-token";
import { ApiError } from "@/lib/errors";
import type { RepositoryListing } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { acrError } from "./acr-errors";
import type { RegistryHttp } from "./http";
import { pullToken } from "./tokens";

/** At most this many names are listed (pages of 100 followed until then). */
const MAX_NAMES = 1000;

/**
 * The data plane's answer as the one ApiError, with ACR's code and message. The registry's 401
 * (the identity may not list or pull) is the console's 403: the caller's own session is fine.
 */
function dataPlaneError(status: number, code: string, message: string): ApiError {
  const http =
    status === 401 ? 403 : status === 403 || status === 404 || status === 429 ? status : 502;
  const advice =
    status === 401
      ? " Listing needs pull on the registry: AcrPull, or another role with Microsoft.ContainerRegistry/registries/pull/read (Container Registry Repository Catalog Lister and Repository Reader in a registry with ABAC repository permissions)."
      : "";
  return new ApiError(http, code, `The registry answered ${status} ${code}: ${message}${advice}`);
}

async function listAll(
  http: RegistryHttp,
  host: string,
  token: string,
  first: string,
  key: "repositories" | "tags",
  signal?: AbortSignal,
): Promise<string[]> {
  const names: string[] = [];
  for (let path: string | null = first; path && names.length < MAX_NAMES;) {
    const reply = await http.send(host, path, {
      headers: { authorization: `Bearer ${token}` },
      signal,
    });
    if (reply.status !== 200) {
      const error = acrError(reply.body);
      throw dataPlaneError(
        reply.status,
        error?.code ?? `HTTP_${reply.status}`,
        error?.message ?? "no list",
      );
    }
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    const page = Array.isArray(body[key])
      ? (body[key] as unknown[]).filter((n) => typeof n === "string")
      : [];
    names.push(...(page as string[]));
    const link = reply.headers.link;
    const next = typeof link === "string" ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
    // Only a path on the same host is followed.
    path = next && next.startsWith("/v2/") ? next : null;
  }
  return names.slice(0, MAX_NAMES);
}

/**
 * The registry's repositories (catalog), or one repository's tags, through the global login
 * server with the caller's identity.
 */
export async function listRepository(
  http: RegistryHttp,
  registry: Registry,
  caller: Caller,
  input: { repository?: string; signal?: AbortSignal },
): Promise<RepositoryListing> {
  const host = registry.loginServer.toLowerCase();
  const scope = input.repository ? `repository:${input.repository}:pull` : "registry:catalog:*";
  const token = await pullToken(http, {
    host,
    tenant: caller.tenantId,
    entraToken: caller.token,
    scope,
    signal: input.signal,
  });
  if (!token.ok) throw dataPlaneError(token.status, token.code, token.message);
  if (input.repository) {
    const path = `/v2/${input.repository}/tags/list?n=100`;
    return { tags: await listAll(http, host, token.token, path, "tags", input.signal) };
  }
  return {
    repositories: await listAll(
      http,
      host,
      token.token,
      "/v2/_catalog?n=100",
      "repositories",
      input.signal,
    ),
  };
}
