import { describe, expect, it } from "vitest";
import type { ArmPermission } from "@/lib/azure/arm-types";
import { REGISTRY_WRITE, REPLICATION_WRITE } from "@/lib/arm-constants";
import { isActionAllowed } from "@/lib/azure/permissions";

const owner: ArmPermission = { actions: ["*"], notActions: [] };
const contributor: ArmPermission = {
  actions: ["*"],
  notActions: [
    "Microsoft.Authorization/*/Delete",
    "Microsoft.Authorization/*/Write",
    "Microsoft.Authorization/elevateAccess/Action",
  ],
};
const reader: ArmPermission = { actions: ["*/read"], notActions: [] };
const acrContributor: ArmPermission = { actions: ["Microsoft.ContainerRegistry/registries/*"] };
const noReplicas: ArmPermission = {
  actions: ["Microsoft.ContainerRegistry/*"],
  notActions: ["Microsoft.ContainerRegistry/registries/replications/*"],
};

describe("isActionAllowed", () => {
  it.each([
    ["Owner", [owner], true, true],
    ["Contributor", [contributor], true, true],
    ["Reader", [reader], false, false],
    ["registries/* (case-insensitive)", [acrContributor], true, true],
    ["replications excluded", [noReplicas], true, false],
    ["reader plus a grant in another assignment", [reader, acrContributor], true, true],
    ["nothing", [], false, false],
  ])("%s", (_label, permissions, registryWrite, replicationWrite) => {
    expect(isActionAllowed(permissions, REGISTRY_WRITE)).toBe(registryWrite);
    expect(isActionAllowed(permissions, REPLICATION_WRITE)).toBe(replicationWrite);
  });

  it("does not treat regex characters in actions as patterns", () => {
    expect(
      isActionAllowed(
        [{ actions: ["Microsoft.ContainerRegistry/registries/writ."] }],
        REGISTRY_WRITE,
      ),
    ).toBe(false);
  });

  it("scopes notActions to their own entry", () => {
    const permissions: ArmPermission[] = [noReplicas, { actions: [REPLICATION_WRITE] }];
    expect(isActionAllowed(permissions, REPLICATION_WRITE)).toBe(true);
  });
});
