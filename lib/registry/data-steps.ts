import "server-only";
import { redirectTarget } from "@/lib/repro/redirects";
import { pullAdvice } from "@/lib/repro/access-advice";
import type { HealthStep } from "@/lib/repro/types";
import type { Registry } from "@/lib/types";
import { acrError, bearerChallenge } from "./acr-errors";
import { elapsed } from "./connectivity";
import type { RegistryHttp, RegistryReply } from "./http";
import { exchangeRefreshToken, fetchAccessToken } from "./tokens";

/** What a client accepts for a manifest (OCI index and manifest, Docker list and v2). */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const ROLE_ADVICE =
  "The caller's identity needs a role that includes registries/pull/read on the registry (AcrPull, Reader, Contributor or Owner), assigned at the registry, its resource group or its subscription.";

/** The actions an ACR access token grants on `repository:<name>` (its `access` claim). */
export function grantedActions(token: string, repository: string): string[] {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"),
    ) as {
      access?: { type?: string; name?: string; actions?: string[] }[];
    };
    return (
      payload.access?.find((a) => a.type === "repository" && a.name === repository)?.actions ?? []
    );
  } catch {
    return [];
  }
}

export interface TokenOutcome {
  step: HealthStep;
  /** The access token, for this request's next steps only. */
  token?: string;
}

/** The exchange with the caller's own identity, then an access token for `repository:<repo>:pull`. */
export async function tokenStep(
  http: RegistryHttp,
  input: {
    realmHost: string;
    service: string;
    tenant: string;
    entraToken: string;
    repository: string | null;
    signal?: AbortSignal;
  },
): Promise<TokenOutcome> {
  const start = performance.now();
  const fail = (
    code: string,
    message: string,
    advice: string,
    status?: number,
    detail?: string,
  ): TokenOutcome => ({
    step: {
      step: "token",
      status: "fail",
      ms: elapsed(start),
      detail: detail ?? (status ? `HTTP ${status}` : "no token"),
      code,
      message,
      advice,
    },
  });
  try {
    const refresh = await exchangeRefreshToken(http, {
      host: input.realmHost,
      service: input.service,
      tenant: input.tenant,
      entraToken: input.entraToken,
      signal: input.signal,
    });
    if (!refresh.ok) {
      return fail(
        refresh.status === 429
          ? "CONNECTIVITY_TOOMANYREQUESTS_ERROR"
          : "CONNECTIVITY_REFRESH_TOKEN_ERROR",
        `${refresh.code}: ${refresh.message}`,
        refresh.status === 401 || refresh.status === 403
          ? ROLE_ADVICE
          : "ACR did not exchange the identity's token.",
        refresh.status,
      );
    }
    if (!input.repository) {
      return {
        step: {
          step: "token",
          status: "pass",
          ms: elapsed(start),
          detail: "refresh token issued (no repository chosen)",
        },
      };
    }
    const scope = `repository:${input.repository}:pull`;
    const access = await fetchAccessToken(http, {
      host: input.realmHost,
      service: input.service,
      scope,
      refreshToken: refresh.token,
      signal: input.signal,
    });
    if (!access.ok) {
      return fail(
        access.status === 429
          ? "CONNECTIVITY_TOOMANYREQUESTS_ERROR"
          : "CONNECTIVITY_ACCESS_TOKEN_ERROR",
        `${access.code}: ${access.message}`,
        access.status === 401 || access.status === 403
          ? ROLE_ADVICE
          : "ACR did not issue an access token.",
        access.status,
      );
    }
    const actions = grantedActions(access.token, input.repository);
    if (!actions.includes("pull")) {
      return fail(
        "insufficient_scope",
        `ACR granted ${actions.length ? actions.join(",") : "no action"} for ${scope}`,
        pullAdvice(input.repository),
        undefined,
        `token issued without pull on ${input.repository}`,
      );
    }
    return {
      step: { step: "token", status: "pass", ms: elapsed(start), detail: `granted ${scope}` },
      token: access.token,
    };
  } catch (err) {
    return fail(
      "CONNECTIVITY_REFRESH_TOKEN_ERROR",
      err instanceof Error ? err.message : String(err),
      "The token endpoint did not answer.",
    );
  }
}

function manifestFailure(reply: RegistryReply, what: string): HealthStep {
  const { status, ms } = reply;
  const acr = acrError(reply.body);
  // A HEAD answer has no body: a 401 names its reason in the challenge's `error`.
  const challengeError = bearerChallenge(reply.headers["www-authenticate"])?.error;
  const code =
    acr?.code ?? challengeError ?? (status === 404 ? "MANIFEST_UNKNOWN" : `HTTP_${status}`);
  const advice =
    code === "MANIFEST_UNKNOWN" || code === "NAME_UNKNOWN"
      ? "This replica does not hold it (yet): replication is eventually consistent, so a recent push may not have arrived; compare the digest matrix."
      : status === 401
        ? ROLE_ADVICE
        : status === 403
          ? "The registry's firewall refuses this client."
          : "The replica did not serve the manifest.";
  return {
    step: "manifest",
    status: "fail",
    ms,
    detail: what,
    code,
    message: acr?.message ?? `HTTP ${status}`,
    advice,
  };
}

/** `HEAD /v2/<repo>/manifests/<tag>`: the digest this endpoint serves. */
export async function manifestStep(
  http: RegistryHttp,
  input: { host: string; token: string; repository: string; tag: string; signal?: AbortSignal },
): Promise<{ step: HealthStep; digest?: string }> {
  const reply = await http.send(input.host, `/v2/${input.repository}/manifests/${input.tag}`, {
    method: "HEAD",
    headers: { authorization: `Bearer ${input.token}`, accept: MANIFEST_ACCEPT },
    signal: input.signal,
  });
  const digest = reply.headers["docker-content-digest"];
  if (reply.status === 200 && typeof digest === "string") {
    return { step: { step: "manifest", status: "pass", ms: reply.ms, detail: digest }, digest };
  }
  return { step: manifestFailure(reply, `${input.repository}:${input.tag}`) };
}

/** A blob of the image: the config of the manifest, through the first platform of an index. */
async function someBlob(
  http: RegistryHttp,
  input: {
    host: string;
    token: string;
    repository: string;
    reference: string;
    signal?: AbortSignal;
  },
  depth = 0,
): Promise<string | null> {
  const reply = await http.send(
    input.host,
    `/v2/${input.repository}/manifests/${input.reference}`,
    {
      headers: { authorization: `Bearer ${input.token}`, accept: MANIFEST_ACCEPT },
      signal: input.signal,
    },
  );
  if (reply.status !== 200) return null;
  const doc = JSON.parse(reply.body) as {
    config?: { digest?: string };
    layers?: { digest?: string }[];
    manifests?: { digest?: string }[];
  };
  const blob = doc.config?.digest ?? doc.layers?.[0]?.digest;
  if (blob) return blob;
  const child = doc.manifests?.[0]?.digest;
  return child && depth === 0 ? someBlob(http, { ...input, reference: child }, 1) : null;
}

/**
 * A blob `GET` answers 307 to a data host; the redirect is followed only to a data endpoint ARM
 * lists (or Azure Storage's blob hosts for a registry without dedicated data endpoints).
 */
export async function blobStep(
  http: RegistryHttp,
  registry: Registry,
  input: {
    host: string;
    region: string | null;
    token: string;
    repository: string;
    digest: string;
    signal?: AbortSignal;
  },
): Promise<HealthStep> {
  const start = performance.now();
  const fail = (detail: string, code: string, message: string, advice: string): HealthStep => ({
    step: "blob",
    status: "fail",
    ms: elapsed(start),
    detail,
    code,
    message,
    advice,
  });
  let blob: string | null;
  try {
    blob = await someBlob(http, { ...input, reference: input.digest });
  } catch {
    blob = null;
  }
  if (!blob)
    return fail(
      "no blob to fetch",
      "MANIFEST_UNKNOWN",
      "the manifest names no blob",
      "Choose an image tag.",
    );
  const reply = await http.send(input.host, `/v2/${input.repository}/blobs/${blob}`, {
    headers: { authorization: `Bearer ${input.token}` },
    signal: input.signal,
  });
  const location = reply.headers.location;
  if (reply.status !== 307 || typeof location !== "string") {
    const acr = acrError(reply.body);
    return fail(
      `HTTP ${reply.status}`,
      acr?.code ?? `HTTP_${reply.status}`,
      acr?.message ?? "no redirect",
      "ACR redirects blob downloads (307) to a data endpoint; this endpoint did not.",
    );
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return fail(
      "307 to an invalid URL",
      "REDIRECT_INVALID",
      "the Location is not a URL",
      "Something other than ACR answered.",
    );
  }
  const target = redirectTarget(url.hostname, registry);
  if (!target.allowed || url.protocol !== "https:") {
    return fail(
      `307 to ${url.hostname} (not followed)`,
      "REDIRECT_NOT_ALLOWED",
      target.allowed ? "not HTTPS" : target.reason,
      "Only hosts ARM lists for the registry are contacted.",
    );
  }
  const download = await http.send(url.hostname, `${url.pathname}${url.search}`, {
    headers: { range: "bytes=0-0" },
    signal: input.signal,
  });
  const where =
    target.kind === "data" ? `dedicated data endpoint ${url.hostname}` : `storage ${url.hostname}`;
  if (download.status !== 200 && download.status !== 206) {
    return fail(
      `307 to ${where}: HTTP ${download.status}`,
      `HTTP_${download.status}`,
      "the data host refused the download",
      `A client firewall must allow ${target.kind === "data" ? url.hostname : "*.blob.core.windows.net"} on TCP 443.`,
    );
  }
  const sameRegion = target.kind !== "data" || !input.region || target.region === input.region;
  return sameRegion
    ? {
        step: "blob",
        status: "pass",
        ms: elapsed(start),
        detail: `307 to ${where}, download ${download.status}`,
      }
    : {
        step: "blob",
        status: "warn",
        ms: elapsed(start),
        detail: `307 to ${where}`,
        message: `redirected to ${target.kind === "data" ? target.region : ""}, not ${input.region}`,
      };
}
