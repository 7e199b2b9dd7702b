import { describe, expect, it } from "vitest";
import { isAllowed } from "@/emulator/arm/rbac";
import { allowedActions, holdsRoleOn } from "@/emulator/dataplane/access";
import { registryId } from "@/emulator/dataplane/routing";
import type { RoleName } from "@/emulator/store/types";
import { operator, smallState } from "./store-fixture";

/*
 * One rule for ARM and the data plane: a role's ARM actions on the registry decide what its
 * tokens may do (registries/pull/read, push/write, artifacts/delete).
 */

function stateWith(role: RoleName, scope = "/subscriptions/sub-a") {
  const state = smallState();
  state.principals = [{ ...operator, assignments: [{ scope, role }] }];
  const registry = state.registries.find(
    (r) => r.name === "alpha" && r.subscriptionId === "sub-a",
  )!;
  return { state, registry, principal: state.principals[0]! };
}

describe("data-plane rights from role assignments", () => {
  it.each<[RoleName, string[], boolean]>([
    ["Owner", ["delete", "metadata_read", "metadata_write", "pull", "push"], true],
    ["Contributor", ["delete", "metadata_read", "metadata_write", "pull", "push"], true],
    ["Reader", ["metadata_read", "pull"], false],
    ["Registry Configuration Reader", [], false],
  ])("%s: tokens may %j; ARM writes allowed: %s", (role, actions, writes) => {
    const { state, registry, principal } = stateWith(role);
    expect([...allowedActions(state, operator.objectId, registry)].sort()).toEqual(actions);
    expect(holdsRoleOn(state, operator.objectId, registry)).toBe(true);
    const id = registryId(registry);
    expect(isAllowed(principal, "Microsoft.ContainerRegistry/registries/read", id)).toBe(true);
    expect(
      isAllowed(principal, "Microsoft.ContainerRegistry/registries/replications/read", id),
    ).toBe(true);
    expect(isAllowed(principal, "Microsoft.ContainerRegistry/registries/write", id)).toBe(writes);
  });

  it("grants nothing on a registry outside the assignment's scope", () => {
    const { state } = stateWith("Reader", "/subscriptions/sub-b");
    const registry = state.registries.find((r) => r.subscriptionId === "sub-a")!;
    expect(allowedActions(state, operator.objectId, registry).size).toBe(0);
    expect(holdsRoleOn(state, operator.objectId, registry)).toBe(false);
    expect(holdsRoleOn(state, "someone-else", registry)).toBe(false);
  });
});
