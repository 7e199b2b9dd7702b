/**
 * The OpenID discovery document of a multi-tenant alias (`common`, `organizations`), as Entra
 * serves it: endpoints under the alias, and the issuer as the `{tenantid}` template (the tenant
 * is known only once someone signs in). Built from the tenant's own document.
 */
export function aliasDiscovery(
  doc: Record<string, unknown>,
  tenantPrefix: string,
  aliasPrefix: string,
  baseUrl: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    out[key] =
      typeof value === "string" && value.startsWith(tenantPrefix)
        ? aliasPrefix + value.slice(tenantPrefix.length)
        : value;
  }
  out.issuer = `${baseUrl}/{tenantid}/v2.0`;
  return out;
}
