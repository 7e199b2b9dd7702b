/**
 * The Azure CLI commands equivalent to each switch (Azure CLI 2.86+). The two are easy to confuse:
 * `az acr update --regional-endpoints` is registry-wide, `az acr replication update
 * --global-endpoint-routing` is per replica.
 */

/** `az acr update -n <registry> --regional-endpoints enabled|disabled` */
export function regionalEndpointsCommand(registryName: string, enabled: boolean): string {
  return `az acr update -n ${registryName} --regional-endpoints ${enabled ? "enabled" : "disabled"}`;
}

/** `az acr replication update -r <registry> -n <region> --global-endpoint-routing true|false` */
export function globalRoutingCommand(registryName: string, region: string, on: boolean): string {
  return `az acr replication update -r ${registryName} -n ${region} --global-endpoint-routing ${on}`;
}

/** The same with the flag's name before Azure CLI 2.86 (removed in 2.87). */
export function legacyGlobalRoutingCommand(
  registryName: string,
  region: string,
  on: boolean,
): string {
  return `az acr replication update -r ${registryName} -n ${region} --region-endpoint-enabled ${on}`;
}

/** `az acr update -n <registry> --data-endpoint-enabled true` */
export function dataEndpointsCommand(registryName: string): string {
  return `az acr update -n ${registryName} --data-endpoint-enabled true`;
}
