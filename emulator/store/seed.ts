import { createHash } from "node:crypto";
import { PRINCIPALS, REGION_RTT_MS, REGISTRIES, SUBSCRIPTIONS } from "./seed-fleet";
import {
  largeFleetRegions,
  largeFleetRegistries,
  largeFleetSubscriptions,
  type LargeRegistrySeed,
} from "./seed-large";
import type {
  EmulatorState,
  FleetName,
  RegionState,
  RegistryState,
  ReplicationState,
  RepositoryState,
  TagState,
} from "./types";

/*
 * The seed state, built from the fleet in seed-fleet.ts. Deterministic (no clock, no randomness)
 * so tests and screenshots are stable and `POST /_emulator/reset` always lands on the same state.
 */

const TENANT_ID = "4f3c2b1a-9e8d-4c7b-a6f5-0e1d2c3b4a59";

/** The console's SPA app registration in the emulated tenant (the identity provider registers it). */
export const SPA_CLIENT_ID = "3c9f4e2a-7d1b-4b8e-9a5f-6e2d8c0b1a47";

const CREATED = "2024-03-14T09:26:53.5897521Z";
const SYNCED = "2026-11-20T08:15:02.1830000Z";
const MEDIA_INDEX = "application/vnd.oci.image.index.v1+json";
const MEDIA_DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

function digest(...parts: string[]): string {
  return `sha256:${createHash("sha256").update(parts.join("/")).digest("hex")}`;
}

/** A registry of either fleet, its subscription given by id. */
type Seed = LargeRegistrySeed;

function registryState(seed: Seed): RegistryState {
  const label = seed.loginLabel ?? seed.name;
  return {
    subscriptionId: seed.subscriptionId,
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
function replicaRegions(seed: Seed): string[] {
  return seed.sku === "Premium" ? [seed.location, ...(seed.replicas ?? [])] : [];
}

function replicationStates(seed: Seed): ReplicationState[] {
  return replicaRegions(seed).map((region) => {
    const syncing = seed.syncing?.includes(region) ?? false;
    const failed = seed.failed?.includes(region) ?? false;
    return {
      subscriptionId: seed.subscriptionId,
      resourceGroup: seed.rg,
      registryName: seed.name,
      region,
      provisioningState: failed ? "Failed" : "Succeeded",
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
 * repository and holds an older digest of the second, as a replica catching up would; a replica a
 * tag has `diverged` on holds that tag's previous digest.
 */
function repositoryStates(seed: Seed): RepositoryState[] {
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
        const behind = syncing || (seed.diverged?.[`${name}:${tag}`]?.includes(region) ?? false);
        digests[region] = behind ? digest(seed.name, name, tag, "previous") : current;
      }
      tags[tag] = { digests, mediaType: index % 2 === 0 ? MEDIA_INDEX : MEDIA_DOCKER };
    });
    return {
      subscriptionId: seed.subscriptionId,
      resourceGroup: seed.rg,
      registryName: seed.name,
      name,
      tags,
    };
  });
}

function regionStates(rtts: Record<string, number>): Record<string, RegionState> {
  return Object.fromEntries(
    Object.entries(rtts).map(([region, latencyMs]) => [
      region,
      { latencyMs, down: false, status: null },
    ]),
  );
}

const DEFAULT_SEEDS: Seed[] = REGISTRIES.map(({ sub, ...rest }) => ({
  ...rest,
  subscriptionId: SUBSCRIPTIONS[sub],
}));

/** The large fleet, built once per process: generating it costs tens of milliseconds. */
let largeState: EmulatorState | undefined;

function buildLargeState(): EmulatorState {
  const seeds = largeFleetRegistries();
  return {
    tenantId: TENANT_ID,
    fleet: "large",
    subscriptions: largeFleetSubscriptions().map((s) => ({
      subscriptionId: s.subscriptionId,
      displayName: s.displayName,
      state: "Enabled",
    })),
    registries: seeds.map(registryState),
    replications: seeds.flatMap(replicationStates),
    principals: PRINCIPALS,
    regions: regionStates(largeFleetRegions()),
    repositories: seeds.flatMap(repositoryStates),
  };
}

/**
 * A fresh copy of the seed state (callers may mutate it): the default fleet, or with `"large"`
 * the large one (seed-large.ts).
 */
export function seedState(fleet: FleetName = "default"): EmulatorState {
  if (fleet === "large") {
    largeState ??= buildLargeState();
    return structuredClone(largeState);
  }
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
    registries: DEFAULT_SEEDS.map(registryState),
    replications: DEFAULT_SEEDS.flatMap(replicationStates),
    principals: PRINCIPALS,
    regions: regionStates(REGION_RTT_MS),
    repositories: DEFAULT_SEEDS.flatMap(repositoryStates),
  });
}
