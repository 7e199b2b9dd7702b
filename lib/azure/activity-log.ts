import "server-only";
import type { EventData } from "@azure/arm-monitor";
import { registryArmPath } from "../arm-id";
import type { RegistryChange, RegistryChanges, RegistryRef } from "../types";
import type { ArmClients } from "./client";
import { toApiError } from "./errors";

/**
 * Recent changes to a registry and its replicas from Azure's Activity Log
 * (`Microsoft.Insights/eventtypes/management/values`, api-version 2015-04-01, through
 * `@azure/arm-monitor`'s `MonitorClient.activityLogs.list`), with the caller's own token: Azure
 * shows each caller the events of what it may read.
 *
 * The list's `$filter` takes a time range and one of resourceGroupName, resourceUri,
 * resourceProvider or correlationId. Whether `resourceUri` also matches a resource's child
 * resources (a registry's replications) is not documented, so the range and the registry's
 * resource group are asked for, and the registry's own and its replications' ContainerRegistry
 * write and delete events kept. `$select` leaves the token claims out.
 */

/** The fields read (`$select`): who, when, what, the result, the ids. */
export const CHANGE_FIELDS = [
  "caller",
  "correlationId",
  "eventName",
  "eventTimestamp",
  "httpRequest",
  "operationId",
  "operationName",
  "properties",
  "resourceId",
  "status",
  "subStatus",
].join(",");

/** At most this many pages are read (the Activity Log pages by its own size). */
export const MAX_PAGES = 20;
/** At most this many changes are answered, newest first. */
export const MAX_CHANGES = 100;
/** The longest error message kept from an event. */
const MAX_MESSAGE = 300;

/** An OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The Activity Log `$filter` for a registry's resource group over [from, to]. */
export function changesFilter(ref: RegistryRef, from: Date, to: Date): string {
  return (
    `eventTimestamp ge ${literal(from.toISOString())} and ` +
    `eventTimestamp le ${literal(to.toISOString())} and ` +
    `resourceGroupName eq ${literal(ref.resourceGroup)}`
  );
}

/** The registry's resource id as the Activity Log writes it (unencoded). */
function registryResourceId(ref: RegistryRef): string {
  return decodeURIComponent(registryArmPath(ref));
}

const WRITE_OPERATION =
  /^microsoft\.containerregistry\/registries(\/replications)?\/(write|delete)$/i;

/** Whether an event is a ContainerRegistry write or delete of this registry or its replicas. */
export function isRegistryChange(ref: RegistryRef, event: EventData): boolean {
  const id = (event.resourceId ?? "").toLowerCase().replace(/\/+$/, "");
  const registry = registryResourceId(ref).toLowerCase();
  const ofRegistry = id === registry || id.startsWith(`${registry}/replications/`);
  return ofRegistry && WRITE_OPERATION.test(event.operationName?.value ?? "");
}

function errorOf(event: EventData): RegistryChange["error"] | undefined {
  const raw = event.properties?.statusMessage;
  if (!raw) return undefined;
  const bound = (s: string) =>
    s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1).trimEnd()}…` : s;
  try {
    const parsed = JSON.parse(raw) as { error?: { code?: unknown; message?: unknown } };
    const e = parsed.error ?? (parsed as { code?: unknown; message?: unknown });
    return {
      ...(typeof e.code === "string" ? { code: e.code } : {}),
      ...(typeof e.message === "string" ? { message: bound(e.message) } : {}),
    };
  } catch {
    return { message: bound(raw) };
  }
}

function targetOf(ref: RegistryRef, resourceId: string): RegistryChange["target"] {
  const rest = resourceId.slice(registryResourceId(ref).length);
  const m = /^\/replications\/([^/]+)/i.exec(rest);
  return m ? { kind: "replica", name: m[1]! } : { kind: "registry" };
}

/**
 * The registry's change events folded into one change per ARM operation (its begin, answer and
 * end share the operation id), newest first. The result is the latest event's status.
 */
export function foldChanges(ref: RegistryRef, events: readonly EventData[]): RegistryChange[] {
  const byOperation = new Map<string, EventData[]>();
  for (const event of events) {
    if (!isRegistryChange(ref, event) || !event.eventTimestamp) continue;
    const key = event.operationId || `${event.correlationId}|${event.resourceId}`;
    const list = byOperation.get(key) ?? [];
    list.push(event);
    byOperation.set(key, list);
  }
  const changes: RegistryChange[] = [];
  for (const [key, list] of byOperation) {
    list.sort((a, b) => a.eventTimestamp!.getTime() - b.eventTimestamp!.getTime());
    const first = list[0]!;
    // Two events in the same instant: an EndRequest is later than a BeginRequest.
    const last = list.reduce((latest, e) =>
      e.eventTimestamp!.getTime() > latest.eventTimestamp!.getTime() ||
      (e.eventTimestamp!.getTime() === latest.eventTimestamp!.getTime() &&
        e.eventName?.value === "EndRequest")
        ? e
        : latest,
    );
    const resourceId = first.resourceId ?? "";
    const failed = [...list].reverse().find((e) => e.properties?.statusMessage);
    const error = last.status?.value === "Failed" && failed ? errorOf(failed) : undefined;
    const caller = list.find((e) => e.caller)?.caller;
    const method = list.find((e) => e.httpRequest?.method)?.httpRequest?.method;
    changes.push({
      operationId: first.operationId || key,
      correlationId: first.correlationId ?? "",
      at: first.eventTimestamp!.toISOString(),
      lastAt: last.eventTimestamp!.toISOString(),
      caller: caller ?? "unknown",
      operationName: first.operationName?.value ?? "",
      target: targetOf(ref, resourceId),
      resourceId,
      ...(method ? { method } : {}),
      result: last.status?.value || "Started",
      ...(last.subStatus?.value ? { subStatus: last.subStatus.value } : {}),
      ...(error ? { error } : {}),
    });
  }
  return changes.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Reads the registry's changes of the last `days` days: one Activity Log read per page, at most
 * MAX_PAGES pages (then `truncated`), at most MAX_CHANGES changes.
 */
export async function readRegistryChanges(
  clients: ArmClients,
  ref: RegistryRef,
  days: number,
  now: Date = new Date(),
): Promise<RegistryChanges> {
  const from = new Date(now.getTime() - days * 86_400_000);
  const events: EventData[] = [];
  let truncated = false;
  try {
    const pages = clients
      .monitor(ref.subscriptionId)
      .activityLogs.list(changesFilter(ref, from, now), { select: CHANGE_FIELDS })
      .byPage();
    let read = 0;
    for await (const page of pages) {
      events.push(...page);
      read += 1;
      if (read >= MAX_PAGES) {
        // The page's continuation token is the next page's link: older events remain unread.
        truncated = Boolean(page.continuationToken);
        break;
      }
    }
  } catch (error) {
    throw toApiError(error);
  }
  const changes = foldChanges(ref, events);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    changes: changes.slice(0, MAX_CHANGES),
    truncated: truncated || changes.length > MAX_CHANGES,
  };
}
