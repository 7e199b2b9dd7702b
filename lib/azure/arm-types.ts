import "server-only";
/**
 * The ARM wire shapes lib/azure reads (JSON as ARM sends it, api-version 2026-01-01-preview for
 * registries; see the spec in shared/specs). Only the fields the console maps; everything is
 * optional because ARM omits defaults. These never leave lib/azure.
 */

export interface ArmSubscription {
  id?: string;
  subscriptionId?: string;
  displayName?: string;
  state?: string;
  tenantId?: string;
}

export interface ArmRegistry {
  id?: string;
  name?: string;
  location?: string;
  tags?: Record<string, string> | null;
  sku?: { name?: string; tier?: string };
  properties?: {
    loginServer?: string;
    provisioningState?: string;
    dataEndpointEnabled?: boolean;
    dataEndpointHostNames?: string[] | null;
    regionalEndpoints?: string;
    regionalEndpointHostNames?: string[] | null;
    publicNetworkAccess?: string;
    policies?: { trustPolicy?: { status?: string } | null } | null;
  };
}

export interface ArmReplication {
  id?: string;
  name?: string;
  location?: string;
  properties?: {
    provisioningState?: string;
    status?: { displayStatus?: string; message?: string; timestamp?: string } | null;
    regionEndpointEnabled?: boolean;
    zoneRedundancy?: string;
  };
}

/** `GET {resource}/providers/Microsoft.Authorization/permissions` items. */
export interface ArmPermission {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}
