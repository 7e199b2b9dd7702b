import { randomUUID } from "node:crypto";
import { baseHeaders, sendErrors, sendJson } from "./acr-http";
import type { RequestContext } from "./context";
import { blobDigestsOf } from "./manifests";
import { settle } from "./replication";
import { dataHostName, storageHostName } from "../store/hosts";
import type { RepositoryState } from "../store/types";

/**
 * What a replica holds beyond manifests: the catalog and tag lists (Docker registry API, as ACR
 * serves them on every login server) and blobs, whose downloads ACR redirects (307) to the data
 * endpoint of the region that served the request: its dedicated data endpoint when enabled, else
 * its storage account (`*.blob.core.windows.net`). See emulator/README.md, "Data plane".
 */

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
/** How long a redirect URL stays valid (ACR's SAS URLs live minutes; the exact time is undocumented). */
const BLOB_URL_TTL_MS = 10 * 60_000;
const BLOB_PATH = /^\/docker\/registry\/v2\/blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})\/data$/;

/** Repositories of the registry with their tags as the serving replica holds them now. */
function heldTags(ctx: RequestContext, repository: RepositoryState): string[] {
  let changed = false;
  const held: string[] = [];
  for (const [name, tag] of Object.entries(repository.tags)) {
    changed = settle(tag) || changed;
    if (tag.digests[ctx.target.region]) held.push(name);
  }
  if (changed) ctx.opts.store.save();
  return held.sort();
}

function repositoriesOf(ctx: RequestContext): RepositoryState[] {
  const r = ctx.registry;
  return ctx.opts.store.state.repositories.filter(
    (repo) =>
      repo.subscriptionId === r.subscriptionId &&
      repo.resourceGroup.toLowerCase() === r.resourceGroup.toLowerCase() &&
      repo.registryName.toLowerCase() === r.name.toLowerCase(),
  );
}

/** `n` and `last` of a list request; null when `n` is not a positive integer. */
function pageOf(ctx: RequestContext): { n: number; last: string | null } | null {
  const query = new URL(ctx.req.url ?? "/", "https://registry.invalid").searchParams;
  const raw = query.get("n");
  const n = raw === null ? DEFAULT_PAGE : Number(raw);
  if (!Number.isInteger(n) || n < 1) return null;
  return { n: Math.min(n, MAX_PAGE), last: query.get("last") };
}

/** One page of a sorted list, with the `Link` header of the next page when there is one. */
function page(
  ctx: RequestContext,
  path: string,
  all: string[],
): { items: string[]; headers: Record<string, string> } | null {
  const p = pageOf(ctx);
  if (!p) return null;
  const rest = p.last === null ? all : all.filter((item) => item > p.last!);
  const items = rest.slice(0, p.n);
  const more = rest.length > items.length;
  const next = `${path}?last=${encodeURIComponent(items.at(-1) ?? "")}&n=${p.n}`;
  return { items, headers: more ? { Link: `<${next}>; rel="next"` } : {} };
}

function badPage(ctx: RequestContext): void {
  sendErrors(ctx.res, 400, [
    { code: "PAGINATION_NUMBER_INVALID", message: "invalid number of results requested" },
  ]);
}

/** `GET /v2/_catalog`: repositories with at least one tag on the serving replica. */
export function serveCatalog(ctx: RequestContext): void {
  const names = repositoriesOf(ctx)
    .filter((repo) => heldTags(ctx, repo).length > 0)
    .map((repo) => repo.name)
    .sort();
  const result = page(ctx, "/v2/_catalog", names);
  if (!result) return badPage(ctx);
  sendJson(ctx.res, 200, { repositories: result.items }, result.headers);
}

function nameUnknown(ctx: RequestContext, name: string): void {
  sendErrors(ctx.res, 404, [
    { code: "NAME_UNKNOWN", message: "repository name not known to registry", detail: { name } },
  ]);
}

/** `GET /v2/<name>/tags/list`: the tags the serving replica holds. */
export function serveTags(ctx: RequestContext, name: string): void {
  const repository = repositoriesOf(ctx).find((repo) => repo.name === name);
  const tags = repository ? heldTags(ctx, repository) : [];
  if (tags.length === 0) return nameUnknown(ctx, name);
  const result = page(ctx, `/v2/${name}/tags/list`, tags);
  if (!result) return badPage(ctx);
  sendJson(ctx.res, 200, { name, tags: result.items }, result.headers);
}

/** The blob download URL on the serving region's data host, signed so only this plane honours it. */
function blobUrl(ctx: RequestContext, digest: string): string {
  const registry = ctx.registry;
  const region = ctx.target.region;
  const host = registry.dataEndpointEnabled
    ? dataHostName(registry, region)
    : storageHostName(registry, region);
  const hex = digest.slice("sha256:".length);
  const path = `/docker/registry/v2/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
  const se = new Date(Date.now() + BLOB_URL_TTL_MS).toISOString();
  const sig = ctx.signer.mac(`${host.toLowerCase()}|${path}|${se}`);
  return `https://${host}${path}?se=${encodeURIComponent(se)}&sig=${sig}`;
}

/** `GET`/`HEAD /v2/<name>/blobs/<digest>`: 307 to the data host of the serving region. */
export function serveBlob(ctx: RequestContext, name: string, digest: string): void {
  const repository = repositoriesOf(ctx).find((repo) => repo.name === name);
  if (!repository) return nameUnknown(ctx, name);
  const held = new Set<string>();
  let changed = false;
  for (const tag of Object.values(repository.tags)) {
    changed = settle(tag) || changed;
    const manifest = tag.digests[ctx.target.region];
    if (manifest) for (const blob of blobDigestsOf(tag.mediaType, manifest)) held.add(blob);
  }
  if (changed) ctx.opts.store.save();
  if (!/^sha256:[0-9a-f]{64}$/.test(digest) || !held.has(digest)) {
    return sendErrors(ctx.res, 404, [
      { code: "BLOB_UNKNOWN", message: "blob unknown to registry", detail: digest },
    ]);
  }
  ctx.res.writeHead(307, {
    ...baseHeaders(),
    Location: blobUrl(ctx, digest),
    "Docker-Content-Digest": digest,
    "Content-Length": "0",
  });
  ctx.res.end();
}

function storageError(ctx: RequestContext, status: number, code: string, message: string): void {
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code>` +
    `<Message>${message}</Message></Error>`;
  ctx.res.writeHead(status, {
    "Content-Type": "application/xml",
    "Content-Length": String(Buffer.byteLength(body)),
    "x-ms-request-id": randomUUID(),
    "x-ms-error-code": code,
  });
  ctx.res.end(ctx.req.method === "HEAD" ? undefined : body);
}

/**
 * A redirected download on a data host or storage account: the blob's bytes when the URL's
 * signature holds for this host and has not expired (the emulator holds no image content, so the
 * bytes are made up from the digest), Azure Storage's XML error otherwise.
 */
export function serveBlobDownload(ctx: RequestContext): boolean {
  const url = new URL(ctx.req.url ?? "/", "https://registry.invalid");
  const match = BLOB_PATH.exec(url.pathname);
  if (!match) return false;
  if (ctx.req.method !== "GET" && ctx.req.method !== "HEAD") {
    storageError(ctx, 405, "UnsupportedHttpVerb", "The resource doesn't support the HTTP verb.");
    return true;
  }
  const se = url.searchParams.get("se") ?? "";
  const sig = url.searchParams.get("sig") ?? "";
  const expected = ctx.signer.mac(`${ctx.host}|${url.pathname}|${se}`);
  if (sig !== expected || !(Date.parse(se) > Date.now())) {
    storageError(ctx, 403, "AuthenticationFailed", "Server failed to authenticate the request.");
    return true;
  }
  const body = Buffer.from(`sha256:${match[2]}\n`.repeat(16));
  ctx.res.writeHead(200, {
    "Content-Type": "application/octet-stream",
    "Content-Length": String(body.length),
    "x-ms-request-id": randomUUID(),
  });
  ctx.res.end(ctx.req.method === "HEAD" ? undefined : body);
  return true;
}

/** Anything else on a storage account host. */
export function storageNotFound(ctx: RequestContext): void {
  storageError(
    ctx,
    400,
    "InvalidUri",
    "The requested URI does not represent any resource on the server.",
  );
}
