import { describe, expect, inject, it } from "vitest";
import { automationToken } from "../support/emulator-client";

const emulator = inject("emulator");
const consoleUrl = inject("consoleUrl");

const ROUTES = [
  "/api/subscriptions",
  "/api/registries",
  "/api/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/registries/contosoprod",
  "/api/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/registries/contosoprod/replications",
  "/api/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg-registry-prod/registries/contosoprod/changes",
];

/** Flips one character of the signature: same header and claims, no longer signed by the issuer. */
function tamper(token: string): string {
  const last = token.at(-2) === "A" ? "B" : "A";
  return `${token.slice(0, -2)}${last}${token.slice(-1)}`;
}

/** Replaces the payload with other claims, keeping the original signature. */
function forgeClaims(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<
    string,
    unknown
  >;
  claims.oid = "00000000-0000-0000-0000-000000000000";
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

async function call(path: string, authorization?: string) {
  const res = await fetch(`${consoleUrl}${path}`, {
    headers: authorization ? { authorization } : {},
    redirect: "manual",
  });
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; status?: number };
  } | null;
  return { status: res.status, type: res.headers.get("content-type") ?? "", body };
}

describe("/api without a valid bearer token", () => {
  it.each(ROUTES)("%s: no token -> 401 JSON", async (path) => {
    const res = await call(path);
    expect(res.status).toBe(401);
    expect(res.type).toContain("application/json");
    expect(res.body?.error?.status).toBe(401);
    expect(res.body?.error?.code).toBeTruthy();
  });

  it.each(ROUTES)("%s: tampered token -> 401 JSON", async (path) => {
    const token = await automationToken(emulator);
    expect((await call(path, `Bearer ${token}`)).status).toBe(200);
    for (const bad of [tamper(token), forgeClaims(token), "not-a-jwt"]) {
      const res = await call(path, `Bearer ${bad}`);
      expect(res.status).toBe(401);
      expect(res.type).toContain("application/json");
      expect(res.body?.error?.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });
});
