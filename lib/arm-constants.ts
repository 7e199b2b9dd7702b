/**
 * Names and versions ARM defines that both the server and the browser use: the server asks ARM
 * about them, the browser names them in guards, dialogs and failure advice. Isomorphic: no Node or
 * React imports here.
 */

/** The action that changes registry-wide settings, such as regional endpoints. */
export const REGISTRY_WRITE = "Microsoft.ContainerRegistry/registries/write";

/** The action that changes a replica, such as its global endpoint routing. */
export const REPLICATION_WRITE = "Microsoft.ContainerRegistry/registries/replications/write";

/** The built-in role that grants both write actions (Owner does too). */
export const WRITE_ROLE = "Contributor";

/**
 * The first api-version with `regionalEndpoints` and `regionalEndpointHostNames` (see
 * ACR-FACTS.md): registries are read and patched at it, and the dialog names it.
 */
export const REGIONAL_ENDPOINTS_API_VERSION = "2026-01-01-preview";
