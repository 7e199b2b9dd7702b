import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPki } from "@/emulator/pki";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("the emulator's local CA", () => {
  it("is created once in the state dir and reused by the next start", () => {
    dir = mkdtempSync(join(tmpdir(), "emulator-pki-"));
    const first = createPki(dir);
    expect(first.caFile).toBe(join(dir, "ca.pem"));
    expect(readFileSync(first.caFile, "utf8")).toBe(first.caCertPem);
    const ca = new X509Certificate(first.caCertPem);
    expect(ca.ca).toBe(true);
    expect(createPki(dir).caCertPem).toBe(first.caCertPem);
  });

  it("issues leaf certificates for the names asked, signed by the CA, cached per name set", () => {
    dir = mkdtempSync(join(tmpdir(), "emulator-pki-"));
    const pki = createPki(dir);
    const ca = new X509Certificate(pki.caCertPem);
    const issued = pki.certificateFor(["localhost", "127.0.0.1", "::1"]);
    const leaf = new X509Certificate(issued.certPem);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkHost("localhost")).toBe("localhost");
    expect(leaf.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(leaf.checkIP("::1")).toBe("::1");
    expect(pki.certificateFor(["::1", "127.0.0.1", "LOCALHOST"])).toBe(issued);
    const regional = new X509Certificate(
      pki.certificateFor(["contosoprod.eastus.geo.azurecr.io"]).certPem,
    );
    expect(regional.checkHost("contosoprod.eastus.geo.azurecr.io")).toBeTruthy();
    expect(regional.checkHost("contosoprod.azurecr.io")).toBeUndefined();
  });
});
