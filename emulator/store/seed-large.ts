import { createHash } from "node:crypto";
import { REGION_RTT_MS, REGISTRIES, SUBSCRIPTIONS, type RegistrySeed } from "./seed-fleet";
import type { FleetName, Sku } from "./types";

/** `EMULATOR_FLEET`: `default` (the eight registries of seed-fleet.ts) or `large`. */
export function fleetFromEnv(env: Record<string, string | undefined> = process.env): FleetName {
  const raw = (env.EMULATOR_FLEET ?? "default").trim().toLowerCase() || "default";
  if (raw === "default" || raw === "large") return raw;
  throw new Error(`EMULATOR_FLEET must be default or large, got "${env.EMULATOR_FLEET}"`);
}

/*
 * The large fleet (`EMULATOR_FLEET=large`): the default seed plus generated registries, 50
 * subscriptions and 1,000 registries with about 10,000 replicas across 31 real region names, for
 * benchmarks and scale tests. Deterministic: a fixed-seed generator, no clock. The demo users'
 * role assignments (operator and team lead on `/`, support on Contoso Production) span it as they
 * span the default fleet.
 */

export const LARGE_FLEET = { subscriptions: 50, registries: 1000 } as const;

/**
 * Round trips from a console in East US for the regions only the large fleet uses (the emulator's
 * choice, in the order of magnitude of public inter-region latency tables).
 */
export const LARGE_FLEET_EXTRA_RTT_MS: Record<string, number> = {
  westus: 62,
  westus3: 58,
  northcentralus: 20,
  southcentralus: 30,
  canadaeast: 22,
  ukwest: 78,
  francecentral: 82,
  germanywestcentral: 88,
  switzerlandnorth: 92,
  norwayeast: 95,
  swedencentral: 100,
  japanwest: 155,
  eastasia: 195,
  australiasoutheast: 205,
  southindia: 210,
  uaenorth: 185,
  southafricanorth: 230,
};

/** Every region of the large fleet with its RTT. */
export function largeFleetRegions(): Record<string, number> {
  return { ...REGION_RTT_MS, ...LARGE_FLEET_EXTRA_RTT_MS };
}

/** mulberry32: a small, fast, deterministic generator (the sequence is fixed by the seed). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A GUID made from a name (stable across runs). */
function guidOf(name: string): string {
  const h = createHash("sha256").update(`acr-geo-console-large-fleet/${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface LargeSubscription {
  key: string;
  subscriptionId: string;
  displayName: string;
}

/** The 3 named subscriptions of the default seed and 47 generated ones. */
export function largeFleetSubscriptions(): LargeSubscription[] {
  const named: LargeSubscription[] = [
    {
      key: "production",
      subscriptionId: SUBSCRIPTIONS.production,
      displayName: "Contoso Production",
    },
    { key: "staging", subscriptionId: SUBSCRIPTIONS.staging, displayName: "Contoso Staging" },
    {
      key: "shared",
      subscriptionId: SUBSCRIPTIONS.shared,
      displayName: "Contoso Shared Services",
    },
  ];
  const generated = Array.from({ length: LARGE_FLEET.subscriptions - named.length }, (_, i) => {
    const n = String(i + 1).padStart(2, "0");
    return {
      key: `fleet${n}`,
      subscriptionId: guidOf(`subscription-${n}`),
      displayName: `Fabrikam Fleet ${n}`,
    };
  });
  return [...named, ...generated];
}

/** A generated registry: the seed's shape, with its subscription given by id. */
export interface LargeRegistrySeed extends Omit<RegistrySeed, "sub"> {
  subscriptionId: string;
  /** Replicas whose last change failed (provisioningState Failed). */
  failed?: string[];
}

const TEAMS = ["web", "api", "data", "ml", "platform", "mobile", "payments", "search"];
const ENVS = ["prod", "staging", "dev", "shared"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return out;
}

/**
 * The generated registries (the default seed's eight come first, from seed-fleet.ts). About 85%
 * are Premium with 2 to 21 replicas; among replicas a few are Failed, Syncing or
 * excluded from global endpoint routing, so the fleet page has something to show.
 */
export function largeFleetRegistries(): LargeRegistrySeed[] {
  const random = generator(0x5eed_f1ee);
  const subs = largeFleetSubscriptions();
  const regions = Object.keys(largeFleetRegions()).sort();
  const base: LargeRegistrySeed[] = REGISTRIES.map(({ sub, ...rest }) => ({
    ...rest,
    subscriptionId: SUBSCRIPTIONS[sub],
  }));
  const out: LargeRegistrySeed[] = [...base];
  for (let i = 0; out.length < LARGE_FLEET.registries; i++) {
    const sub = subs[i % subs.length]!;
    const team = pick(random, TEAMS);
    const env = pick(random, ENVS);
    const n = String(i + 1).padStart(4, "0");
    const roll = random();
    const sku: Sku = roll < 0.85 ? "Premium" : roll < 0.95 ? "Standard" : "Basic";
    const location = pick(random, regions);
    const seed: LargeRegistrySeed = {
      subscriptionId: sub.subscriptionId,
      rg: `rg-${team}-${env}`,
      name: `${team}${env}${n}`,
      location,
      sku,
      tags: { env, owner: `${team}-team` },
      repos: { [`${team}/service`]: ["1.0.0"] },
    };
    if (sku === "Premium") {
      // 1 to 20 replicas besides home: about 11.5 per Premium registry in all.
      const count = 1 + Math.floor(random() * 20);
      const others = sample(
        random,
        regions.filter((r) => r !== location),
        count,
      );
      seed.replicas = others;
      seed.regionalEndpoints = random() < 0.4;
      seed.dataEndpointEnabled = random() < 0.6;
      seed.zoneRedundancy = random() < 0.3;
      const all = [location, ...others];
      for (const region of all) {
        const r = random();
        if (r < 0.004) (seed.failed ??= []).push(region);
        else if (r < 0.02) (seed.syncing ??= []).push(region);
        else if (r < 0.035 && region !== location) (seed.excluded ??= []).push(region);
      }
    }
    out.push(seed);
  }
  return out;
}
