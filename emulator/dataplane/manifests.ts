import { createHash } from "node:crypto";
import { baseHeaders, sendErrors } from "./acr-http";
import type { RequestContext } from "./context";
import { findRepository } from "../store/finders";
import { settle } from "./replication";
import type { TagState } from "../store/types";

const INDEX_TYPES = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

function sha256(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/**
 * The manifest document served for a digest. The emulator stores digests, not image content, so
 * the document is made up from the digest (stable, well-formed); its own sha256 is not the digest.
 */
function manifestBody(mediaType: string, digest: string): string {
  if (INDEX_TYPES.has(mediaType)) {
    const child = childType(mediaType);
    return JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: ARCHITECTURES.map((architecture) => ({
        mediaType: child,
        digest: sha256(`${digest}/${architecture}`),
        size: 1024,
        platform: { architecture, os: "linux" },
      })),
    });
  }
  const docker = mediaType.startsWith("application/vnd.docker");
  return JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker
        ? "application/vnd.docker.container.image.v1+json"
        : "application/vnd.oci.image.config.v1+json",
      digest: sha256(`${digest}/config`),
      size: 1470,
    },
    layers: [
      {
        mediaType: docker
          ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
          : "application/vnd.oci.image.layer.v1.tar+gzip",
        digest: sha256(`${digest}/layer`),
        size: 3_623_807,
      },
    ],
  });
}

const ARCHITECTURES = ["amd64", "arm64"];

function childType(indexType: string): string {
  return indexType.includes("oci")
    ? "application/vnd.oci.image.manifest.v1+json"
    : "application/vnd.docker.distribution.manifest.v2+json";
}

/** The blobs (config and layer) of the image manifest served for `digest`. */
function imageBlobs(digest: string): string[] {
  return [sha256(`${digest}/config`), sha256(`${digest}/layer`)];
}

/** Every blob a tag's manifest references, through its children when it is an index. */
export function blobDigestsOf(mediaType: string, digest: string): string[] {
  if (!INDEX_TYPES.has(mediaType)) return imageBlobs(digest);
  return ARCHITECTURES.flatMap((architecture) => imageBlobs(sha256(`${digest}/${architecture}`)));
}

/** No Accept header, `*\/*` or the stored type: the client takes the manifest as it is. */
function accepts(header: string | undefined, mediaType: string): boolean {
  if (!header) return true;
  const types = header.split(",").map((t) => t.split(";")[0]!.trim().toLowerCase());
  return types.includes("*/*") || types.includes(mediaType) || types.includes("application/*");
}

function findByReference(
  ctx: RequestContext,
  tags: Record<string, TagState>,
  reference: string,
): { digest: string; tag: TagState } | null {
  const region = ctx.target.region;
  let changed = false;
  let found: { digest: string; tag: TagState } | null = null;
  const byDigest = reference.includes(":");
  for (const [name, tag] of Object.entries(tags)) {
    if (!byDigest && name !== reference) continue;
    changed = settle(tag) || changed;
    const digest = tag.digests[region];
    if (digest && (!byDigest || digest === reference)) {
      found = { digest, tag };
      break;
    }
    // A platform manifest of an index, fetched by the digest the index lists.
    if (digest && byDigest && INDEX_TYPES.has(tag.mediaType)) {
      const child = ARCHITECTURES.map((a) => sha256(`${digest}/${a}`)).find((d) => d === reference);
      if (child) {
        found = { digest: child, tag: { digests: {}, mediaType: childType(tag.mediaType) } };
        break;
      }
    }
  }
  if (changed) ctx.opts.store.save();
  return found;
}

/** `HEAD`/`GET /v2/<repo>/manifests/<reference>` as the serving replica holds it now. */
export function serveManifest(ctx: RequestContext, repoName: string, reference: string): void {
  const repository = findRepository(ctx.opts.store.state, ctx.registry, repoName);
  if (!repository) {
    return sendErrors(ctx.res, 404, [
      {
        code: "NAME_UNKNOWN",
        message: "repository name not known to registry",
        detail: { name: repoName },
      },
    ]);
  }
  const found = findByReference(ctx, repository.tags, reference);
  const isDigest = reference.includes(":");
  if (!found || !accepts(ctx.req.headers.accept, found.tag.mediaType)) {
    return sendErrors(ctx.res, 404, [
      {
        code: "MANIFEST_UNKNOWN",
        message: isDigest
          ? `manifest ${reference} is not found`
          : `manifest tagged by "${reference}" is not found`,
      },
    ]);
  }
  const body = manifestBody(found.tag.mediaType, found.digest);
  ctx.res.writeHead(200, {
    ...baseHeaders(),
    "Content-Type": found.tag.mediaType,
    "Content-Length": String(Buffer.byteLength(body)),
    "Docker-Content-Digest": found.digest,
    ETag: `"${found.digest}"`,
  });
  ctx.res.end(ctx.req.method === "HEAD" ? undefined : body);
}
