import {
  AUTH_REQUIRED,
  challenge,
  sendErrors,
  sendForcedStatus,
  sendJson,
  type AcrError,
} from "./acr-http";
import { bearerClaims, type RequestContext } from "./context";
import { serveBlob, serveBlobDownload, serveCatalog, serveTags, storageNotFound } from "./content";
import { serveManifest } from "./manifests";
import { basicToken, exchange, token } from "./oauth";
import { regionState } from "./routing";

const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;
const TAGS_PATH = /^\/v2\/(.+)\/tags\/list$/;
const BLOB_PATH = /^\/v2\/(.+)\/blobs\/([^/]+)$/;

function authRequired(ctx: RequestContext, scope?: string, error?: string): void {
  const detail: AcrError["detail"] = scope
    ? scope
        .split(" ")
        .map((s) => s.split(":"))
        .map(([type, name, action]) => ({ Type: type, Name: name, Action: action }))
    : null;
  sendErrors(ctx.res, 401, [{ code: "UNAUTHORIZED", message: AUTH_REQUIRED, detail }], {
    "WWW-Authenticate": challenge(ctx.host, scope, error),
  });
}

function unsupported(ctx: RequestContext): void {
  sendErrors(ctx.res, 405, [{ code: "UNSUPPORTED", message: "The operation is unsupported." }]);
}

/** One data-plane request, on the replica the connection landed on. */
export async function handleRequest(ctx: RequestContext): Promise<void> {
  const { req, res } = ctx;
  const forced = regionState(ctx.opts.store.state, ctx.target.region).status;
  if (forced) return sendForcedStatus(res, forced, ctx.clientIp);

  const path = (req.url ?? "/").split("?")[0]!;
  const method = req.method ?? "GET";

  // Data hosts and storage accounts serve the downloads blob requests are redirected to.
  if (ctx.target.kind === "data" && serveBlobDownload(ctx)) return;
  if (ctx.target.storage) return storageNotFound(ctx);

  if (path === "/oauth2/exchange") {
    return method === "POST" ? exchange(ctx) : unsupported(ctx);
  }
  if (path === "/oauth2/token") {
    if (method === "POST") return token(ctx);
    if (method === "GET") return basicToken(ctx);
    return unsupported(ctx);
  }
  if (path === "/v2" || path === "/v2/") {
    if (method !== "GET" && method !== "HEAD") return unsupported(ctx);
    const auth = bearerClaims(ctx);
    if ("error" in auth) {
      return authRequired(ctx, undefined, auth.error === "missing" ? undefined : auth.error);
    }
    return sendJson(res, 200, {});
  }
  if (path === "/v2/_catalog") {
    if (method !== "GET") return unsupported(ctx);
    const scope = "registry:catalog:*";
    const auth = bearerClaims(ctx);
    if ("error" in auth) {
      return authRequired(ctx, scope, auth.error === "missing" ? undefined : auth.error);
    }
    const granted = auth.claims.access?.some(
      (a) => a.type === "registry" && a.name === "catalog" && a.actions.includes("*"),
    );
    if (!granted) return authRequired(ctx, scope, "insufficient_scope");
    return serveCatalog(ctx);
  }
  const manifest = MANIFEST_PATH.exec(path);
  const tags = TAGS_PATH.exec(path);
  const blob = BLOB_PATH.exec(path);
  const pulled = manifest ?? tags ?? blob;
  if (pulled) {
    const repo = pulled[1]!;
    const scope = `repository:${repo}:pull`;
    if (method !== "GET" && (method !== "HEAD" || tags)) return unsupported(ctx);
    const auth = bearerClaims(ctx);
    if ("error" in auth) {
      return authRequired(ctx, scope, auth.error === "missing" ? undefined : auth.error);
    }
    const granted = auth.claims.access?.some(
      (a) => a.type === "repository" && a.name === repo && a.actions.includes("pull"),
    );
    if (!granted) return authRequired(ctx, scope, "insufficient_scope");
    if (tags) return serveTags(ctx, repo);
    if (blob) return serveBlob(ctx, repo, decodeURIComponent(blob[2]!));
    return serveManifest(ctx, repo, decodeURIComponent(manifest![2]!));
  }
  if (path.startsWith("/v2/")) {
    const auth = bearerClaims(ctx);
    if ("error" in auth) {
      return authRequired(ctx, undefined, auth.error === "missing" ? undefined : auth.error);
    }
    return sendErrors(res, 404, [{ code: "NOT_FOUND", message: "The resource is not found." }]);
  }
  sendErrors(res, 404, [{ code: "NOT_FOUND", message: "The resource is not found." }]);
}
