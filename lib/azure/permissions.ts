import "server-only";
import { REGISTRY_WRITE, REPLICATION_WRITE } from "../arm-constants";
import type { RegistryRef } from "../types";
import { registryArmPath } from "../arm-id";
import { armListAll } from "./arm-request";
import type { ArmPermission } from "./arm-types";
import type { ArmClients } from "./client";

export const PERMISSIONS_API_VERSION = "2022-04-01";

/** What the caller may change on one registry, as ARM's permissions API reports it. */
export interface RegistryPermissions {
  /** May change registry-wide settings (regional endpoints). */
  canWriteRegistry: boolean;
  /** May change replicas (global endpoint routing). */
  canWriteReplications: boolean;
}

function matches(pattern: string, action: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i").test(action);
}

/**
 * Whether `action` is granted: some permission entry lists it in `actions` (wildcards allowed)
 * and that same entry does not exclude it in `notActions`, as Azure RBAC evaluates them.
 */
export function isActionAllowed(permissions: readonly ArmPermission[], action: string): boolean {
  return permissions.some(
    (p) =>
      (p.actions ?? []).some((a) => matches(a, action)) &&
      !(p.notActions ?? []).some((n) => matches(n, action)),
  );
}

/**
 * The caller's effective permissions on a registry
 * (`GET <registry>/providers/Microsoft.Authorization/permissions`). Advisory only: ARM still
 * decides on each write.
 */
export async function getRegistryPermissions(
  clients: ArmClients,
  ref: RegistryRef,
): Promise<RegistryPermissions> {
  const path = `${registryArmPath(ref)}/providers/Microsoft.Authorization/permissions`;
  const permissions = await armListAll<ArmPermission>(clients, path, PERMISSIONS_API_VERSION);
  return {
    canWriteRegistry: isActionAllowed(permissions, REGISTRY_WRITE),
    canWriteReplications: isActionAllowed(permissions, REPLICATION_WRITE),
  };
}
