import { createHash } from "node:crypto";
import type {
  EmulatorState,
  PrincipalState,
  RegionState,
  RegistryState,
  ReplicationState,
  RepositoryState,
  Sku,
  TagState,
} from "./types";

/*
 * The emulated fleet. Deterministic (no clock, no randomness) so tests and screenshots are stable
 * and `POST /_emulator/reset` always lands on the same state. The table in emulator/README.md
 * describes it; keep both in step.
 */

export const TENANT_ID = "4f3c2b1a-9e8d-4c7b-a6f5-0e1d2c3b4a59";

/** The console's SPA app registration in the emulated tenant (the identity provider registers it). */
export const SPA_CLIENT_ID = "3c9f4e2a-7d1b-4b8e-9a5f-6e2d8c0b1a47";

export const SUBSCRIPTIONS = {
  production: "6b1f3e2a-4c5d-4e8f-9a0b-1c2d3e4f5a60",
  staging: "8d2e4f6a-1b3c-4d5e-8f7a-9b0c1d2e3f41",
  shared: "c4e6a8b0-2d4f-4a6c-8e0b-2d4f6a8c0e12",
} as const;

/** Round trips as seen from a console hosted in East US. */
const REGION_RTT_MS: Record<string, number> = {
  eastus: 2,
  eastus2: 5,
  canadacentral: 18,
  centralus: 24,
  westus2: 64,
  northeurope: 72,
  uksouth: 75,
  westeurope: 80,
  brazilsouth: 120,
  japaneast: 150,
  koreacentral: 170,
  centralindia: 190,
  australiaeast: 200,
  southeastasia: 220,
};

const CREATED = "2024-03-14T09:26:53.5897521Z";
const SYNCED = "2026-11-20T08:15:02.1830000Z";
const MEDIA_INDEX = "application/vnd.oci.image.index.v1+json";
const MEDIA_DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

interface RegistrySeed {
  sub: keyof typeof SUBSCRIPTIONS;
  rg: string;
  name: string;
  location: string;
  sku: Sku;
  loginLabel?: string;
  regionalEndpoints?: boolean;
  dataEndpointEnabled?: boolean;
  zoneRedundancy?: boolean;
  tags: Record<string, string>;
  /** Replica regions after the home region (Premium only). */
  replicas?: string[];
  /** Replicas excluded from routing of the global name. */
  excluded?: string[];
  /** Replicas still receiving content. */
  syncing?: string[];
  repos: Record<string, string[]>;
}

const REGISTRIES: RegistrySeed[] = [
  {
    sub: "production",
    rg: "rg-registry-prod",
    name: "contosoprod",
    location: "eastus",
    sku: "Premium",
    regionalEndpoints: true,
    zoneRedundancy: true,
    tags: { env: "prod", owner: "platform-team" },
    replicas: [
      "westeurope",
      "southeastasia",
      "japaneast",
      "australiaeast",
      "brazilsouth",
      "uksouth",
    ],
    repos: { "web/frontend": ["1.4.2", "latest"], "api/orders": ["2.0.1", "latest"] },
  },
  {
    sub: "production",
    rg: "rg-web-prod",
    name: "contosoweb",
    location: "westeurope",
    sku: "Premium",
    loginLabel: "contosoweb-d7ahbgchb9e6f0h4",
    tags: { env: "prod", owner: "web-team" },
    replicas: ["eastus", "uksouth"],
    excluded: ["uksouth"],
    repos: { storefront: ["3.2.0", "latest"] },
  },
  {
    sub: "production",
    rg: "rg-ml-prod",
    name: "contosoml",
    location: "eastus",
    sku: "Premium",
    tags: { env: "prod", owner: "ml-team" },
    replicas: ["japaneast", "centralindia"],
    syncing: ["centralindia"],
    repos: { "models/resnet": ["v3", "v2"], "serving/triton": ["24.08"] },
  },
  {
    sub: "production",
    rg: "rg-ci",
    name: "contosobuild",
    location: "eastus",
    sku: "Standard",
    tags: { env: "ci" },
    repos: { "ci/runner": ["2.319.1"] },
  },
  {
    sub: "staging",
    rg: "rg-staging",
    name: "fabrikamstaging",
    location: "westus2",
    sku: "Premium",
    tags: { env: "staging" },
    replicas: ["eastus"],
    repos: { "web/frontend": ["1.5.0-rc.1"] },
  },
  {
    sub: "staging",
    rg: "rg-dev",
    name: "fabrikamdev",
    location: "eastus",
    sku: "Basic",
    tags: { env: "dev" },
    repos: { sandbox: ["latest"] },
  },
  {
    sub: "shared",
    rg: "rg-shared-images",
    name: "sharedbase",
    location: "northeurope",
    sku: "Premium",
    dataEndpointEnabled: true,
    zoneRedundancy: true,
    tags: { env: "shared", owner: "platform-team", purpose: "base-images" },
    replicas: ["eastus", "southeastasia", "australiaeast", "koreacentral"],
    repos: { "base/ubuntu": ["24.04", "22.04"], "base/node": ["20-slim", "22-slim"] },
  },
  {
    sub: "shared",
    rg: "rg-shared-tools",
    name: "sharedtools",
    location: "eastus",
    sku: "Standard",
    tags: { env: "shared", owner: "tools-team" },
    repos: { "tools/terraform": ["1.9.5"] },
  },
];

function digest(...parts: string[]): string {
  return `sha256:${createHash("sha256").update(parts.join("/")).digest("hex")}`;
}

function registryState(seed: RegistrySeed): RegistryState {
  const label = seed.loginLabel ?? seed.name;
  return {
    subscriptionId: SUBSCRIPTIONS[seed.sub],
    resourceGroup: seed.rg,
    name: seed.name,
    location: seed.location,
    sku: seed.sku,
    loginServer: `${label}.azurecr.io`,
    dnsSuffix: "azurecr.io",
    creationDate: CREATED,
    provisioningState: "Succeeded",
    adminUserEnabled: false,
    dataEndpointEnabled: seed.dataEndpointEnabled ?? false,
    regionalEndpoints: seed.regionalEndpoints ? "Enabled" : "Disabled",
    publicNetworkAccess: "Enabled",
    zoneRedundancy: seed.zoneRedundancy ? "Enabled" : "Disabled",
    trustPolicyStatus: "disabled",
    tags: seed.tags,
  };
}

/** Geo-replication is Premium only; a Premium registry lists its home region as a replica too. */
function replicaRegions(seed: RegistrySeed): string[] {
  return seed.sku === "Premium" ? [seed.location, ...(seed.replicas ?? [])] : [];
}

function replicationStates(seed: RegistrySeed): ReplicationState[] {
  return replicaRegions(seed).map((region) => {
    const syncing = seed.syncing?.includes(region) ?? false;
    return {
      subscriptionId: SUBSCRIPTIONS[seed.sub],
      resourceGroup: seed.rg,
      registryName: seed.name,
      region,
      provisioningState: "Succeeded",
      regionEndpointEnabled: !(seed.excluded?.includes(region) ?? false),
      zoneRedundancy: seed.zoneRedundancy ? "Enabled" : "Disabled",
      status: syncing
        ? {
            displayStatus: "Syncing",
            message: "Replicating content from the home region.",
            timestamp: SYNCED,
          }
        : { displayStatus: "Ready", timestamp: SYNCED },
      tags: {},
    };
  });
}

/**
 * Every replica holds every tag, except that a syncing replica lacks the first tag of each
 * repository and holds an older digest of the second, as a replica catching up would.
 */
function repositoryStates(seed: RegistrySeed): RepositoryState[] {
  const regions = replicaRegions(seed);
  const holders = regions.length > 0 ? regions : [seed.location];
  return Object.entries(seed.repos).map(([name, tagNames]) => {
    const tags: Record<string, TagState> = {};
    tagNames.forEach((tag, index) => {
      const current = digest(seed.name, name, tag);
      const digests: Record<string, string> = {};
      for (const region of holders) {
        const syncing = seed.syncing?.includes(region) ?? false;
        if (syncing && index === 0) continue;
        digests[region] = syncing ? digest(seed.name, name, tag, "previous") : current;
      }
      tags[tag] = { digests, mediaType: index % 2 === 0 ? MEDIA_INDEX : MEDIA_DOCKER };
    });
    return {
      subscriptionId: SUBSCRIPTIONS[seed.sub],
      resourceGroup: seed.rg,
      registryName: seed.name,
      name,
      tags,
    };
  });
}

const PRINCIPALS: PrincipalState[] = [
  {
    kind: "user",
    objectId: "0b7e5c1d-2f3a-4b6c-8d9e-1a2b3c4d5e61",
    displayName: "Olivia Operator",
    username: "operator@contoso.example",
    password: "Operator-demo-1",
    persona: "operator",
    assignments: [{ scope: "/", role: "Contributor" }],
  },
  {
    kind: "user",
    objectId: "1c8f6d2e-3a4b-4c7d-9e0f-2b3c4d5e6f72",
    displayName: "Tomas Teamlead",
    username: "teamlead@contoso.example",
    password: "Teamlead-demo-1",
    persona: "teamlead",
    assignments: [{ scope: "/", role: "Reader" }],
  },
  {
    kind: "user",
    objectId: "2d9a7e3f-4b5c-4d8e-af10-3c4d5e6f7a83",
    displayName: "Sam Support",
    username: "support@contoso.example",
    password: "Support-demo-1",
    persona: "support",
    assignments: [{ scope: `/subscriptions/${SUBSCRIPTIONS.production}`, role: "Reader" }],
  },
  {
    kind: "app",
    objectId: "3e0b8f4a-5c6d-4e9f-b021-4d5e6f7a8b94",
    displayName: "ACR automation",
    clientId: "5a1d9b3c-6e7f-4a0b-8c2d-5e6f7a8b9c05",
    clientSecret: "automation-demo-secret-7Qv2",
    persona: "automation",
    assignments: [{ scope: "/", role: "Contributor" }],
  },
];

function regionStates(): Record<string, RegionState> {
  return Object.fromEntries(
    Object.entries(REGION_RTT_MS).map(([region, latencyMs]) => [
      region,
      { latencyMs, down: false, status: null },
    ]),
  );
}

/** A fresh copy of the seed state (callers may mutate it). */
export function seedState(): EmulatorState {
  return structuredClone({
    tenantId: TENANT_ID,
    subscriptions: [
      {
        subscriptionId: SUBSCRIPTIONS.production,
        displayName: "Contoso Production",
        state: "Enabled",
      },
      { subscriptionId: SUBSCRIPTIONS.staging, displayName: "Contoso Staging", state: "Enabled" },
      {
        subscriptionId: SUBSCRIPTIONS.shared,
        displayName: "Contoso Shared Services",
        state: "Enabled",
      },
    ],
    registries: REGISTRIES.map(registryState),
    replications: REGISTRIES.flatMap(replicationStates),
    principals: PRINCIPALS,
    regions: regionStates(),
    repositories: REGISTRIES.flatMap(repositoryStates),
  });
}
