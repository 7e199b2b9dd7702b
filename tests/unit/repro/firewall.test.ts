import { describe, expect, it } from "vitest";
import {
  firewallPlan,
  firewallPlanCsv,
  privateIpCount,
  smallestSubnetPrefix,
} from "@/lib/repro/firewall";

const base = {
  name: "contosoprod",
  loginServer: "contosoprod.azurecr.io",
  regionalEndpoints: "Enabled" as const,
  regionalEndpointHostNames: [
    "contosoprod.eastus.geo.azurecr.io",
    "contosoprod.westeurope.geo.azurecr.io",
    "contosoprod.japaneast.geo.azurecr.io",
  ],
  dataEndpointEnabled: false,
  dataEndpointHostNames: [],
};
const regions = ["eastus", "westeurope", "japaneast"];

describe("private endpoint arithmetic", () => {
  it("takes 1 + replicas (+ replicas with regional endpoints) IPs per virtual network", () => {
    expect(privateIpCount(3, true)).toBe(7);
    expect(privateIpCount(3, false)).toBe(4);
    expect(privateIpCount(1, false)).toBe(2);
  });

  it("finds the smallest subnet once Azure's five reserved addresses are counted", () => {
    expect(smallestSubnetPrefix(3)).toBe(29); // 8 - 5 = 3
    expect(smallestSubnetPrefix(4)).toBe(28); // 16 - 5 = 11
    expect(smallestSubnetPrefix(11)).toBe(28);
    expect(smallestSubnetPrefix(12)).toBe(27);
    expect(smallestSubnetPrefix(27)).toBe(27);
    expect(smallestSubnetPrefix(28)).toBe(26);
  });

  it("lists the private DNS records with their member names", () => {
    const plan = firewallPlan(base, regions, { global: true, regions: [] });
    expect(plan.privateEndpoint.ipsPerVnet).toBe(7);
    expect(plan.privateEndpoint.records.map((r) => [r.name, r.member])).toEqual([
      ["contosoprod", "registry"],
      ["contosoprod.eastus.data", "registry_data_eastus"],
      ["contosoprod.westeurope.data", "registry_data_westeurope"],
      ["contosoprod.japaneast.data", "registry_data_japaneast"],
      ["contosoprod.eastus.geo", "registry_eastus"],
      ["contosoprod.westeurope.geo", "registry_westeurope"],
      ["contosoprod.japaneast.geo", "registry_japaneast"],
    ]);
  });
});

describe("firewall allow-list", () => {
  it("names the regional host in use and the storage wildcard without dedicated data endpoints", () => {
    const plan = firewallPlan(base, regions, { global: false, regions: ["westeurope"] });
    expect(plan.rules.map((r) => r.fqdn)).toEqual([
      "contosoprod.westeurope.geo.azurecr.io",
      "*.blob.core.windows.net",
    ]);
  });

  it("names each data host of the replicas a global client can be routed to", () => {
    const plan = firewallPlan(
      {
        ...base,
        dataEndpointEnabled: true,
        dataEndpointHostNames: regions.map((r) => `contosoprod.${r}.data.azurecr.io`),
      },
      regions,
      { global: true, regions: ["eastus"] },
    );
    expect(plan.rules.map((r) => r.fqdn)).toEqual([
      "contosoprod.azurecr.io",
      "contosoprod.eastus.geo.azurecr.io",
      "contosoprod.eastus.data.azurecr.io",
      "contosoprod.westeurope.data.azurecr.io",
      "contosoprod.japaneast.data.azurecr.io",
    ]);
  });

  it("exports CSV with the one writer (formula-safe cells)", () => {
    const plan = firewallPlan(base, regions, { global: true, regions: ["westeurope"] });
    const csv = firewallPlanCsv(plan);
    expect(csv.split("\r\n")[0]).toBe("section,fqdn or record,port,kind,region,detail");
    expect(csv).toContain("firewall,contosoprod.westeurope.geo.azurecr.io,443,regional,westeurope");
    expect(csv).toContain("private dns,contosoprod.eastus.geo.privatelink.azurecr.io,,A,eastus");
  });
});
