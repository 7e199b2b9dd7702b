/**
 * A first path segment as Entra takes it for a tenant: a GUID or common/organizations/consumers.
 * The main server routes such paths to the identity and every other one to ARM, so that ARM's
 * error envelope answers all paths ARM would own.
 */
export function looksLikeTenant(segment: string | undefined): boolean {
  if (!segment) return false;
  return (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) ||
    ["common", "organizations", "consumers"].includes(segment.toLowerCase())
  );
}
