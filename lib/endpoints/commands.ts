import type { Registry } from "@/lib/types";
import { regionOfHost } from "./host";

/** The commands a user runs to work against one region's regional endpoint. */
export interface RegionCommands {
  region: string;
  host: string;
  login: string;
  pull: string;
}

export const REPOSITORY_PLACEHOLDER = "<repository>";
export const TAG_PLACEHOLDER = "<tag>";

/**
 * Per region with a regional endpoint: `az acr login --name <n> --endpoint <region>` (logs Docker
 * in to that regional host) and `docker pull <regional host>/<repo>:<tag>`. Empty while regional
 * endpoints are off: then there is no regional host to log in to.
 */
export function regionCommands(
  registry: Pick<Registry, "name" | "regionalEndpoints" | "regionalEndpointHostNames">,
  repository = REPOSITORY_PLACEHOLDER,
  tag = TAG_PLACEHOLDER,
): RegionCommands[] {
  if (registry.regionalEndpoints !== "Enabled") return [];
  const repo = repository.trim() || REPOSITORY_PLACEHOLDER;
  const ref = tag.trim() || TAG_PLACEHOLDER;
  return registry.regionalEndpointHostNames.map((host) => {
    const region = regionOfHost(host) ?? host;
    return {
      region,
      host,
      login: `az acr login --name ${registry.name} --endpoint ${region}`,
      pull: `docker pull ${host}/${repo}:${ref}`,
    };
  });
}
