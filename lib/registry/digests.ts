import "server-only";
import { setMaxListeners } from "node:events";
import type { Caller } from "@/lib/auth/server/verify-token";
import { regionOfHost } from "@/lib/endpoints/host";
import { overallVerdict, withVerdicts } from "@/lib/repro/digests";
import type { DigestMatrix, DigestReach, DigestRow } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { acrError, bearerChallenge } from "./acr-errors";
import { grantedActions, MANIFEST_ACCEPT } from "./data-steps";
import type { RegistryHttp } from "./http";
import { pullToken } from "./tokens";

type RawRow = Omit<DigestRow, "verdict"> & { reach: DigestReach };

/** The digest `repository:tag` resolves to on one host, with the caller's identity. */
async function resolveDigest(
  http: RegistryHttp,
  caller: Caller,
  row: Pick<DigestRow, "region" | "host" | "kind" | "isHome">,
  input: { repository: string; tag: string; signal?: AbortSignal },
): Promise<RawRow> {
  const start = performance.now();
  const ms = () => Math.round((performance.now() - start) * 10) / 10;
  try {
    const token = await pullToken(http, {
      host: row.host,
      tenant: caller.tenantId,
      entraToken: caller.token,
      scope: `repository:${input.repository}:pull`,
      signal: input.signal,
    });
    if (!token.ok) {
      return {
        ...row,
        digest: null,
        // 401: ACR refused the identity; anything else (403 firewall, 429, 5xx) is no answer.
        reach: token.status === 401 ? "denied" : "unreachable",
        code: token.code,
        message: token.message,
        ms: ms(),
      };
    }
    // A token that grants no pull: the manifest would answer 401 insufficient_scope; not asked.
    if (!grantedActions(token.token, input.repository).includes("pull")) {
      return {
        ...row,
        digest: null,
        reach: "denied",
        code: "insufficient_scope",
        message: `ACR granted no pull on repository:${input.repository}`,
        ms: ms(),
      };
    }
    const reply = await http.send(row.host, `/v2/${input.repository}/manifests/${input.tag}`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${token.token}`, accept: MANIFEST_ACCEPT },
      signal: input.signal,
    });
    const digest = reply.headers["docker-content-digest"];
    if (reply.status === 200 && typeof digest === "string") {
      return { ...row, digest, reach: "answered", ms: ms() };
    }
    const error = acrError(reply.body);
    // A HEAD has no body: 404 is the replica not holding the tag (yet).
    if (reply.status === 404) {
      return {
        ...row,
        digest: null,
        reach: "answered",
        code: error?.code ?? "MANIFEST_UNKNOWN",
        message: error?.message ?? "not found on this replica",
        ms: ms(),
      };
    }
    // A HEAD's 401 names its reason in the challenge (`insufficient_scope`, `invalid_token`).
    const challengeError =
      reply.status === 401 ? bearerChallenge(reply.headers["www-authenticate"])?.error : undefined;
    return {
      ...row,
      digest: null,
      reach: reply.status === 401 ? "denied" : "unreachable",
      code: error?.code ?? challengeError ?? `HTTP_${reply.status}`,
      message: error?.message ?? `HTTP ${reply.status}`,
      ms: ms(),
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "ERROR";
    return {
      ...row,
      digest: null,
      reach: "unreachable",
      code,
      message: err instanceof Error ? err.message : String(err),
      ms: ms(),
    };
  }
}

/**
 * The digest matrix: for each replica, through its regional endpoint, the digest a tag resolves
 * to, and the global endpoint's answer beside them; with regional endpoints off, the global
 * answer only.
 */
export async function digestMatrix(
  http: RegistryHttp,
  registry: Registry,
  caller: Caller,
  input: { repository: string; tag: string; signal?: AbortSignal },
): Promise<DigestMatrix> {
  const regional =
    registry.regionalEndpoints === "Enabled" ? registry.regionalEndpointHostNames : [];
  const home = registry.location.toLowerCase();
  const targets: Pick<DigestRow, "region" | "host" | "kind" | "isHome">[] = [
    ...regional.map((host) => {
      const region = regionOfHost(host);
      return {
        region,
        host: host.toLowerCase(),
        kind: "regional" as const,
        isHome: region === home,
      };
    }),
    {
      region: null,
      host: registry.loginServer.toLowerCase(),
      kind: "global",
      isHome: regional.length === 0,
    },
  ];
  const at = new Date().toISOString();
  // One abort listener per data-plane request of this run.
  if (input.signal) setMaxListeners(100, input.signal);
  const raw = await Promise.all(targets.map((t) => resolveDigest(http, caller, t, input)));
  const rows = withVerdicts(
    raw.map(({ reach: _reach, ...row }) => row),
    (row) => raw.find((r) => r.host === row.host)?.reach ?? "unreachable",
  );
  return {
    registryId: registry.id,
    registryName: registry.name,
    repository: input.repository,
    tag: input.tag,
    at,
    regionalEndpoints: regional.length > 0,
    homeRegion: home,
    rows,
    overall: overallVerdict(rows),
  };
}
