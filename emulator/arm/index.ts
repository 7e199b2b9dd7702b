import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorConfig } from "../config";
import {
  InvalidTokenError,
  type AccessTokenClaims,
  type Identity,
  type RequestLog,
  type Store,
} from "../contracts";
import { BodyError, readJson, sendJson } from "../http/respond";
import { findPrincipal } from "../store/finders";
import { ActivityLog } from "./activity-log";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { ArmError, armErrors, defaultCodeFor } from "./errors";
import { FaultList } from "./faults";
import { cloudMetadata } from "./metadata";
import { OperationStore } from "./operations";
import { route } from "./router";
import { ReadThrottle } from "./throttle";

export interface ArmOptions {
  store: Store;
  config: EmulatorConfig;
  baseUrl: string;
  identity: Pick<Identity, "verifyAccessToken" | "authority" | "tenantId">;
  log: RequestLog;
}

export interface Arm {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  faults: FaultList;
  /** The Activity Log of every write. */
  activity: ActivityLog;
  /** Forgets faults, throttle buckets, running operations and the Activity Log (the control API's reset). */
  reset(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bearerOf(req: IncomingMessage): string | null | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

function tokenError(err: unknown): ArmError {
  const reason = err instanceof InvalidTokenError ? err.message : "";
  if (/expired/i.test(reason)) return armErrors.expiredToken();
  if (/audience/i.test(reason)) return armErrors.invalidAudience();
  return armErrors.invalidToken();
}

/**
 * Operations live in memory only: one cut short by a restart is taken to have finished while the
 * emulator was down, so no resource stays `Updating` for ever.
 */
function settleInterruptedOperations(store: Store): void {
  let changed = false;
  for (const resource of [...store.state.registries, ...store.state.replications]) {
    if (resource.provisioningState === "Updating") {
      resource.provisioningState = "Succeeded";
      changed = true;
    }
  }
  if (changed) store.save();
}

/** The emulated Azure Resource Manager: the front door (faults, auth, throttling) and the routes. */
export function createArm(opts: ArmOptions): Arm {
  settleInterruptedOperations(opts.store);
  const faults = new FaultList();
  const operations = new OperationStore();
  const activity = new ActivityLog(opts.config.activityDelayMs);
  const throttle = new ReadThrottle(opts.config.readsCapacity, opts.config.readsRefillPerSecond);
  const ctx: ArmContext = {
    store: opts.store,
    config: opts.config,
    baseUrl: opts.baseUrl,
    faults,
    operations,
    activity,
  };

  function challenge(error: ArmError): Record<string, string> {
    return {
      "www-authenticate": `Bearer authorization_uri="${opts.identity.authority}", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"`,
    };
  }

  async function authenticate(
    req: IncomingMessage,
  ): Promise<{ callerId: string; tenantId: string; claims: AccessTokenClaims }> {
    const token = bearerOf(req);
    if (token === undefined) throw armErrors.authenticationMissing();
    if (token === null) throw armErrors.authenticationMalformed();
    try {
      const claims = await opts.identity.verifyAccessToken(token);
      if (claims.tid.toLowerCase() !== opts.identity.tenantId.toLowerCase()) {
        throw armErrors.invalidTenant(opts.identity.tenantId);
      }
      return { callerId: claims.oid, tenantId: claims.tid, claims };
    } catch (err) {
      if (err instanceof ArmError) throw err;
      throw tokenError(err);
    }
  }

  async function serve(
    req: IncomingMessage,
    rawPath: string,
    setCaller: (id: string) => void,
    correlationId: string,
  ): Promise<ArmResult> {
    const method = (req.method ?? "GET").toUpperCase();
    const fault = faults.takeRequestFault(method, rawPath);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.status !== undefined) {
      const status = fault.status;
      throw armErrors.injected(
        status,
        fault.code ?? defaultCodeFor(status),
        fault.message ?? `Injected fault: ${status}.`,
        fault.retryAfter,
      );
    }

    let caller: { callerId: string; claims: AccessTokenClaims };
    try {
      caller = await authenticate(req);
    } catch (err) {
      if (err instanceof ArmError && err.status === 401) {
        throw new ArmError(401, err.code, err.message, challenge(err));
      }
      throw err;
    }
    setCaller(caller.callerId);

    const headers: Record<string, string> = {};
    const url = new URL(rawPath, opts.baseUrl);
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const isRead = method === "GET" || method === "HEAD";
    if (isRead) {
      const subscriptionScoped =
        segments[0]?.toLowerCase() === "subscriptions" && segments.length > 1;
      const taken = throttle.take(caller.callerId);
      if (!taken.ok) {
        throw armErrors.throttled(
          subscriptionScoped ? "subscription" : "tenant",
          subscriptionScoped ? segments[1]! : opts.identity.tenantId,
          caller.callerId,
          taken.retryAfter,
        );
      }
      const header = subscriptionScoped
        ? "x-ms-ratelimit-remaining-subscription-global-reads"
        : "x-ms-ratelimit-remaining-tenant-reads";
      headers[header] = String(taken.remaining);
    }

    operations.expire();
    const body =
      method === "PATCH" || method === "PUT" || method === "POST" ? await readJson(req) : undefined;
    const clientRequestId = req.headers["x-ms-client-request-id"];
    const audit =
      method === "PUT" || method === "PATCH" || method === "DELETE"
        ? activity.begin(opts.store.state, {
            method,
            segments,
            claims: caller.claims,
            correlationId,
            clientRequestId: typeof clientRequestId === "string" ? clientRequestId : randomUUID(),
            clientIpAddress: req.socket.remoteAddress ?? "",
          })
        : null;
    const armReq: ArmRequest = {
      method,
      url,
      rawPath,
      segments,
      body,
      callerId: caller.callerId,
      principal: findPrincipal(opts.store.state, caller.callerId, { ignoreCase: true }),
      ...(audit ? { audit } : {}),
    };
    try {
      const result = route(ctx, armReq);
      audit?.answered(result.status);
      return { ...result, headers: { ...headers, ...result.headers } };
    } catch (err) {
      if (err instanceof ArmError) {
        audit?.answered(err.status, { code: err.code, message: err.message });
        throw new ArmError(err.status, err.code, err.message, { ...headers, ...err.headers });
      }
      audit?.answered(500, { code: "InternalServerError", message: "The request failed." });
      throw err;
    }
  }

  return {
    faults,
    activity,
    reset() {
      faults.clear();
      operations.clear();
      activity.clear();
      throttle.clear();
    },
    async handle(req, res) {
      const rawPath = req.url ?? "/";
      const method = (req.method ?? "GET").toUpperCase();
      const requestId = randomUUID();
      const correlation = req.headers["x-ms-correlation-request-id"];
      res.setHeader("x-ms-request-id", requestId);
      const correlationId = typeof correlation === "string" ? correlation : requestId;
      res.setHeader("x-ms-correlation-request-id", correlationId);
      const clientRequestId = req.headers["x-ms-client-request-id"];
      if (typeof clientRequestId === "string")
        res.setHeader("x-ms-client-request-id", clientRequestId);
      let caller: string | undefined;
      res.once("finish", () => {
        opts.log.add({
          plane: "arm",
          method,
          path: rawPath,
          status: res.statusCode,
          at: new Date().toISOString(),
          ...(caller ? { caller } : {}),
        });
      });
      try {
        const url = new URL(rawPath, opts.baseUrl);
        // Cloud metadata is public: clients read it before they have a token.
        const result =
          url.pathname.replace(/\/+$/, "").toLowerCase() === "/metadata/endpoints" &&
          method === "GET"
            ? cloudMetadata(opts.baseUrl, url.searchParams)
            : await serve(req, rawPath, (id) => (caller = id), correlationId);
        sendJson(res, result.status, result.body, result.headers);
      } catch (err) {
        if (err instanceof ArmError) {
          sendJson(res, err.status, err.body, err.headers);
        } else if (err instanceof BodyError) {
          const e = armErrors.invalidRequestContent(err.message);
          sendJson(res, e.status, e.body);
        } else {
          console.error("arm: request failed:", err instanceof Error ? err.stack : err);
          sendJson(res, 500, {
            error: {
              code: "InternalServerError",
              message: "The emulated ARM failed to process the request.",
            },
          });
        }
      }
    },
  };
}
