import { describe, expect, it } from "vitest";
import { bundleCommands, bundleJson, bundleMarkdown, type BundleInput } from "@/lib/repro/bundle";
import { isRepositoryName, isTag } from "@/lib/repro/names";
import { redirectTarget } from "@/lib/repro/redirects";

const input: BundleInput = {
  registryId:
    "/subscriptions/6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoprod",
  registryName: "contosoprod",
  loginServer: "contosoprod.azurecr.io",
  region: "westeurope",
  endpoint: "contosoprod.westeurope.geo.azurecr.io",
  at: "2026-12-05T22:00:00.000Z",
  vantage: "[click](https://evil.example) <img src=x>",
  repository: "web/frontend",
  tag: "1.4.2",
  health: {
    registryId: "x",
    registryName: "contosoprod",
    region: "westeurope",
    repository: "web/frontend",
    tag: "1.4.2",
    at: "2026-12-05T22:00:00.000Z",
    vantage: "console",
    endpoints: [
      {
        host: "contosoprod.westeurope.geo.azurecr.io",
        kind: "regional",
        region: "westeurope",
        verdict: "fail",
        steps: [
          {
            step: "challenge",
            status: "fail",
            ms: 12,
            detail: "403 Forbidden",
            code: "CONNECTIVITY_FORBIDDEN_ERROR",
            message: "DENIED: client with IP '10.0.0.1' | is not allowed",
            advice: "Allow | this",
          },
        ],
      },
    ],
  },
  digests: null,
  samples: [],
  link: "https://console.example/subscriptions/x/probes/westeurope?repository=web%2Ffrontend&tag=1.4.2",
};

describe("repro bundle", () => {
  it("gives the exact commands that reproduce the view", () => {
    expect(bundleCommands(input)).toEqual({
      login: "az acr login --name contosoprod --endpoint westeurope",
      pull: "docker pull contosoprod.westeurope.geo.azurecr.io/web/frontend:1.4.2",
      curl: "curl -v https://contosoprod.westeurope.geo.azurecr.io/v2/",
    });
  });

  it("escapes every value so no link, image, HTML or table cell can be injected", () => {
    const md = bundleMarkdown(input);
    expect(md).not.toContain("[click](https://evil.example)");
    expect(md).toContain("\\[click\\]\\(https\\:\\/\\/evil\\.example\\)");
    expect(md).not.toMatch(/(?<!\\)<img/);
    // Each table row keeps its seven cells: a pipe in a message is escaped.
    const row = md.split("\n").find((l) => l.includes(" challenge |"))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
    expect(md).toContain(`\`${input.link}\``);
    expect(md).toContain("docker pull contosoprod.westeurope.geo.azurecr.io/web/frontend:1.4.2");
  });

  it("holds the same values as JSON", () => {
    const json = JSON.parse(bundleJson(input)) as Record<string, unknown>;
    expect(json.vantage).toBe(input.vantage);
    expect((json.commands as { curl: string }).curl).toBe(
      "curl -v https://contosoprod.westeurope.geo.azurecr.io/v2/",
    );
    expect(json.link).toBe(input.link);
  });
});

describe("names and redirects", () => {
  it("accepts names of the distribution grammar only", () => {
    expect(isRepositoryName("web/frontend")).toBe(true);
    expect(isRepositoryName("a__b/c-d.e")).toBe(true);
    expect(isRepositoryName("Web/Frontend")).toBe(false);
    expect(isRepositoryName("web//frontend")).toBe(false);
    expect(isRepositoryName("../etc")).toBe(false);
    expect(isTag("1.4.2")).toBe(true);
    expect(isTag(".hidden")).toBe(false);
    expect(isTag("a".repeat(129))).toBe(false);
    expect(isTag("../_catalog")).toBe(false);
  });

  it("follows a blob redirect only to ARM's data endpoints or the storage wildcard", () => {
    const dedicated = {
      loginServer: "sharedbase.azurecr.io",
      dataEndpointEnabled: true,
      dataEndpointHostNames: ["sharedbase.eastus.data.azurecr.io"],
    };
    expect(redirectTarget("sharedbase.eastus.data.azurecr.io", dedicated)).toEqual({
      allowed: true,
      kind: "data",
      region: "eastus",
    });
    expect(redirectTarget("sharedbase.westus.data.azurecr.io", dedicated).allowed).toBe(false);
    expect(redirectTarget("acct123.blob.core.windows.net", dedicated).allowed).toBe(false);
    const shared = { ...dedicated, dataEndpointEnabled: false, dataEndpointHostNames: [] };
    expect(redirectTarget("acct123.blob.core.windows.net", shared)).toEqual({
      allowed: true,
      kind: "storage",
    });
    expect(redirectTarget("evil.example", shared).allowed).toBe(false);
    expect(redirectTarget("a.b.blob.core.windows.net", shared).allowed).toBe(false);
  });
});
