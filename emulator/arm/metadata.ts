import { checkApiVersion } from "./api-versions";
import type { ArmResult } from "./context";

/**
 * `GET /metadata/endpoints`: ARM's cloud metadata, which clients read (without a token) to learn a
 * cloud from its ARM URL alone: `az cloud register --endpoint-resource-manager`, Terraform's
 * `metadata_host`, the Azure SDKs' environment loaders. Two shapes exist: the first versions
 * answer one object (gallery, graph, portal, authentication); later ones an array of clouds.
 */
const LEGACY_VERSIONS = ["1.0", "2015-01-01"];
const CLOUD_LIST_VERSIONS = ["2019-05-01", "2019-10-01", "2020-06-01", "2022-09-01"];
export const METADATA_API_VERSIONS = [...LEGACY_VERSIONS, ...CLOUD_LIST_VERSIONS];

/** The audiences ARM accepts in a token; clients ask the login endpoint for the first. */
export const ARM_AUDIENCES = [
  "https://management.core.windows.net/",
  "https://management.azure.com/",
];

/** The name the emulated cloud goes by (not AzureCloud: clients special-case that name). */
export const CLOUD_NAME = "AzureEmulator";

export function cloudMetadata(baseUrl: string, query: URLSearchParams): ArmResult {
  const version = checkApiVersion(query, METADATA_API_VERSIONS);
  // Services the emulator does not play (portal, graph, gallery) point at the emulator as well,
  // so that a client calling them gets ARM's 404 here instead of leaving for the real Azure.
  const origin = `${baseUrl}/`;
  const authentication = { loginEndpoint: origin, audiences: ARM_AUDIENCES };
  if (LEGACY_VERSIONS.includes(version)) {
    return {
      status: 200,
      body: {
        galleryEndpoint: origin,
        graphEndpoint: origin,
        portalEndpoint: origin,
        authentication,
      },
    };
  }
  return {
    status: 200,
    body: [
      {
        name: CLOUD_NAME,
        portal: baseUrl,
        resourceManager: origin,
        authentication: { ...authentication, tenant: "common", identityProvider: "AAD" },
        // Registries keep their Azure names; a host mapping sends them to the data plane.
        suffixes: { acrLoginServer: "azurecr.io" },
      },
    ],
  };
}
