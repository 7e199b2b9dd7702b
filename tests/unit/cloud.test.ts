import { afterEach, describe, expect, it, vi } from "vitest";
import {
  blobWildcardHost,
  CLOUDS,
  cloudOfRegistryHost,
  isRegistryHost,
  resolveCloud,
  tokenIssuers,
  type CloudName,
} from "@/lib/cloud";
import { getPublicConfig, getServerConfig } from "@/lib/env";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

/** What each cloud must be, host by host (the README's "Sovereign clouds" table). */
const EXPECTED: Array<{
  name: CloudName;
  arm: string;
  login: string;
  suffix: string;
  storage: string;
  v1: string | null;
}> = [
  {
    name: "AzureCloud",
    arm: "https://management.azure.com",
    login: "https://login.microsoftonline.com",
    suffix: "azurecr.io",
    storage: "core.windows.net",
    v1: `https://sts.windows.net/${TENANT}/`,
  },
  {
    name: "AzureUSGovernment",
    arm: "https://management.usgovcloudapi.net",
    login: "https://login.microsoftonline.us",
    suffix: "azurecr.us",
    storage: "core.usgovcloudapi.net",
    v1: null,
  },
  {
    name: "AzureChinaCloud",
    arm: "https://management.chinacloudapi.cn",
    login: "https://login.chinacloudapi.cn",
    suffix: "azurecr.cn",
    storage: "core.chinacloudapi.cn",
    v1: null,
  },
];

afterEach(() => vi.unstubAllEnvs());

function azureEnv(extra: Record<string, string> = {}) {
  for (const name of [
    "CONSOLE_MODE",
    "EMULATOR_ENDPOINTS_FILE",
    "ARM_ENDPOINT",
    "AZURE_AUTHORITY_HOST",
    "ACR_LOGIN_SERVER_SUFFIX",
    "ARM_TOKEN_ISSUER",
    "AZURE_CLOUD",
  ])
    vi.stubEnv(name, "");
  vi.stubEnv("AZURE_TENANT_ID", TENANT);
  vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
  for (const [k, v] of Object.entries(extra)) vi.stubEnv(k, v);
}

describe.each(EXPECTED)("$name", (c) => {
  it("has the cloud's ARM endpoint, token resource, sign-in host and suffixes", () => {
    const cloud = CLOUDS[c.name];
    expect(cloud.armEndpoint).toBe(c.arm);
    expect(cloud.armResource).toBe(c.arm);
    expect(cloud.armAudiences).toContain(c.arm);
    expect(cloud.authorityHost).toBe(c.login);
    expect(cloud.registrySuffix).toBe(c.suffix);
    expect(cloud.storageSuffix).toBe(c.storage);
    expect(tokenIssuers(cloud, TENANT)).toEqual([
      ...(c.v1 ? [c.v1] : []),
      `${c.login}/${TENANT}/v2.0`,
    ]);
  });

  it("is what AZURE_CLOUD selects: authority, ARM, scopes, audiences, keys", () => {
    azureEnv({ AZURE_CLOUD: c.name });
    const config = getServerConfig();
    expect(config.cloud.name).toBe(c.name);
    expect(config.armEndpoint).toBe(c.arm);
    expect(config.authority).toBe(`${c.login}/${TENANT}`);
    expect(config.armScopes).toEqual([`${c.arm}/.default`]);
    expect(config.token.audiences).toContain(c.arm);
    expect(config.token.audiences).toContain(`${c.arm}/`);
    expect(config.token.jwksUri).toBe(`${c.login}/${TENANT}/discovery/v2.0/keys`);
    expect(getPublicConfig()).toMatchObject({
      authority: `${c.login}/${TENANT}`,
      knownAuthorities: [new URL(c.login).host],
      armScope: `${c.arm}/user_impersonation`,
    });
  });

  it("knows its registry hosts and their layer storage", () => {
    for (const host of [
      `contoso.${c.suffix}`,
      `contoso.westeurope.geo.${c.suffix}`,
      `contoso.westeurope.data.${c.suffix}`,
      `contoso-d7ahbgchb9e6f0h4.${c.suffix}`,
    ]) {
      expect(isRegistryHost(host, c.suffix), host).toBe(true);
      expect(cloudOfRegistryHost(host)?.name).toBe(c.name);
    }
    expect(blobWildcardHost(`contoso.${c.suffix}`)).toBe(`*.blob.${c.storage}`);
  });
});

describe("registry host check", () => {
  it.each([
    ["evil.example.com", "azurecr.io"],
    ["azurecr.io", "azurecr.io"],
    ["contoso.azurecr.io.evil.com", "azurecr.io"],
    ["contoso.azurecr.us", "azurecr.io"],
    ["*.blob.core.windows.net", "azurecr.io"],
    ["-bad.azurecr.io", "azurecr.io"],
    ["contoso.azurecr.io:8443", "azurecr.io"],
    ["a..azurecr.io", "azurecr.io"],
  ])("refuses %s under %s", (host, suffix) => {
    expect(isRegistryHost(host, suffix)).toBe(false);
  });

  it("gives a host of no known cloud the public cloud's storage", () => {
    expect(cloudOfRegistryHost("registry.example.com")).toBeNull();
    expect(blobWildcardHost("registry.example.com")).toBe("*.blob.core.windows.net");
  });
});

describe("overrides", () => {
  it("ARM_ENDPOINT, AZURE_AUTHORITY_HOST and ACR_LOGIN_SERVER_SUFFIX win over the table", () => {
    azureEnv({
      AZURE_CLOUD: "AzureUSGovernment",
      ARM_ENDPOINT: "https://arm.example.test/",
      AZURE_AUTHORITY_HOST: "https://login.example.test",
      ACR_LOGIN_SERVER_SUFFIX: "Registry.Example.Test",
    });
    const config = getServerConfig();
    expect(config.armEndpoint).toBe("https://arm.example.test");
    expect(config.authority).toBe(`https://login.example.test/${TENANT}`);
    expect(config.cloud.registrySuffix).toBe("registry.example.test");
    // The token resource stays the cloud's: ARM's tokens are issued for it wherever ARM is.
    expect(config.armScopes).toEqual(["https://management.usgovcloudapi.net/.default"]);
    expect(config.token.issuers).toEqual([`https://login.example.test/${TENANT}/v2.0`]);
  });

  it("an overridden authority host of the public cloud drops the v1 issuer it does not know", () => {
    expect(
      resolveCloud("AzureCloud", { authorityHost: "https://login.example.test" }).v1IssuerHost,
    ).toBeNull();
    expect(
      resolveCloud("AzureCloud", { authorityHost: CLOUDS.AzureCloud.authorityHost }).v1IssuerHost,
    ).toBe("https://sts.windows.net");
  });

  it("ARM_TOKEN_ISSUER adds the issuer of the cloud's v1 tokens, with the tenant id filled in", () => {
    azureEnv({
      AZURE_CLOUD: "AzureChinaCloud",
      ARM_TOKEN_ISSUER: "https://sts.example.cn/{tenantId}/",
    });
    expect(getServerConfig().token.issuers).toEqual([
      `https://sts.example.cn/${TENANT}/`,
      `https://login.chinacloudapi.cn/${TENANT}/v2.0`,
    ]);
  });

  it.each([
    [
      { AZURE_CLOUD: "AzureGermanCloud" },
      /AZURE_CLOUD must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud/,
    ],
    [{ ACR_LOGIN_SERVER_SUFFIX: "not a suffix" }, /ACR_LOGIN_SERVER_SUFFIX must be a DNS suffix/],
    [{ ARM_TOKEN_ISSUER: "http://sts.example.cn/" }, /ARM_TOKEN_ISSUER must be an https/],
  ])("refuses %j", (extra, message) => {
    azureEnv(extra);
    expect(() => getServerConfig()).toThrow(message);
  });
});
