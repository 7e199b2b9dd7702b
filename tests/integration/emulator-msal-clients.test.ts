import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from "@azure/msal-node";
import { describe, expect, inject, it } from "vitest";
import { caFetch } from "../support/emulator-client";

/*
 * MSAL libraries ask the authority for instance discovery (`/common/discovery/instance`) and
 * tenant discovery (`/<tenant>/v2.0/.well-known/openid-configuration`) before the token call.
 * Driven here by the real @azure/msal-node, and by hand the way MSAL Python does with a custom
 * `instance_discovery` URL.
 */

const endpoints = inject("emulator");
const fetch = caFetch(endpoints);
const origin = new URL(endpoints.authority).origin;
const host = new URL(endpoints.authority).host;
const ARM_DEFAULT = "https://management.azure.com/.default";

/**
 * MSAL's network module with the emulator's CA; `hosts` sends some host names to the emulator,
 * as a line in /etc/hosts would. Every URL asked is recorded.
 */
function networkClient(hosts: Record<string, string> = {}): INetworkModule & { asked: string[] } {
  const asked: string[] = [];
  const send = async <T>(url: string, method: string, options?: NetworkRequestOptions) => {
    asked.push(`${method} ${url}`);
    const target = new URL(url);
    const mapped = hosts[target.host];
    if (mapped) target.host = mapped;
    const res = await fetch(target.href, {
      method,
      headers: options?.headers,
      body: options?.body,
    });
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: (await res.json()) as T,
    } satisfies NetworkResponse<T>;
  };
  return {
    asked,
    sendGetRequestAsync: (url, options) => send(url, "GET", options),
    sendPostRequestAsync: (url, options) => send(url, "POST", options),
  };
}

async function armAccepts(token: string): Promise<boolean> {
  const res = await fetch(`${endpoints.armEndpoint}/subscriptions?api-version=2022-12-01`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return res.status === 200;
}

function app(authority: string, network: INetworkModule, knownAuthorities?: string[]) {
  return new ConfidentialClientApplication({
    auth: {
      clientId: endpoints.automationClient.clientId,
      clientSecret: endpoints.automationClient.clientSecret,
      authority,
      ...(knownAuthorities ? { knownAuthorities } : {}),
    },
    system: { networkClient: network },
  });
}

describe("the real MSAL for Node against the emulated authority", () => {
  it("with knownAuthorities: tenant discovery at the authority, then a token ARM accepts", async () => {
    const network = networkClient();
    const result = await app(endpoints.authority, network, [host]).acquireTokenByClientCredential({
      scopes: [ARM_DEFAULT],
    });
    expect(network.asked).toContain(
      `GET ${endpoints.authority}/v2.0/.well-known/openid-configuration`,
    );
    expect(network.asked.some((u) => u.includes("login.microsoftonline.com"))).toBe(false);
    expect(await armAccepts(result!.accessToken)).toBe(true);
  });

  it("with instance discovery, the central host mapped to the emulator, as /etc/hosts would", async () => {
    const network = networkClient({ "login.microsoftonline.com": host });
    const result = await app(endpoints.authority, network).acquireTokenByClientCredential({
      scopes: [ARM_DEFAULT],
    });
    const discovery = network.asked.find((u) => u.includes("/common/discovery/instance"));
    expect(discovery).toContain(
      `authorization_endpoint=${endpoints.authority}/oauth2/v2.0/authorize`,
    );
    expect(await armAccepts(result!.accessToken)).toBe(true);
  });
});

describe("discovery by hand, as MSAL Python does with instance_discovery=<url>", () => {
  it("instance discovery names the tenant discovery document and the host's aliases", async () => {
    const url = new URL(`${origin}/common/discovery/instance`);
    url.searchParams.set("api-version", "1.1");
    url.searchParams.set("authorization_endpoint", `${endpoints.authority}/oauth2/v2.0/authorize`);
    const res = await fetch(url.href);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tenant_discovery_endpoint: string };
    expect(body).toEqual({
      tenant_discovery_endpoint: `${endpoints.authority}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    const tenant = await fetch(body.tenant_discovery_endpoint);
    const doc = (await tenant.json()) as { issuer: string; token_endpoint: string };
    expect(doc.issuer).toBe(endpoints.issuer);
    expect(doc.token_endpoint).toBe(endpoints.tokenEndpoint);
  });

  it("answers Entra's invalid_instance for an authorization endpoint elsewhere", async () => {
    const res = await fetch(
      `${origin}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent("https://login.example.test/x/oauth2/v2.0/authorize")}`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_instance");
  });

  it("the organizations document templates its issuer, as Entra's multi-tenant one does", async () => {
    const res = await fetch(`${origin}/organizations/v2.0/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, string>;
    expect(doc.issuer).toBe(`${origin}/{tenantid}/v2.0`);
    expect(doc.token_endpoint).toBe(`${origin}/organizations/oauth2/v2.0/token`);
    expect(doc.authorization_endpoint).toBe(`${origin}/organizations/oauth2/v2.0/authorize`);
  });
});
