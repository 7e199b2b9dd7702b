import { join } from "node:path";
import { inject, vi } from "vitest";
import { caFetch, control } from "../support/emulator-client";
import type { EmulatorEndpoints } from "../support/emulator-process";
import { userToken } from "../support/user-token";

/**
 * Shared by the console-api integration tests: points the console's configuration at the run's
 * emulator, signs the seeded users in through the real login flow, and calls route handlers
 * in-process as Next.js would.
 */

export type Persona = "operator" | "teamlead" | "support" | "auditor";

/** Emulator mode from the run's discovery file; set before the first route call reads config. */
export function pointConsoleAtEmulator(): EmulatorEndpoints {
  vi.stubEnv("CONSOLE_MODE", "emulator");
  vi.stubEnv("AZURE_TENANT_ID", "");
  vi.stubEnv("AZURE_CLIENT_ID", "");
  vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(inject("emulatorDir"), "endpoints.json"));
  return inject("emulator");
}

const tokens = new Map<string, Promise<string>>();

/** An ARM access token of a seeded user (signed in once per test file). */
export function tokenFor(endpoints: EmulatorEndpoints, persona: Persona): Promise<string> {
  const user = endpoints.users.find((u) => u.persona === persona);
  if (!user) throw new Error(`no seeded user with persona ${persona}`);
  let token = tokens.get(user.username);
  if (!token) {
    token = userToken(endpoints, user.username);
    tokens.set(user.username, token);
  }
  return token;
}

/** A route's answer; `body` is the parsed JSON, typed loosely as tests read any shape from it. */
export interface RouteAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

type RouteGet = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;

/** Calls a route module's GET in-process, the way Next.js invokes it. */
export async function callRoute(
  GET: RouteGet,
  options: {
    token?: string;
    authorization?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
  } = {},
): Promise<RouteAnswer> {
  const url = new URL("http://console.test/api");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers();
  const authorization =
    options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.set("authorization", authorization);
  const res = await GET(new Request(url, { headers }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : undefined,
    text,
    headers: res.headers,
  };
}

export interface LoggedRequest {
  plane: string;
  method: string;
  path: string;
  status: number;
  at: string;
  caller?: string;
}

/** The emulator's request log, ARM plane only. */
export async function armRequests(endpoints: EmulatorEndpoints): Promise<LoggedRequest[]> {
  const log = await control<LoggedRequest[] | { requests: LoggedRequest[] }>(endpoints, "requests");
  const entries = Array.isArray(log) ? log : log.requests;
  return entries.filter((e) => e.plane === "arm");
}

/** Reads ARM directly (no console code) as a reference for what the routes must return. */
export async function armDirect<T>(
  endpoints: EmulatorEndpoints,
  token: string,
  path: string,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = `${endpoints.armEndpoint}${path}`;
  while (next) {
    const res = await caFetch(endpoints)(next, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`ARM ${res.status} for ${next}`);
    const page = (await res.json()) as { value: T[]; nextLink?: string };
    items.push(...page.value);
    next = page.nextLink ?? undefined;
  }
  return items;
}

/** Flips one character in the signature part of a JWT. */
export function tamperSignature(token: string): string {
  const [header, payload, signature = ""] = token.split(".");
  const i = Math.floor(signature.length / 2);
  const flipped = signature[i] === "A" ? "B" : "A";
  return `${header}.${payload}.${signature.slice(0, i)}${flipped}${signature.slice(i + 1)}`;
}

interface ArmResource {
  id: string;
  name: string;
}

/** Route parameters of a registry found by name through ARM directly. */
export async function registryParams(
  endpoints: EmulatorEndpoints,
  token: string,
  name: string,
): Promise<{ subscriptionId: string; resourceGroup: string; registryName: string }> {
  const subs = await armDirect<{ subscriptionId: string }>(
    endpoints,
    token,
    "/subscriptions?api-version=2022-12-01",
  );
  for (const { subscriptionId } of subs) {
    const registries = await armDirect<ArmResource>(
      endpoints,
      token,
      `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`,
    );
    const found = registries.find((r) => r.name === name);
    const resourceGroup = found?.id.split("/")[4];
    if (found && resourceGroup) return { subscriptionId, resourceGroup, registryName: name };
  }
  throw new Error(`registry ${name} not found through ARM`);
}
