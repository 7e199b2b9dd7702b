import { armErrors } from "./errors";

/** The Microsoft.ContainerRegistry versions the emulator serves (the SDK's GA and the preview). */
const REGISTRY_API_VERSIONS = ["2025-11-01", "2026-01-01-preview"] as const;
export type ApiVersion = (typeof REGISTRY_API_VERSIONS)[number];

export const SUBSCRIPTIONS_API_VERSIONS = [
  "2016-06-01",
  "2019-06-01",
  "2020-01-01",
  "2021-01-01",
  "2022-12-01",
] as const;

export const PERMISSIONS_API_VERSIONS = ["2015-07-01", "2018-01-01-preview", "2022-04-01"] as const;

const WELL_FORMED = /^\d{4}-\d{2}-\d{2}(-preview|-beta|-alpha|-privatepreview)?$/i;

export function isPreview(version: ApiVersion): boolean {
  return version.endsWith("-preview");
}

/** The request's api-version when it is a registry version the emulator serves, else an ARM error. */
export function registryApiVersion(
  query: URLSearchParams,
  type: string,
  location: string,
): ApiVersion {
  const version = query.get("api-version");
  if (!version) throw armErrors.missingApiVersion();
  const known = REGISTRY_API_VERSIONS.find((v) => v === version.toLowerCase());
  if (known) return known;
  if (!WELL_FORMED.test(version)) throw armErrors.invalidApiVersion(version, REGISTRY_API_VERSIONS);
  throw armErrors.noRegisteredProvider(version, type, location, REGISTRY_API_VERSIONS);
}

export function checkApiVersion(query: URLSearchParams, supported: readonly string[]): string {
  const version = query.get("api-version");
  if (!version) throw armErrors.missingApiVersion();
  if (!supported.includes(version.toLowerCase()))
    throw armErrors.invalidApiVersion(version, supported);
  return version;
}
