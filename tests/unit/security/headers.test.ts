import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/security/csp";

/* The pages' policy per request, and the headers every response carries (next.config.js). */

const directives = (policy: string) =>
  Object.fromEntries(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

describe("contentSecurityPolicy", () => {
  const policy = directives(
    contentSecurityPolicy({
      nonce: "abc123==",
      authorityOrigin: "https://login.microsoftonline.com",
    }),
  );

  it("allows scripts and styles by nonce only, without unsafe-inline or unsafe-eval", () => {
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(JSON.stringify(policy)).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("refuses every frame ancestor, plugins and base changes", () => {
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
  });

  it("lets MSAL reach the configured identity provider, and nothing else off the site", () => {
    expect(policy["connect-src"]).toEqual(["'self'", "https://login.microsoftonline.com"]);
    expect(policy["frame-src"]).toEqual(["https://login.microsoftonline.com"]);
    expect(policy["form-action"]).toEqual(["'self'", "https://login.microsoftonline.com"]);
    expect(policy["default-src"]).toEqual(["'self'"]);
  });

  it("takes the emulator's identity origin from the configuration the same way", () => {
    const emulator = directives(
      contentSecurityPolicy({ nonce: "n", authorityOrigin: "https://localhost:8443" }),
    );
    expect(emulator["connect-src"]).toEqual(["'self'", "https://localhost:8443"]);
  });

  it("frames nothing and connects only to itself without a configuration", () => {
    const bare = directives(contentSecurityPolicy({ nonce: "n" }));
    expect(bare["connect-src"]).toEqual(["'self'"]);
    expect(bare["frame-src"]).toEqual(["'none'"]);
  });

  it("allows eval only for next dev", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", development: true }));
    expect(dev["script-src"]).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("next.config.js headers", () => {
  it("sends nosniff, no referrer, no framing and a restrictive Permissions-Policy everywhere; a strict policy on /api", async () => {
    const config = createRequire(import.meta.url)("../../../next.config.js") as {
      headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = await config.headers();
    const all = Object.fromEntries(
      rules.find((r) => r.source === "/:path*")!.headers.map((h) => [h.key, h.value]),
    );
    expect(all).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    });
    expect(all["Permissions-Policy"]).toMatch(/camera=\(\).*microphone=\(\)/);
    const api = rules.find((r) => r.source === "/api/:path*")!.headers;
    expect(api).toEqual([
      { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
    ]);
  });
});
