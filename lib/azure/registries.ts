import "server-only";
import { REGIONAL_ENDPOINTS_API_VERSION } from "../arm-constants";
import type { Registry, RegistryRef } from "../types";
import { registryArmPath, subscriptionRegistriesArmPath } from "../arm-id";
import { armGet, armListAll } from "./arm-request";
import type { ArmRegistry } from "./arm-types";
import type { ArmClients } from "./client";
import { toRegistry } from "./map";

// Registries are read at the preview api-version: the only one whose answers carry
// `regionalEndpoints` and `regionalEndpointHostNames` (the typed 2025-11-01 models drop them).

/** One registry: exactly one ARM read. ARM's 404 (and 403) come back as ApiError. */
export async function getRegistry(clients: ArmClients, ref: RegistryRef): Promise<Registry> {
  const path = registryArmPath(ref);
  return toRegistry(await armGet<ArmRegistry>(clients, path, REGIONAL_ENDPOINTS_API_VERSION));
}

/** Every registry of a subscription, following `nextLink` to the end (one ARM read per page). */
export async function listRegistries(
  clients: ArmClients,
  subscriptionId: string,
): Promise<Registry[]> {
  const path = subscriptionRegistriesArmPath(subscriptionId);
  const items = await armListAll<ArmRegistry>(clients, path, REGIONAL_ENDPOINTS_API_VERSION);
  return items.map(toRegistry);
}
