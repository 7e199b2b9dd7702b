import { expect } from "vitest";
import type { EmulatorEndpoints } from "../support/emulator-process";
import { caFetch, control } from "../support/emulator-client";
import { armRequests, type LoggedRequest, type RouteAnswer } from "./console-api-support";

/** Shared by the switches integration tests: PATCH route calls and direct ARM reads to compare. */

type RouteHandler = (
  request: Request,
  context?: { params?: Promise<unknown> },
) => Promise<Response>;

/** Calls a route module's PATCH in-process, the way Next.js invokes it. */
export async function callPatch(
  PATCH: RouteHandler,
  options: {
    token?: string;
    params: Record<string, string>;
    body?: unknown;
    /** A raw body, sent as is (for malformed-body cases). */
    rawBody?: string;
    contentType?: string | null;
    query?: Record<string, string>;
  },
): Promise<RouteAnswer> {
  const url = new URL("http://console.test/api");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers();
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  if (options.contentType !== null)
    headers.set("content-type", options.contentType ?? "application/json");
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await PATCH(new Request(url, { method: "PATCH", headers, body }), {
    params: Promise.resolve(options.params),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    text,
    headers: res.headers,
  };
}

/** A registry or replication as ARM itself returns it (preview api-version), read directly. */
export async function armResource<T>(endpoints: EmulatorEndpoints, token: string, id: string) {
  const res = await caFetch(endpoints)(
    `${endpoints.armEndpoint}${id}?api-version=2026-01-01-preview`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const text = await res.text();
  if (!res.ok) throw new Error(`ARM ${res.status} for ${id}: ${text}`);
  return JSON.parse(text) as T;
}

export interface ArmRegistryJson {
  id: string;
  properties: {
    provisioningState: string;
    regionalEndpoints?: string;
    regionalEndpointHostNames?: string[];
  };
}

export interface ArmReplicationJson {
  id: string;
  location: string;
  properties: { provisioningState: string; regionEndpointEnabled?: boolean };
}

/** Queues an emulator fault (see emulator/README.md, Faults). */
export function fault(endpoints: EmulatorEndpoints, spec: Record<string, unknown>) {
  return control(endpoints, "faults", spec);
}

/** Runs `task` and returns the ARM requests it caused, as `METHOD path-without-query`. */
export async function armCallsOf<T>(
  endpoints: EmulatorEndpoints,
  task: () => Promise<T>,
): Promise<{ result: T; calls: string[]; log: LoggedRequest[] }> {
  await control(endpoints, "requests", undefined, "DELETE");
  const result = await task();
  const log = await armRequests(endpoints);
  return { result, log, calls: log.map((r) => `${r.method} ${r.path.split("?")[0]}`) };
}

/** `details.current` of a failed change must be ARM's state, field by field. */
export function expectRegistryMatchesArm(
  shown: {
    regionalEndpoints: string;
    regionalEndpointHostNames: string[];
    provisioningState: string;
  },
  arm: ArmRegistryJson,
) {
  expect(shown.regionalEndpoints).toBe(arm.properties.regionalEndpoints ?? "Disabled");
  expect(shown.regionalEndpointHostNames).toEqual(arm.properties.regionalEndpointHostNames ?? []);
  expect(shown.provisioningState).toBe(arm.properties.provisioningState);
}

export function expectReplicaMatchesArm(
  shown: { globalEndpointRouting: boolean; provisioningState: string; region: string },
  arm: ArmReplicationJson,
) {
  expect(shown.region).toBe(arm.location);
  expect(shown.globalEndpointRouting).toBe(arm.properties.regionEndpointEnabled !== false);
  expect(shown.provisioningState).toBe(arm.properties.provisioningState);
}
