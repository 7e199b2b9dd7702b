import { randomUUID } from "node:crypto";
import type { AccessTokenClaims } from "../contracts";
import { findRegistry, findReplication } from "../store/finders";
import type { EmulatorState } from "../store/types";
import { registryId, replicationId } from "./serialize";

/**
 * Azure's Activity Log for the emulated ARM: every write (PUT, PATCH, DELETE) to a resource is
 * recorded as Azure records it, as `EventData` of Microsoft.Insights 2015-04-01: a `BeginRequest`
 * event (status Started) when ARM takes the request, then an `EndRequest` event with its outcome
 * (Succeeded with the sync answer, Accepted for a long-running operation, Failed with the error),
 * and for a long-running operation one more `EndRequest` when it ends (Succeeded or Failed). All
 * events of one request share its correlation id and operation id. Kept in memory (a restart
 * empties it, as `POST /_emulator/reset` does), at most MAX_EVENTS, 90 days.
 */

/** The Activity Log's `LocalizableString`. */
export interface LocalizableString {
  value: string;
  localizedValue: string;
}

/** `EventData`, the fields the emulator fills. */
export interface EventData {
  authorization: { action: string; scope: string };
  caller: string;
  claims: Record<string, string>;
  correlationId: string;
  description: string;
  eventDataId: string;
  eventName: LocalizableString;
  category: LocalizableString;
  httpRequest: { clientRequestId: string; clientIpAddress: string; method: string };
  id: string;
  level: "Critical" | "Error" | "Warning" | "Informational" | "Verbose";
  resourceGroupName: string;
  resourceProviderName: LocalizableString;
  resourceId: string;
  resourceType: LocalizableString;
  operationId: string;
  operationName: LocalizableString;
  properties: Record<string, string>;
  status: LocalizableString;
  subStatus: LocalizableString;
  eventTimestamp: string;
  submissionTimestamp: string;
  subscriptionId: string;
  tenantId: string;
}

export const MAX_EVENTS = 50_000;
const RETENTION_MS = 90 * 86_400_000;

const HTTP_STATUS_NAMES: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "NoContent",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  412: "PreconditionFailed",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

const text = (value: string, localized = value): LocalizableString => ({
  value,
  localizedValue: localized,
});

function statusName(status: number): string {
  return HTTP_STATUS_NAMES[status] ?? String(status);
}

function subStatus(status: number): LocalizableString {
  const name = statusName(status);
  return text(name, `${name.replace(/([a-z])([A-Z])/g, "$1 $2")} (HTTP Status Code: ${status})`);
}

/** .NET ticks (100 ns since 0001-01-01), as the event id carries them. */
function ticks(ms: number): string {
  return (BigInt(ms) * 10_000n + 621_355_968_000_000_000n).toString();
}

/** The resource a write is about, with ARM's spelling of ids and types. */
export interface WriteTarget {
  subscriptionId: string;
  resourceGroupName: string;
  resourceId: string;
  provider: string;
  /** e.g. `Microsoft.ContainerRegistry/registries/replications`. */
  resourceType: string;
}

const KNOWN_TYPES: Record<string, string> = {
  "microsoft.containerregistry/registries": "Microsoft.ContainerRegistry/registries",
  "microsoft.containerregistry/registries/replications":
    "Microsoft.ContainerRegistry/registries/replications",
};

/**
 * The resource a write path names (`/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}[/{type}/{name}]...`),
 * or null for a path that names no resource. Registries and replications the store holds get
 * their canonical id; others keep the path's spelling.
 */
export function writeTarget(state: EmulatorState, segments: string[]): WriteTarget | null {
  const lower = segments.map((s) => s.toLowerCase());
  if (lower[0] !== "subscriptions" || lower[2] !== "resourcegroups" || lower[4] !== "providers")
    return null;
  const rest = segments.slice(6);
  if (segments.length < 8 || rest.length % 2 !== 0) return null;
  const [, sub, , rg, , ns] = segments as [string, string, string, string, string, string];
  const types = rest.filter((_, i) => i % 2 === 0);
  const rawType = `${ns}/${types.join("/")}`;
  const resourceType = KNOWN_TYPES[rawType.toLowerCase()] ?? rawType;
  const provider = resourceType.split("/")[0]!;
  let resourceId = `/${segments.join("/")}`;
  const registry = findRegistry(state, sub, rg, rest[1]!);
  if (registry && resourceType === KNOWN_TYPES["microsoft.containerregistry/registries"]) {
    resourceId = registryId(registry);
  } else if (
    registry &&
    resourceType === KNOWN_TYPES["microsoft.containerregistry/registries/replications"]
  ) {
    const replication = findReplication(state, registry, rest[3]!);
    resourceId = replication
      ? replicationId(replication)
      : `${registryId(registry)}/replications/${rest[3]}`;
  }
  return {
    subscriptionId: registry?.subscriptionId ?? sub,
    resourceGroupName: registry?.resourceGroup ?? rg,
    resourceId,
    provider,
    resourceType,
  };
}

/** The token's claims as the Activity Log shows them (Azure's claim names; never the token). */
function eventClaims(claims: AccessTokenClaims): Record<string, string> {
  const out: Record<string, string> = {
    aud: claims.aud,
    iss: claims.iss,
    iat: String(claims.iat),
    exp: String(claims.exp),
    "http://schemas.microsoft.com/identity/claims/tenantid": claims.tid,
    "http://schemas.microsoft.com/identity/claims/objectidentifier": claims.oid,
  };
  if (claims.ver) out.ver = claims.ver;
  if (claims.upn) out["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"] = claims.upn;
  if (claims.name) out.name = claims.name;
  if (claims.appid) out.appid = claims.appid;
  if (claims.scp) out["http://schemas.microsoft.com/identity/claims/scope"] = claims.scp;
  return out;
}

/** Who the Activity Log names as the caller: the UPN for a user, the app id for an app. */
export function callerOf(claims: AccessTokenClaims): string {
  return claims.upn ?? claims.unique_name ?? claims.appid ?? claims.oid;
}

export interface WriteRequest {
  method: string;
  segments: string[];
  claims: AccessTokenClaims;
  correlationId: string;
  clientRequestId: string;
  clientIpAddress: string;
}

/** One write as the Activity Log follows it: begun, answered, and (long-running) ended. */
export interface WriteAudit {
  /** ARM answered the request: a status (200, 201, 202) or an error. */
  answered(status: number, error?: { code: string; message: string }): void;
  /** A long-running operation of this request ended. */
  ended(
    outcome: "Succeeded" | "Failed" | "Canceled",
    error?: { code: string; message: string },
  ): void;
}

export class ActivityLog {
  private events: EventData[] = [];

  constructor(
    /** Azure's ingestion delay: an event can be listed this long after it happened. */
    private readonly delayMs: number = 0,
    private readonly now: () => number = Date.now,
  ) {}

  clear(): void {
    this.events = [];
  }

  /** Events that can be listed now, newest first. */
  listed(): EventData[] {
    const now = this.now();
    this.events = this.events.filter((e) => now - Date.parse(e.eventTimestamp) < RETENTION_MS);
    return this.events
      .filter((e) => Date.parse(e.submissionTimestamp) <= now)
      .slice()
      .reverse();
  }

  /**
   * Starts following a write: records its BeginRequest event at once. Null for a path that
   * names no resource (nothing to record).
   */
  begin(state: EmulatorState, req: WriteRequest): WriteAudit | null {
    const target = writeTarget(state, req.segments);
    if (!target) return null;
    const verb = req.method === "DELETE" ? "delete" : "write";
    const operationName = `${target.resourceType}/${verb}`;
    const operationId = randomUUID();
    const add = (
      eventName: "BeginRequest" | "EndRequest",
      status: string,
      level: EventData["level"],
      sub: LocalizableString,
      properties: Record<string, string>,
    ) => {
      const at = this.now();
      const eventDataId = randomUUID();
      this.events.push({
        authorization: { action: operationName, scope: target.resourceId },
        caller: callerOf(req.claims),
        claims: eventClaims(req.claims),
        correlationId: req.correlationId,
        description: "",
        eventDataId,
        eventName: text(eventName, eventName === "BeginRequest" ? "Begin request" : "End request"),
        category: text("Administrative"),
        httpRequest: {
          clientRequestId: req.clientRequestId,
          clientIpAddress: req.clientIpAddress,
          method: req.method,
        },
        id: `${target.resourceId}/events/${eventDataId}/ticks/${ticks(at)}`,
        level,
        resourceGroupName: target.resourceGroupName,
        resourceProviderName: text(target.provider),
        resourceId: target.resourceId,
        resourceType: text(target.resourceType),
        operationId,
        operationName: text(operationName),
        properties: { entity: target.resourceId, message: operationName, ...properties },
        status: text(status),
        subStatus: sub,
        eventTimestamp: new Date(at).toISOString(),
        submissionTimestamp: new Date(at + this.delayMs).toISOString(),
        subscriptionId: target.subscriptionId,
        tenantId: req.claims.tid,
      });
      if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    };
    add("BeginRequest", "Started", "Informational", text(""), {});
    const failure = (status: number, error?: { code: string; message: string }) => ({
      statusCode: statusName(status),
      ...(error ? { statusMessage: JSON.stringify({ error }) } : {}),
    });
    return {
      answered(status, error) {
        if (status >= 400) {
          add("EndRequest", "Failed", "Error", subStatus(status), failure(status, error));
        } else if (status === 201 || status === 202) {
          add("EndRequest", "Accepted", "Informational", subStatus(status), {
            statusCode: statusName(status),
          });
        } else {
          add("EndRequest", "Succeeded", "Informational", subStatus(status), {
            statusCode: statusName(status),
          });
        }
      },
      ended(outcome, error) {
        if (outcome === "Succeeded") {
          add("EndRequest", "Succeeded", "Informational", subStatus(200), { statusCode: "OK" });
        } else {
          add("EndRequest", "Failed", "Error", text(outcome === "Canceled" ? "Canceled" : ""), {
            statusCode: outcome === "Canceled" ? "Canceled" : "Failed",
            ...(error ? { statusMessage: JSON.stringify({ error }) } : {}),
          });
        }
      },
    };
  }
}
