/**
 * Entra's instance discovery (`GET /common/discovery/instance?api-version=1.1&authorization_endpoint=`)
 * as MSAL libraries for other languages ask it before any token call, pointed at this authority:
 * the tenant discovery document to read next, and the host's aliases (only itself here).
 */
export interface DiscoveryAnswer {
  status: number;
  body: Record<string, unknown>;
}

const INVALID_INSTANCE = {
  error: "invalid_instance",
  error_description:
    "AADSTS50049: Unknown or invalid instance. The authorization_endpoint must be on this emulated authority.",
};

export function instanceDiscovery(baseUrl: string, params: URLSearchParams): DiscoveryAnswer {
  const host = new URL(baseUrl).host;
  const endpoint = URL.parse(params.get("authorization_endpoint") ?? "");
  // Entra answers for its own hosts only; any other instance is unknown to it.
  if (!endpoint || endpoint.protocol !== "https:" || endpoint.host !== host) {
    return { status: 400, body: INVALID_INSTANCE };
  }
  const tenant = endpoint.pathname.split("/")[1] || "common";
  return {
    status: 200,
    body: {
      tenant_discovery_endpoint: `${baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
}
