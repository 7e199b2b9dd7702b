import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { buildKit, orderMirrors } from "@/lib/repro/kit";

const registry = {
  name: "contosoprod",
  loginServer: "contosoprod.azurecr.io",
  regionalEndpoints: "Enabled" as const,
  regionalEndpointHostNames: [
    "contosoprod.eastus.geo.azurecr.io",
    "contosoprod.westeurope.geo.azurecr.io",
    "contosoprod.japaneast.geo.azurecr.io",
    "contosoprod.uksouth.geo.azurecr.io",
  ],
};

const latencies = {
  "contosoprod.eastus.geo.azurecr.io": 80,
  "contosoprod.westeurope.geo.azurecr.io": 3,
  "contosoprod.japaneast.geo.azurecr.io": 150,
};

describe("hosts.toml", () => {
  it("lists the regional endpoints fastest first, unmeasured last, with the global name as server", () => {
    const kit = buildKit({
      registry,
      repository: "web/frontend",
      reference: "1.4.2",
      region: "westeurope",
      latencies,
      vantage: "console",
    });
    const parsed = parse(kit.hostsToml) as {
      server: string;
      host: Record<string, { capabilities: string[] }>;
    };
    expect(parsed.server).toBe("https://contosoprod.azurecr.io");
    expect(Object.keys(parsed.host)).toEqual([
      "https://contosoprod.westeurope.geo.azurecr.io",
      "https://contosoprod.eastus.geo.azurecr.io",
      "https://contosoprod.japaneast.geo.azurecr.io",
      "https://contosoprod.uksouth.geo.azurecr.io",
    ]);
    expect(parsed.host["https://contosoprod.uksouth.geo.azurecr.io"]!.capabilities).toEqual([
      "pull",
      "resolve",
    ]);
    expect(kit.hostsTomlPath).toBe("/etc/containerd/certs.d/contosoprod.azurecr.io/hosts.toml");
  });

  it("stays valid TOML whatever the vantage name holds", () => {
    const kit = buildKit({
      registry,
      repository: "web/frontend",
      reference: "1.4.2",
      region: "eastus",
      latencies: {},
      vantage: 'evil"\n[host."https://attacker.example"]',
    });
    const parsed = parse(kit.hostsToml) as { host: Record<string, unknown> };
    expect(Object.keys(parsed.host)).not.toContain("https://attacker.example");
  });

  it("orders equal latencies by ARM's order", () => {
    const order = orderMirrors(["a.x.geo.azurecr.io", "b.y.geo.azurecr.io"], {
      "a.x.geo.azurecr.io": 5,
      "b.y.geo.azurecr.io": 5,
    });
    expect(order.map((m) => m.region)).toEqual(["x", "y"]);
  });
});

describe("pinning kit", () => {
  it("pins the image to the region's regional endpoint in every artefact", () => {
    const kit = buildKit({
      registry,
      repository: "web/frontend",
      reference: "1.4.2",
      region: "westeurope",
      latencies,
      vantage: "console",
      deployment: "shop",
      container: "web",
    });
    expect(kit.imageRef).toBe("contosoprod.westeurope.geo.azurecr.io/web/frontend:1.4.2");
    expect(kit.login).toBe("az acr login --name contosoprod --endpoint westeurope");
    expect(kit.pull).toBe("docker pull contosoprod.westeurope.geo.azurecr.io/web/frontend:1.4.2");
    expect(kit.deploymentPatch).toContain(
      'image: "contosoprod.westeurope.geo.azurecr.io/web/frontend:1.4.2"',
    );
    expect(kit.deploymentPatch).toContain('name: "shop"');
    expect(kit.kustomization).toContain('name: "contosoprod.azurecr.io/web/frontend"');
    expect(kit.kustomization).toContain(
      'newName: "contosoprod.westeurope.geo.azurecr.io/web/frontend"',
    );
    expect(kit.kustomization).toContain('newTag: "1.4.2"');
    expect(kit.credentialPatterns).toEqual(["*.azurecr.io", "*.*.geo.azurecr.io"]);
  });

  it("uses a digest reference and kustomize's digest field for a digest", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const kit = buildKit({
      registry,
      repository: "web/frontend",
      reference: digest,
      region: "eastus",
      latencies,
      vantage: "console",
    });
    expect(kit.imageRef).toBe(`contosoprod.eastus.geo.azurecr.io/web/frontend@${digest}`);
    expect(kit.kustomization).toContain(`digest: "${digest}"`);
  });

  it("falls back to the global login server when regional endpoints are off", () => {
    const kit = buildKit({
      registry: { ...registry, regionalEndpoints: "Disabled", regionalEndpointHostNames: [] },
      repository: "web/frontend",
      reference: "1.4.2",
      region: "westeurope",
      latencies,
      vantage: "console",
    });
    expect(kit.host).toBeNull();
    expect(kit.imageRef).toBe("contosoprod.azurecr.io/web/frontend:1.4.2");
    expect(kit.login).toBe("az acr login --name contosoprod");
    expect(kit.mirrors).toEqual([]);
    expect(kit.credentialPatterns).toEqual(["*.azurecr.io"]);
  });
});
