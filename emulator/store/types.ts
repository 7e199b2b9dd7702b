/**
 * The emulator's persisted state: what Azure "holds". One JSON document under the state dir,
 * restored from the seed by `POST /_emulator/reset`. ARM handlers, the identity provider and the
 * data plane all read and write this shape through the Store.
 */

export type Sku = "Basic" | "Standard" | "Premium";
export type ProvisioningState =
  "Creating" | "Updating" | "Deleting" | "Succeeded" | "Failed" | "Canceled";
/**
 * Azure's built-in Owner, Contributor and Reader, and one custom role of the seeded tenant:
 * `Registry Configuration Reader` (Reader without image pull; see `arm/rbac.ts`).
 */
export type RoleName = "Owner" | "Contributor" | "Reader" | "Registry Configuration Reader";

export interface SubscriptionState {
  subscriptionId: string;
  displayName: string;
  state: "Enabled" | "Disabled" | "Warned";
}

export interface RegistryState {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: Sku;
  /** As Azure returns it, e.g. `contosoprod.azurecr.io` or `contosoweb-d7ahbgchb9e6f0h4.azurecr.io`. */
  loginServer: string;
  /** DNS suffix of the cloud, `azurecr.io`. Regional/data host names are derived from it by the emulator only. */
  dnsSuffix: string;
  creationDate: string;
  provisioningState: ProvisioningState;
  adminUserEnabled: boolean;
  dataEndpointEnabled: boolean;
  regionalEndpoints: "Enabled" | "Disabled";
  publicNetworkAccess: "Enabled" | "Disabled";
  zoneRedundancy: "Enabled" | "Disabled";
  trustPolicyStatus: "enabled" | "disabled";
  tags: Record<string, string>;
}

export interface ReplicationState {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
  /** The replication's name is its region, as Azure does by default. */
  region: string;
  provisioningState: ProvisioningState;
  regionEndpointEnabled: boolean;
  zoneRedundancy: "Enabled" | "Disabled";
  status: { displayStatus: string; message?: string; timestamp: string };
  tags: Record<string, string>;
}

export interface RoleAssignmentState {
  /** ARM scope: "/" (everything), "/subscriptions/<id>", or a resource group / resource id. */
  scope: string;
  role: RoleName;
}

export interface PrincipalState {
  kind: "user" | "app";
  /** Entra object id (`oid` claim). */
  objectId: string;
  displayName: string;
  /** Users only: sign-in name and demo password (shown on the login page). */
  username?: string;
  password?: string;
  /** Apps only: the confidential client's id and secret. */
  clientId?: string;
  clientSecret?: string;
  /** The label used in docs and endpoints.json: operator, teamlead, support, automation. */
  persona: string;
  assignments: RoleAssignmentState[];
}

export interface RegionState {
  /** Injected round-trip time for the data plane of this region. */
  latencyMs: number;
  /** Connections refused. */
  down: boolean;
  /** Force every data-plane answer of the region to this status (403, 429, 503), or null. */
  status: 403 | 429 | 503 | null;
}

export interface TagState {
  /** Digest per region of the replicas holding it; a region missing has not received it yet. */
  digests: Record<string, string>;
  mediaType: string;
  /**
   * Pushes still replicating: the digest each region will hold from `arrivesAt` (ISO time) on.
   * Applied lazily when read, so a restart neither loses nor hurries them.
   */
  pending?: Record<string, { digest: string; arrivesAt: string }>;
}

export interface RepositoryState {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
  name: string;
  tags: Record<string, TagState>;
}

/** Which seeded fleet a state grew from: the default eight registries, or the large one. */
export type FleetName = "default" | "large";

export interface EmulatorState {
  tenantId: string;
  /** Absent for the default fleet (state files from before the large fleet existed). */
  fleet?: FleetName;
  subscriptions: SubscriptionState[];
  registries: RegistryState[];
  replications: ReplicationState[];
  principals: PrincipalState[];
  regions: Record<string, RegionState>;
  repositories: RepositoryState[];
}
