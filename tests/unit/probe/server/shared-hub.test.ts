import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sharedProbeHub, type ProbeSample } from "@/lib/probe/server";
import { makeTestPki } from "./tls-fixture";

/*
 * The hub the routes share is wired from the server configuration: in emulator mode every
 * registry host goes to the discovery file's data-plane address, trusting its CA.
 */

let dir: string;
let server: Server;
let port: number;

function writeDiscovery(dataPlaneAddress: string, mtimeSeconds: number) {
  const file = join(dir, "endpoints.json");
  writeFileSync(
    file,
    JSON.stringify({
      armEndpoint: "https://localhost:1",
      authority: "https://localhost:1/tenant",
      issuer: "https://localhost:1/tenant/v2.0",
      tenantId: "tenant",
      caFile: join(dir, "ca.pem"),
      spaClientId: "spa",
      dataPlaneAddress,
    }),
  );
  // The configuration cache follows the file's mtime.
  utimesSync(file, mtimeSeconds, mtimeSeconds);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "probe-shared-"));
  const pki = makeTestPki(["*.probe.test"]);
  writeFileSync(join(dir, "ca.pem"), pki.caPem);
  server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const host = req.headers.host ?? "";
    res.writeHead(401, {
      "www-authenticate": `Bearer realm="https://${host}/oauth2/token",service="${host}"`,
    });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  vi.stubEnv("AZURE_TENANT_ID", "");
  vi.stubEnv("AZURE_CLIENT_ID", "");
  vi.stubEnv("EMULATOR_ENDPOINTS_FILE", writeDiscovery(`127.0.0.1:${port}`, 1_000_000));
});

afterAll(async () => {
  sharedProbeHub().close();
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("sharedProbeHub", () => {
  it("probes registry hosts through the configured data-plane address and CA", async () => {
    const hub = sharedProbeHub();
    expect(sharedProbeHub()).toBe(hub);
    const sample = await new Promise<ProbeSample>((resolve) => {
      const stop = hub.subscribe(
        "registry",
        [{ host: "reg.probe.test", kind: "global", region: null }],
        (s) => {
          stop();
          resolve(s);
        },
      );
    });
    expect(sample).toMatchObject({ verdict: "ok", status: 401, remoteAddress: "127.0.0.1" });
  });

  it("is rebuilt when the configuration changes", () => {
    const before = sharedProbeHub();
    writeDiscovery("127.0.0.1:1", 2_000_000);
    const after = sharedProbeHub();
    expect(after).not.toBe(before);
    expect(sharedProbeHub()).toBe(after);
  });
});
