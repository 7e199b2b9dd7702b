/**
 * The app's own shapes. lib/azure maps ARM/SDK models into these; nothing above lib/ sees a
 * vendor type. The /api routes return exactly these (JSON).
 */

export type Sku = "Basic" | "Standard" | "Premium";

/** The values ARM stores in `properties.regionalEndpoints`; the switch writes one of them. */
export const REGIONAL_ENDPOINTS_VALUES = ["Enabled", "Disabled"] as const;
export type RegionalEndpointsValue = (typeof REGIONAL_ENDPOINTS_VALUES)[number];

export type ProvisioningState =
  "Creating" | "Updating" | "Deleting" | "Succeeded" | "Failed" | "Canceled";

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  tenantId?: string;
}

/** ARM id parts of a registry: /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name} */
export interface RegistryRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

export interface Registry extends RegistryRef {
  id: string;
  location: string;
  sku: Sku;
  loginServer: string;
  provisioningState: ProvisioningState;
  /** "NotAvailable" when the SKU cannot have regional endpoints (Basic, Standard). */
  regionalEndpoints: RegionalEndpointsValue | "NotAvailable";
  regionalEndpointHostNames: string[];
  dataEndpointEnabled: boolean;
  dataEndpointHostNames: string[];
  contentTrustEnabled: boolean;
  publicNetworkAccess: "Enabled" | "Disabled";
  tags: Record<string, string>;
  /** Replica count from the replication list; absent in inventory rows for non-Premium registries. */
  replicaCount?: number;
  /** Inventory rows: replicas Ready and attention items, from the fleet reading (lib/fleet). */
  health?: RegistryHealth;
}

/** A registry's health columns in the inventory, from the same reading as the fleet page. */
export interface RegistryHealth {
  readyReplicas: number;
  replicas: number;
  /** Items the fleet's `Needs attention` table lists for this registry. */
  attention: number;
}

export interface Replica {
  id: string;
  name: string;
  region: string;
  isHome: boolean;
  provisioningState: ProvisioningState;
  status: { displayStatus?: string; message?: string; timestamp?: string };
  zoneRedundancy: "Enabled" | "Disabled";
  /** ARM `regionEndpointEnabled`: whether the global name routes clients to this replica. */
  globalEndpointRouting: boolean;
}

export type EndpointKind = "global" | "regional" | "data";

export interface Endpoint {
  kind: EndpointKind;
  region: string | null;
  host: string;
  /** True for the `*.blob.core.windows.net` row of a registry without dedicated data endpoints. */
  wildcard?: boolean;
}

/**
 * What the signed-in user may change on one registry, from ARM's `Microsoft.Authorization/permissions`
 * (advisory: ARM still decides on each write), and the action each switch needs.
 */
export interface SwitchPermissions {
  /** May change registry-wide settings: the regional endpoints switch. */
  canWriteRegistry: boolean;
  /** May change replicas: each replica's global endpoint routing switch. */
  canWriteReplications: boolean;
  actions: { regionalEndpoints: string; globalEndpointRouting: string };
}

/** The one error body every /api route returns on failure. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string; status: number; details?: unknown };
}

export interface SubscriptionFailure {
  subscriptionId: string;
  error: ApiErrorBody["error"];
}

export interface RegistryInventory {
  registries: Registry[];
  failures: SubscriptionFailure[];
  /**
   * Where the health columns (and replica counts) came from: Azure Resource Graph, or ARM's lists
   * when Resource Graph failed, and when. Absent when no health could be read.
   */
  health?: { source: "resource-graph" | "arm"; asOf: string };
  /**
   * Set while the inventory is still arriving (the page's view of `GET /api/registries` line by
   * line): subscriptions listed so far, of all. Never sent by the server.
   */
  loading?: { read: number; subscriptions: number };
}

/** What the fleet reading adds to a registry the inventory listed: its replica count and health. */
export type RegistryReading = Pick<Registry, "replicaCount" | "health">;

/**
 * One line of `GET /api/registries` with `Accept: application/x-ndjson`: each subscription's
 * registries (`part`), then the end of the inventory (`end`), which does not repeat them:
 * `registries[i]` is what the fleet reading adds to the i-th registry the parts listed (in the
 * order they listed them), with the failures and where the health came from; or an `error`.
 */
export type InventoryLine =
  | { type: "part"; registries: Registry[]; read: number; subscriptions: number }
  | ({ type: "end"; registries: RegistryReading[] } & Omit<RegistryInventory, "registries">)
  | { type: "error"; error: ApiErrorBody["error"] };

/** What the browser needs to sign in (no secrets), from the server's configuration (lib/env). */
export interface PublicConfig {
  mode: "azure" | "emulator";
  clientId: string;
  tenantId: string;
  authority: string;
  knownAuthorities: string[];
  armScope: string;
}

/**
 * One change to a registry or one of its replicas, as Azure's Activity Log records it: the events
 * of one ARM write (begun, answered, and for a long-running operation ended) folded into one.
 */
export interface RegistryChange {
  /** ARM's operation id, shared by the change's events. */
  operationId: string;
  /** The request's correlation id (`x-ms-correlation-request-id`). */
  correlationId: string;
  /** When ARM took the request (its first event). */
  at: string;
  /** When its latest event happened. */
  lastAt: string;
  /** Who: the caller as the Activity Log names it (a user's sign-in name, an app's id). */
  caller: string;
  /** ARM's operation, e.g. `Microsoft.ContainerRegistry/registries/replications/write`. */
  operationName: string;
  /** What: the registry itself, or one replica (by its region name). */
  target: { kind: "registry" } | { kind: "replica"; name: string };
  resourceId: string;
  /** The HTTP method of the request, when the log has it. */
  method?: string;
  /**
   * The result of its latest event: `Succeeded`, `Failed`, `Accepted` (a long-running operation
   * still running, or ended without its last event listed yet), `Started`, or what Azure says.
   */
  result: string;
  /** Azure's sub-status of that event, e.g. `Forbidden`, `Created`. */
  subStatus?: string;
  /** For a failed change: ARM's error as the log recorded it (message bounded). */
  error?: { code?: string; message?: string };
}

/** The recent changes of a registry and its replicas, newest first, over one time range. */
export interface RegistryChanges {
  from: string;
  to: string;
  changes: RegistryChange[];
  /** More events were in the range than were read: older changes are missing. */
  truncated: boolean;
}
