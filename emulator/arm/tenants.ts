import { RESOURCES_API_VERSIONS, checkApiVersion } from "./api-versions";
import type { ArmContext, ArmRequest, ArmResult } from "./context";
import { principalsOfKind } from "../store/finders";

/**
 * `GET /tenants`: the caller's tenant, the emulator's only one. `az login` lists tenants this way
 * before it lists each tenant's subscriptions. The domains are those of the seeded users' sign-in
 * names (the emulator keeps no tenant record of its own).
 */
export function listTenants(ctx: ArmContext, req: ArmRequest): ArmResult {
  checkApiVersion(req.url.searchParams, RESOURCES_API_VERSIONS);
  const state = ctx.store.state;
  const domains = [
    ...new Set(
      principalsOfKind(state, "user")
        .map((p) => p.username?.split("@")[1])
        .filter((d): d is string => !!d),
    ),
  ];
  const tenant = {
    id: `/tenants/${state.tenantId}`,
    tenantId: state.tenantId,
    tenantCategory: "Home",
    ...(domains[0] ? { displayName: domains[0], defaultDomain: domains[0], domains } : {}),
    tenantType: "AAD",
  };
  return { status: 200, body: { value: [tenant] } };
}
