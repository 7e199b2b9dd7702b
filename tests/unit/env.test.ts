import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getPublicConfig, getServerConfig } from "@/lib/env";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

let dir: string;

function clearEnv() {
  for (const name of [
    "AZURE_TENANT_ID",
    "AZURE_CLIENT_ID",
    "ARM_ENDPOINT",
    "AZURE_AUTHORITY_HOST",
    "AZURE_CLOUD",
    "ACR_LOGIN_SERVER_SUFFIX",
    "ARM_TOKEN_ISSUER",
    "EMULATOR_ENDPOINTS_FILE",
  ]) {
    vi.stubEnv(name, "");
  }
}

function writeEndpoints(overrides: Record<string, unknown> = {}): string {
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const file = join(dir, "endpoints.json");
  writeFileSync(
    file,
    JSON.stringify({
      armEndpoint: "https://localhost:9443",
      authority: "https://localhost:9443/emu-tenant",
      issuer: "https://localhost:9443/emu-tenant/v2.0",
      tenantId: "emu-tenant",
      tokenEndpoint: "https://localhost:9443/emu-tenant/oauth2/v2.0/token",
      caFile,
      controlUrl: "https://localhost:9443/_emulator",
      dataPlaneAddress: "127.0.0.1:9444",
      spaClientId: "spa-client",
      ...overrides,
    }),
  );
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "env-test-"));
  clearEnv();
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("real Azure mode", () => {
  it("needs only the tenant and client id", () => {
    vi.stubEnv("AZURE_TENANT_ID", TENANT);
    vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
    const config = getServerConfig();
    expect(config).toMatchObject({
      mode: "azure",
      tenantId: TENANT,
      clientId: CLIENT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      armEndpoint: "https://management.azure.com",
      armScopes: ["https://management.azure.com/.default"],
      token: {
        issuers: [
          `https://sts.windows.net/${TENANT}/`,
          `https://login.microsoftonline.com/${TENANT}/v2.0`,
        ],
        audiences: [
          "https://management.azure.com",
          "https://management.azure.com/",
          "https://management.core.windows.net",
          "https://management.core.windows.net/",
        ],
        jwksUri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      },
    });
    expect(config.caPem).toBeUndefined();
    expect(config.dataPlaneAddress).toBeUndefined();
    expect(getPublicConfig()).toEqual({
      mode: "azure",
      clientId: CLIENT,
      tenantId: TENANT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      knownAuthorities: ["login.microsoftonline.com"],
      armScope: "https://management.azure.com/user_impersonation",
    });
  });

  it("takes the ARM endpoint and authority host overrides", () => {
    vi.stubEnv("AZURE_TENANT_ID", TENANT);
    vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
    vi.stubEnv("ARM_ENDPOINT", "https://arm.example.test/");
    vi.stubEnv("AZURE_AUTHORITY_HOST", "https://login.example.test");
    const config = getServerConfig();
    expect(config.armEndpoint).toBe("https://arm.example.test");
    expect(config.authority).toBe(`https://login.example.test/${TENANT}`);
    expect(config.token.issuers).toEqual([`https://login.example.test/${TENANT}/v2.0`]);
  });

  it.each([
    [{ AZURE_TENANT_ID: TENANT }, /AZURE_CLIENT_ID is missing/],
    [{ AZURE_CLIENT_ID: CLIENT }, /AZURE_TENANT_ID is missing/],
    [{ AZURE_TENANT_ID: "contoso", AZURE_CLIENT_ID: CLIENT }, /AZURE_TENANT_ID must be .* GUID/],
    [
      { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, ARM_ENDPOINT: "http://arm" },
      /ARM_ENDPOINT must be an https/,
    ],
  ])("refuses %j with a clear error", (env, message) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(() => getServerConfig()).toThrow(message);
  });
});

describe("emulator mode", () => {
  it("reads the discovery file and its CA", () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", writeEndpoints());
    const config = getServerConfig();
    expect(config).toMatchObject({
      mode: "emulator",
      tenantId: "emu-tenant",
      clientId: "spa-client",
      authority: "https://localhost:9443/emu-tenant",
      armEndpoint: "https://localhost:9443",
      dataPlaneAddress: "127.0.0.1:9444",
      token: {
        issuers: ["https://localhost:9443/emu-tenant/v2.0"],
        audiences: ["https://management.azure.com", "https://management.azure.com/"],
        discoveryUrl: "https://localhost:9443/emu-tenant/v2.0/.well-known/openid-configuration",
      },
    });
    expect(config.caPem).toMatch(/BEGIN CERTIFICATE/);
    expect(getPublicConfig()).toMatchObject({
      mode: "emulator",
      knownAuthorities: ["localhost:9443"],
      armScope: "https://management.azure.com/user_impersonation",
    });
  });

  it("follows a rewritten discovery file (emulator restarted on new ports)", () => {
    const file = writeEndpoints();
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", file);
    expect(getServerConfig().armEndpoint).toBe("https://localhost:9443");
    writeEndpoints({ armEndpoint: "https://localhost:9555" });
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(getServerConfig().armEndpoint).toBe("https://localhost:9555");
  });

  it("accepts the access token issuer the emulator names (Entra's v1 issuer) besides its own", () => {
    vi.stubEnv(
      "EMULATOR_ENDPOINTS_FILE",
      writeEndpoints({ accessTokenIssuer: "https://sts.windows.net/emu-tenant/" }),
    );
    const { token } = getServerConfig();
    expect(token.issuers).toEqual([
      "https://sts.windows.net/emu-tenant/",
      "https://localhost:9443/emu-tenant/v2.0",
    ]);
    // The keys still come from the identity's own discovery document.
    expect(token.discoveryUrl).toBe(
      "https://localhost:9443/emu-tenant/v2.0/.well-known/openid-configuration",
    );
  });

  it("says what to do when nothing is configured", () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(dir, "missing.json"));
    expect(() => getServerConfig()).toThrow(
      /AZURE_TENANT_ID and AZURE_CLIENT_ID .*npm run emulator/s,
    );
  });

  it("names the invalid field of a broken discovery file", () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", writeEndpoints({ armEndpoint: "http://localhost:1" }));
    expect(() => getServerConfig()).toThrow(/armEndpoint must be an https/);
  });
});
