import { API_VERSION_TABLE, type ApiVersionProperties } from "./api-version-table";
import { armErrors } from "./errors";

/** A Microsoft.ContainerRegistry api-version the emulator serves, with what its swagger defines. */
export interface ApiVersion {
  /** As published (lowercase), e.g. `2025-11-01` or `2026-01-01-preview`. */
  name: string;
  properties: ApiVersionProperties;
}

/**
 * Every published Microsoft.ContainerRegistry api-version of the registry API, oldest first:
 * ARM keeps serving each one, so a client pinned to an old version still works.
 */
export const REGISTRY_API_VERSIONS: readonly string[] = Object.keys(API_VERSION_TABLE);

/**
 * The api-versions ARM's Microsoft.Resources front door accepts for every path it owns
 * (subscriptions, tenants, generic resources): one list for the whole namespace. The older ones
 * are those ARM itself lists in its InvalidApiVersionParameter message (Azure/azure-cli#28038,
 * 2023); the newer ones are the resources/subscriptions swaggers published since.
 */
export const RESOURCES_API_VERSIONS = [
  "2025-04-01",
  "2025-03-01",
  "2024-11-01",
  "2024-07-01",
  "2024-03-01",
  "2023-07-01",
  "2023-07-01-preview",
  "2023-03-01-preview",
  "2022-12-01",
  "2022-11-01-preview",
  "2022-09-01",
  "2022-06-01",
  "2022-05-01",
  "2022-03-01-preview",
  "2022-01-01",
  "2021-04-01",
  "2021-01-01",
  "2020-10-01",
  "2020-09-01",
  "2020-08-01",
  "2020-07-01",
  "2020-06-01",
  "2020-05-01",
  "2020-01-01",
  "2019-11-01",
  "2019-10-01",
  "2019-09-01",
  "2019-08-01",
  "2019-07-01",
  "2019-06-01",
  "2019-05-10",
  "2019-05-01",
  "2019-03-01",
  "2018-11-01",
  "2018-09-01",
  "2018-08-01",
  "2018-07-01",
  "2018-06-01",
  "2018-05-01",
  "2018-02-01",
  "2018-01-01",
  "2017-12-01",
  "2017-08-01",
  "2017-06-01",
  "2017-05-10",
  "2017-05-01",
  "2017-03-01",
  "2016-09-01",
  "2016-07-01",
  "2016-06-01",
  "2016-02-01",
  "2015-11-01",
  "2015-01-01",
  "2014-04-01-preview",
  "2014-04-01",
  "2014-01-01",
  "2013-03-01",
  "2014-02-26",
  "2014-04",
] as const;

export const PERMISSIONS_API_VERSIONS = ["2015-07-01", "2018-01-01-preview", "2022-04-01"] as const;

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}(-preview|-beta|-alpha|-privatepreview)?$/i;

/** Resource types of Microsoft.ContainerRegistry the emulator serves, as ARM names them in errors. */
export type RegistryResourceType = "registries" | "registries/replications";

/** The versions that serve `type`: replications arrived after the first registry version. */
export function versionsServing(type: RegistryResourceType): string[] {
  return REGISTRY_API_VERSIONS.filter(
    (v) => type === "registries" || API_VERSION_TABLE[v]?.replication !== undefined,
  );
}

/**
 * The request's api-version when it is a published Microsoft.ContainerRegistry version that
 * serves `type`, else ARM's error (missing, malformed, or no provider registered for it).
 */
export function registryApiVersion(
  query: URLSearchParams,
  type: RegistryResourceType,
  location: string,
): ApiVersion {
  const version = query.get("api-version");
  if (!version) throw armErrors.missingApiVersion();
  const name = version.toLowerCase();
  const properties = API_VERSION_TABLE[name];
  const serving = versionsServing(type);
  if (properties && serving.includes(name)) return { name, properties };
  if (!WELL_FORMED.test(version)) throw armErrors.invalidApiVersion(version, serving);
  // ARM lists the newest first.
  throw armErrors.noRegisteredProvider(version, type, location, [...serving].reverse());
}

/** The request's api-version when `supported` lists it, else ARM's 400 (missing or invalid). */
export function checkApiVersion(query: URLSearchParams, supported: readonly string[]): string {
  const version = query.get("api-version");
  if (!version) throw armErrors.missingApiVersion();
  if (!supported.includes(version.toLowerCase()))
    throw armErrors.invalidApiVersion(version, supported);
  return version;
}
