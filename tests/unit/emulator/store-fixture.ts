import type {
  EmulatorState,
  PrincipalState,
  RegistryState,
  ReplicationState,
} from "@/emulator/store/types";

function registry(subscriptionId: string, resourceGroup: string, name: string): RegistryState {
  return {
    subscriptionId,
    resourceGroup,
    name,
    location: "eastus",
    sku: "Premium",
    loginServer: `${name}.azurecr.io`,
    dnsSuffix: "azurecr.io",
    creationDate: "2025-01-01T00:00:00Z",
    provisioningState: "Succeeded",
    adminUserEnabled: false,
    dataEndpointEnabled: false,
    regionalEndpoints: "Disabled",
    publicNetworkAccess: "Enabled",
    zoneRedundancy: "Disabled",
    trustPolicyStatus: "disabled",
    tags: {},
  };
}

function replication(
  subscriptionId: string,
  resourceGroup: string,
  registryName: string,
  region: string,
): ReplicationState {
  return {
    subscriptionId,
    resourceGroup,
    registryName,
    region,
    provisioningState: "Succeeded",
    regionEndpointEnabled: true,
    zoneRedundancy: "Disabled",
    status: { displayStatus: "Ready", timestamp: "2025-01-01T00:00:00Z" },
    tags: {},
  };
}

export const operator: PrincipalState = {
  kind: "user",
  objectId: "0a1b2c3d-0000-4000-8000-00000000000a",
  displayName: "Operator",
  username: "Operator@Contoso.example",
  password: "pw",
  persona: "operator",
  assignments: [],
};
const automation: PrincipalState = {
  kind: "app",
  objectId: "0a1b2c3d-0000-4000-8000-00000000000b",
  displayName: "Automation",
  clientId: "client-1",
  clientSecret: "secret",
  persona: "automation",
  assignments: [],
};

/**
 * Two subscriptions holding a registry of the same name and group, and records stored with other
 * cases than the names that look them up.
 */
export function smallState(): EmulatorState {
  const beta = registry("sub-a", "rg-one", "beta");
  beta.loginServer = "beta-h4sh.azurecr.io";
  return {
    tenantId: "tenant",
    subscriptions: [
      { subscriptionId: "sub-a", displayName: "A", state: "Enabled" },
      { subscriptionId: "sub-b", displayName: "B", state: "Enabled" },
    ],
    registries: [
      registry("sub-a", "rg-one", "alpha"),
      beta,
      registry("sub-a", "rg-two", "gamma"),
      registry("sub-b", "rg-one", "alpha"),
    ],
    replications: [
      replication("sub-a", "rg-one", "alpha", "eastus"),
      replication("sub-a", "RG-One", "Alpha", "westeurope"),
      replication("sub-a", "rg-two", "gamma", "eastus"),
      replication("sub-b", "rg-one", "alpha", "japaneast"),
      replication("SUB-A", "rg-one", "alpha", "uksouth"),
    ],
    principals: [operator, automation],
    regions: { eastus: { latencyMs: 2, down: false, status: null } },
    repositories: [
      {
        subscriptionId: "sub-a",
        resourceGroup: "RG-ONE",
        registryName: "ALPHA",
        name: "web/app",
        tags: {},
      },
      {
        subscriptionId: "sub-b",
        resourceGroup: "rg-one",
        registryName: "alpha",
        name: "web/app",
        tags: {},
      },
    ],
  };
}
