import { describe, expect, it } from "vitest";
import {
  copySpans,
  endpointTableRows,
  globalRoutesTo,
  listEndpoints,
  regionOfHost,
  blobWildcardHost,
} from "@/lib/endpoints";
import { dataHosts, regionalHosts, registry, replica, threeReplicas } from "../fixtures";

describe("regionOfHost", () => {
  it.each([
    ["contosoprod.eastus.geo.azurecr.io", "eastus"],
    ["contosoprod.EastUS.data.azurecr.io", "eastus"],
    ["contosoweb-d7ahbgchb9e6f0h4.westeurope.geo.azurecr.io", "westeurope"],
    ["contoso.azurecr.io", "azurecr"],
    ["localhost", null],
  ])("%s -> %s", (host, region) => expect(regionOfHost(host)).toBe(region));
});

describe("blobWildcardHost", () => {
  it.each([
    ["contoso.azurecr.io", "*.blob.core.windows.net"],
    ["contoso.azurecr.cn", "*.blob.core.chinacloudapi.cn"],
    ["contoso.azurecr.us", "*.blob.core.usgovcloudapi.net"],
  ])("%s -> %s", (login, wildcard) => expect(blobWildcardHost(login)).toBe(wildcard));
});

const simple = (rows: ReturnType<typeof endpointTableRows>) =>
  rows.map((r) =>
    r.type === "notice" ? `notice:${r.kind}` : `${r.kind}|${r.region ?? "-"}|${r.host}`,
  );

describe("endpointTableRows", () => {
  const cases: {
    name: string;
    registry: Parameters<typeof endpointTableRows>[0];
    replicas: Parameters<typeof endpointTableRows>[1];
    rows: string[];
  }[] = [
    {
      name: "Premium, regional off, no data endpoints: notice and one wildcard per replica",
      registry: registry(),
      replicas: threeReplicas,
      rows: [
        "global|-|contosoprod.azurecr.io",
        "notice:regional",
        "data|westeurope|*.blob.core.windows.net",
        "data|eastus|*.blob.core.windows.net",
        "data|southeastasia|*.blob.core.windows.net",
      ],
    },
    {
      name: "Premium, regional on, data endpoints on: host names exactly as ARM lists them",
      registry: registry({
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: regionalHosts,
        dataEndpointEnabled: true,
        dataEndpointHostNames: dataHosts,
      }),
      replicas: threeReplicas,
      rows: [
        "global|-|contosoprod.azurecr.io",
        ...regionalHosts.map((h) => `regional|${h.split(".")[1]}|${h}`),
        ...dataHosts.map((h) => `data|${h.split(".")[1]}|${h}`),
      ],
    },
    {
      name: "a domain-name-label login server is taken from ARM, not rebuilt from the name",
      registry: registry({
        loginServer: "contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
        regionalEndpoints: "Enabled",
        regionalEndpointHostNames: ["contosoweb-d7ahbgchb9e6f0h4.eastus.geo.azurecr.io"],
      }),
      replicas: [replica("eastus", { isHome: true })],
      rows: [
        "global|-|contosoweb-d7ahbgchb9e6f0h4.azurecr.io",
        "regional|eastus|contosoweb-d7ahbgchb9e6f0h4.eastus.geo.azurecr.io",
        "data|eastus|*.blob.core.windows.net",
      ],
    },
    {
      name: "Standard: regional endpoints not available; wildcard for the registry's location",
      registry: registry({
        sku: "Standard",
        regionalEndpoints: "NotAvailable",
        location: "eastus",
      }),
      replicas: [],
      rows: [
        "global|-|contosoprod.azurecr.io",
        "notice:regional",
        "data|eastus|*.blob.core.windows.net",
      ],
    },
    {
      name: "regional enabled while ARM lists no host yet: notice instead of silence",
      registry: registry({ regionalEndpoints: "Enabled", regionalEndpointHostNames: [] }),
      replicas: [replica("westeurope")],
      rows: [
        "global|-|contosoprod.azurecr.io",
        "notice:regional",
        "data|westeurope|*.blob.core.windows.net",
      ],
    },
    {
      name: "data endpoints enabled but not listed yet: notice for data",
      registry: registry({ dataEndpointEnabled: true, dataEndpointHostNames: [] }),
      replicas: threeReplicas,
      rows: ["global|-|contosoprod.azurecr.io", "notice:regional", "notice:data"],
    },
    {
      name: "host names from a disabled feature are ignored (ARM should list none)",
      registry: registry({
        regionalEndpoints: "Disabled",
        regionalEndpointHostNames: regionalHosts,
      }),
      replicas: [replica("westeurope")],
      rows: [
        "global|-|contosoprod.azurecr.io",
        "notice:regional",
        "data|westeurope|*.blob.core.windows.net",
      ],
    },
  ];
  it.each(cases)("$name", ({ registry, replicas, rows }) => {
    expect(simple(endpointTableRows(registry, replicas))).toEqual(rows);
  });

  it("gives every row a distinct key", () => {
    const rows = endpointTableRows(
      registry({ regionalEndpoints: "Enabled", regionalEndpointHostNames: regionalHosts }),
      threeReplicas,
    );
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it("marks wildcard rows", () => {
    const data = listEndpoints(registry(), threeReplicas).filter((e) => e.kind === "data");
    expect(data.every((e) => e.wildcard)).toBe(true);
  });

  it("the notice says which SKU lacks regional endpoints", () => {
    const rows = endpointTableRows(
      registry({ sku: "Basic", regionalEndpoints: "NotAvailable" }),
      [],
    );
    const notice = rows.find((r) => r.type === "notice");
    expect(notice?.type === "notice" && notice.message).toMatch(/Basic SKU/);
  });
});

describe("copySpans", () => {
  it.each<[string, Parameters<typeof endpointTableRows>, number[]]>([
    [
      "the wildcard repeated per replica region: one copy button spanning its rows",
      [registry(), threeReplicas],
      // global, notice, three wildcard rows
      [1, 3],
    ],
    [
      "distinct hosts: one button each",
      [
        registry({
          regionalEndpoints: "Enabled",
          regionalEndpointHostNames: regionalHosts,
          dataEndpointEnabled: true,
          dataEndpointHostNames: dataHosts,
        }),
        threeReplicas,
      ],
      [1, 1, 1, 1, 1, 1, 1],
    ],
    ["one replica: one wildcard row, one button", [registry(), [replica("eastus")]], [1, 1]],
  ])("%s", (_, [reg, replicas], expected) => {
    const rows = endpointTableRows(reg, replicas);
    const spans = copySpans(rows);
    expect(rows.flatMap((r) => (spans.has(r.key) ? [spans.get(r.key)] : []))).toEqual(expected);
    // Every endpoint row is covered exactly once.
    expect([...spans.values()].reduce((a, b) => a + b, 0)).toBe(
      rows.filter((r) => r.type === "endpoint").length,
    );
  });
});

describe("globalRoutesTo", () => {
  const off = (region: string) => replica(region, { globalEndpointRouting: false });
  it.each([
    ["no replicas (one region serves it)", [], "All"],
    ["every replica routed", threeReplicas, "All replicas"],
    [
      "one replica left out",
      [replica("westeurope"), off("eastus"), replica("southeastasia")],
      "2 of 3 replicas (not eastus)",
    ],
    [
      "two left out",
      [off("westeurope"), off("eastus"), replica("southeastasia")],
      "1 of 3 replicas (not westeurope, eastus)",
    ],
    ["none routed", [off("westeurope"), off("eastus")], "No replica"],
  ])("%s", (_name, replicas, label) => expect(globalRoutesTo(replicas)).toBe(label));

  it("is what the global row of the Endpoints table says, and only that row", () => {
    const rows = endpointTableRows(registry(), [off("westeurope"), replica("eastus")]);
    const routes = rows.map((r) => (r.type === "endpoint" ? r.routesTo : undefined));
    expect(routes[0]).toBe("1 of 2 replicas (not westeurope)");
    expect(routes.slice(1).every((r) => r === undefined)).toBe(true);
  });
});
