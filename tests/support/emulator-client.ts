import { readFileSync } from "node:fs";
import { Agent, fetch as undiciFetch, type RequestInit } from "undici";
import type { EmulatorEndpoints } from "./emulator-process";

const agents = new Map<string, Agent>();

/** A fetch that trusts the emulator's CA (and nothing else extra). */
export function caFetch(endpoints: EmulatorEndpoints) {
  let agent = agents.get(endpoints.caFile);
  if (!agent) {
    agent = new Agent({ connect: { ca: readFileSync(endpoints.caFile, "utf8") } });
    agents.set(endpoints.caFile, agent);
  }
  const dispatcher = agent;
  return (url: string, init: RequestInit = {}) => undiciFetch(url, { ...init, dispatcher });
}

/** POST/GET to the control API, e.g. `control(e, "reset")`, `control(e, "faults", {...})`. */
export async function control<T = unknown>(
  endpoints: EmulatorEndpoints,
  path: string,
  body?: unknown,
  method = body === undefined && path !== "reset" ? "GET" : "POST",
): Promise<T> {
  const res = await caFetch(endpoints)(`${endpoints.controlUrl}/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** An app token for the automation client (client-credentials grant), for ARM calls in tests. */
export async function automationToken(endpoints: EmulatorEndpoints): Promise<string> {
  const res = await caFetch(endpoints)(endpoints.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: endpoints.automationClient.clientId,
      client_secret: endpoints.automationClient.clientSecret,
      scope: "https://management.azure.com/.default",
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`client credentials failed: ${JSON.stringify(body)}`);
  return body.access_token;
}
