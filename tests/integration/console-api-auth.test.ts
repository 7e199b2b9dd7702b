import { SignJWT, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRegistries } from "@/app/api/registries/route";
import { GET as getSubscriptions } from "@/app/api/subscriptions/route";
import { GET as getChanges } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/changes/route";
import { GET as getReplicas } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/replications/route";
import { GET as getRegistry } from "@/app/api/subscriptions/[subscriptionId]/resourceGroups/[resourceGroup]/registries/[registryName]/route";
import { caFetch } from "../support/emulator-client";
import {
  armRequests,
  callRoute,
  registryParams,
  tamperSignature,
  tokenFor,
  pointConsoleAtEmulator,
} from "./console-api-support";

const endpoints = pointConsoleAtEmulator();

let operatorToken: string;
let params: Record<string, string>;

beforeAll(async () => {
  operatorToken = await tokenFor(endpoints, "operator");
  params = await registryParams(endpoints, operatorToken, "contosoprod");
});

const routes = [
  ["GET /api/subscriptions", getSubscriptions, false],
  ["GET /api/registries", getRegistries, false],
  ["GET /api/.../registries/{name}", getRegistry, true],
  ["GET /api/.../registries/{name}/replications", getReplicas, true],
  ["GET /api/.../registries/{name}/changes", getChanges, true],
] as const;

/** A token with every claim the console checks right, but signed by a key that is not the issuer's. */
async function foreignToken(kid?: string): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: endpoints.tenantId,
    oid: "00000000-0000-0000-0000-000000000001",
    scp: "user_impersonation",
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(kid ? { kid } : {}) })
    .setIssuer(endpoints.issuer)
    .setAudience("https://management.azure.com")
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey);
}

async function issuerKid(): Promise<string> {
  const discovery = (await (
    await caFetch(endpoints)(`${endpoints.issuer}/.well-known/openid-configuration`)
  ).json()) as {
    jwks_uri: string;
  };
  const jwks = (await (await caFetch(endpoints)(discovery.jwks_uri)).json()) as {
    keys: { kid: string }[];
  };
  const kid = jwks.keys[0]?.kid;
  if (!kid) throw new Error("issuer publishes no key id");
  return kid;
}

describe.each(routes)("%s", (_name, GET, needsParams) => {
  const routeParams = () => (needsParams ? params : {});

  it("answers 401 Unauthorized as JSON without a token", async () => {
    const res = await callRoute(GET, { params: routeParams() });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("location")).toBeNull();
    expect(res.body.error).toMatchObject({ code: "Unauthorized", status: 401 });
    expect(res.body.error.message).toMatch(/bearer token/i);
  });

  it.each([
    ["a non-Bearer scheme", () => `Basic ${Buffer.from("a:b").toString("base64")}`, "Unauthorized"],
    ["a tampered signature", () => `Bearer ${tamperSignature(operatorToken)}`, "InvalidToken"],
    ["a token that is not a JWT", () => "Bearer not-a-jwt", "InvalidToken"],
  ])("answers 401 for %s", async (_label, authorization, code) => {
    const res = await callRoute(GET, { authorization: authorization(), params: routeParams() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
    expect(res.text).not.toContain(operatorToken.split(".")[2]);
  });
});

describe("tokens from another signer", () => {
  it.each([
    ["with the issuer's key id", true],
    ["without a key id", false],
  ])("refuses a well-formed token signed by a foreign key %s", async (_label, withKid) => {
    const token = await foreignToken(withKid ? await issuerKid() : undefined);
    const res = await callRoute(getSubscriptions, { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("InvalidToken");
    expect(res.body.error.message).toMatch(/signature|key/);
  });

  it("never reaches ARM with a refused token", async () => {
    const before = (await armRequests(endpoints)).length;
    await callRoute(getRegistries, { token: tamperSignature(operatorToken) });
    await callRoute(getRegistry, { token: await foreignToken(), params });
    expect((await armRequests(endpoints)).length).toBe(before);
  });
});

describe("order of checks", () => {
  it("verifies the token before validating input", async () => {
    const bad = { ...params, registryName: "x" };
    expect((await callRoute(getRegistry, { params: bad })).status).toBe(401);
    expect((await callRoute(getRegistry, { token: operatorToken, params: bad })).status).toBe(400);
  });

  it("accepts the operator's real token", async () => {
    const res = await callRoute(getSubscriptions, { token: operatorToken });
    expect(res.status).toBe(200);
  });
});
