import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError, getServerConfig, getSettings, withoutPaths } from "@/lib/env";

/*
 * The console's mode is chosen on purpose: a production server that finds an emulator's discovery
 * file in its working directory must not start trusting it. What a visitor of the configuration
 * error page sees names no file on the server.
 */

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
const VARIABLES = [
  "CONSOLE_MODE",
  "AZURE_TENANT_ID",
  "AZURE_CLIENT_ID",
  "ARM_ENDPOINT",
  "AZURE_AUTHORITY_HOST",
  "EMULATOR_ENDPOINTS_FILE",
];

let dir: string;
let cwd: string;

/** A valid discovery file at `<dir>/.emulator/endpoints.json`, where the default path looks. */
function writeDefaultDiscovery(): string {
  const stateDir = join(dir, ".emulator");
  mkdirSync(stateDir, { recursive: true });
  const caFile = join(stateDir, "ca.pem");
  writeFileSync(caFile, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const file = join(stateDir, "endpoints.json");
  writeFileSync(
    file,
    JSON.stringify({
      armEndpoint: "https://localhost:9443",
      authority: "https://localhost:9443/emu-tenant",
      issuer: "https://localhost:9443/emu-tenant/v2.0",
      tenantId: "emu-tenant",
      caFile,
      spaClientId: "spa-client",
      dataPlaneAddress: "127.0.0.1:9444",
    }),
  );
  return file;
}

function configError(): ConfigError {
  try {
    getServerConfig();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "env-mode-"));
  cwd = process.cwd();
  process.chdir(dir);
  for (const name of VARIABLES) vi.stubEnv(name, "");
});
afterEach(() => {
  process.chdir(cwd);
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("choosing the mode", () => {
  it("refuses to run with neither Azure nor the emulator configured, even beside a discovery file", () => {
    writeDefaultDiscovery();
    const error = configError();
    expect(error.message).toMatch(/No configuration/);
    expect(error.message).toContain("CONSOLE_MODE=emulator");
    expect(error.message).toContain("AZURE_TENANT_ID and AZURE_CLIENT_ID");
  });

  it("uses the default discovery file only when CONSOLE_MODE=emulator says so", () => {
    writeDefaultDiscovery();
    vi.stubEnv("CONSOLE_MODE", "emulator");
    expect(getServerConfig()).toMatchObject({
      mode: "emulator",
      armEndpoint: "https://localhost:9443",
    });
  });

  it("takes an explicitly named discovery file as emulator mode", () => {
    vi.stubEnv("EMULATOR_ENDPOINTS_FILE", writeDefaultDiscovery());
    expect(getServerConfig().mode).toBe("emulator");
  });

  it("runs against Azure with CONSOLE_MODE=azure and the app registration", () => {
    writeDefaultDiscovery();
    vi.stubEnv("CONSOLE_MODE", "azure");
    vi.stubEnv("AZURE_TENANT_ID", TENANT);
    vi.stubEnv("AZURE_CLIENT_ID", CLIENT);
    expect(getServerConfig().mode).toBe("azure");
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      "CONSOLE_MODE=azure without the app registration",
      { CONSOLE_MODE: "azure" },
      /AZURE_TENANT_ID is missing/,
    ],
    ["an unknown mode", { CONSOLE_MODE: "staging" }, /CONSOLE_MODE must be "azure" or "emulator"/],
    [
      "both Azure and an emulator file without a mode",
      { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, EMULATOR_ENDPOINTS_FILE: "/x.json" },
      /CONSOLE_MODE=azure or CONSOLE_MODE=emulator/,
    ],
  ])("refuses %s", (_, env, message) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(() => getServerConfig()).toThrow(message);
  });
});

describe("what a visitor of the configuration error page sees", () => {
  it.each<[string, () => void]>([
    [
      "a missing discovery file",
      () => vi.stubEnv("EMULATOR_ENDPOINTS_FILE", join(dir, "missing.json")),
    ],
    [
      "an invalid discovery file",
      () => {
        const file = join(dir, "bad.json");
        writeFileSync(file, JSON.stringify({ armEndpoint: "http://localhost:1" }));
        vi.stubEnv("EMULATOR_ENDPOINTS_FILE", file);
      },
    ],
    [
      "a missing CA file",
      () => {
        const file = writeDefaultDiscovery();
        rmSync(join(dir, ".emulator", "ca.pem"));
        vi.stubEnv("EMULATOR_ENDPOINTS_FILE", file);
      },
    ],
  ])("%s: the server log names the file, the page does not", (_, arrange) => {
    arrange();
    const error = configError();
    expect(error.message).toContain(dir);
    expect(error.publicMessage).not.toContain(dir);
    expect(error.publicMessage).not.toMatch(/(^|[\s'"(])\/(tmp|home|work|root|var|usr)\b/);
    expect(error.publicMessage.length).toBeGreaterThan(20);
  });

  it.each([
    ["open '/srv/console/.emulator/endpoints.json'", "open '<path>'"],
    ["file /home/ops/x.json is invalid", "file <path> is invalid"],
    ["file C:\\console\\x.json", "file <path>"],
    ["must be an https:// URL", "must be an https:// URL"],
    ["see https://localhost:8443/tenant/v2.0", "see https://localhost:8443/tenant/v2.0"],
    [
      "run `npm run emulator`; .emulator/endpoints.json",
      "run `npm run emulator`; .emulator/endpoints.json",
    ],
  ])("withoutPaths(%j) is %j", (input, expected) => {
    expect(withoutPaths(input)).toBe(expected);
  });
});

describe("operational settings", () => {
  it("has defaults for every setting", () => {
    for (const name of ["LOG_LEVEL", "ARM_TIMEOUT_MS", "PROBE_VANTAGE_NAME", "HSTS_MAX_AGE"])
      vi.stubEnv(name, "");
    expect(getSettings()).toMatchObject({
      logLevel: "info",
      armTimeoutMs: 30_000,
      vantageName: "console",
      streamsPerCaller: 10,
      hostsPerCaller: 100,
      hostsTotal: 3_000,
      shutdownGraceMs: 20_000,
    });
    expect(getSettings().hstsMaxAge).toBeUndefined();
  });

  it.each([
    ["LOG_LEVEL", "loud", /LOG_LEVEL must be one of/],
    ["ARM_TIMEOUT_MS", "10", /ARM_TIMEOUT_MS/],
    ["ARM_TIMEOUT_MS", "ten", /ARM_TIMEOUT_MS must be a whole number/],
    ["PROBE_VANTAGE_NAME", "<script>", /PROBE_VANTAGE_NAME must be 1 to 64/],
    ["PROBE_STREAMS_PER_CALLER", "0", /PROBE_STREAMS_PER_CALLER/],
  ])("refuses %s=%s", (name, value, message) => {
    vi.stubEnv(name, value);
    expect(() => getSettings()).toThrow(message);
  });
});
