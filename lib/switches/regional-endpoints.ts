import { REGIONAL_ENDPOINTS_API_VERSION, REGISTRY_WRITE } from "../arm-constants";
import { regionOfHost } from "../endpoints/host";
import type { Registry, RegionalEndpointsValue, Replica } from "../types";
import { dataEndpointsCommand, regionalEndpointsCommand } from "./cli";
import type { AttemptedChange } from "./failure";
import { busyReason, isTransitional, missingActionReason, type SwitchGuard } from "./guard";

export const REGIONAL_ENDPOINTS_PROPERTY = "properties.regionalEndpoints";

type GuardRegistry = Pick<
  Registry,
  "name" | "sku" | "provisioningState" | "contentTrustEnabled" | "dataEndpointEnabled"
>;

/**
 * Whether the regional endpoints switch may move to `enable` (true: on). Basic and Standard cannot
 * have them; a user without `registries/write` cannot change them; Content Trust blocks turning
 * them on (the Azure CLI refuses too); turning them on without dedicated data endpoints is
 * allowed with the CLI's recommendation to enable those.
 */
export function regionalEndpointsGuard(
  registry: GuardRegistry,
  enable: boolean,
  permission: { canWrite: boolean; action: string } | undefined,
): SwitchGuard {
  if (registry.sku !== "Premium") {
    return {
      kind: "unavailable",
      reason: `Regional endpoints need the Premium SKU; this registry is ${registry.sku}.`,
    };
  }
  if (permission && !permission.canWrite) {
    return {
      kind: "unavailable",
      reason: missingActionReason(permission.action, "regional endpoints"),
    };
  }
  if (isTransitional(registry.provisioningState)) {
    return { kind: "unavailable", reason: busyReason("the registry", registry.provisioningState) };
  }
  if (enable && registry.contentTrustEnabled) {
    return {
      kind: "refused",
      reason:
        "Content Trust is enabled on this registry (policies.trustPolicy.status), and regional endpoints cannot be turned on while it is: the Azure CLI refuses the same change. Turn Content Trust off first if you no longer rely on it.",
    };
  }
  if (enable && !registry.dataEndpointEnabled) {
    return {
      kind: "allowed",
      recommendation: `Dedicated data endpoints are off, so layers still download from *.blob.core.windows.net hosts shared by all replicas. The Azure CLI recommends turning them on with regional endpoints, so that each region has its own data host a firewall can allow by name: ${dataEndpointsCommand(registry.name)}.`,
    };
  }
  return { kind: "allowed" };
}

/** A regional host name in the dialog, with whether ARM listed it or it is only expected. */
export interface RegionalHost {
  region: string;
  host: string;
}

export interface RegionalEndpointsPreview {
  enable: boolean;
  /**
   * `expected`: before turning on, ARM has not created the names yet; these follow the pattern
   * `<login-label>.<region>.geo.<suffix>` and are labelled as expected. `listed`: before turning
   * off, the names exactly as ARM lists them in `regionalEndpointHostNames`.
   */
  hostNames:
    | { source: "expected"; pattern: string; hosts: RegionalHost[] }
    | { source: "listed"; hosts: RegionalHost[] };
  /** What the change does, one sentence each. */
  effects: string[];
  command: string;
  property: string;
  value: RegionalEndpointsValue;
  apiVersion: string;
}

/** `<login-label>.<region>.geo.<suffix>` for one region, from the login server ARM returned. */
export function expectedRegionalHost(loginServer: string, region: string): string {
  const [label, ...suffix] = loginServer.toLowerCase().split(".");
  return `${label}.${region}.geo.${suffix.join(".")}`;
}

/**
 * What the confirmation dialog says turning regional endpoints on (`enable`) or off does: the
 * regional host names that appear or disappear, the effect on clients, the CLI command and the
 * ARM property.
 */
export function regionalEndpointsPreview(
  registry: Pick<Registry, "name" | "loginServer" | "regionalEndpointHostNames">,
  replicas: Pick<Replica, "region">[],
  enable: boolean,
): RegionalEndpointsPreview {
  const common = {
    enable,
    command: regionalEndpointsCommand(registry.name, enable),
    property: REGIONAL_ENDPOINTS_PROPERTY,
    value: enable ? ("Enabled" as const) : ("Disabled" as const),
    apiVersion: REGIONAL_ENDPOINTS_API_VERSION,
  };
  if (enable) {
    const [label, ...suffix] = registry.loginServer.toLowerCase().split(".");
    return {
      ...common,
      hostNames: {
        source: "expected",
        pattern: `${label}.<region>.geo.${suffix.join(".")}`,
        hosts: replicas.map((r) => ({
          region: r.region,
          host: expectedRegionalHost(registry.loginServer, r.region),
        })),
      },
      effects: [
        `ARM adds one login server per replica (${replicas.length}), each always reaching its own replica whatever global endpoint routing does. ARM does not publish the names before it creates them: the Endpoints table shows the names ARM returns once the change is done.`,
        `The global login server ${registry.loginServer} keeps working as before.`,
        "Clients log in to each regional login server separately (az acr login --name <registry> --endpoint <region>).",
        "If the registry has private endpoints, each one needs one more private IP and DNS record per replica.",
      ],
    };
  }
  const hosts = registry.regionalEndpointHostNames.map((host) => ({
    region: regionOfHost(host) ?? host,
    host,
  }));
  return {
    ...common,
    hostNames: { source: "listed", hosts },
    effects: [
      `These ${hosts.length} regional login servers disappear. Workloads pinned to them (image references, docker login, pull secrets) stop resolving and fail to pull.`,
      `Clients of the global login server ${registry.loginServer} are not affected.`,
    ],
  };
}

/** Turning regional endpoints on (`enable`) or off, as a failure report names it. */
export function regionalEndpointsChange(enable: boolean): AttemptedChange {
  return {
    label: `turn regional endpoints ${enable ? "on" : "off"}`,
    target: "registry",
    action: REGISTRY_WRITE,
  };
}
